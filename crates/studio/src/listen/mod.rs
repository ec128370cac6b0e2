//! A local webhook trigger: a listener on 127.0.0.1 that runs a playbook for each JSON body
//! POSTed to it, the body being the trigger's event, and answers `202 {"run_id": …}` as soon
//! as the run has started. Runs go one at a time, in arrival order, on the thread that
//! serves (it owns the `Studio`); requests wait in a bounded queue (503 when it is full).
//!
//! Stopping is graceful: [`Stopper::stop`] refuses new requests (503) and lets the run under
//! way finish; [`Stopper::cancel_runs`] cancels it too. A process killed outright leaves its
//! run `running`, which the next start marks `interrupted` (as for any run).
//!
//! The playbook's Cron triggers run too while it listens: each at the times of its
//! `arguments.cron` schedule (`schedule.rs`), with `{"scheduled_at", "cron"}` as the event,
//! in the same queue as the webhook's events. A time missed while a run was going is not
//! made up: the next one after it is.
//!
//! Used by `playbook listen` and the app's "Listen for webhooks". Not here: TLS or other
//! interfaces than loopback (this is a test tool for one analyst's machine).

mod http;
pub mod schedule;

use crate::{Result, RunRequest, Studio, StudioError};
use schedule::{Schedule, CRON_MODULE};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::Duration;
use studio_engine::{CancellationToken, MockMode, RunEvent, RunStatus};
use studio_model::{NodeType, Playbook};
use time::OffsetDateTime;

/// The default largest body accepted (1 MiB).
pub const DEFAULT_MAX_BODY: usize = 1024 * 1024;
/// Requests that may wait for the run before them.
const QUEUE: usize = 32;

/// How to listen and how each run is made.
#[derive(Debug, Clone)]
pub struct ListenOptions {
    pub playbook_id: String,
    /// The loopback port (0: any free one).
    pub port: u16,
    pub mock: MockMode,
    pub pins: HashMap<String, Value>,
    pub trigger: Option<String>,
    pub max_body: usize,
}

/// The app's "Listen for webhooks": which playbook, on which port, run how.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StartListenerInput {
    pub playbook_id: String,
    /// The loopback port (`null`: 8765; 0: any free port).
    #[serde(default)]
    pub port: Option<u16>,
    #[ts(type = "\"all\" | \"unknown\" | \"none\"")]
    pub mock: MockMode,
    #[ts(type = "Record<string, any>")]
    #[serde(default)]
    pub pins: HashMap<String, Value>,
    #[serde(default)]
    pub trigger: Option<String>,
}

/// The default port of `playbook listen` and of the app's listener.
pub const DEFAULT_PORT: u16 = 8765;

impl From<StartListenerInput> for ListenOptions {
    fn from(i: StartListenerInput) -> Self {
        Self { playbook_id: i.playbook_id, port: i.port.unwrap_or(DEFAULT_PORT), mock: i.mock, pins: i.pins, trigger: i.trigger, max_body: DEFAULT_MAX_BODY }
    }
}

/// A listener as the app shows it: where to POST, for which playbook, and its schedules.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ListenerInfo {
    pub url: String,
    pub playbook_id: String,
    pub schedules: Vec<ScheduleInfo>,
}

/// A Cron trigger that runs while the playbook listens, and when it runs next.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ScheduleInfo {
    pub node_id: String,
    pub cron: String,
    /// RFC 3339, UTC (`null`: the schedule never fires again).
    pub next_run_at: Option<String>,
}

/// A playbook's Cron trigger with its schedule.
#[derive(Debug, Clone)]
pub struct ScheduledTrigger {
    pub node_id: String,
    pub schedule: Schedule,
}

impl ScheduledTrigger {
    pub fn info(&self, now: OffsetDateTime) -> ScheduleInfo {
        ScheduleInfo { node_id: self.node_id.clone(), cron: self.schedule.source().to_owned(), next_run_at: self.schedule.next_after(now).map(rfc3339) }
    }
}

