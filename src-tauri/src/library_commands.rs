//! IPC commands of the template gallery and the Catalogue page: one line each over `Studio`.

use crate::AppState;
use std::path::PathBuf;
use studio_core::{CatalogImportProgress, CatalogModuleView, ErrorPayload, ModuleImportReport, PlaybookSummary, SaveTemplateInput, TemplateView};
use tauri::ipc::Channel;
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn list_templates(state: State<'_, AppState>) -> Reply<Vec<TemplateView>> {
    state.run(move |studio| Ok(studio.templates().iter().map(TemplateView::from).collect())).await
}

#[tauri::command]
pub async fn create_from_template(state: State<'_, AppState>, slug: String, name: String) -> Reply<PlaybookSummary> {
    state.run(move |studio| studio.create_from_template(&slug, Some(&name))).await
}

#[tauri::command]
pub async fn save_as_template(state: State<'_, AppState>, id: String, input: SaveTemplateInput) -> Reply<TemplateView> {
    state.run(move |studio| studio.save_as_template(&id, &input).map(|t| TemplateView::from(&t))).await
}

#[tauri::command]
pub async fn delete_template(state: State<'_, AppState>, slug: String) -> Reply<()> {
    state.run(move |studio| studio.delete_template(&slug)).await
}

#[tauri::command]
pub async fn list_catalog_modules(state: State<'_, AppState>) -> Reply<Vec<CatalogModuleView>> {
    state.run(move |studio| studio.catalog_modules()).await
}

/// Imports a block library folder; each module read is reported on `on_progress`.
#[tauri::command]
pub async fn import_catalog_folder(state: State<'_, AppState>, path: PathBuf, on_progress: Channel<CatalogImportProgress>) -> Reply<Vec<ModuleImportReport>> {
    state
        .run(move |studio| {
            let reports = studio.import_catalog_dir_with(&path, &mut |progress| {
                // A closed page stops listening; the import goes on.
                let _ = on_progress.send(progress);
            })?;
            Ok(reports.iter().map(ModuleImportReport::from).collect())
        })
        .await
}

#[tauri::command]
pub async fn remove_catalog_module(state: State<'_, AppState>, uuid: String) -> Reply<()> {
    state.run(move |studio| studio.remove_catalog_module(&uuid)).await
}
