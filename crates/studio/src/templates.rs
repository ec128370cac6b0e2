//! Playbook templates. The built-in ones are the project's own (`templates/` at the
//! repository root, compiled into the binary); the user's own live in the home's `templates/`
//! folder, in the same layout:
//!
//! ```text
//! index.json           {"templates": [{"slug": "...", "tags": ["alert", ...]}, ...]}  (gallery order)
//! <slug>.json          the SPL playbook (no module or trigger configuration: the platform's rule)
//! <slug>.test.json     {"event": {...}, "pins": {"<node id>": {...results...}}}
//! ```
//!
//! The test event and the pins make a template run green locally in mock mode; a playbook
//! created from a template keeps them as its run defaults (`playbook_samples`).

use crate::files::write_atomically;
use crate::{PlaybookSummary, Result, Studio, StudioError};
use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use studio_model::Playbook;

static BUILTIN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates");

/// Where a template comes from: shipped with the app, or saved by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TemplateOrigin {
    Builtin,
    User,
}

/// A template: its playbook, gallery tags, and what it is tested with.
#[derive(Debug, Clone)]
pub struct Template {
    pub slug: String,
    pub tags: Vec<String>,
    pub origin: TemplateOrigin,
    pub playbook: Playbook,
    pub event: Value,
    pub pins: BTreeMap<String, Value>,
}

impl Template {
    /// Whether the template carries `tag` (when given) and holds every word of `query` in its
    /// name, description or tags, case ignored (the gallery's filter).
    pub fn matches(&self, tag: Option<&str>, query: &str) -> bool {
        if tag.is_some_and(|t| !self.tags.iter().any(|own| own.eq_ignore_ascii_case(t))) {
            return false;
        }
        let haystack = format!("{}\n{}\n{}", self.playbook.name(), self.playbook.description.clone().flatten().unwrap_or_default(), self.tags.join(" ")).to_lowercase();
        query.to_lowercase().split_whitespace().all(|word| haystack.contains(word))
    }
}

/// A template as the gallery shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TemplateView {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub tags: Vec<String>,
    /// How many blocks the template has.
    pub nodes: usize,
    pub origin: TemplateOrigin,
    /// The SPL playbook (for the previews).
    #[ts(type = "any")]
    pub content: Value,
    /// The trigger's event the template is tested with.
    #[ts(type = "any")]
    pub event: Value,
    /// Results pinned per node id for the blocks that would call the outside world.
    #[ts(type = "Record<string, any>")]
    pub pins: BTreeMap<String, Value>,
}

impl From<&Template> for TemplateView {
    fn from(t: &Template) -> Self {
        Self {
            slug: t.slug.clone(),
            name: t.playbook.name().to_owned(),
            description: t.playbook.description.clone().flatten().unwrap_or_default(),
            tags: t.tags.clone(),
            nodes: t.playbook.nodes.len(),
            origin: t.origin,
            content: serde_json::to_value(&t.playbook).unwrap_or(Value::Null),
            event: t.event.clone(),
            pins: t.pins.clone(),
        }
    }
}

