//! `playbook listen`: a local webhook (127.0.0.1) that runs a playbook for each JSON event
//! POSTed to it, and at the times of its Cron triggers' schedules, until Ctrl+C (once: the
//! run under way finishes; twice: it is cancelled).

use crate::output::line;
use crate::runs::{printer, read_pins, resolve_playbook};
use serde_json::json;
use std::process::ExitCode;
use studio_core::listen::{ListenEvent, ListenOptions, Listener, DEFAULT_MAX_BODY};
use studio_core::{MockMode, RunEvent, Studio, StudioError};

/// One JSON object per line (`--json`: a stream a script reads as it comes).
fn json_line(value: &serde_json::Value) {
    line(value.to_string());
}

/// What `playbook listen` was given.
pub struct ListenArgs<'a> {
    pub playbook: &'a str,
    pub port: u16,
    pub mock: &'a str,
    pub pins: &'a [String],
    pub trigger: Option<String>,
    pub max_body: Option<usize>,
}

pub fn listen(studio: &mut Studio, args: ListenArgs<'_>, json: bool) -> Result<ExitCode, StudioError> {
    let playbook_id = match resolve_playbook(studio, args.playbook)? {
        Ok(id) => id,
        Err(code) => return Ok(code),
    };
    let pins = match read_pins(args.pins)? {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let options = ListenOptions {
        playbook_id: playbook_id.clone(),
        port: args.port,
        mock: MockMode::parse(args.mock).unwrap_or(MockMode::Unknown),
        pins,
        trigger: args.trigger,
        max_body: args.max_body.unwrap_or(DEFAULT_MAX_BODY),
    };
    let listener = Listener::bind(options.port)?;
    let stopper = listener.stopper();
    let presses = std::sync::atomic::AtomicU32::new(0);
    let on_interrupt = move || {
        if presses.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            eprintln!("stopping: no new run starts, the run under way finishes (Ctrl+C again cancels it)");
            stopper.stop();
        } else {
            eprintln!("cancelling the run under way");
            stopper.cancel_runs();
        }
    };
    if let Err(e) = ctrlc::set_handler(on_interrupt) {
        return Err(StudioError::Refused(format!("cannot catch Ctrl+C: {e}")));
    }
    if json {
        json_line(&json!({"listening": listener.url(), "playbook_id": playbook_id}));
    } else {
        line(format!("listening on {} for playbook {playbook_id}: POST a JSON event there (Ctrl+C stops)", listener.url()));
    }
    let mut print = printer(json);
    let mut report = |event: ListenEvent<'_>| match event {
        ListenEvent::Accepted { from } if !json => line(format!("event from {from}")),
        ListenEvent::Accepted { .. } => {}
        ListenEvent::Run(e) => {
            if let (true, RunEvent::RunFinished { run_id, status, error }) = (json, e) {
                json_line(&json!({"run_id": run_id, "status": status, "error": error}));
            }
            print(e);
        }
        ListenEvent::Refused { from, status, message } if !json => line(format!("refused {status} to {from}: {message}")),
        ListenEvent::Refused { from, status, message } => json_line(&json!({"refused": status, "from": from.to_string(), "error": message})),
        ListenEvent::Scheduled { node_id } if !json => line(format!("schedule of trigger {node_id}")),
        ListenEvent::Scheduled { .. } => {}
        ListenEvent::NextRun(info) if !json => match &info.next_run_at {
            Some(at) => line(format!("trigger {} ({}) runs next at {at}", info.node_id, info.cron)),
            None => line(format!("trigger {} ({}) never runs again", info.node_id, info.cron)),
        },
        ListenEvent::NextRun(info) => json_line(&json!({"next_run": info.node_id, "cron": info.cron, "at": info.next_run_at})),
        ListenEvent::Unscheduled { node_id } => eprintln!("trigger {node_id} is a Cron trigger without arguments.cron: it does not run here (set a schedule to run it locally)"),
    };
    let summary = listener.serve(studio, &options, &mut report)?;
    if json {
        json_line(&json!({"stopped": true, "runs": summary.runs, "failed_runs": summary.failed_runs, "refused": summary.refused}));
    } else {
        line(format!("stopped: {} runs ({} not succeeded), {} requests refused", summary.runs, summary.failed_runs, summary.refused));
    }
    Ok(ExitCode::SUCCESS)
}
