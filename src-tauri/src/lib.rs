//! The desktop shell. Each command is a one-line adapter over `studio_core::Studio`; errors
//! cross the IPC boundary as `{code, message}`.
//!
//! Not here: any rule or query (studio-core's), any UI (frontend/).

#[cfg(test)]
mod command_list;
mod commands;
mod desktop;
mod library_commands;
mod listen_commands;
mod platform_commands;
mod run_commands;
mod test_commands;

use std::sync::{Arc, Mutex};
use studio_core::{CancellationToken, ErrorCode, ErrorPayload, Home, Studio, StudioError};

/// The app's `Studio` for editing, a second one (same home, its own SQLite connection) for
/// work that waits on the network, each behind its lock, and the file the app was started
/// with, until the page asks for it. A slow platform then never holds up autosave.
pub struct AppState {
    studio: Arc<Mutex<Studio>>,
    network: Arc<Mutex<Studio>>,
    /// Local runs, one at a time: a run holds it from start to end.
    runner: Arc<Mutex<Studio>>,
    /// The cancellation of the local run in progress.
    active_run: Arc<Mutex<Option<CancellationToken>>>,
    startup: Mutex<Option<studio_core::StartupOpen>>,
    /// The webhook listener, while one listens.
    listener: Arc<Mutex<Option<listen_commands::ActiveListener>>>,
    /// Where playbook files opened by later launches go (the page's channel).
    opened: Mutex<Option<tauri::ipc::Channel<studio_core::StartupOpen>>>,
}

/// The right to run locally, held by one run at a time; dropping it (the run ended, or its
/// thread panicked) frees the slot.
pub struct RunTicket {
    slot: Arc<Mutex<Option<CancellationToken>>>,
    token: CancellationToken,
}

impl RunTicket {
    pub fn cancel(&self) -> CancellationToken {
        self.token.clone()
    }
}

impl Drop for RunTicket {
    fn drop(&mut self) {
        *self.slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }
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

    /// [`AppState::run`] on the studio of local runs.
    pub async fn run_local<T: Send + 'static>(&self, f: impl FnOnce(&mut Studio) -> studio_core::Result<T> + Send + 'static) -> Result<T, ErrorPayload> {
        Self::locked(self.runner.clone(), f).await
    }

    /// Takes the local run slot, or refuses while another run is going.
    pub fn begin_run(&self) -> Result<RunTicket, ErrorPayload> {
        let mut slot = self.active_run.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.is_some() {
            return Err(StudioError::Refused("a run is already in progress: stop it or wait for it to end".into()).into());
        }
        let token = CancellationToken::new();
        *slot = Some(token.clone());
        Ok(RunTicket { slot: self.active_run.clone(), token })
    }

    /// Cancels the local run in progress; `false` when there is none.
    pub fn stop_run(&self) -> bool {
        let slot = self.active_run.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        slot.as_ref().map(CancellationToken::cancel).is_some()
    }

    pub fn take_startup(&self) -> Option<studio_core::StartupOpen> {
        self.startup.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take()
    }
}

/// Runs `f` on a blocking thread, its error as the IPC payload.
pub async fn off_main_thread<T: Send + 'static>(f: impl FnOnce() -> studio_core::Result<T> + Send + 'static) -> Result<T, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || f().map_err(ErrorPayload::from))
        .await
        .unwrap_or_else(|e| Err(ErrorPayload::new(ErrorCode::Internal, format!("the command stopped unexpectedly: {e}"))))
}

/// The studio on the app's home, or a message and exit 1 when its folder cannot be opened.
fn open_or_exit(home: &Home) -> Studio {
    Studio::open(home.clone()).map(|s| s.for_host(studio_core::Host::App)).unwrap_or_else(|e| {
        eprintln!("Playbook Studio cannot open its data folder {}: {e}", home.root().display());
        std::process::exit(1);
    })
}

/// Process-wide settings to make before anything starts (single-threaded still).
pub fn desktop_defaults() {
    desktop::software_rendering_defaults();
}

pub fn run() {
    let _ = desktop::STARTED.set(std::time::Instant::now());
    let home = Home::resolve(None);
    let mut studio = open_or_exit(&home);
    if let Err(e) = studio_core::init_logging(&home, "app") {
        eprintln!("Playbook Studio: logging disabled: {e}");
    }
    desktop::install_crash_reports(&home);
    tracing::info!(home = %home.root().display(), "app starting");
    let network = open_or_exit(&home);
    let runner = open_or_exit(&home);
    // `playbook-studio FILE` opens that playbook file (imported, or matched by its uuid).
    let startup = std::env::args_os().nth(1).map(std::path::PathBuf::from).filter(|p| p.is_file()).map(|p| studio.open_file(&p));
    tauri::Builder::default()
        // First: a second launch hands over its file and exits before anything else starts.
        .plugin(tauri_plugin_single_instance::init(desktop::on_second_launch))
        // Size, place and maximized state; the window stays hidden until the page painted.
        .plugin(tauri_plugin_window_state::Builder::default().with_state_flags(desktop::kept_state()).build())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            desktop::show_at_the_latest(app.handle());
            Ok(())
        })
        // Kept as it changes, not only at a clean exit (a killed or crashed app keeps it too).
        .on_window_event(desktop::keep_window_state)
        .manage(AppState {
            studio: Arc::new(Mutex::new(studio)),
            network: Arc::new(Mutex::new(network)),
            runner: Arc::new(Mutex::new(runner)),
            active_run: Arc::default(),
            startup: Mutex::new(startup),
            listener: Arc::default(),
            opened: Mutex::new(None),
        })
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/invoke_handler.rs")))
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Playbook Studio failed to start: {e}");
            std::process::exit(1);
        });
}
