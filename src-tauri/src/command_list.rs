//! The TypeScript side of `commands.list`: the names the webview may call, as a type the IPC
//! modules and the UI tests' backend are checked against (`tsc` fails on a name that is not a
//! command). Written by the test below like the other bindings, and checked unchanged in CI.
//! (Test-only: the app itself gets the list through build.rs.)

const LIST: &str = include_str!("../commands.list");

/// The command names, in the list's order.
pub fn names() -> Vec<&'static str> {
    LIST.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(|p| p.rsplit("::").next().unwrap_or(p)).collect()
}

fn typescript() -> String {
    let items: Vec<String> = names().iter().map(|n| format!("  '{n}',")).collect();
    format!(
        "// Generated from src-tauri/commands.list by the test in src-tauri/src/command_list.rs. Do not edit.\n\n\
         /** Every command the core exposes to the webview. */\n\
         export const COMMANDS = [\n{}\n] as const;\n\n\
         /** A command's name: anything else is a type error. */\n\
         export type Command = (typeof COMMANDS)[number];\n",
        items.join("\n")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn command_binding_is_current() {
        let names = super::names();
        assert!(names.contains(&"list_playbooks") && names.contains(&"render_jinja"), "{names:?}");
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "a command is listed twice");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/src/ipc/bindings/commands.ts");
        std::fs::write(path, super::typescript()).expect("write the binding");
    }
}
