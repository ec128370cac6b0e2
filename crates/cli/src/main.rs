//! The `playbook` binary: the command line of `lib.rs`.

fn main() -> std::process::ExitCode {
    playbook_cli::main_with(std::env::args_os())
}
