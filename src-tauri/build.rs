fn main() {
    // Only the commands listed here exist for the webview, and each needs a permission in
    // capabilities/ (least privilege).
    let manifest = tauri_build::AppManifest::new().commands(&[
        "list_playbooks", "create_playbook", "get_playbook", "save_playbook", "validate_playbook", "get_catalog", "list_versions", "get_playbook_version", "restore_version", "rename_playbook", "duplicate_playbook", "delete_playbook",
        "list_module_configurations", "create_module_configuration", "replace_module_secret", "remove_module_secret", "take_startup_playbook",
        "import_playbook_file", "export_playbook_file", "get_platform_settings", "platform_login", "platform_logout", "platform_check", "platform_pull_catalog",
        "platform_list_playbooks", "platform_push", "platform_pull", "platform_compare", "platform_set_active", "platform_logs", "platform_rerun_failed",
        "start_run", "stop_run", "rerun_run", "platform_run", "list_runs", "get_run", "get_run_code", "get_run_defaults", "set_run_settings", "read_json_file", "render_jinja",
        "start_listener", "listener_status", "stop_listener",
        "list_templates", "create_from_template", "save_as_template", "delete_template", "list_catalog_modules", "import_catalog_folder", "remove_catalog_module",
        "list_tests", "save_tests", "add_test_from_run", "run_tests", "compare_runs", "export_run_bundle", "import_run_bundle",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri build script");
}
