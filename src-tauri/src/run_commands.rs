//! IPC commands of runs: start one (locally, or on the platform), stop it, rerun one, and
//! the reads of the RUN view, the runs list and the Jinja tester. A run streams its events
//! to the page through a `Channel` as they happen and the command answers when it ends.
//!
//! Local runs go to the app's third `Studio` (`AppState::runner`), one at a time, on a
//! blocking thread: editing, autosave and the runs list keep their own connection.

use crate::{off_main_thread, AppState};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use studio_core::{jinja::JinjaOutcome, RemoteRunRequest, RunDefaults, RunDetailsView, RunEvent, RunEventView, RunListFilter, RunPage, RunSettings, RunSummaryView, StartRunInput};
use tauri::ipc::Channel;
use tauri::State;

type Reply<T> = Result<T, studio_core::ErrorPayload>;

/// How often a run's events are sent to the page: one message per batch keeps a fast run
/// (hundreds of events in milliseconds) from flooding the window's main loop.
const BATCH_EVERY: Duration = Duration::from_millis(30);

/// Forwards a run's events to the page in batches, from a thread of its own: events are
/// queued as the run makes them and sent every 30 ms, so a run that waits on the outside
/// world still shows its latest states. Dropping it sends what is left and waits for the
/// thread: every event has reached the page before the command answers.
struct Forwarder {
    tx: Option<mpsc::Sender<RunEventView>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Forwarder {
    fn new(channel: Channel<Vec<RunEventView>>) -> Self {
        let (tx, rx) = mpsc::channel::<RunEventView>();
        let thread = std::thread::spawn(move || {
            while let Ok(first) = rx.recv() {
                let mut batch = vec![first];
                let until = Instant::now() + BATCH_EVERY;
                while let Some(left) = until.checked_duration_since(Instant::now()) {
                    match rx.recv_timeout(left) {
                        Ok(event) => batch.push(event),
                        Err(_) => break,
                    }
                }
                if let Err(e) = channel.send(batch) {
                    tracing::warn!(error = %e, "run events could not reach the window");
                }
            }
        });
        Self { tx: Some(tx), thread: Some(thread) }
    }

    fn send(&self, event: &RunEvent) {
        if let Some(tx) = &self.tx {
            // The thread lives until this sender is dropped: the send cannot fail before.
            let _ = tx.send(RunEventView::from(event));
        }
    }
}

impl Drop for Forwarder {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Runs a playbook locally; its events go to `on_event`. Refused while another local run
/// is going.
#[tauri::command]
pub async fn start_run(state: State<'_, AppState>, input: StartRunInput, on_event: Channel<Vec<RunEventView>>) -> Reply<RunSummaryView> {
    let token = state.begin_run()?;
    state
        .run_local(move |studio| {
            let events = Forwarder::new(on_event);
            let outcome = studio.run_playbook(input.into(), &mut |e: &RunEvent| events.send(e), token.cancel())?;
            Ok(studio.run_details(&outcome.run_id)?.run)
        })
        .await
}

/// Cancels the local run in progress (its running action is cancelled through the engine).
/// `false` when there was none.
#[tauri::command]
pub async fn stop_run(state: State<'_, AppState>) -> Reply<bool> {
    Ok(state.stop_run())
}

/// Reruns a run where it ran: a local run locally, a platform run on the platform.
/// `only_failed`: the failed and pending actions only, reusing the succeeded ones.
#[tauri::command]
pub async fn rerun_run(state: State<'_, AppState>, run_id: String, only_failed: bool, on_event: Channel<Vec<RunEventView>>) -> Reply<RunSummaryView> {
    let id = run_id.clone();
    let origin = state.run(move |studio| Ok(studio.run_details(&id)?.run.origin)).await?;
    if origin == "platform" {
        return state
            .run_network(move |studio| {
                let events = Forwarder::new(on_event);
                let outcome = studio.rerun_on_platform(&run_id, only_failed, true, &mut |e: &RunEvent| events.send(e))?;
                Ok(studio.run_details(&outcome.run_id)?.run)
            })
            .await;
    }
    let token = state.begin_run()?;
    state
        .run_local(move |studio| {
            let events = Forwarder::new(on_event);
            let outcome = studio.rerun(&run_id, only_failed, &mut |e: &RunEvent| events.send(e), token.cancel())?;
            Ok(studio.run_details(&outcome.run_id)?.run)
        })
        .await
}

/// Sends the event to the pushed playbook on the platform and follows the run it starts.
#[tauri::command]
pub async fn platform_run(state: State<'_, AppState>, playbook_id: String, event: Value, trigger: Option<String>, on_event: Channel<Vec<RunEventView>>) -> Reply<RunSummaryView> {
    state
        .run_network(move |studio| {
            let events = Forwarder::new(on_event);
            let outcome = studio.run_on_platform(RemoteRunRequest { playbook: playbook_id, event, follow: true, trigger }, &mut |e: &RunEvent| events.send(e))?;
            Ok(studio.run_details(&outcome.run_id)?.run)
        })
        .await
}

#[tauri::command]
pub async fn list_runs(state: State<'_, AppState>, playbook_id: String, filter: RunListFilter, offset: u32, limit: u32) -> Reply<RunPage> {
    state.run(move |studio| studio.run_page(&playbook_id, &filter, offset, limit)).await
}

#[tauri::command]
pub async fn get_run(state: State<'_, AppState>, run_id: String) -> Reply<RunDetailsView> {
    state.run(move |studio| studio.run_details(&run_id)).await
}

/// The run's CODE JSON as UTF-8 text (what the CODE view shows and the tester takes), sent
/// as raw bytes: tens of megabytes are not escaped into a JSON string on the way.
#[tauri::command]
pub async fn get_run_code(state: State<'_, AppState>, run_id: String) -> Reply<tauri::ipc::Response> {
    state.run(move |studio| studio.run_code_text(&run_id)).await.map(|text| tauri::ipc::Response::new(text.into_bytes()))
}

#[tauri::command]
pub async fn get_run_defaults(state: State<'_, AppState>, playbook_id: String) -> Reply<RunDefaults> {
    state.run(move |studio| studio.run_defaults(&playbook_id)).await
}

#[tauri::command]
pub async fn set_run_settings(state: State<'_, AppState>, playbook_id: String, settings: RunSettings) -> Reply<RunSettings> {
    state.run(move |studio| studio.set_run_settings(&playbook_id, &settings)).await
}

/// A JSON file the user picked (an event, pinned results).
#[tauri::command]
pub async fn read_json_file(path: PathBuf) -> Reply<Value> {
    off_main_thread(move || studio_core::read_json_file(&path)).await
}

/// Renders a template on data given as JSON text with the platform's Jinja (the tester).
#[tauri::command]
pub async fn render_jinja(template: String, data: String, strict: bool) -> Reply<JinjaOutcome> {
    off_main_thread(move || studio_core::jinja::render_text(&template, &data, strict)).await
}
