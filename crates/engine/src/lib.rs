//! The local execution engine: runs a playbook on the analyst's machine with the platform's
//! semantics (SEKOIA.md §1, §5).
//!
//! `scheduler` walks the graph and decides what runs; `runner` defines how an action is run
//! (`BlockRunner`, injected) and generates mock results; `runners` holds the native ones
//! (HTTP, Sekoia.io alert calls, Wait, Get current time); `rate` is the per-playbook rate
//! limit. Runs report every state change to a `RunSink` (persistence and UI are the host's).
//!
//! Not here: SQLite, the vault, the CLI (they reach the engine through `RunSink`,
//! `ConfigurationSource` and the returned `RunOutcome`).

mod compare;
mod literal;
pub mod model;
pub mod rate;
pub mod runner;
pub mod runners;
pub mod scheduler;

pub use compare::compare;
pub use model::{now, NodeRun, NodeRunKey, NodeStatus, RunEvent, RunOutcome, RunStatus};
pub use rate::{RateLimiter, DEFAULT_ACTIONS_PER_MINUTE};
pub use runner::{mock_results, ActionCall, ActionOutput, BlockRunner, Configuration, ConfigurationSource, MockMode, NoConfigurations};
pub use runners::NativeRunners;
pub use scheduler::{run, Deps, RunSink, RunSpec, RunnerRegistry, DEFAULT_ACTION_TIMEOUT};
pub use tokio_util::sync::CancellationToken;

/// Runs a playbook on the current thread (its own single-threaded runtime): what the CLI
/// and the app's run threads call. The Jinja values a run holds are not thread-safe, so a run
/// stays on one thread.
pub fn run_blocking(spec: &RunSpec, deps: Deps<'_>) -> RunOutcome {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a single-threaded runtime");
    rt.block_on(run(spec, deps))
}
