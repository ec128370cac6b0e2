//! The desktop shell. Each command is a one-line adapter over `studio_core::Studio`; errors
//! cross the IPC boundary as `{code, message}`.
//!
//! Not here: any rule or query (studio-core's), any UI (frontend/).

mod commands;

use std::sync::Mutex;
use studio_core::{ErrorPayload, Home, Studio};

/// The app's single `Studio`, behind a lock (commands are short; long work will get its own
/// worker with a channel).
pub struct AppState(Mutex<Studio>);

impl AppState {
    pub fn with<T>(&self, f: impl FnOnce(&mut Studio) -> studio_core::Result<T>) -> Result<T, ErrorPayload> {
        let mut studio = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut studio).map_err(ErrorPayload::from)
    }
}

pub fn run() {
    let home = Home::resolve(None);
    let studio = match Studio::open(home.clone()) {
        Ok(studio) => studio,
        Err(e) => {
            eprintln!("Playbook Studio cannot open its data folder {}: {e}", home.root().display());
            std::process::exit(1);
        }
    };
    if let Err(e) = studio_core::init_logging(&home, "app") {
        eprintln!("Playbook Studio: logging disabled: {e}");
    }
    tracing::info!(home = %home.root().display(), "app starting");
    tauri::Builder::default()
        .manage(AppState(Mutex::new(studio)))
        .invoke_handler(tauri::generate_handler![
            commands::list_playbooks,
            commands::create_playbook,
            commands::get_playbook,
            commands::save_playbook,
            commands::validate_playbook,
            commands::get_catalog,
            commands::list_versions,
            commands::restore_version,
            commands::rename_playbook,
            commands::duplicate_playbook,
            commands::delete_playbook,
            commands::list_module_configurations,
            commands::create_module_configuration,
            commands::replace_module_secret,
            commands::remove_module_secret
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Playbook Studio failed to start: {e}");
            std::process::exit(1);
        });
}
