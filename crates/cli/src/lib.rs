//! `playbook`: the command line over `studio-core`. Parsing arguments and printing are done
//! here; every decision is the core's.
//!
//! Exit codes (a contract scripts rely on): 0 success, 1 failure (invalid input, missing
//! playbook, failed run), 2 usage error. No input makes it panic; if a bug does, it still
//! exits 1 with a message.

mod commands;
mod listen;
mod output;
mod platform;
mod runs;
mod templates;
mod testing;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "playbook", version, about = "Design, check and run Sekoia.io playbooks from the command line")]
pub struct Cli {
    /// Home folder (store and logs); defaults to $PLAYBOOK_STUDIO_HOME, then the OS data folder.
    #[arg(long, global = true, value_name = "DIR")]
    home: Option<PathBuf>,
    /// Print data as JSON.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check playbook files: `FILE: node N: field: message` per problem; exit 1 on errors.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Store playbook files (a new version when the uuid is already stored); prints each id.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write a stored playbook as SPL JSON.
    Export {
        id: String,
        /// Output file (written atomically); stdout when absent.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// List stored playbooks, most recently updated first.
    List,
    /// Show a stored playbook's summary and nodes.
    Show { id: String },
    /// List a playbook's versions, newest first.
    History { id: String },
    /// Make an old version the current one (as a new version).
    Restore { id: String, version: u32 },
    /// The block catalogue.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Run a playbook's tests (its stored ones, the file beside a playbook FILE, or --tests);
    /// exit 0 when all pass. `playbook test add RUN_ID` saves a run as a test.
    #[command(args_conflicts_with_subcommands = true)]
    Test {
        #[command(subcommand)]
        add: Option<TestCommand>,
        /// A playbook file or a stored playbook id.
        playbook: Option<String>,
        /// A tests file (`<playbook>.tests.json`) to run instead of the stored tests.
        #[arg(long, value_name = "FILE")]
        tests: Option<PathBuf>,
        /// Also write the results as JUnit XML.
        #[arg(long, value_name = "FILE")]
        junit: Option<PathBuf>,
    },
    /// Compare two runs: the first node run that differs, then every difference; exit 0 when
    /// they agree, 1 when they differ.
    DiffRuns { first: String, second: String },
    /// Run bundles: a run, its playbook version and its CODE JSON in one file, secrets
    /// replaced, to attach to a ticket.
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Playbook templates: the built-in ones and your own.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Run a playbook locally (a FILE is imported first, or matched by its uuid).
    Run {
        /// A playbook file or a stored playbook id.
        playbook: String,
        /// The trigger's event: a JSON file, or `-` for stdin (default `{}`).
        #[arg(long, value_name = "FILE|-")]
        event: Option<String>,
        /// Which actions are mocked: all, unknown (those without a native runner), none.
        #[arg(long, default_value = "unknown", value_parser = ["all", "unknown", "none"])]
        mock: String,
        /// Pin a node's results: NODE=FILE (a JSON file); repeatable.
        #[arg(long = "pin", value_name = "NODE=FILE")]
        pins: Vec<String>,
        /// Actions per minute for this run (default: the playbook's setting, else 120).
        #[arg(long, value_name = "N")]
        rate_limit: Option<u32>,
        /// The trigger node to start from, when the playbook has several (default: the first).
        #[arg(long, value_name = "NODE")]
        trigger: Option<String>,
    },
    /// Run a playbook for each JSON event POSTed to a local webhook (127.0.0.1 only), until
    /// Ctrl+C: once lets the run under way finish, twice cancels it.
    Listen {
        /// A playbook file or a stored playbook id.
        playbook: String,
        /// The loopback port to listen on (0: any free port, printed).
        #[arg(long, default_value_t = studio_core::listen::DEFAULT_PORT)]
        port: u16,
        /// Which actions are mocked: all, unknown (those without a native runner), none.
        #[arg(long, default_value = "unknown", value_parser = ["all", "unknown", "none"])]
        mock: String,
        /// Pin a node's results: NODE=FILE (a JSON file); repeatable.
        #[arg(long = "pin", value_name = "NODE=FILE")]
        pins: Vec<String>,
        /// The trigger node the runs start from, when the playbook has several.
        #[arg(long, value_name = "NODE")]
        trigger: Option<String>,
        /// The largest event accepted, in bytes (default 1 MiB; larger bodies get 413).
        #[arg(long, value_name = "BYTES")]
        max_body: Option<usize>,
    },
    /// Rerun a run as a new run (entirely, or only its failed part with --only-failed).
    Rerun {
        run_id: String,
        #[arg(long)]
        only_failed: bool,
    },
    /// List runs, newest first (of one playbook when ID is given).
    Runs { id: Option<String> },
    /// Show a run and its node runs; --code prints its CODE JSON (node results, arguments, store).
    RunShow {
        run_id: String,
        #[arg(long)]
        code: bool,
    },
    /// Module configurations (secret fields go to the OS vault).
    #[command(subcommand)]
    Config(ConfigCommand),
    /// The Sekoia.io platform: login, check, catalogue sync, push/pull, remote runs.
    #[command(subcommand)]
    Platform(platform::PlatformCommand),
    /// Render a Jinja template exactly as the platform (Python Jinja2) would.
    Jinja {
        /// The template text.
        #[arg(long, conflicts_with = "template_file", required_unless_present = "template_file")]
        template: Option<String>,
        /// A file holding the template.
        #[arg(long, value_name = "FILE")]
        template_file: Option<PathBuf>,
        /// A JSON object whose keys are the template's variables (`-` for stdin).
        #[arg(long, value_name = "FILE|-")]
        data: Option<String>,
        /// Fail on undefined values (Jinja2's StrictUndefined).
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Subcommand)]
pub enum ConfigCommand {
    /// Create a configuration; each --secret FIELD's value is read from stdin, one line each,
    /// in order (never from the command line).
    Create {
        module_uuid: String,
        name: String,
        /// A non-secret field: KEY=VALUE (VALUE parsed as JSON when it is JSON, text otherwise).
        #[arg(long = "value", value_name = "KEY=VALUE")]
        values: Vec<String>,
        /// A secret field to read from stdin.
        #[arg(long = "secret", value_name = "FIELD")]
        secrets: Vec<String>,
    },
    /// List configurations (of one module when given).
    List { module_uuid: Option<String> },
}

#[derive(Subcommand)]
pub enum BundleCommand {
    /// Write a run's bundle to FILE (atomically).
    Export {
        run_id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import a bundle: its playbook (when new or changed) and its run, read-only; prints the run id.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
pub enum TestCommand {
    /// Save a run as a test of its playbook: its event and results become the pins, its
    /// statuses and branches the expectations.
    Add {
        run_id: String,
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum TemplatesCommand {
    /// List templates (built-in first, then yours).
    List {
        /// Only the templates with this tag (alert, notification, webhook...).
        #[arg(long)]
        tag: Option<String>,
        /// Only the templates whose name, description or tags hold every word of this text.
        #[arg(long)]
        search: Option<String>,
    },
    /// Show a template: its description, tags and blocks.
    Show {
        slug: String,
        /// Print only the template's test event (JSON), e.g. for `playbook run --event -`.
        #[arg(long)]
        event: bool,
    },
    /// Create a playbook from a template; prints the new playbook's id.
    Create {
        slug: String,
        /// The new playbook's name (default: the template's).
        #[arg(long)]
        name: Option<String>,
    },
    /// Save a stored playbook as a template of your own (configuration choices left out).
    Save {
        id: String,
        /// A gallery tag; repeatable.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// The template's name (default: the playbook's).
        #[arg(long)]
        name: Option<String>,
        /// The template's description (default: the playbook's).
        #[arg(long)]
        description: Option<String>,
    },
    /// Delete one of your templates.
    Delete { slug: String },
}

#[derive(Subcommand)]
pub enum CatalogCommand {
    /// Import a folder in automation-library layout (`*/manifest.json`, `action_*.json`, `trigger_*.json`).
    Import { dir: PathBuf },
    /// List modules with their actions and triggers.
    List,
}

/// Runs the command line `args` (the first one is the program's name): what `playbook`
/// does, and what the app's binary does when started as `playbook-studio --cli …` (the
/// packages' `/usr/bin/playbook`).
pub fn main_with(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let usage_error = e.use_stderr();
            let _ = e.print();
            return ExitCode::from(if usage_error { 2 } else { 0 });
        }
    };
    std::panic::set_hook(Box::new(|info| {
        eprintln!("playbook: internal error: {info}");
    }));
    match std::panic::catch_unwind(|| commands::run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("playbook: {e}");
            ExitCode::FAILURE
        }
        Err(_) => ExitCode::FAILURE,
    }
}
