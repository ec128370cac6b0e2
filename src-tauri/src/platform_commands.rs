//! IPC commands for a platform playbook's state: switch it on or off, its logs, rerun its
//! failed runs there. Like every command, each runs the studio off the window's thread.

use crate::AppState;
use studio_core::{ErrorPayload, PlatformLogLine, PlatformPlaybookStatus};
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

/// Switches a pushed playbook on (it runs on every event its trigger receives) or off.
#[tauri::command]
pub async fn platform_set_active(state: State<'_, AppState>, playbook_id: String, on: bool) -> Reply<PlatformPlaybookStatus> {
    state.run_network(move |studio| studio.platform_set_active(&playbook_id, on)).await
}

/// The newest log lines of a pushed playbook and of its trigger configurations.
#[tauri::command]
pub async fn platform_logs(state: State<'_, AppState>, playbook_id: String, limit: u32) -> Reply<Vec<PlatformLogLine>> {
    state.run_network(move |studio| studio.platform_logs(&playbook_id, limit)).await
}

/// Asks the platform to rerun every failed run of a pushed playbook; how many it listed.
#[tauri::command]
pub async fn platform_rerun_failed(state: State<'_, AppState>, playbook_id: String) -> Reply<usize> {
    state.run_network(move |studio| studio.rerun_failed_on_platform(&playbook_id)).await
}
