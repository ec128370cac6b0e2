//! IPC commands of the Tests tab and of run comparison: one line each over `Studio`.
//! Tests run as local runs, on the runner studio and under the local run slot, so editing
//! and autosave never wait for them.

use crate::AppState;
use studio_core::testing::{TestCase, TestResult};
use studio_core::{ErrorPayload, ImportedBundle, RunComparison};
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn list_tests(state: State<'_, AppState>, playbook_id: String) -> Reply<Vec<TestCase>> {
    state.run(move |studio| studio.tests(&playbook_id)).await
}

#[tauri::command]
pub async fn save_tests(state: State<'_, AppState>, playbook_id: String, tests: Vec<TestCase>) -> Reply<()> {
    state.run(move |studio| studio.set_tests(&playbook_id, tests)).await
}

#[tauri::command]
pub async fn add_test_from_run(state: State<'_, AppState>, run_id: String, name: Option<String>) -> Reply<TestCase> {
    state.run(move |studio| studio.add_test_from_run(&run_id, name.as_deref())).await
}

/// Runs the playbook's tests (only those named, when `names` is given).
#[tauri::command]
pub async fn run_tests(state: State<'_, AppState>, playbook_id: String, names: Option<Vec<String>>) -> Reply<Vec<TestResult>> {
    let _ticket = state.begin_run()?;
    state
        .run_local(move |studio| {
            let mut tests = studio.tests(&playbook_id)?;
            if let Some(names) = names {
                tests.retain(|t| names.contains(&t.name));
            }
            studio.run_tests(&playbook_id, Some(tests))
        })
        .await
}

#[tauri::command]
pub async fn compare_runs(state: State<'_, AppState>, first: String, second: String) -> Reply<RunComparison> {
    state.run(move |studio| studio.compare_runs(&first, &second)).await
}

/// Writes the run's bundle (secrets replaced) to `path`.
#[tauri::command]
pub async fn export_run_bundle(state: State<'_, AppState>, run_id: String, path: std::path::PathBuf) -> Reply<()> {
    state.run(move |studio| studio.export_run_bundle(&run_id, &path)).await
}

#[tauri::command]
pub async fn import_run_bundle(state: State<'_, AppState>, path: std::path::PathBuf) -> Reply<ImportedBundle> {
    state.run(move |studio| studio.import_run_bundle(&path)).await
}
