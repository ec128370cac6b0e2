//! `playbook run`, `rerun`, `runs`, `run-show`.

use crate::commands::read_file;
use crate::output::{self, line};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use studio_core::{CancellationToken, MockMode, RunEvent, RunOutcome, RunRequest, RunStatus, RunSummaryView, RunView, Studio, StudioError};

/// A JSON document from a file, or from stdin for `-`; errors name the source and position.
pub(crate) fn read_json(source: &str) -> Result<Value, StudioError> {
    let (label, bytes) = if source == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| StudioError::io(Path::new("<stdin>"), e))?;
        ("<stdin>".to_owned(), buf)
    } else {
        (source.to_owned(), read_file(Path::new(source))?)
    };
    serde_json::from_slice(&bytes).map_err(|e| StudioError::io(Path::new(&label), std::io::Error::other(format!("invalid JSON at line {}, column {}: {e}", e.line(), e.column()))))
}

/// Where a node run sits in loops: `[2]`, or `[1.2]` inside nested loops.
fn position(iteration: Option<u32>, scope: Option<&str>) -> String {
    match (scope, iteration) {
        (Some(scope), Some(i)) => format!("[{scope}.{i}]"),
        (None, Some(i)) => format!("[{i}]"),
        _ => String::new(),
    }
}

/// Prints node states as they change (not in --json mode).
pub(crate) fn printer(json: bool) -> impl FnMut(&RunEvent) {
    move |event| {
        if let RunEvent::Notice { message } = event {
            // On stderr, in --json mode too: it is for the person at the terminal.
            eprintln!("note: {message}");
            return;
        }
        if json {
            return;
        }
        match event {
            RunEvent::RunStarted { run_id } => line(format!("run {run_id}")),
            RunEvent::Node { node_run, .. } => {
                let iteration = position(node_run.iteration, node_run.scope.as_deref());
                let mut text = format!("  node {}{iteration}: {}", node_run.node_id, node_run.status.as_str());
                if let Some(b) = node_run.branch.as_deref().filter(|b| *b != "default") {
                    text.push_str(&format!(" → {b}"));
                }
                if node_run.mocked {
                    text.push_str(" (mocked)");
                }
                if node_run.reused {
                    text.push_str(" (reused)");
                }
                if let Some(e) = &node_run.error {
                    text.push_str(&format!(": {e}"));
                }
                line(text);
            }
            RunEvent::Store { .. } => {}
            RunEvent::Notice { .. } => {}
            RunEvent::RunFinished { status, error, .. } => match error {
                Some(e) => line(format!("{}: {e}", status.as_str())),
                None => line(status.as_str()),
            },
        }
    }
}

