//! The playbook model: the platform's SPL format as Rust types, its lossless JSON
//! import/export, the checks that turn a document into precise diagnostics, and the block
//! catalogue's types.
//!
//! Deliberately not here: any IO (files, SQLite, network). Callers hand in bytes or values
//! and get back types and diagnostics, so every rule here is unit-testable and shared by the
//! CLI and the desktop app.

pub mod catalog;
mod check;
pub mod diagnostic;
mod parse;
pub mod run_status;
pub mod schema;
pub mod spl;

pub use catalog::{Block, BlockKind, Catalog, Module, Operator};
pub use check::{check_playbook, CheckOptions};
pub use diagnostic::{Diagnostic, Severity};
pub use parse::{parse_playbook, parse_playbook_value};
pub use run_status::{NodeStatus, RunStatus};
pub use spl::{Case, Modification, Node, NodeType, OperatorSubtype, Playbook, Position};

/// Parses and checks a playbook in one go: what `playbook validate` and imports use.
///
/// Returns the playbook when it could be read (even if the graph has errors) and every
/// diagnostic found, errors first in document order.
pub fn validate(bytes: &[u8], catalog: Option<&Catalog>) -> (Option<Playbook>, Vec<Diagnostic>) {
    match parse_playbook(bytes) {
        Ok(playbook) => {
            let diags = check_playbook(&playbook, &CheckOptions { catalog });
            (Some(playbook), diags)
        }
        Err(diags) => (None, diags),
    }
}
