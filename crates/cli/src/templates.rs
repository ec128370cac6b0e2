//! `playbook templates …`: list, show, create from, save as and delete templates.

use crate::output::{self, line};
use crate::TemplatesCommand;
use serde_json::json;
use std::process::ExitCode;
use studio_core::{SaveTemplateInput, Studio, StudioError, TemplateOrigin};

pub fn run(studio: &mut Studio, command: TemplatesCommand, json: bool) -> Result<ExitCode, StudioError> {
    match command {
        TemplatesCommand::List { tag, search } => {
            let templates: Vec<_> = studio.templates().into_iter().filter(|t| t.matches(tag.as_deref(), search.as_deref().unwrap_or(""))).collect();
            if json {
                let list: Vec<_> = templates
                    .iter()
                    .map(|t| {
                        json!({
                            "slug": t.slug,
                            "name": t.playbook.name(),
                            "description": t.playbook.description.clone().flatten().unwrap_or_default(),
                            "tags": t.tags,
                            "nodes": t.playbook.nodes.len(),
                            "origin": if t.origin == TemplateOrigin::User { "user" } else { "builtin" },
                        })
                    })
                    .collect();
                output::json(&json!({ "templates": list }));
            } else if templates.is_empty() {
                line("no template matches");
            } else {
                let width = templates.iter().map(|t| t.slug.chars().count()).max().unwrap_or(0);
                for t in &templates {
                    let mine = if t.origin == TemplateOrigin::User { "  (yours)" } else { "" };
                    line(format!("{:width$}  {}  [{}]  {} blocks{mine}", t.slug, t.playbook.name(), t.tags.join(", "), t.playbook.nodes.len()));
                }
            }
        }
        TemplatesCommand::Show { slug, event } => {
            let t = studio.template(&slug)?;
            if event {
                output::json(&t.event);
            } else if json {
                output::json(&studio_core::TemplateView::from(&t));
            } else {
                line(format!("{} ({})", t.playbook.name(), t.slug));
                line(t.playbook.description.clone().flatten().unwrap_or_default());
                line(format!("tags: {}", t.tags.join(", ")));
                for (id, node) in &t.playbook.nodes {
                    let pinned = if t.pins.contains_key(id) { "  (results pinned for local runs)" } else { "" };
                    line(format!("  node {id}: {}{pinned}", node.name.clone().unwrap_or_else(|| format!("{:?}", node.kind).to_lowercase())));
                }
            }
        }
        TemplatesCommand::Create { slug, name } => {
            let created = studio.create_from_template(&slug, name.as_deref())?;
            if json {
                output::json(&created);
            } else {
                line(&created.id);
            }
        }
        TemplatesCommand::Save { id, tags, name, description } => {
            let (record, playbook) = studio.playbook(&id)?;
            let input = SaveTemplateInput { name: name.unwrap_or(record.name), description: description.unwrap_or_else(|| playbook.description.flatten().unwrap_or_default()), tags };
            let saved = studio.save_as_template(&id, &input)?;
            if json {
                output::json(&studio_core::TemplateView::from(&saved));
            } else {
                line(&saved.slug);
            }
        }
        TemplatesCommand::Delete { slug } => {
            studio.delete_template(&slug)?;
            if !json {
                line(format!("deleted the template {slug}"));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
