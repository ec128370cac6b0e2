//! IPC commands: one line each over `Studio`.

use crate::AppState;
use serde_json::Value;
use studio_core::{CatalogView, CreatePlaybookInput, DiagnosticView, ErrorPayload, PlaybookDocument, PlaybookSummary, VersionView};
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub fn list_playbooks(state: State<'_, AppState>) -> Reply<Vec<PlaybookSummary>> {
    state.with(|studio| studio.list_playbooks())
}

#[tauri::command]
pub fn create_playbook(state: State<'_, AppState>, input: CreatePlaybookInput) -> Reply<PlaybookSummary> {
    state.with(|studio| studio.create_playbook(input))
}

#[tauri::command]
pub fn get_playbook(state: State<'_, AppState>, id: String) -> Reply<PlaybookDocument> {
    state.with(|studio| studio.playbook_document(&id))
}

#[tauri::command]
pub fn save_playbook(state: State<'_, AppState>, id: String, content: Value, summary: String) -> Reply<PlaybookSummary> {
    state.with(|studio| studio.save_document(&id, content, &summary))
}

#[tauri::command]
pub fn validate_playbook(state: State<'_, AppState>, content: Value) -> Reply<Vec<DiagnosticView>> {
    state.with(|studio| Ok(studio.validate_document(content)))
}

#[tauri::command]
pub fn get_catalog(state: State<'_, AppState>) -> Reply<CatalogView> {
    state.with(|studio| Ok(studio.catalog_view()))
}

#[tauri::command]
pub fn list_versions(state: State<'_, AppState>, id: String) -> Reply<Vec<VersionView>> {
    state.with(|studio| studio.versions(&id))
}

#[tauri::command]
pub fn restore_version(state: State<'_, AppState>, id: String, version: u32) -> Reply<PlaybookSummary> {
    state.with(|studio| studio.restore_version(&id, version))
}

#[tauri::command]
pub fn rename_playbook(state: State<'_, AppState>, id: String, name: String) -> Reply<PlaybookSummary> {
    state.with(|studio| studio.rename_playbook(&id, &name))
}

#[tauri::command]
pub fn duplicate_playbook(state: State<'_, AppState>, id: String) -> Reply<PlaybookSummary> {
    state.with(|studio| studio.duplicate_playbook(&id))
}

#[tauri::command]
pub fn delete_playbook(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.with(|studio| studio.delete_playbook(&id))
}