pub(crate) fn finish(outcome: &RunOutcome, json: bool) -> ExitCode {
    if json {
        output::json(&json!({
            "run_id": outcome.run_id,
            "status": outcome.status,
            "error": outcome.error,
            "node_runs": outcome.node_runs,
        }));
    }
    if outcome.status == RunStatus::Succeeded {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// What `playbook run` was given.
pub struct RunArgs<'a> {
    pub playbook: &'a str,
    pub event: Option<&'a str>,
    pub mock: &'a str,
    pub pins: &'a [String],
    pub rate_limit: Option<u32>,
    pub trigger: Option<String>,
}

/// The stored playbook a FILE or an id names: a file is imported first (when it changed).
/// `Err(code)`: the file is not a valid playbook (its problems are printed).
pub(crate) fn resolve_playbook(studio: &mut Studio, playbook: &str) -> Result<Result<String, ExitCode>, StudioError> {
    let path = Path::new(playbook);
    if !path.is_file() {
        return Ok(Ok(playbook.to_owned()));
    }
    let bytes = read_file(path)?;
    match studio.import_if_changed(&bytes, playbook) {
        Ok(outcome) => Ok(Ok(outcome.record.id)),
        Err(StudioError::InvalidPlaybook(errors)) => {
            for e in &errors {
                eprintln!("{playbook}: {e}");
            }
            Ok(Err(ExitCode::FAILURE))
        }
        Err(e) => Err(e),
    }
}

/// `--pin NODE=FILE` options as results per node. `Err(code)`: a malformed option (said).
pub(crate) fn read_pins(pins: &[String]) -> Result<Result<HashMap<String, Value>, ExitCode>, StudioError> {
    let mut pinned = HashMap::new();
    for pin in pins {
        let Some((node, file)) = pin.split_once('=') else {
            eprintln!("--pin {pin}: expected NODE=FILE");
            return Ok(Err(ExitCode::from(2)));
        };
        pinned.insert(node.to_owned(), read_json(file)?);
    }
    Ok(Ok(pinned))
}

pub fn run(studio: &mut Studio, args: RunArgs<'_>, json: bool) -> Result<ExitCode, StudioError> {
    let RunArgs { playbook, event, mock, pins, rate_limit, trigger } = args;
    let playbook_id = match resolve_playbook(studio, playbook)? {
        Ok(id) => id,
        Err(code) => return Ok(code),
    };
    let event = match event {
        Some(source) => read_json(source)?,
        None => json!({}),
    };
    let pinned = match read_pins(pins)? {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let request = RunRequest { playbook_id, event, mock: MockMode::parse(mock).unwrap_or(MockMode::Unknown), pins: pinned, rate_limit, trigger };
    let outcome = studio.run_playbook(request, &mut printer(json), CancellationToken::new())?;
    Ok(finish(&outcome, json))
}

pub fn rerun(studio: &mut Studio, run_id: &str, only_failed: bool, json: bool) -> Result<ExitCode, StudioError> {
    let outcome = studio.rerun(run_id, only_failed, &mut printer(json), CancellationToken::new())?;
    Ok(finish(&outcome, json))
}

pub fn list(studio: &Studio, id: Option<&str>, json: bool) -> Result<ExitCode, StudioError> {
    print_runs(&studio.runs(id)?.iter().map(RunSummaryView::from).collect::<Vec<_>>(), json);
    Ok(ExitCode::SUCCESS)
}

/// A run list, as JSON (the app's run summaries) or one line per run.
pub(crate) fn print_runs(runs: &[RunSummaryView], json: bool) {
    if json {
        output::json(&runs);
    } else if runs.is_empty() {
        line("no runs yet: `playbook run FILE|ID` starts one");
    } else {
        for r in runs {
            let rerun = r.rerun_of.as_deref().map(|p| format!(" (rerun of {p})")).unwrap_or_default();
            line(format!("{}  {:<11} {}  {}{rerun}", r.id, r.status, r.started_at, r.playbook_id));
        }
    }
}

pub fn show(studio: &Studio, run_id: &str, code: bool, json: bool) -> Result<ExitCode, StudioError> {
    if code {
        output::json(&studio.run_code(run_id)?);
        return Ok(ExitCode::SUCCESS);
    }
    print_view(&studio.run_view(run_id)?, json);
    Ok(ExitCode::SUCCESS)
}

/// A run with its node runs, as JSON or as text.
pub(crate) fn print_view(view: &RunView, json: bool) {
    if json {
        output::json(view);
        return;
    }
    let r = &view.run;
    let version = r.playbook_version.map_or_else(|| format!("on the {}", r.origin), |v| format!("version {v}"));
    line(format!("run {} of playbook {} ({version}): {}", r.id, r.playbook_id, r.status));
    if let Some(e) = &r.error {
        line(format!("error: {e}"));
    }
    for n in &view.node_runs {
        let iteration = position(n.iteration, n.scope.as_deref());
        let flags = [(n.mocked, " mocked"), (n.reused, " reused")].iter().filter(|(f, _)| *f).map(|(_, s)| *s).collect::<String>();
        let branch = n.branch.as_deref().map(|b| format!(" → {b}")).unwrap_or_default();
        let error = n.error.as_deref().map(|e| format!(": {e}")).unwrap_or_default();
        line(format!("  node {}{iteration}: {}{branch}{flags}{error}", n.node_id, n.status));
    }
}
