//! IPC commands: one line each over `Studio`. All are async and run the studio on a blocking
//! thread (see `AppState::run`), so neither a slow platform nor a keychain prompt can freeze
//! the window.

use crate::AppState;
use serde_json::Value;
use std::path::PathBuf;
use studio_core::{
    CatalogSync, CatalogView, Comparison, ConnectionReport, CreatePlaybookInput, DiagnosticView, ErrorPayload, ModuleConfigurationView, NewModuleConfigurationInput, PlatformSettings,
    PlaybookDocument, PlaybookSummary, PushResult, RemotePlaybookView, StartupOpen, VersionView, WhenExists,
};
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn list_playbooks(state: State<'_, AppState>) -> Reply<Vec<PlaybookSummary>> {
    state.run(move |studio| studio.list_playbooks()).await
}

#[tauri::command]
pub async fn create_playbook(state: State<'_, AppState>, input: CreatePlaybookInput) -> Reply<PlaybookSummary> {
    state.run(move |studio| studio.create_playbook(input)).await
}

#[tauri::command]
pub async fn get_playbook(state: State<'_, AppState>, id: String) -> Reply<PlaybookDocument> {
    state.run(move |studio| studio.playbook_document(&id)).await
}

#[tauri::command]
pub async fn save_playbook(state: State<'_, AppState>, id: String, content: Value, summary: String) -> Reply<PlaybookSummary> {
    state.run(move |studio| studio.save_document(&id, content, &summary)).await
}

#[tauri::command]
pub async fn validate_playbook(state: State<'_, AppState>, content: Value) -> Reply<Vec<DiagnosticView>> {
    state.run(move |studio| Ok(studio.validate_document(content))).await
}

#[tauri::command]
pub async fn get_catalog(state: State<'_, AppState>) -> Reply<CatalogView> {
    state.run(move |studio| Ok(studio.catalog_view())).await
}

/// One saved version's document (previewed before a restore).
#[tauri::command]
pub async fn get_playbook_version(state: State<'_, AppState>, id: String, version: u32) -> Reply<Value> {
    state.run(move |studio| studio.playbook_version_content(&id, version)).await
}

#[tauri::command]
pub async fn list_versions(state: State<'_, AppState>, id: String) -> Reply<Vec<VersionView>> {
    state.run(move |studio| studio.versions(&id)).await
}

#[tauri::command]
pub async fn restore_version(state: State<'_, AppState>, id: String, version: u32) -> Reply<PlaybookSummary> {
    state.run(move |studio| studio.restore_version(&id, version)).await
}

#[tauri::command]
pub async fn rename_playbook(state: State<'_, AppState>, id: String, name: String) -> Reply<PlaybookSummary> {
    state.run(move |studio| studio.rename_playbook(&id, &name)).await
}

#[tauri::command]
pub async fn duplicate_playbook(state: State<'_, AppState>, id: String) -> Reply<PlaybookSummary> {
    state.run(move |studio| studio.duplicate_playbook(&id)).await
}

#[tauri::command]
pub async fn delete_playbook(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.run(move |studio| studio.delete_playbook(&id)).await
}

#[tauri::command]
pub async fn list_module_configurations(state: State<'_, AppState>, module_uuid: Option<String>) -> Reply<Vec<ModuleConfigurationView>> {
    state.run(move |studio| Ok(studio.module_configurations(module_uuid.as_deref())?.into_iter().map(Into::into).collect())).await
}

#[tauri::command]
pub async fn create_module_configuration(state: State<'_, AppState>, input: NewModuleConfigurationInput) -> Reply<ModuleConfigurationView> {
    state.run(move |studio| studio.create_module_configuration_from(input)).await
}

#[tauri::command]
pub async fn replace_module_secret(state: State<'_, AppState>, id: String, field: String, secret: String) -> Reply<ModuleConfigurationView> {
    state.run(move |studio| studio.replace_secret(&id, &field, &secret).and_then(|_| studio.module_configuration_view(&id))).await
}

#[tauri::command]
pub async fn remove_module_secret(state: State<'_, AppState>, id: String, field: String) -> Reply<ModuleConfigurationView> {
    state.run(move |studio| studio.remove_secret(&id, &field).and_then(|_| studio.module_configuration_view(&id))).await
}

/// The file the app was started with (once; `null` afterwards or when there was none).
#[tauri::command]
pub async fn take_startup_playbook(state: State<'_, AppState>) -> Reply<Option<StartupOpen>> {
    Ok(state.take_startup())
}

#[tauri::command]
pub async fn import_playbook_file(state: State<'_, AppState>, path: PathBuf, when_exists: Option<WhenExists>) -> Reply<PlaybookSummary> {
    state.run(move |studio| studio.import_playbook_file(&path, when_exists)).await
}

#[tauri::command]
pub async fn export_playbook_file(state: State<'_, AppState>, id: String, path: PathBuf) -> Reply<()> {
    state.run(move |studio| studio.export_playbook_file(&id, &path)).await
}

#[tauri::command]
pub async fn get_platform_settings(state: State<'_, AppState>) -> Reply<PlatformSettings> {
    state.run_network(|studio| studio.platform_settings()).await
}

/// The key is checked, then goes to the OS vault; it never comes back to the page.
#[tauri::command]
pub async fn platform_login(state: State<'_, AppState>, base_url: String, api_key: String) -> Reply<PlatformSettings> {
    state.run_network(move |studio| studio.platform_login(&base_url, &api_key)).await
}

#[tauri::command]
pub async fn platform_logout(state: State<'_, AppState>) -> Reply<PlatformSettings> {
    state.run_network(|studio| studio.platform_logout()).await
}

/// The probes run without the studio's lock: an unreachable platform never holds up the
/// rest of the app (the start page runs this check on its own).
#[tauri::command]
pub async fn platform_check(state: State<'_, AppState>) -> Reply<ConnectionReport> {
    let client = state.run_network(|studio| studio.platform_check_client()).await?;
    crate::off_main_thread(move || studio_core::check_connection(&client)).await
}

#[tauri::command]
pub async fn platform_pull_catalog(state: State<'_, AppState>) -> Reply<CatalogSync> {
    state.run_network(|studio| studio.pull_catalog()).await
}

#[tauri::command]
pub async fn platform_list_playbooks(state: State<'_, AppState>) -> Reply<Vec<RemotePlaybookView>> {
    state.run_network(|studio| studio.platform_playbooks()).await
}

#[tauri::command]
pub async fn platform_push(state: State<'_, AppState>, id: String) -> Reply<PushResult> {
    state.run_network(move |studio| studio.push_playbook(&id)).await
}

#[tauri::command]
pub async fn platform_pull(state: State<'_, AppState>, uuid: String) -> Reply<PlaybookSummary> {
    state.run_network(move |studio| studio.pull_playbook(&uuid)).await
}

/// The local playbook against its platform version (which nodes differ).
#[tauri::command]
pub async fn platform_compare(state: State<'_, AppState>, id: String) -> Reply<Comparison> {
    state.run_network(move |studio| studio.compare_with_platform(&id)).await
}
