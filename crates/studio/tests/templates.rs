//! Templates: every built-in one is valid and runs green in mock mode with its own test;
//! a playbook made from one; user templates saved, listed and deleted; and the Catalogue
//! page's use cases (origins, a folder import with progress, removal).

use serde_json::json;
use studio_core::{builtin_templates, Home, ModuleOrigin, SaveTemplateInput, Studio, StudioError, TemplateOrigin};
use studio_model::BlockKind;

const SEKOIA: &str = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";
const HTTP: &str = "5894985f-91eb-46db-9306-cc5ac6463d3d";

fn studio() -> (tempfile::TempDir, Studio) {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open_with_vault(Home::new(dir.path().join("home")), std::sync::Arc::new(studio_core::MemoryVault::default())).unwrap();
    (dir, studio)
}

#[test]
fn every_builtin_template_is_valid_tagged_and_runs_green_in_mock_mode_with_its_own_test() {
    let (_dir, mut studio) = studio();
    let templates = builtin_templates();
    assert!(templates.len() >= 15, "{} templates", templates.len());
    let catalog = studio.catalog();
    for t in &templates {
        let content = serde_json::to_vec(&t.playbook).unwrap();
        let (_, diags) = studio.validate_with_jinja(&content);
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", t.slug);
        assert!(!t.tags.is_empty() && !t.playbook.description.clone().flatten().unwrap_or_default().is_empty(), "{}: tags and a description", t.slug);
        for (id, node) in &t.playbook.nodes {
            assert!(node.module_configuration_uuid.is_none() && node.trigger_configuration_uuid.is_none(), "{}: node {id} carries a configuration", t.slug);
            // A block that would reach the outside world (the platform, an HTTP server) is pinned.
            let outside = node.action_uuid.is_some() && matches!(node.module_uuid.as_deref(), Some(SEKOIA) | Some(HTTP));
            assert!(!outside || t.pins.contains_key(id), "{}: node {id} calls the outside world and is not pinned", t.slug);
        }
        for (id, node) in &t.playbook.nodes {
            let kind = match (&node.action_uuid, &node.trigger_uuid) {
                (Some(uuid), _) => Some((BlockKind::Action, uuid)),
                (None, Some(uuid)) => Some((BlockKind::Trigger, uuid)),
                _ => None,
            };
            if let Some((kind, uuid)) = kind {
                assert!(catalog.block(node.module_uuid.as_deref().unwrap_or_default(), kind, uuid).is_some(), "{}: node {id} is not a built-in block", t.slug);
            }
        }
        // A playbook made from it ships with the template's test, which runs green (mock
        // mode, its event and pins).
        let id = studio.create_from_template(&t.slug, None).unwrap().id;
        let results = studio.run_tests(&id, None).unwrap();
        assert_eq!(results.len(), 1, "{}: the template's test", t.slug);
        assert!(results[0].passed, "{}: {:?}", t.slug, results[0].failures);
    }
}

#[test]
fn the_webhook_tag_selects_only_webhook_templates_and_search_needs_every_word() {
    let templates = builtin_templates();
    let webhook: Vec<_> = templates.iter().filter(|t| t.matches(Some("webhook"), "")).collect();
    assert!(!webhook.is_empty() && webhook.len() < templates.len());
    assert!(webhook.iter().all(|t| t.tags.contains(&"webhook".to_owned())));
    let triage = templates.iter().find(|t| t.slug == "triage-high-urgency-alerts").expect("the sample template");
    assert!(triage.matches(Some("alert"), "URGENCY comment"));
    assert!(!triage.matches(None, "urgency nothing-like-this"));
}

#[test]
fn a_playbook_from_a_template_is_new_and_runs_with_the_template_test_by_default() {
    let (_dir, mut studio) = studio();
    let template = studio.template("triage-high-urgency-alerts").unwrap();
    let created = studio.create_from_template("triage-high-urgency-alerts", Some("  My triage ")).unwrap();
    assert_eq!(created.name, "My triage");
    assert_ne!(Some(created.id.as_str()), template.playbook.uuid.as_deref());
    assert_eq!(created.node_count as usize, template.playbook.nodes.len());
    let defaults = studio.run_defaults(&created.id).unwrap();
    assert!(defaults.from_template && !defaults.last_used);
    assert_eq!(defaults.event, template.event);
    assert_eq!(defaults.pins, template.pins);
    // A second one from the same template is another playbook.
    let again = studio.create_from_template("triage-high-urgency-alerts", None).unwrap();
    assert_ne!(again.id, created.id);
    assert_eq!(again.name, template.playbook.name());
    let err = studio.create_from_template("no-such-template", None).unwrap_err();
    assert!(matches!(err, StudioError::InvalidInput { field: "slug", .. }), "{err}");
}

