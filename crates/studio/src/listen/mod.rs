//! A local webhook trigger: a listener on 127.0.0.1 that runs a playbook for each JSON body
//! POSTed to it, the body being the trigger's event, and answers `202 {"run_id": …}` as soon
//! as the run has started. Runs go one at a time, in arrival order, on the thread that
//! serves (it owns the `Studio`); requests wait in a bounded queue (503 when it is full).
//!
//! Stopping is graceful: [`Stopper::stop`] refuses new requests (503) and lets the run under
//! way finish; [`Stopper::cancel_runs`] cancels it too. A process killed outright leaves its
//! run `running`, which the next start marks `interrupted` (as for any run).
//!
//! Used by `playbook listen` and the app's "Listen for webhooks". Not here: TLS or other
//! interfaces than loopback (this is a test tool for one analyst's machine).

mod http;

use crate::{Result, RunRequest, Studio, StudioError};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::Duration;
use studio_engine::{CancellationToken, MockMode, RunEvent, RunStatus};

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

/// A listener as the app shows it: where to POST, for which playbook.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ListenerInfo {
    pub url: String,
    pub playbook_id: String,
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
        studio.playbook(&options.playbook_id)?;
        let (tx, rx) = mpsc::sync_channel::<Msg>(QUEUE);
        let stopper = self.stopper.clone();
        let (max_body, playbook_id) = (options.max_body, options.playbook_id.clone());
        let accepting = std::thread::spawn(move || accept_loop(self.socket, &stopper, &tx, max_body, &playbook_id));
        let summary = run_loop(studio, options, &rx, &self.stopper, on_event);
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

fn run_loop(studio: &mut Studio, options: &ListenOptions, rx: &Receiver<Msg>, stopper: &Stopper, on_event: &mut dyn FnMut(ListenEvent<'_>)) -> ListenSummary {
    let mut summary = ListenSummary::default();
    loop {
        let msg = match rx.recv_timeout(Duration::from_millis(100)) {
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
                let request = RunRequest {
                    playbook_id: options.playbook_id.clone(),
                    event,
                    mock: options.mock,
                    pins: options.pins.clone(),
                    rate_limit: None,
                    trigger: options.trigger.clone(),
                };
                let mut reply = Some(reply);
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
        }
    }
    summary
}
