//! IPC commands of the webhook listener ("Listen for webhooks"): start one for a playbook,
//! say whether one is listening, stop it. The listener serves on a thread of its own with a
//! studio of its own (`Studio::open_sibling`); its runs reach the page like the CLI's, through
//! the runs list and the RUN view's following of runs made elsewhere.

use crate::{off_main_thread, AppState};
use studio_core::listen::{schedule_infos, scheduled_triggers, ListenEvent, ListenOptions, Listener, ListenerInfo, ScheduledTrigger, StartListenerInput, Stopper};
use studio_core::StudioError;
use tauri::State;

type Reply<T> = Result<T, studio_core::ErrorPayload>;

/// The listener of this window, while it listens.
pub struct ActiveListener {
    info: ListenerInfo,
    scheduled: Vec<ScheduledTrigger>,
    stopper: Stopper,
    thread: std::thread::JoinHandle<()>,
}

/// Starts listening for the playbook's webhook events (one listener at a time: starting one
/// stops the previous). A port in use is an error that names it.
#[tauri::command]
pub async fn start_listener(state: State<'_, AppState>, input: StartListenerInput) -> Reply<ListenerInfo> {
    let previous = state.listener.lock().unwrap_or_else(|p| p.into_inner()).take();
    let sibling = state.run(|studio| studio.open_sibling()).await?;
    let slot = state.listener.clone();
    off_main_thread(move || {
        if let Some(old) = previous {
            old.stopper.stop();
            let _ = old.thread.join();
        }
        let options = ListenOptions::from(input);
        let mut studio = sibling;
        let (_, playbook) = studio.playbook(&options.playbook_id)?;
        let (scheduled, _) = scheduled_triggers(&playbook)?;
        let listener = Listener::bind(options.port)?;
        let info = ListenerInfo { url: listener.url(), playbook_id: options.playbook_id.clone(), schedules: schedule_infos(&scheduled) };
        let stopper = listener.stopper();
        let thread = std::thread::spawn(move || {
            let mut log = |e: ListenEvent<'_>| {
                if let ListenEvent::Refused { from, status, message } = e {
                    tracing::warn!(%from, status, message, "webhook request refused");
                }
            };
            if let Err(e) = listener.serve(&mut studio, &options, &mut log) {
                tracing::error!(error = %e, "the webhook listener stopped");
            }
        });
        tracing::info!(url = %info.url, playbook = %info.playbook_id, "listening for webhooks");
        *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(ActiveListener { info: info.clone(), scheduled, stopper, thread });
        Ok(info)
    })
    .await
}

/// The listener listening now, if any, with its schedules' next times as of now.
#[tauri::command]
pub async fn listener_status(state: State<'_, AppState>) -> Reply<Option<ListenerInfo>> {
    Ok(state.listener.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|l| ListenerInfo { schedules: schedule_infos(&l.scheduled), ..l.info.clone() }))
}

/// Stops listening: no new run starts, the one under way finishes. `false` when nothing listened.
#[tauri::command]
pub async fn stop_listener(state: State<'_, AppState>) -> Reply<bool> {
    let Some(active) = state.listener.lock().unwrap_or_else(|p| p.into_inner()).take() else { return Ok(false) };
    off_main_thread(move || {
        active.stopper.stop();
        active.thread.join().map_err(|_| StudioError::Refused("the listener stopped unexpectedly".into()))?;
        Ok(true)
    })
    .await
}