/// Each schedule with its next time as of now.
pub fn schedule_infos(scheduled: &[ScheduledTrigger]) -> Vec<ScheduleInfo> {
    let now = OffsetDateTime::now_utc();
    scheduled.iter().map(|s| s.info(now)).collect()
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// The playbook's Cron triggers that carry a schedule (`arguments.cron`). A schedule that
/// does not parse is an error naming the node; a Cron trigger without one is left out (its
/// runs happen on the platform only) and named in the second list.
pub fn scheduled_triggers(playbook: &Playbook) -> Result<(Vec<ScheduledTrigger>, Vec<String>)> {
    let (mut scheduled, mut without) = (Vec::new(), Vec::new());
    for (id, node) in &playbook.nodes {
        if node.kind != NodeType::Trigger || node.module_uuid.as_deref() != Some(CRON_MODULE) {
            continue;
        }
        match node.arguments.as_ref().and_then(|a| a.get("cron")).and_then(Value::as_str).filter(|c| !c.trim().is_empty()) {
            Some(cron) => {
                let schedule = Schedule::parse(cron).map_err(|e| StudioError::Refused(format!("node {id}: arguments.cron: {e}")))?;
                scheduled.push(ScheduledTrigger { node_id: id.clone(), schedule });
            }
            None => without.push(id.clone()),
        }
    }
    Ok((scheduled, without))
}

/// What a listener reports as it goes (on the thread that serves).
#[derive(Debug)]
pub enum ListenEvent<'a> {
    /// A request was accepted: its run starts now.
    Accepted { from: SocketAddr },
    /// A state change of the run under way.
    Run(&'a RunEvent),
    /// A request was answered with an error.
    Refused { from: SocketAddr, status: u16, message: String },
    /// A Cron trigger's time came: its run starts now.
    Scheduled { node_id: &'a str },
    /// When a Cron trigger runs next (at the start, and after each of its runs).
    NextRun(ScheduleInfo),
    /// A Cron trigger without a schedule: it does not run here.
    Unscheduled { node_id: &'a str },
}

/// What a listener did, once stopped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListenSummary {
    pub runs: u32,
    pub failed_runs: u32,
    pub refused: u32,
}

/// Stops a listener from another thread (a Ctrl+C handler, the app's Stop button).
#[derive(Clone)]
pub struct Stopper {
    stop: Arc<AtomicBool>,
    cancel: CancellationToken,
    addr: SocketAddr,
}

impl Stopper {
    /// No new run starts; the one under way finishes.
    pub fn stop(&self) {
        if !self.stop.swap(true, Ordering::SeqCst) {
            // Wakes the accepting thread, which then sees the flag.
            let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        }
    }

    /// Stops and cancels the run under way.
    pub fn cancel_runs(&self) {
        self.stop();
        self.cancel.cancel();
    }

    pub fn is_stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

/// A request handed to the serving thread.
enum Msg {
    Run { event: Value, from: SocketAddr, reply: mpsc::Sender<std::result::Result<String, String>> },
    Refused { from: SocketAddr, status: u16, message: String },
}

/// A bound listener, not serving yet.
pub struct Listener {
    socket: TcpListener,
    addr: SocketAddr,
    stopper: Stopper,
}

impl Listener {
    /// Binds 127.0.0.1:`port` (0: a free port). A port in use is an error that names it.
    pub fn bind(port: u16) -> Result<Self> {
        let socket = TcpListener::bind(("127.0.0.1", port)).map_err(|e| StudioError::Refused(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        let addr = socket.local_addr().map_err(|e| StudioError::Refused(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        let stopper = Stopper { stop: Arc::new(AtomicBool::new(false)), cancel: CancellationToken::new(), addr };
        Ok(Self { socket, addr, stopper })
    }

    /// The address to POST events to.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub fn stopper(&self) -> Stopper {
        self.stopper.clone()
    }

    /// Serves until stopped: accepts on a thread of its own, runs on this one.
    pub fn serve(self, studio: &mut Studio, options: &ListenOptions, on_event: &mut dyn FnMut(ListenEvent<'_>)) -> Result<ListenSummary> {
        let (_, playbook) = studio.playbook(&options.playbook_id)?;
        let (scheduled, without) = scheduled_triggers(&playbook)?;
        for id in &without {
            on_event(ListenEvent::Unscheduled { node_id: id });
        }
        let (tx, rx) = mpsc::sync_channel::<Msg>(QUEUE);
        let stopper = self.stopper.clone();
        let (max_body, playbook_id) = (options.max_body, options.playbook_id.clone());
        let accepting = std::thread::spawn(move || accept_loop(self.socket, &stopper, &tx, max_body, &playbook_id));
        let summary = run_loop(studio, options, &scheduled, &rx, &self.stopper, on_event);
        self.stopper.stop();
        // Requests still queued are told the listener is stopping.
        drop(rx);
        let _ = accepting.join();
        Ok(summary)
    }
}

fn accept_loop(socket: TcpListener, stopper: &Stopper, tx: &SyncSender<Msg>, max_body: usize, playbook_id: &str) {
    for stream in socket.incoming() {
        if stopper.is_stopped() {
            break;
        }
        let Ok(stream) = stream else { continue };
        let (tx, id) = (tx.clone(), playbook_id.to_owned());
        std::thread::spawn(move || handle(&stream, &tx, max_body, &id));
    }
}

/// Answers one connection: reads it, queues its run, and says which run it started.
fn handle(stream: &TcpStream, tx: &SyncSender<Msg>, max_body: usize, playbook_id: &str) {
    let Ok(from) = stream.peer_addr() else { return };
    let refuse = |status: u16, message: String| {
        http::respond_error(stream, status, &message);
        let _ = tx.try_send(Msg::Refused { from, status, message });
    };
    let request = match http::read_request(stream, max_body) {
        Ok(r) => r,
        Err(r) => return refuse(r.status, r.message),
    };
    match (request.method.as_str(), request.path.split('?').next().unwrap_or("")) {
        ("GET", "/") => return http::respond(stream, 200, &json!({"listening": true, "playbook_id": playbook_id})),
        ("POST", "/") => {}
        (_, "/") => return refuse(405, format!("{} is not accepted: POST the event as JSON", request.method)),
        (_, path) => return refuse(404, format!("nothing at {path}: POST the event to /")),
    }
    let event: Value = match serde_json::from_slice(&request.body) {
        Ok(v @ Value::Object(_)) => v,
        Ok(other) => return refuse(400, format!("the event must be a JSON object, not {}", kind(&other))),
        Err(e) => return refuse(400, format!("the body is not JSON: {e}")),
    };
    let (reply, answer) = mpsc::channel();
    match tx.try_send(Msg::Run { event, from, reply }) {
        Ok(()) => {}
        Err(TrySendError::Full(_)) => return refuse(503, format!("busy: {QUEUE} events are already waiting for their run")),
        Err(TrySendError::Disconnected(_)) => return http::respond_error(stream, 503, "the listener is stopping"),
    }
    match answer.recv() {
        Ok(Ok(run_id)) => http::respond(stream, 202, &json!({"run_id": run_id, "playbook_id": playbook_id})),
        Ok(Err(message)) => http::respond_error(stream, 500, &message),
        Err(_) => http::respond_error(stream, 503, "the listener is stopping"),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A run to make: an event from the webhook (with its answer), or a Cron trigger's time.
struct Job {
    event: Value,
    trigger: Option<String>,
    reply: Option<mpsc::Sender<std::result::Result<String, String>>>,
}

fn run_loop(studio: &mut Studio, options: &ListenOptions, scheduled: &[ScheduledTrigger], rx: &Receiver<Msg>, stopper: &Stopper, on_event: &mut dyn FnMut(ListenEvent<'_>)) -> ListenSummary {
    let mut summary = ListenSummary::default();
    let mut due: Vec<Option<OffsetDateTime>> = scheduled.iter().map(|s| s.schedule.next_after(OffsetDateTime::now_utc())).collect();
    for s in scheduled {
        on_event(ListenEvent::NextRun(s.info(OffsetDateTime::now_utc())));
    }
    loop {
        let now = OffsetDateTime::now_utc();
        if let Some(i) = due.iter().position(|d| d.is_some_and(|d| d <= now)) {
            if stopper.is_stopped() {
                break;
            }
            let trigger = &scheduled[i];
            on_event(ListenEvent::Scheduled { node_id: &trigger.node_id });
            let event = json!({"scheduled_at": due[i].map(rfc3339), "cron": trigger.schedule.source()});
            run_job(studio, options, Job { event, trigger: Some(trigger.node_id.clone()), reply: None }, stopper, &mut summary, on_event);
            let after = OffsetDateTime::now_utc();
            due[i] = trigger.schedule.next_after(after);
            on_event(ListenEvent::NextRun(trigger.info(after)));
            continue;
        }
        let wait = due.iter().flatten().map(|d| (*d - now).try_into().unwrap_or(Duration::ZERO)).min().unwrap_or(Duration::MAX).min(Duration::from_millis(100));
        let msg = match rx.recv_timeout(wait) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) if stopper.is_stopped() => break,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        match msg {
            Msg::Refused { from, status, message } => {
                summary.refused += 1;
                on_event(ListenEvent::Refused { from, status, message });
            }
            Msg::Run { reply, .. } if stopper.is_stopped() => {
                let _ = reply.send(Err("the listener is stopping".to_owned()));
            }
            Msg::Run { event, from, reply } => {
                on_event(ListenEvent::Accepted { from });
                run_job(studio, options, Job { event, trigger: options.trigger.clone(), reply: Some(reply) }, stopper, &mut summary, on_event);
            }
        }
    }
    summary
}

/// Runs one job to its end; a webhook job's sender learns the run id as soon as it starts.
fn run_job(studio: &mut Studio, options: &ListenOptions, job: Job, stopper: &Stopper, summary: &mut ListenSummary, on_event: &mut dyn FnMut(ListenEvent<'_>)) {
    let request = RunRequest { playbook_id: options.playbook_id.clone(), event: job.event, mock: options.mock, pins: options.pins.clone(), rate_limit: None, trigger: job.trigger };
    let mut reply = job.reply;
    let mut forward = |e: &RunEvent| {
        if let (RunEvent::RunStarted { run_id }, Some(r)) = (e, reply.take()) {
            let _ = r.send(Ok(run_id.clone()));
        }
        on_event(ListenEvent::Run(e));
    };
    summary.runs += 1;
    match studio.run_playbook(request, &mut forward, stopper.cancel.clone()) {
        Ok(outcome) if outcome.status == RunStatus::Succeeded => {}
        Ok(_) => summary.failed_runs += 1,
        Err(e) => {
            summary.failed_runs += 1;
            if let Some(r) = reply.take() {
                let _ = r.send(Err(e.to_string()));
            }
        }
    }
}
