//! Required arguments that would be empty when the playbook runs: an action's required
//! argument given as empty text, or as Jinja that reads only the trigger's event and renders
//! to nothing on the trigger's sample event (the one the run dialog proposes). Warnings: the
//! real event may hold what the sample lacks.
//!
//! Only Jinja that reads the trigger alone is rendered. Samples made for actions from their
//! results schemas are too rough to judge by (a result typed `object` that really holds a
//! list would raise false warnings), so a text reading another block or the store is left
//! to the reference checks (`jinja_checks.rs`).

use serde_json::{json, Value};
use studio_jinja::lint::lint;
use studio_model::{BlockKind, Catalog, Diagnostic, NodeType, Playbook};

/// The warnings for `pb`, given its first trigger's id and sample event.
pub fn check_required(pb: &Playbook, catalog: &Catalog, trigger: Option<(&str, &Value)>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (id, node) in &pb.nodes {
        if node.kind != NodeType::Action {
            continue;
        }
        let block = node.action_uuid.as_deref().and_then(|uuid| catalog.block(node.module_uuid.as_deref().unwrap_or_default(), BlockKind::Action, uuid));
        let Some(block) = block else { continue };
        let required = block.arguments.get("required").and_then(Value::as_array).cloned().unwrap_or_default();
        for name in required.iter().filter_map(Value::as_str) {
            let Some(Value::String(text)) = node.arguments.as_ref().and_then(|a| a.get(name)) else { continue };
            if let Some(why) = empty_because(text, trigger) {
                diags.push(Diagnostic::warning(format!("`{name}` is required by {} and {why}", block.name)).at_node(id).at_field(format!("arguments.{name}")));
            }
        }
    }
    diags
}

/// Why the text would give an empty argument, if it would.
fn empty_because(text: &str, trigger: Option<(&str, &Value)>) -> Option<String> {
    if text.trim().is_empty() {
        return Some("is empty".into());
    }
    let (trigger_id, sample) = trigger?;
    let found = lint(text).ok()?;
    let reads_trigger_only = !found.references.is_empty() && found.references.iter().all(|r| r.var == "node" && r.path.first().map(String::as_str) == Some(trigger_id));
    if !reads_trigger_only {
        return None;
    }
    let data = json!({ "node": { trigger_id: sample }, "store": {} });
    match crate::jinja::render(text, &data, false) {
        crate::jinja::JinjaOutcome::Rendered { output, .. } if output.trim().is_empty() => Some("renders empty on a sample event of the trigger (does the trigger give what it reads?)".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_and_trigger_reads_that_render_nothing_are_flagged_and_nothing_else() {
        let sample = json!({"alert_uuid": "A-1", "short_id": "ALx", "empty": ""});
        let trigger = Some(("0", &sample));
        assert_eq!(empty_because("   ", trigger).as_deref(), Some("is empty"));
        assert!(empty_because("{{ node.0.alert_uuid }}", trigger).is_none());
        assert!(empty_because("{{ node.0.alertuuid }}", trigger).unwrap().contains("renders empty"));
        assert!(empty_because("{{ node.0.empty }}", trigger).is_some());
        // Another block, the store or a literal: not judged here.
        assert!(empty_because("{{ node.1.anything }}", trigger).is_none());
        assert!(empty_because("{{ store.x }}", trigger).is_none());
        assert!(empty_because("plain text", trigger).is_none());
        assert!(empty_because("{{ node.0.alertuuid }}", None).is_none());
    }
}
