//! The project's own playbook templates (`templates/` at the repository root), compiled into
//! the binary. `templates/index.json` lists them with their gallery categories.

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};
use studio_model::Playbook;

static TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates");

#[derive(Debug, Clone, Serialize)]
pub struct Template {
    pub file: String,
    pub categories: Vec<String>,
    pub playbook: Playbook,
}

#[derive(Deserialize)]
struct Index {
    templates: Vec<IndexEntry>,
}

#[derive(Deserialize)]
struct IndexEntry {
    file: String,
    categories: Vec<String>,
}

/// Every built-in template, in index order. A template that does not parse is a build defect
/// (a test checks them all), so it is skipped with a log line rather than failing the app.
pub fn builtin_templates() -> Vec<Template> {
    let index: Index = TEMPLATES
        .get_file("index.json")
        .and_then(|f| serde_json::from_slice(f.contents()).ok())
        .unwrap_or(Index { templates: Vec::new() });
    index
        .templates
        .into_iter()
        .filter_map(|entry| {
            let bytes = TEMPLATES.get_file(&entry.file)?.contents();
            match studio_model::parse_playbook(bytes) {
                Ok(playbook) => Some(Template { file: entry.file, categories: entry.categories, playbook }),
                Err(diags) => {
                    tracing::error!(file = %entry.file, problems = diags.len(), "built-in template unreadable");
                    None
                }
            }
        })
        .collect()
}