#[test]
fn a_user_template_is_saved_without_configurations_listed_after_the_builtin_ones_and_deleted() {
    let (dir, mut studio) = studio();
    let id = studio.create_from_template("triage-high-urgency-alerts", None).unwrap().id;
    let mut doc = studio.playbook_document(&id).unwrap().content;
    doc["nodes"]["1"]["module_configuration_uuid"] = json!("11111111-2222-4333-8444-555555555555");
    studio.save_document(&id, doc, "chose a configuration").unwrap();

    let input = SaveTemplateInput { name: "Our triage".into(), description: "Triage, our way".into(), tags: vec![" Alert".into(), "alert".into(), "Phishing".into()] };
    let saved = studio.save_as_template(&id, &input).unwrap();
    assert_eq!((saved.slug.as_str(), saved.origin), ("our-triage", TemplateOrigin::User));
    assert_eq!(saved.tags, vec!["alert", "phishing"]);
    let folder = dir.path().join("home/templates");
    let written = std::fs::read_to_string(folder.join("our-triage.json")).unwrap();
    assert!(!written.contains("module_configuration_uuid"), "{written}");
    assert!(folder.join("our-triage.test.json").is_file());

    let all = studio.templates();
    assert_eq!(all.last().map(|t| (t.slug.as_str(), t.origin)), Some(("our-triage", TemplateOrigin::User)));
    assert!(all.iter().take_while(|t| t.origin == TemplateOrigin::Builtin).count() >= 15);
    // The same name again gets its own slug.
    assert_eq!(studio.save_as_template(&id, &input).unwrap().slug, "our-triage-2");
    // A playbook made from it works like one from a built-in template.
    let from_user = studio.create_from_template("our-triage", None).unwrap();
    assert_eq!(from_user.name, "Our triage");

    studio.delete_template("our-triage").unwrap();
    assert!(!folder.join("our-triage.json").exists());
    assert!(studio.templates().iter().all(|t| t.slug != "our-triage"));
    let refused = studio.delete_template("triage-high-urgency-alerts").unwrap_err();
    assert_eq!(refused.code(), "refused");
    let empty = studio.save_as_template(&id, &SaveTemplateInput { name: "  ".into(), description: String::new(), tags: vec![] }).unwrap_err();
    assert!(matches!(empty, StudioError::InvalidInput { field: "name", .. }));
}

fn write_module(root: &std::path::Path, folder: &str, uuid: &str, name: &str) {
    let dir = root.join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("manifest.json"), json!({"uuid": uuid, "name": name, "slug": folder, "description": "test module", "version": "1.0.0"}).to_string()).unwrap();
    let action = json!({"uuid": format!("{uuid}-a"), "name": "Do it", "slug": "do_it", "description": "does it", "docker_parameters": "do_it", "arguments": {"type": "object", "properties": {}}, "results": {}});
    std::fs::write(dir.join("action_do_it.json"), action.to_string()).unwrap();
}

#[test]
fn the_catalogue_lists_origins_imports_a_folder_with_progress_and_removes_an_import() {
    let (dir, mut studio) = studio();
    let before = studio.catalog_modules().unwrap();
    assert!(before.iter().all(|m| m.origin == ModuleOrigin::Builtin && m.imported_at.is_none()));

    let library = dir.path().join("library");
    write_module(&library, "alpha", "aaaaaaaa-0000-4000-8000-000000000001", "Alpha");
    write_module(&library, "beta", "bbbbbbbb-0000-4000-8000-000000000002", "Beta");
    std::fs::create_dir_all(library.join("broken")).unwrap();
    std::fs::write(library.join("broken/manifest.json"), "{ not json").unwrap();
    let mut seen = Vec::new();
    let reports = studio.import_catalog_dir_with(&library, &mut |p| seen.push((p.done, p.total, p.module))).unwrap();
    assert_eq!(seen, vec![(1, 3, "alpha".to_owned()), (2, 3, "beta".to_owned()), (3, 3, "broken".to_owned())]);
    let views: Vec<studio_core::ModuleImportReport> = reports.iter().map(Into::into).collect();
    assert_eq!(views.iter().map(|r| (r.folder.as_str(), r.imported, r.actions)).collect::<Vec<_>>(), vec![("alpha", true, 1), ("beta", true, 1), ("broken", false, 0)]);
    assert!(views[2].skipped.iter().any(|why| why.contains("manifest.json")), "{:?}", views[2].skipped);

    let after = studio.catalog_modules().unwrap();
    let alpha = after.iter().find(|m| m.name == "Alpha").unwrap();
    assert_eq!(alpha.origin, ModuleOrigin::Import);
    assert!(alpha.imported_at.is_some() && !alpha.overrides_builtin);
    assert_eq!(after.len(), before.len() + 2);

    studio.remove_catalog_module("aaaaaaaa-0000-4000-8000-000000000001").unwrap();
    assert!(studio.catalog_modules().unwrap().iter().all(|m| m.name != "Alpha"));
    assert_eq!(studio.remove_catalog_module(SEKOIA).unwrap_err().code(), "refused");
    assert_eq!(studio.remove_catalog_module("aaaaaaaa-0000-4000-8000-000000000001").unwrap_err().code(), "invalid_input");

    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let err = studio.import_catalog_dir_with(&empty, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("no module here"), "{err}");
}

#[test]
fn the_app_hears_its_own_words_and_the_cli_its_commands() {
    let (_dir, studio) = studio();
    let cli = studio.template("nope").unwrap_err().to_string();
    assert!(cli.contains("`playbook templates list`"), "{cli}");
    let app = studio.for_host(studio_core::Host::App);
    let said = app.template("nope").unwrap_err().to_string();
    assert!(!said.contains("playbook templates"), "{said}");
    let payload = studio_core::ErrorPayload::from(StudioError::PlatformNotConfigured("no API key stored".into()));
    assert_eq!(payload.code, "platform_not_configured");
    assert!(payload.message.contains("Platform, at the top of the start page") && !payload.message.contains("playbook platform login"), "{}", payload.message);
}
