//! IPC commands: one line each over `Studio`.

use crate::AppState;
use studio_core::{CreatePlaybookInput, ErrorPayload, PlaybookSummary};
use tauri::State;

#[tauri::command]
pub fn list_playbooks(state: State<'_, AppState>) -> Result<Vec<PlaybookSummary>, ErrorPayload> {
    state.with(|studio| studio.list_playbooks())
}

#[tauri::command]
pub fn create_playbook(state: State<'_, AppState>, input: CreatePlaybookInput) -> Result<PlaybookSummary, ErrorPayload> {
    state.with(|studio| studio.create_playbook(input))
}
