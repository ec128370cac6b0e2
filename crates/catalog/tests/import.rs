use studio_catalog::{builtin, import_dir};
use studio_model::BlockKind;

#[test]
fn builtin_catalogue_has_the_platform_blocks() {
    let catalog = builtin();
    let sekoia = catalog.module("92d8bb47-7c51-445d-81de-ae04edbb6f0a").expect("Sekoia.io module");
    assert_eq!(sekoia.secret_fields(), vec!["api_key".to_string()]);
    let triggers: Vec<&str> = sekoia.triggers.iter().map(|t| t.name.as_str()).collect();
    for name in ["Manual Trigger", "Alert Created", "Alert Updated", "Alert Status Changed", "Alert Comment Created", "Case Created"] {
        assert!(triggers.contains(&name), "missing trigger {name}: {triggers:?}");
    }
    let actions: Vec<&str> = sekoia.actions.iter().map(|a| a.name.as_str()).collect();
    for name in ["Get Alert", "Comment Alert", "Create case", "Push Events to Intake"] {
        assert!(actions.contains(&name), "missing action {name}: {actions:?}");
    }
    let get_alert = catalog.block(&sekoia.uuid, BlockKind::Action, "8d189665-5401-4098-8d60-944de9a6199a").expect("Get Alert");
    assert!(get_alert.results["properties"].get("rule").is_some(), "Get Alert describes its results");
    assert!(catalog.block("07cce76b-a319-40ee-a0cf-1ba433431e21", BlockKind::Action, "41cd724b-bfcc-4fb7-bee7-ef5d02176e4c").is_some(), "Utils Wait");
    let subtypes: Vec<&str> = catalog.operators.iter().map(|o| o.subtype.as_str()).collect();
    assert_eq!(subtypes, vec!["condition", "store", "foreach", "any", "all"]);
    for module in &catalog.modules {
        for block in module.blocks() {
            assert!(block.arguments.is_object() && block.results.is_object(), "{} has argument and result schemas", block.name);
            assert!(!block.description.is_empty(), "{} has a description", block.name);
        }
    }
}

#[test]
fn all_eight_shared_modules_import() {
    let Some(fixtures) = studio_testkit::sekoia_fixtures() else { return };
    let reports = import_dir(&fixtures.join("automation-library")).unwrap();
    assert_eq!(reports.len(), 8);
    for r in &reports {
        assert!(r.errors.is_empty(), "{}: {:?}", r.path, r.errors);
        assert!(r.module.is_some());
    }
    let sekoia = reports.iter().find(|r| r.name.as_deref() == Some("Sekoia.io")).unwrap();
    assert!(sekoia.actions > 40 && sekoia.triggers >= 10, "{} actions, {} triggers", sekoia.actions, sekoia.triggers);
}

#[test]
fn a_broken_manifest_is_reported_and_the_others_still_import() {
    let root = tempfile::tempdir().unwrap();
    let good = root.path().join("Good");
    std::fs::create_dir(&good).unwrap();
    std::fs::write(good.join("manifest.json"), r#"{"uuid": "u-good", "name": "Good", "slug": "good"}"#).unwrap();
    std::fs::write(good.join("action_ping.json"), r#"{"uuid": "a1", "name": "Ping", "arguments": {}, "results": {}}"#).unwrap();
    std::fs::write(good.join("action_broken.json"), r#"{"uuid": "a2", "name": 7}"#).unwrap();
    let bad = root.path().join("Bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("manifest.json"), r#"{"name": "Bad", "slug": "bad"}"#).unwrap();

    let reports = import_dir(root.path()).unwrap();
    assert_eq!(reports.len(), 2);
    let bad_report = &reports[0];
    assert!(bad_report.module.is_none());
    assert_eq!(bad_report.errors[0].to_string(), format!("{}: uuid: missing", bad.join("manifest.json").display()));
    let good_report = &reports[1];
    assert_eq!(good_report.actions, 1);
    assert_eq!(good_report.errors[0].field.as_deref(), Some("name"));
    assert!(good_report.errors[0].path.ends_with("action_broken.json"));
}