/// "Save as template": what the user is asked.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SaveTemplateInput {
    pub name: String,
    pub description: String,
    pub tags: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    templates: Vec<IndexEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct IndexEntry {
    slug: String,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct TestFile {
    #[serde(default)]
    event: Value,
    #[serde(default)]
    pins: BTreeMap<String, Value>,
}

/// Reads one template from its files; the error says which file and what is wrong.
fn read_template(entry: &IndexEntry, origin: TemplateOrigin, read: &dyn Fn(&str) -> Option<Vec<u8>>) -> std::result::Result<Template, String> {
    let file = format!("{}.json", entry.slug);
    let bytes = read(&file).ok_or_else(|| format!("{file}: missing"))?;
    let playbook = studio_model::parse_playbook(&bytes).map_err(|diags| format!("{file}: {}", diags.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")))?;
    let test_file = format!("{}.test.json", entry.slug);
    let test: TestFile = match read(&test_file) {
        Some(bytes) => serde_json::from_slice(&bytes).map_err(|e| format!("{test_file}: line {}, column {}: {e}", e.line(), e.column()))?,
        None => TestFile::default(),
    };
    let event = if test.event.is_null() { Value::Object(Default::default()) } else { test.event };
    Ok(Template { slug: entry.slug.clone(), tags: entry.tags.clone(), origin, playbook, event, pins: test.pins })
}

fn read_index(bytes: Option<Vec<u8>>, what: &str) -> Index {
    match bytes.map(|b| serde_json::from_slice::<Index>(&b)) {
        Some(Ok(index)) => index,
        Some(Err(e)) => {
            tracing::error!(index = what, error = %e, "template index unreadable");
            Index::default()
        }
        None => Index::default(),
    }
}

/// Every built-in template, in index order. One that does not read is a build defect (a test
/// reads them all), so it is left out with a log line rather than failing the app. Read once
/// per process (they are compiled in).
pub fn builtin_templates() -> Vec<Template> {
    static READ: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    READ.get_or_init(read_builtin_templates).clone()
}

fn read_builtin_templates() -> Vec<Template> {
    let read = |name: &str| BUILTIN.get_file(name).map(|f| f.contents().to_vec());
    let index = read_index(read("index.json"), "built-in");
    index
        .templates
        .iter()
        .filter_map(|entry| match read_template(entry, TemplateOrigin::Builtin, &read) {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::error!(error = %e, "built-in template unreadable");
                None
            }
        })
        .collect()
}

/// A slug made from a name (a file name): lowercase letters and digits, words joined by `-`.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(60).collect();
    if slug.is_empty() {
        "template".into()
    } else {
        slug.trim_end_matches('-').to_owned()
    }
}

/// The playbook without any configuration choice (templates never carry one).
fn strip_configurations(playbook: &mut Playbook) {
    playbook.extra.remove("module_configuration_uuid");
    playbook.extra.remove("trigger_configuration_uuid");
    for node in playbook.nodes.values_mut() {
        node.module_configuration_uuid = None;
        node.trigger_configuration_uuid = None;
    }
}

fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim().to_lowercase();
        if !tag.is_empty() && !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

impl Studio {
    /// The user's templates, in their index's order. Unreadable ones are left out with a log
    /// line (the others stay usable).
    fn user_templates(&self) -> Vec<Template> {
        let dir = self.home().templates_dir();
        let read = |name: &str| std::fs::read(dir.join(name)).ok();
        let index = read_index(read("index.json"), "user");
        index
            .templates
            .iter()
            .filter_map(|entry| match read_template(entry, TemplateOrigin::User, &read) {
                Ok(t) => Some(t),
                Err(e) => {
                    tracing::warn!(dir = %dir.display(), error = %e, "user template unreadable");
                    None
                }
            })
            .collect()
    }

    /// Built-in templates first (in the gallery's order), then the user's.
    pub fn templates(&self) -> Vec<Template> {
        let mut all = builtin_templates();
        all.extend(self.user_templates());
        all
    }

    pub fn template(&self, slug: &str) -> Result<Template> {
        self.templates()
            .into_iter()
            .find(|t| t.slug == slug)
            .ok_or_else(|| StudioError::InvalidInput { field: "slug", message: format!("no template “{slug}”{}", self.hint(" (`playbook templates list` lists them)".into(), "")) })
    }

    /// A new playbook from a template: a fresh uuid, `name` (the template's when empty), no
    /// configuration; the template's event and pins become its run defaults and its first
    /// test (the run succeeds).
    pub fn create_from_template(&mut self, slug: &str, name: Option<&str>) -> Result<PlaybookSummary> {
        let template = self.template(slug)?;
        let mut playbook = template.playbook.clone();
        strip_configurations(&mut playbook);
        playbook.uuid = Some(uuid::Uuid::new_v4().to_string());
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
            if name.chars().count() > crate::playbooks::MAX_NAME {
                return Err(StudioError::InvalidInput { field: "name", message: format!("at most {} characters", crate::playbooks::MAX_NAME) });
            }
            playbook.name = Some(name.to_owned());
        }
        let record = self.store.save_playbook(&playbook, &format!("created from the template {}", template.playbook.name()))?;
        self.store.set_playbook_sample(&record.id, &template.event, &serde_json::to_value(&template.pins).unwrap_or_default())?;
        // The template ships with its test: its event and pins must give a succeeded run.
        let sample = crate::testing::TestCase {
            name: "the template's sample".into(),
            event: template.event.clone(),
            mock: studio_engine::MockMode::Unknown,
            pins: template.pins.clone(),
            expect: crate::testing::Expectations { status: Some(studio_model::RunStatus::Succeeded), ..Default::default() },
        };
        self.set_tests(&record.id, vec![sample])?;
        tracing::info!(id = %record.id, template = slug, "playbook created from a template");
        Ok(record.into())
    }

    /// Writes a stored playbook as a user template (configuration choices stripped); its test
    /// event is the playbook's run default (the last event it ran with, else a sample).
    pub fn save_as_template(&mut self, id: &str, input: &SaveTemplateInput) -> Result<Template> {
        let name = input.name.trim();
        if name.is_empty() {
            return Err(StudioError::InvalidInput { field: "name", message: "a template needs a name".into() });
        }
        let mut playbook = self.store.playbook_content(id, None)?;
        strip_configurations(&mut playbook);
        playbook.uuid = Some(uuid::Uuid::new_v4().to_string());
        playbook.name = Some(name.to_owned());
        playbook.description = Some(Some(input.description.trim().to_owned()));
        let defaults = self.run_defaults(id)?;
        let existing: Vec<String> = self.templates().into_iter().map(|t| t.slug).collect();
        let base = slugify(name);
        let slug = (1..).map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") }).find(|s| !existing.contains(s)).unwrap_or(base);
        let template = Template { slug, tags: clean_tags(&input.tags), origin: TemplateOrigin::User, playbook, event: defaults.event, pins: defaults.pins };
        self.write_user_template(&template)?;
        tracing::info!(id, slug = %template.slug, "playbook saved as a template");
        Ok(template)
    }

    fn write_user_template(&self, template: &Template) -> Result<()> {
        let dir = self.home().templates_dir();
        std::fs::create_dir_all(&dir).map_err(|e| StudioError::io(&dir, e))?;
        let write = |name: &str, text: String| -> Result<()> {
            let path = dir.join(name);
            write_atomically(&path, text.as_bytes()).map_err(|e| StudioError::io(&path, e))
        };
        write(&format!("{}.json", template.slug), pretty(&template.playbook))?;
        write(&format!("{}.test.json", template.slug), pretty(&TestFile { event: template.event.clone(), pins: template.pins.clone() }))?;
        // The index last: a template is listed only once its files are complete.
        let mut index = read_index(std::fs::read(dir.join("index.json")).ok(), "user");
        index.templates.retain(|e| e.slug != template.slug);
        index.templates.push(IndexEntry { slug: template.slug.clone(), tags: template.tags.clone() });
        write("index.json", pretty(&index))
    }

    /// Deletes a user template; built-in ones are refused.
    pub fn delete_template(&mut self, slug: &str) -> Result<()> {
        let template = self.template(slug)?;
        if template.origin == TemplateOrigin::Builtin {
            return Err(StudioError::Refused(format!("“{}” is a built-in template; only your own templates can be deleted", template.playbook.name())));
        }
        let dir = self.home().templates_dir();
        let mut index = read_index(std::fs::read(dir.join("index.json")).ok(), "user");
        index.templates.retain(|e| e.slug != slug);
        let path = dir.join("index.json");
        write_atomically(&path, pretty(&index).as_bytes()).map_err(|e| StudioError::io(&path, e))?;
        for file in [format!("{slug}.json"), format!("{slug}.test.json")] {
            remove_if_present(&dir.join(file))?;
        }
        tracing::info!(slug, "user template deleted");
        Ok(())
    }
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StudioError::io(path, e)),
        _ => Ok(()),
    }
}

/// Pretty JSON with a final newline, as the files of the repository's `templates/` are.
fn pretty<T: Serialize>(value: &T) -> String {
    format!("{}\n", serde_json::to_string_pretty(value).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(slugify("  Triage: high-urgency alerts! "), "triage-high-urgency-alerts");
        assert_eq!(slugify("Équipe SOC"), "équipe-soc");
        assert_eq!(slugify("***"), "template");
    }

    #[test]
    fn tags_are_trimmed_lowercased_and_distinct() {
        assert_eq!(clean_tags(&[" Alert".into(), "alert".into(), "".into(), "Webhook".into()]), vec!["alert", "webhook"]);
    }
}
