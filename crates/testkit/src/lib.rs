//! Finding `../shared/fixtures` from a test.
//!
//! A developer's clone may not have `shared/` beside it: tests that need it then skip with a
//! visible message. CI sets `PLAYBOOK_STUDIO_REQUIRE_SHARED=1`, and there a missing folder
//! fails the test instead of skipping it silently.

use std::path::PathBuf;

/// `<repo>/../shared/fixtures/sekoia`, or `None` (after printing why) when it is absent and
/// not required. Panics when it is absent and required.
pub fn sekoia_fixtures() -> Option<PathBuf> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = match std::env::var_os("PLAYBOOK_STUDIO_SHARED") {
        Some(shared) => PathBuf::from(shared).join("fixtures/sekoia"),
        None => repo.join("../shared/fixtures/sekoia"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    let required = std::env::var("PLAYBOOK_STUDIO_REQUIRE_SHARED").is_ok_and(|v| v == "1");
    assert!(!required, "shared fixtures are required (PLAYBOOK_STUDIO_REQUIRE_SHARED=1) but {} does not exist", dir.display());
    eprintln!("SKIPPED: {} is absent; this test needs the shared fixtures", dir.display());
    None
}

/// Every `*.json` file of a folder, sorted by name.
pub fn json_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}
