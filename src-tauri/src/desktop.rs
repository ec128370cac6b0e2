//! Desktop integration: one instance (a second launch focuses the window and opens its file
//! there), the window's size and place kept across restarts, the window shown once the page
//! has painted (no blank flash; the paint time logged and, for the start-up bench, written
//! to `PLAYBOOK_STUDIO_BENCH_FILE`), the data and log folders for Help, and a crash report.

use crate::AppState;
use std::path::{Path, PathBuf};
use std::time::Duration;
use studio_core::{ErrorCode, ErrorPayload, Home, StartupOpen};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

type Reply<T> = Result<T, ErrorPayload>;

/// How long the window may stay hidden if the page never says it painted (a broken page
/// must still be seen).
const SHOW_AT_THE_LATEST: Duration = Duration::from_secs(4);

fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// A second launch hands its arguments here: the running window comes to the front and
/// opens the playbook file given, if any.
pub fn on_second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    show_main(app);
    let Some(arg) = argv.into_iter().skip(1).find(|a| !a.starts_with('-')) else { return };
    let path = Path::new(&cwd).join(&arg);
    if !path.is_file() {
        return;
    }
    let state = app.state::<AppState>();
    let opened = {
        let mut studio = state.studio.lock().unwrap_or_else(|p| p.into_inner());
        studio.open_file(&path)
    };
    tracing::info!(file = %path.display(), "opened from a second launch");
    let watcher = state.opened.lock().unwrap_or_else(|p| p.into_inner());
    match watcher.as_ref() {
        Some(channel) => {
            let _ = channel.send(opened);
        }
        None => *state.startup.lock().unwrap_or_else(|p| p.into_inner()) = Some(opened),
    }
}

/// Without a GPU render node (a VM, a remote desktop, Xvfb), WebKitGTK's DMA-BUF renderer
/// draws through a software GL stack that holds about 170 MB in the web process for nothing;
/// its shared-memory renderer draws the same pages without it (measured by
/// `scripts/bench-startup`: 447 → 274 MB PSS). With a render node the default stays. A
/// `WEBKIT_DISABLE_DMABUF_RENDERER` already set is left as it is.
pub fn software_rendering_defaults() {
    let has_render_node = std::fs::read_dir("/dev/dri").map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD"))).unwrap_or(false);
    if cfg!(target_os = "linux") && !has_render_node && std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        // Called first thing in `main`, before any other thread exists.
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

/// What the window keeps across restarts: everything but its visibility (it starts hidden
/// and shows once painted).
pub fn kept_state() -> tauri_plugin_window_state::StateFlags {
    tauri_plugin_window_state::StateFlags::all() - tauri_plugin_window_state::StateFlags::VISIBLE
}

/// Saves the window's size and place once they stop changing (a drag sends a stream of
/// events; the file is written after the last one, not for each).
pub fn keep_window_state<R: Runtime>(window: &tauri::Window<R>, event: &tauri::WindowEvent) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tauri_plugin_window_state::AppHandleExt;
    static LATEST: AtomicU64 = AtomicU64::new(0);
    if !matches!(event, tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)) || !window.is_visible().unwrap_or(false) {
        return;
    }
    let this = LATEST.fetch_add(1, Ordering::SeqCst) + 1;
    let app = window.app_handle().clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        if LATEST.load(Ordering::SeqCst) == this {
            let _ = app.save_window_state(kept_state());
        }
    });
}

/// Shows the window after [`SHOW_AT_THE_LATEST`] if the page has not done it by then.
pub fn show_at_the_latest<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(SHOW_AT_THE_LATEST);
        if app.get_webview_window("main").is_some_and(|w| !w.is_visible().unwrap_or(true)) {
            tracing::warn!("the page did not report its first paint: showing the window anyway");
            show_main(&app);
        }
    });
}

