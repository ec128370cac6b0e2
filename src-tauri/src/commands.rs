//! IPC commands: one line each over `Studio`.

use crate::AppState;
use serde_json::Value;
use studio_core::{
    CatalogView, CreatePlaybookInput, DiagnosticView, ErrorPayload, ModuleConfigurationView, NewModuleConfigurationInput, PlaybookDocument, PlaybookSummary,
    StartupOpen, VersionView,
};
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

#[tauri::command]
pub fn list_module_configurations(state: State<'_, AppState>, module_uuid: Option<String>) -> Reply<Vec<ModuleConfigurationView>> {
    state.with(|studio| Ok(studio.module_configurations(module_uuid.as_deref())?.into_iter().map(Into::into).collect()))
}

#[tauri::command]
pub fn create_module_configuration(state: State<'_, AppState>, input: NewModuleConfigurationInput) -> Reply<ModuleConfigurationView> {
    state.with(|studio| studio.create_module_configuration_from(input))
}

#[tauri::command]
pub fn replace_module_secret(state: State<'_, AppState>, id: String, field: String, secret: String) -> Reply<ModuleConfigurationView> {
    state.with(|studio| studio.replace_secret(&id, &field, &secret).and_then(|_| studio.module_configuration_view(&id)))
}

#[tauri::command]
pub fn remove_module_secret(state: State<'_, AppState>, id: String, field: String) -> Reply<ModuleConfigurationView> {
    state.with(|studio| studio.remove_secret(&id, &field).and_then(|_| studio.module_configuration_view(&id)))
}

/// The file the app was started with (once; `null` afterwards or when there was none).
#[tauri::command]
pub fn take_startup_playbook(state: State<'_, AppState>) -> Reply<Option<StartupOpen>> {
    Ok(state.take_startup())
}
