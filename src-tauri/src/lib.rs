//! The desktop shell. Each command is a one-line adapter over `studio_core::Studio`; errors
//! cross the IPC boundary as `{code, message}`.
//!
//! Not here: any rule or query (studio-core's), any UI (frontend/).

mod commands;

use std::sync::Mutex;
use studio_core::{ErrorPayload, Home, Studio};

/// The app's single `Studio`, behind a lock (commands are short; long work will get its own
/// worker with a channel), and the file it was started with, until the page asks for it.
pub struct AppState {
    studio: Mutex<Studio>,
    startup: Mutex<Option<studio_core::StartupOpen>>,
}

impl AppState {
    pub fn with<T>(&self, f: impl FnOnce(&mut Studio) -> studio_core::Result<T>) -> Result<T, ErrorPayload> {
        let mut studio = self.studio.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut studio).map_err(ErrorPayload::from)
    }

    pub fn take_startup(&self) -> Option<studio_core::StartupOpen> {
        self.startup.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take()
    }
}

pub fn run() {
    let home = Home::resolve(None);
    let mut studio = match Studio::open(home.clone()) {
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
    // `playbook-studio FILE` opens that playbook file (imported, or matched by its uuid).
    let startup = std::env::args_os().nth(1).map(std::path::PathBuf::from).filter(|p| p.is_file()).map(|p| studio.open_file(&p));
    tauri::Builder::default()
        .manage(AppState { studio: Mutex::new(studio), startup: Mutex::new(startup) })
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
            commands::remove_module_secret,
            commands::take_startup_playbook
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Playbook Studio failed to start: {e}");
            std::process::exit(1);
        });
}
