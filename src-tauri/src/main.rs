// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // `playbook-studio --cli ARGS…` is the `playbook` command line (the packages install
    // /usr/bin/playbook as a two-line script running it): one binary in the package, not two.
    let mut args = std::env::args_os();
    if std::env::args_os().nth(1).is_some_and(|a| a == "--cli") {
        let rest = args.by_ref().skip(2);
        return playbook_cli::main_with(std::iter::once(std::ffi::OsString::from("playbook")).chain(rest));
    }
    playbook_studio::desktop_defaults();
    playbook_studio::run();
    std::process::ExitCode::SUCCESS
}
