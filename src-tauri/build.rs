//! The app's build script: the commands of `commands.list` (declared there once) become the
//! webview's permissions and the invoke handler, and the capabilities must allow exactly them.

fn main() {
    println!("cargo:rerun-if-changed=commands.list");
    println!("cargo:rerun-if-changed=capabilities/default.json");
    let list = std::fs::read_to_string("commands.list").expect("src-tauri/commands.list");
    let paths: Vec<&str> = list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let names: Vec<&'static str> = paths.iter().map(|p| &*Box::leak(p.rsplit("::").next().unwrap_or(p).to_owned().into_boxed_str())).collect();
    if let Err(problem) = check_capabilities(&names) {
        panic!("capabilities/default.json and commands.list disagree: {problem}");
    }
    let handler = format!("tauri::generate_handler![\n{}\n]\n", paths.iter().map(|p| format!("    {p},")).collect::<Vec<_>>().join("\n"));
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("invoke_handler.rs");
    std::fs::write(out, handler).expect("write the invoke handler");
    // Only the commands listed exist for the webview, and each needs a permission in
    // capabilities/ (least privilege).
    let manifest = tauri_build::AppManifest::new().commands(Box::leak(names.into_boxed_slice()));
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri build script");
}

/// Every command allowed (`allow-<name with dashes>`), and no allow of a command not listed.
fn check_capabilities(names: &[&str]) -> Result<(), String> {
    let text = std::fs::read_to_string("capabilities/default.json").map_err(|e| format!("cannot read it: {e}"))?;
    let allowed: Vec<String> = text.split('"').filter(|s| s.starts_with("allow-")).map(|s| s.trim_start_matches("allow-").replace('-', "_")).collect();
    let missing: Vec<&&str> = names.iter().filter(|n| !allowed.iter().any(|a| a == *n)).collect();
    let extra: Vec<&String> = allowed.iter().filter(|a| !names.contains(&a.as_str())).collect();
    if missing.is_empty() && extra.is_empty() {
        return Ok(());
    }
    Err(format!("not allowed: {missing:?}; allowed but not a command: {extra:?}"))
}
