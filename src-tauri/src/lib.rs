//! The desktop shell. Each command is a one-line adapter over `studio_core::Studio`; errors
//! cross the IPC boundary as `{code, message}`.
//!
//! Not here: any rule or query (studio-core's), any UI (frontend/).

mod commands;

use std::sync::{Arc, Mutex};
use studio_core::{ErrorPayload, Home, Studio};

/// The app's `Studio` for editing, a second one (same home, its own SQLite connection) for
/// work that waits on the network, each behind its lock, and the file the app was started
/// with, until the page asks for it. A slow platform then never holds up autosave.
pub struct AppState {
    studio: Arc<Mutex<Studio>>,
    network: Arc<Mutex<Studio>>,
    startup: Mutex<Option<studio_core::StartupOpen>>,
}

impl AppState {
    /// Runs `f` on the studio on a blocking thread, never on the main (window) thread: a
    /// keychain unlock prompt or a slow platform then leaves the window responsive.
    pub async fn run<T: Send + 'static>(&self, f: impl FnOnce(&mut Studio) -> studio_core::Result<T> + Send + 'static) -> Result<T, ErrorPayload> {
        Self::locked(self.studio.clone(), f).await
    }

    /// [`AppState::run`] on the studio for platform calls.
    pub async fn run_network<T: Send + 'static>(&self, f: impl FnOnce(&mut Studio) -> studio_core::Result<T> + Send + 'static) -> Result<T, ErrorPayload> {
        Self::locked(self.network.clone(), f).await
    }

    async fn locked<T: Send + 'static>(studio: Arc<Mutex<Studio>>, f: impl FnOnce(&mut Studio) -> studio_core::Result<T> + Send + 'static) -> Result<T, ErrorPayload> {
        off_main_thread(move || {
            let mut studio = studio.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut studio)
        })
        .await
    }

    pub fn take_startup(&self) -> Option<studio_core::StartupOpen> {
        self.startup.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take()
    }
}

/// Runs `f` on a blocking thread, its error as the IPC payload.
pub async fn off_main_thread<T: Send + 'static>(f: impl FnOnce() -> studio_core::Result<T> + Send + 'static) -> Result<T, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || f().map_err(ErrorPayload::from))
        .await
        .unwrap_or_else(|e| Err(ErrorPayload { code: "internal".into(), message: format!("the command stopped unexpectedly: {e}") }))
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
    let network = match Studio::open(home.clone()) {
        Ok(studio) => studio,
        Err(e) => {
            eprintln!("Playbook Studio cannot open its data folder {}: {e}", home.root().display());
            std::process::exit(1);
        }
    };
    // `playbook-studio FILE` opens that playbook file (imported, or matched by its uuid).
    let startup = std::env::args_os().nth(1).map(std::path::PathBuf::from).filter(|p| p.is_file()).map(|p| studio.open_file(&p));
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState { studio: Arc::new(Mutex::new(studio)), network: Arc::new(Mutex::new(network)), startup: Mutex::new(startup) })
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
            commands::take_startup_playbook,
            commands::import_playbook_file,
            commands::export_playbook_file,
            commands::get_platform_settings,
            commands::platform_login,
            commands::platform_logout,
            commands::platform_check,
            commands::platform_pull_catalog,
            commands::platform_list_playbooks,
            commands::platform_push,
            commands::platform_pull,
            commands::platform_compare
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Playbook Studio failed to start: {e}");
            std::process::exit(1);
        });
}