/// When the process started (`run` sets it), for the start-up time.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The start page is in the page's DOM, `page_ms` after its navigation started: the window
/// shows. Logs the time from the process's start too; the start-up bench reads both from
/// `PLAYBOOK_STUDIO_BENCH_FILE` (`{"page_ms": …, "process_ms": …}`).
#[tauri::command]
pub async fn app_ready(app: AppHandle, first_paint_ms: f64) -> Reply<()> {
    let first = app.get_webview_window("main").is_some_and(|w| !w.is_visible().unwrap_or(true));
    show_main(&app);
    if !first {
        return Ok(());
    }
    let process_ms = STARTED.get().map(|t| t.elapsed().as_secs_f64() * 1000.0).unwrap_or(0.0);
    tracing::info!(page_ms = first_paint_ms, process_ms, "window shown with the start page");
    if let Some(file) = std::env::var_os("PLAYBOOK_STUDIO_BENCH_FILE") {
        let _ = std::fs::write(file, format!("{{\"page_ms\": {first_paint_ms:.1}, \"process_ms\": {process_ms:.1}}}\n"));
    }
    Ok(())
}

/// Playbook files opened by later launches come to the page through `on_open`.
#[tauri::command]
pub async fn watch_opened(state: State<'_, AppState>, on_open: Channel<StartupOpen>) -> Reply<()> {
    *state.opened.lock().unwrap_or_else(|p| p.into_inner()) = Some(on_open);
    Ok(())
}

/// What Help → About shows.
#[derive(serde::Serialize)]
pub struct AppInfo {
    version: String,
    data_folder: PathBuf,
    logs_folder: PathBuf,
}

#[tauri::command]
pub async fn app_info() -> Reply<AppInfo> {
    let home = Home::resolve(None);
    Ok(AppInfo { version: env!("CARGO_PKG_VERSION").into(), data_folder: home.root().to_path_buf(), logs_folder: home.logs_dir() })
}

/// Opens the log folder in the system's file manager.
#[tauri::command]
pub async fn open_logs_folder() -> Reply<()> {
    let dir = Home::resolve(None).logs_dir();
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener).arg(&dir).spawn().map(|_| ()).map_err(|e| ErrorPayload::new(ErrorCode::Io, format!("cannot open {} with {opener}: {e}", dir.display())))
}

/// The last `n` lines of a log file (a crash report carries them; logs hold no secret).
fn last_lines(path: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// On a panic, writes `<logs>/crash-<unix seconds>.txt`: the version, where and why, and the
/// last log lines; then lets the default hook report as usual.
pub fn install_crash_reports(home: &Home) {
    let logs = home.logs_dir();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let thread = std::thread::current().name().unwrap_or("unnamed").to_owned();
        let report = format!("Playbook Studio {} crashed\nthread: {thread}\n{info}\n\nlast log lines:\n{}\n", env!("CARGO_PKG_VERSION"), last_lines(&logs.join("app.log"), 40));
        let _ = std::fs::create_dir_all(&logs);
        let _ = std::fs::write(logs.join(format!("crash-{seconds}.txt")), report);
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_writes_a_report_with_the_version_and_the_last_log_lines() {
        let dir = std::env::temp_dir().join(format!("crash-report-test-{}", std::process::id()));
        let home = Home::new(&dir);
        std::fs::create_dir_all(home.logs_dir()).unwrap();
        std::fs::write(home.logs_dir().join("app.log"), "line one\nrun finished run=abc\n").unwrap();
        install_crash_reports(&home);
        let _ = std::thread::Builder::new().name("doomed".into()).spawn(|| panic!("the test's own panic")).unwrap().join();
        let _ = std::panic::take_hook();
        let report = std::fs::read_dir(home.logs_dir()).unwrap().flatten().find(|e| e.file_name().to_string_lossy().starts_with("crash-")).expect("a crash report");
        let text = std::fs::read_to_string(report.path()).unwrap();
        assert!(text.contains(env!("CARGO_PKG_VERSION")) && text.contains("thread: doomed") && text.contains("the test's own panic"), "{text}");
        assert!(text.contains("run finished run=abc"), "{text}");
        let _ = std::fs::remove_dir_all(dir);
    }
}
