//! `playbook test …` and `playbook diff-runs`: playbook tests and run comparison.

use crate::output::{self, line};
use crate::runs::resolve_playbook;
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;
use studio_core::{Studio, StudioError};

pub fn add(studio: &mut Studio, run_id: &str, name: Option<&str>, json: bool) -> Result<ExitCode, StudioError> {
    let case = studio.add_test_from_run(run_id, name)?;
    if json {
        output::json(&case);
    } else {
        let pins = case.pins.len();
        line(format!("added the test “{}” ({} block expectations, {pins} pinned results)", case.name, case.expect.nodes.len()));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn test(studio: &mut Studio, playbook: Option<&str>, tests: Option<&Path>, junit: Option<&Path>, json: bool) -> Result<ExitCode, StudioError> {
    let Some(playbook) = playbook else {
        eprintln!("playbook test: give a playbook file or id (or `playbook test add RUN_ID`)");
        return Ok(ExitCode::from(2));
    };
    let id = match resolve_playbook(studio, playbook)? {
        Ok(id) => id,
        Err(code) => return Ok(code),
    };
    // --tests, else the file beside a playbook FILE, else the stored tests.
    let beside = Path::new(playbook).is_file().then(|| studio_core::tests_path(Path::new(playbook))).filter(|p| p.is_file());
    let cases = match tests.or(beside.as_deref()) {
        Some(file) => {
            let bytes = std::fs::read(file).map_err(|e| StudioError::io(file, e))?;
            Some(Studio::parse_tests_file(&bytes, &file.display().to_string())?.tests)
        }
        None => None,
    };
    let results = studio.run_tests(&id, cases)?;
    if results.is_empty() {
        eprintln!("{playbook}: no test to run (save a run as one with `playbook test add RUN_ID`)");
        return Ok(ExitCode::FAILURE);
    }
    let failed = results.iter().filter(|r| !r.passed).count();
    if let Some(path) = junit {
        let (record, _) = studio.playbook(&id)?;
        studio_core::write_atomically(path, studio_core::testing::junit_xml(&record.name, &results).as_bytes()).map_err(|e| StudioError::io(path, e))?;
    }
    if json {
        output::json(&json!({ "playbook": id, "passed": results.len() - failed, "failed": failed, "results": results }));
    } else {
        for r in &results {
            if r.passed {
                line(format!("PASS  {}  ({} ms)", r.name, r.duration_ms));
            } else {
                line(format!("FAIL  {}  (run {})", r.name, r.run_id.as_deref().unwrap_or("-")));
                for f in &r.failures {
                    line(format!("      {}", f.message));
                }
            }
        }
        line(format!("{} passed, {failed} failed", results.len() - failed));
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

pub fn diff_runs(studio: &Studio, first: &str, second: &str, json: bool) -> Result<ExitCode, StudioError> {
    let comparison = studio.compare_runs(first, second)?;
    if json {
        output::json(&comparison);
    } else if comparison.differences.is_empty() {
        line("the runs agree: same blocks, states, branches, arguments and results");
    } else {
        for d in &comparison.differences {
            let block = match &d.name {
                Some(name) => format!("“{name}” ({})", d.node_id),
                None => format!("block {}", d.node_id),
            };
            let at = d.iteration.map(|i| format!(" item {i}")).unwrap_or_default();
            let what = match d.what.as_str() {
                "only_in_first" => format!("ran only in the first run ({})", d.first.as_deref().unwrap_or("-")),
                "only_in_second" => format!("ran only in the second run ({})", d.second.as_deref().unwrap_or("-")),
                "status" | "branch" => format!("{}: {} → {}", d.what, d.first.as_deref().unwrap_or("none"), d.second.as_deref().unwrap_or("none")),
                other => format!("{other}: {}", d.changes.iter().map(|c| format!("{} {}", c.kind, if c.path.is_empty() { "(the whole value)" } else { &c.path })).collect::<Vec<_>>().join(", ")),
            };
            line(format!("{block}{at}: {what}"));
        }
    }
    if !json && !comparison.playbook_changes.is_empty() {
        let versions = |v: Option<u32>| v.map(|v| format!("v{v}")).unwrap_or_else(|| "?".into());
        line(format!(
            "the playbook changed between the runs ({} → {}): {}",
            versions(comparison.first.playbook_version),
            versions(comparison.second.playbook_version),
            comparison.playbook_changes.iter().map(|c| c.path.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(if comparison.differences.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
