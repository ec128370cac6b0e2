//! One function per command: read input, call the core, print.

use crate::output::{self, line};
use crate::{CatalogCommand, Cli, Command, ConfigCommand};
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;
use studio_core::{Home, Studio, StudioError};

/// Largest playbook file read (pasted exports of big playbooks stay far below).
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

pub fn run(cli: Cli) -> Result<ExitCode, StudioError> {
    if let Command::Jinja { template, template_file, data, strict } = &cli.command {
        // The tester needs no store: nothing is written to the home folder.
        return jinja(template.as_deref(), template_file.as_deref(), data.as_deref(), *strict, cli.json);
    }
    let home = Home::resolve(cli.home);
    let mut studio = Studio::open(home)?;
    studio_core::init_logging(studio.home(), "cli")?;
    let json = cli.json;
    match cli.command {
        Command::Validate { files } => validate(&studio, &files, json),
        Command::Import { files } => import(&mut studio, &files, json),
        Command::Export { id, out } => export(&studio, &id, out.as_deref()),
        Command::List => list(&studio, json),
        Command::Show { id } => show(&studio, &id, json),
        Command::History { id } => history(&studio, &id, json),
        Command::Restore { id, version } => {
            let summary = studio.restore_version(&id, version)?;
            if json {
                output::json(&summary);
            } else {
                line(format!("restored version {version} of {id} as version {}", summary.version));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Catalog(CatalogCommand::Import { dir }) => catalog_import(&mut studio, &dir, json),
        Command::Catalog(CatalogCommand::List) => catalog_list(&studio, json),
        Command::Platform(command) => crate::platform::run(&mut studio, command, json),
        Command::Templates(command) => crate::templates::run(&mut studio, command, json),
        Command::Test { add: Some(crate::TestCommand::Add { run_id, name }), .. } => crate::testing::add(&mut studio, &run_id, name.as_deref(), json),
        Command::Test { add: None, playbook, tests, junit } => crate::testing::test(&mut studio, playbook.as_deref(), tests.as_deref(), junit.as_deref(), json),
        Command::DiffRuns { first, second } => crate::testing::diff_runs(&studio, &first, &second, json),
        Command::Bundle(crate::BundleCommand::Export { run_id, out }) => {
            studio.export_run_bundle(&run_id, &out)?;
            if !json {
                line(format!("wrote {}", out.display()));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bundle(crate::BundleCommand::Import { file }) => {
            let imported = studio.import_run_bundle(&file)?;
            if json {
                output::json(&imported);
            } else {
                line(imported.run_id);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Jinja { .. } => unreachable!("handled before opening the store"),
        Command::Config(ConfigCommand::Create { module_uuid, name, values, secrets }) => config_create(&mut studio, module_uuid, name, &values, &secrets, json),
        Command::Config(ConfigCommand::List { module_uuid }) => {
            let list = studio.module_configurations(module_uuid.as_deref())?;
            if json {
                output::json(&list);
            } else {
                for c in list {
                    let secrets: Vec<&str> = c.secret_refs.keys().map(String::as_str).collect();
                    line(format!("{}  {}  module {}  secrets in the OS vault: {}", c.id, c.name, c.module_uuid, if secrets.is_empty() { "none".into() } else { secrets.join(", ") }));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Run { playbook, event, mock, pins, rate_limit, trigger } => {
            let args = crate::runs::RunArgs { playbook: &playbook, event: event.as_deref(), mock: &mock, pins: &pins, rate_limit, trigger };
            crate::runs::run(&mut studio, args, json)
        }
        Command::Listen { playbook, port, mock, pins, trigger, max_body } => {
            let args = crate::listen::ListenArgs { playbook: &playbook, port, mock: &mock, pins: &pins, trigger, max_body };
            crate::listen::listen(&mut studio, args, json)
        }
        Command::Rerun { run_id, only_failed } => crate::runs::rerun(&mut studio, &run_id, only_failed, json),
        Command::Runs { id } => crate::runs::list(&studio, id.as_deref(), json),
        Command::RunShow { run_id, code } => crate::runs::show(&studio, &run_id, code, json),
    }
}

fn config_create(studio: &mut Studio, module_uuid: String, name: String, values: &[String], secrets: &[String], json: bool) -> Result<ExitCode, StudioError> {
    use std::io::BufRead;
    let mut map = serde_json::Map::new();
    for kv in values {
        let Some((k, v)) = kv.split_once('=') else {
            eprintln!("--value {kv}: expected KEY=VALUE");
            return Ok(ExitCode::from(2));
        };
        map.insert(k.to_owned(), serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.to_owned())));
    }
    let mut secret_values = std::collections::BTreeMap::new();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    for field in secrets {
        let Some(Ok(secret)) = lines.next() else {
            eprintln!("--secret {field}: no value on stdin (one line per secret, in order)");
            return Ok(ExitCode::FAILURE);
        };
        secret_values.insert(field.clone(), secret.trim_end_matches('\r').to_owned());
    }
    let created = studio.create_module_configuration(studio_core::NewConfiguration { module_uuid, name, values: map, secrets: secret_values })?;
    if json {
        output::json(&created);
    } else {
        line(&created.id);
    }
    Ok(ExitCode::SUCCESS)
}

fn jinja(template: Option<&str>, file: Option<&Path>, data: Option<&str>, strict: bool, json: bool) -> Result<ExitCode, StudioError> {
    use std::io::Write;
    let template = match (template, file) {
        (Some(t), _) => t.to_owned(),
        (None, Some(f)) => String::from_utf8(read_file(f)?).map_err(|_| StudioError::io(f, std::io::Error::other("the template is not valid UTF-8")))?,
        (None, None) => unreachable!("clap requires one of them"),
    };
    let data: serde_json::Value = match data {
        None => json!({}),
        Some(source) => {
            let value = crate::runs::read_json(source)?;
            if !value.is_object() {
                let label = if source == "-" { "<stdin>" } else { source };
                return Err(StudioError::io(Path::new(label), std::io::Error::other("the data must be a JSON object whose keys are the template's variables")));
            }
            value
        }
    };
    let outcome = studio_core::jinja::render(&template, &data, strict);
    if json {
        output::json(&outcome);
        return Ok(if matches!(outcome, studio_core::jinja::JinjaOutcome::Rendered { .. }) { ExitCode::SUCCESS } else { ExitCode::FAILURE });
    }
    match outcome {
        studio_core::jinja::JinjaOutcome::Rendered { output, .. } => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(output.as_bytes()).and_then(|_| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(StudioError::io(Path::new("<stdout>"), e));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        studio_core::jinja::JinjaOutcome::Failed { error, .. } => {
            match (error.line, error.column) {
                (Some(l), Some(c)) => eprintln!("line {l}, column {c}: {}", error.message),
                _ => eprintln!("{}", error.message),
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, StudioError> {
    let meta = std::fs::metadata(path).map_err(|e| StudioError::io(path, e))?;
    if meta.is_dir() {
        return Err(StudioError::io(path, std::io::Error::other("is a folder, expected a playbook JSON file")));
    }
    if meta.len() > MAX_FILE_BYTES {
        let message = format!("the file is {} MB; the limit is {} MB", meta.len() >> 20, MAX_FILE_BYTES >> 20);
        return Err(StudioError::io(path, std::io::Error::other(message)));
    }
    std::fs::read(path).map_err(|e| StudioError::io(path, e))
}

fn validate(studio: &Studio, files: &[std::path::PathBuf], json: bool) -> Result<ExitCode, StudioError> {
    let mut failed = false;
    let mut reports = Vec::new();
    for file in files {
        let name = file.display().to_string();
        let diags = match read_file(file) {
            Ok(bytes) => studio.validate_with_jinja(&bytes).1,
            Err(e) => vec![studio_core::Diagnostic::error(format!("cannot read: {}", io_reason(&e)))],
        };
        let errors = diags.iter().filter(|d| d.is_error()).count();
        failed |= errors > 0;
        if json {
            reports.push(json!({"file": name, "valid": errors == 0, "diagnostics": diags}));
            continue;
        }
        for d in &diags {
            let line_text = format!("{name}: {d}");
            if d.is_error() {
                eprintln!("{line_text}");
            } else {
                line(line_text);
            }
        }
        if errors == 0 {
            line(format!("{name}: valid ({} warning{})", diags.len(), if diags.len() == 1 { "" } else { "s" }));
        }
    }
    if json {
        output::json(&reports);
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn io_reason(e: &StudioError) -> String {
    match e {
        StudioError::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

fn import(studio: &mut Studio, files: &[std::path::PathBuf], json: bool) -> Result<ExitCode, StudioError> {
    let mut failed = false;
    let mut reports = Vec::new();
    for file in files {
        let name = file.display().to_string();
        let outcome = read_file(file).and_then(|bytes| studio.import_playbook(&bytes, &name));
        match outcome {
            Ok(outcome) => {
                for w in &outcome.warnings {
                    eprintln!("{name}: {w}");
                }
                match studio.import_tests_beside(&outcome.record.id, file) {
                    Ok(Some(n)) => eprintln!("{name}: {n} tests imported from {}", studio_core::tests_path(file).display()),
                    Ok(None) => {}
                    Err(e) => eprintln!("{name}: its tests were not imported: {e}"),
                }
                if json {
                    reports.push(json!({"file": name, "id": outcome.record.id, "version": outcome.record.version, "warnings": outcome.warnings}));
                } else {
                    line(&outcome.record.id);
                }
            }
            Err(StudioError::InvalidPlaybook(errors)) => {
                failed = true;
                for e in &errors {
                    eprintln!("{name}: {e}");
                }
                reports.push(json!({"file": name, "error": "invalid playbook", "diagnostics": errors}));
            }
            Err(e @ StudioError::Io { .. }) => {
                failed = true;
                eprintln!("{name}: cannot read: {}", io_reason(&e));
                reports.push(json!({"file": name, "error": io_reason(&e)}));
            }
            Err(other) => return Err(other),
        }
    }
    if json {
        output::json(&reports);
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn export(studio: &Studio, id: &str, out: Option<&Path>) -> Result<ExitCode, StudioError> {
    let text = studio.export_playbook(id)?;
    match out {
        Some(path) => {
            studio_core::write_atomically(path, format!("{text}\n").as_bytes()).map_err(|e| StudioError::io(path, e))?;
            if let Some(tests) = studio.export_tests_beside(id, path)? {
                eprintln!("its tests: {}", tests.display());
            }
        }
        None => line(text),
    }
    Ok(ExitCode::SUCCESS)
}

fn list(studio: &Studio, json: bool) -> Result<ExitCode, StudioError> {
    let playbooks = studio.list_playbooks()?;
    if json {
        output::json(&playbooks);
    } else if playbooks.is_empty() {
        line("no playbooks yet: `playbook import FILE` stores one");
    } else {
        for p in playbooks {
            line(format!("{}  v{:<3} {:>4} nodes  {}  {}", p.id, p.version, p.node_count, p.updated_at, p.name));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show(studio: &Studio, id: &str, json: bool) -> Result<ExitCode, StudioError> {
    let (record, playbook) = studio.playbook(id)?;
    if json {
        output::json(&json!({"playbook": record, "content": playbook}));
        return Ok(ExitCode::SUCCESS);
    }
    line(format!("{} ({})", record.name, record.id));
    if !record.description.is_empty() {
        line(&record.description);
    }
    line(format!("version {}, updated {}, tags: {}", record.version, record.updated_at, record.tags.join(", ")));
    for (node_id, node) in &playbook.nodes {
        let kind = match (node.kind, node.subtype) {
            (_, Some(sub)) => sub.as_str().to_owned(),
            (kind, None) => format!("{kind:?}").to_lowercase(),
        };
        let targets: Vec<String> = node.edges().map(|(branch, to)| format!("{branch}→{to}")).collect();
        line(format!("  {node_id:>4}  {kind:<9} {}  {}", node.name.as_deref().unwrap_or(""), targets.join(" ")));
    }
    Ok(ExitCode::SUCCESS)
}

fn history(studio: &Studio, id: &str, json: bool) -> Result<ExitCode, StudioError> {
    let versions = studio.history(id)?;
    if json {
        output::json(&versions);
    } else {
        for v in versions {
            line(format!("v{:<4} {}  {:>4} nodes  {}", v.version, v.created_at, v.node_count, v.summary));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn catalog_import(studio: &mut Studio, dir: &Path, json: bool) -> Result<ExitCode, StudioError> {
    let reports = studio.import_catalog_dir(dir)?;
    if reports.is_empty() {
        eprintln!("{}: no module found (expected <Module>/manifest.json)", dir.display());
        return Ok(ExitCode::FAILURE);
    }
    let failed = reports.iter().any(|r| !r.errors.is_empty());
    if json {
        output::json(&json!({"modules": reports}));
    } else {
        for r in &reports {
            match (&r.name, &r.uuid) {
                (Some(name), Some(uuid)) => line(format!("imported {name} ({uuid}): {} actions, {} triggers", r.actions, r.triggers)),
                _ => line(format!("skipped {}", r.path)),
            }
            for e in &r.errors {
                eprintln!("error: {e}");
            }
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn catalog_list(studio: &Studio, json: bool) -> Result<ExitCode, StudioError> {
    let modules = studio.catalog_summary();
    if json {
        output::json(&json!({"modules": modules}));
        return Ok(ExitCode::SUCCESS);
    }
    for m in modules {
        line(format!("{} ({}) — {} actions, {} triggers", m.name, m.uuid, m.actions.len(), m.triggers.len()));
        for t in &m.triggers {
            line(format!("  trigger  {}  {}", t.uuid, t.name));
        }
        for a in &m.actions {
            line(format!("  action   {}  {}", a.uuid, a.name));
        }
    }
    Ok(ExitCode::SUCCESS)
}
