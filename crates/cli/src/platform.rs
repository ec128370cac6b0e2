//! `playbook platform ...`: the connection, the catalogue sync, push/pull, and runs on the
//! platform. Run outputs have the shape of `playbook run --json`.

use crate::output::{self, line};
use crate::runs::{finish, print_runs, print_view, printer, read_json};
use clap::Subcommand;
use serde_json::json;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use studio_core::{RemoteRunRequest, RunStatus, Studio, StudioError};

#[derive(Subcommand)]
pub enum PlatformCommand {
    /// Store the platform URL and an API key (read from stdin, kept in the OS vault).
    Login {
        /// e.g. https://api.sekoia.io (FRA1), https://app.fra2.sekoia.io/api, https://app.usa1.sekoia.io/api
        #[arg(long, value_name = "URL", default_value = "https://api.sekoia.io")]
        base_url: String,
        /// The community new playbooks are created in (keys that see several communities).
        #[arg(long, value_name = "UUID")]
        community: Option<String>,
    },
    /// Forget the API key (removed from the OS vault) and the URL.
    Logout,
    /// Check the connection and the key's permissions; exit 1 when some are missing.
    Check,
    /// Copy the platform's modules, actions and triggers into the local catalogue.
    PullCatalog,
    /// List the platform's playbooks.
    List,
    /// Send a playbook (a file, imported first, or a stored id): created, then updated.
    Push { playbook: String },
    /// Fetch a platform playbook into the local store.
    Pull { uuid: String },
    /// Compare a local playbook with its platform version; exit 1 when they differ.
    Diff { id: String },
    /// Run a playbook on the platform by sending an event to its trigger.
    Run {
        /// A stored (pushed) playbook id or a platform playbook uuid.
        playbook: String,
        /// The event: a JSON file, or `-` for stdin (default `{}`).
        #[arg(long, value_name = "FILE|-")]
        event: Option<String>,
        /// Follow the run until it ends.
        #[arg(long)]
        follow: bool,
        /// The trigger node to run from (a playbook with several triggers needs it).
        #[arg(long, value_name = "NODE")]
        trigger: Option<String>,
    },
    /// Whether a platform playbook is on, and why not (status message, status tags).
    Status { playbook: String },
    /// Switch a platform playbook on: it runs on every event its trigger receives.
    Activate { playbook: String },
    /// Switch a platform playbook off.
    Deactivate { playbook: String },
    /// The newest log lines of a platform playbook and of its trigger configurations.
    Logs {
        playbook: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Ask the platform to rerun every failed run of a playbook (done there, in the background).
    RerunFailed { playbook: String },
    /// The platform's runs of a playbook, newest first.
    Runs { playbook: String },
    /// A platform run with its node runs.
    RunShow { run: String },
    /// Rerun a platform run (entirely, or only its failed actions).
    Rerun {
        run: String,
        #[arg(long)]
        only_failed: bool,
        #[arg(long)]
        follow: bool,
    },
}

fn read_key() -> Result<String, StudioError> {
    let mut key = String::new();
    std::io::stdin().read_to_string(&mut key).map_err(|e| StudioError::io(Path::new("<stdin>"), e))?;
    // One line: the key; anything after a newline is not part of it.
    Ok(key.lines().next().unwrap_or_default().to_owned())
}

/// Exit code of a platform run: followed, its success; not followed, that it started.
fn started(outcome: &studio_core::RunOutcome, follow: bool, json: bool) -> ExitCode {
    let followed = finish(outcome, json);
    match (follow, outcome.status) {
        (true, _) => followed,
        (false, RunStatus::Failed) => ExitCode::FAILURE,
        (false, _) => ExitCode::SUCCESS,
    }
}

fn print_status(status: &studio_core::PlatformPlaybookStatus, json: bool) {
    if json {
        output::json(status);
        return;
    }
    let state = if status.active { "on" } else { "off" };
    line(format!("{}  {}: {state} (status {})", status.uuid, status.name, status.status.as_deref().unwrap_or("unknown")));
    if let Some(message) = &status.status_message {
        line(format!("  {message}"));
    }
    if !status.status_tags.is_empty() {
        line(format!("  tags: {}", status.status_tags.join(", ")));
    }
}

pub fn run(studio: &mut Studio, command: PlatformCommand, json: bool) -> Result<ExitCode, StudioError> {
    match command {
        PlatformCommand::Login { base_url, community } => {
            if !json {
                eprintln!("API key (read from stdin):");
            }
            let key = read_key()?;
            studio.set_platform_community(community.as_deref())?;
            let settings = studio.platform_login(&base_url, &key)?;
            if json {
                output::json(&settings);
            } else {
                line(format!("logged in to {}; the API key is in the OS vault", settings.base_url.unwrap_or_default()));
            }
        }
        PlatformCommand::Logout => {
            studio.platform_logout()?;
            if !json {
                line("logged out; the API key was removed from the OS vault");
            }
        }
        PlatformCommand::Check => {
            let report = studio.platform_check()?;
            if json {
                output::json(&report);
            } else {
                line(format!("{}: {}", report.base_url, if report.authenticated { "API key accepted" } else { "API key refused" }));
                for p in &report.permissions {
                    let detail = p.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
                    line(format!("  [{}] {}{detail}", if p.granted { "ok" } else { "missing" }, p.label));
                }
                if !report.missing.is_empty() {
                    line(format!("missing: {}", report.missing.join(", ")));
                }
            }
            if !report.authenticated || !report.missing.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
        PlatformCommand::PullCatalog => {
            let sync = studio.pull_catalog()?;
            if json {
                output::json(&sync);
            } else {
                line(format!("{} modules, {} actions, {} triggers synced", sync.modules, sync.actions, sync.triggers));
            }
        }
        PlatformCommand::List => {
            let playbooks = studio.platform_playbooks()?;
            if json {
                output::json(&playbooks);
            } else if playbooks.is_empty() {
                line("no playbooks on the platform");
            } else {
                for p in playbooks {
                    let local = p.local_id.map(|l| format!("  (local {l})")).unwrap_or_default();
                    line(format!("{}  {}{local}", p.uuid, p.name));
                }
            }
        }
        PlatformCommand::Push { playbook } => {
            let id = match Path::new(&playbook).is_file() {
                true => studio.import_if_changed(&crate::commands::read_file(Path::new(&playbook))?, &playbook)?.record.id,
                false => playbook,
            };
            let pushed = studio.push_playbook(&id)?;
            if json {
                output::json(&json!({ "uuid": pushed.remote_uuid }));
            } else {
                line(format!("{} {} on the platform as {}", id, if pushed.created { "created" } else { "updated" }, pushed.remote_uuid));
            }
        }
        PlatformCommand::Pull { uuid } => {
            let summary = studio.pull_playbook(&uuid)?;
            if json {
                output::json(&summary);
            } else {
                line(format!("{}  {} (version {})", summary.id, summary.name, summary.version));
            }
        }
        PlatformCommand::Diff { id } => {
            let diff = studio.compare_with_platform(&id)?;
            if json {
                output::json(&diff);
            } else if diff.same {
                line(format!("{id} is the same as platform playbook {}", diff.remote_uuid));
            } else {
                line(format!("{id} differs from platform playbook {}:", diff.remote_uuid));
                for (label, ids) in [("only local", &diff.only_local), ("only on the platform", &diff.only_remote), ("changed", &diff.changed)] {
                    if !ids.is_empty() {
                        line(format!("  nodes {label}: {}", ids.join(", ")));
                    }
                }
                if diff.name_differs || diff.description_differs {
                    line("  name or description differ");
                }
            }
            if !diff.same {
                return Ok(ExitCode::FAILURE);
            }
        }
        PlatformCommand::Run { playbook, event, follow, trigger } => {
            let event = match event {
                Some(source) => read_json(&source)?,
                None => json!({}),
            };
            let outcome = studio.run_on_platform(RemoteRunRequest { playbook, event, follow, trigger }, &mut printer(json))?;
            return Ok(started(&outcome, follow, json));
        }
        PlatformCommand::Status { playbook } => print_status(&studio.platform_playbook_status(&playbook)?, json),
        PlatformCommand::Activate { playbook } => print_status(&studio.platform_set_active(&playbook, true)?, json),
        PlatformCommand::Deactivate { playbook } => print_status(&studio.platform_set_active(&playbook, false)?, json),
        PlatformCommand::Logs { playbook, limit } => {
            let lines = studio.platform_logs(&playbook, limit)?;
            if json {
                output::json(&lines);
            } else if lines.is_empty() {
                line("no log lines");
            } else {
                for l in lines {
                    line(format!("{}  {:<8} {:<10} {}", l.date.as_deref().unwrap_or("-"), l.level, if l.source == "playbook" { "playbook" } else { "trigger" }, l.message));
                }
            }
        }
        PlatformCommand::RerunFailed { playbook } => {
            let count = studio.rerun_failed_on_platform(&playbook)?;
            if json {
                output::json(&json!({ "failed_runs": count }));
            } else {
                line(format!("the platform reruns the failed runs of {playbook} ({count} listed as failed)"));
            }
        }
        PlatformCommand::Runs { playbook } => print_runs(&studio.platform_runs(&playbook)?.iter().map(studio_core::RunSummaryView::from).collect::<Vec<_>>(), json),
        PlatformCommand::RunShow { run } => print_view(&studio.platform_run_view(&run)?, json),
        PlatformCommand::Rerun { run, only_failed, follow } => {
            let outcome = studio.rerun_on_platform(&run, only_failed, follow, &mut printer(json))?;
            return Ok(started(&outcome, follow, json));
        }
    }
    Ok(ExitCode::SUCCESS)
}
