//! A run checked against a test's expectations: its status, each block's state and branch,
//! and the Jinja value checks on its CODE JSON.

use super::{ExpectedState, TestCase, TestFailure};
use serde_json::Value;
use std::collections::HashMap;
use studio_model::{NodeStatus, Playbook, RunStatus};
use studio_store::NodeRunRow;

/// What one block did in a run, all its iterations together.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeOutcome {
    pub state: ExpectedState,
    /// The first branch it took (in run order).
    pub branch: Option<String>,
}

impl Default for NodeOutcome {
    fn default() -> Self {
        Self { state: ExpectedState::NotReached, branch: None }
    }
}

/// Each block's outcome: failed if one of its runs failed, else succeeded if one succeeded,
/// else left if the run left from it; a block without any of these was not reached.
pub fn node_outcomes(node_runs: &[NodeRunRow]) -> HashMap<&str, NodeOutcome> {
    let rank = |s: ExpectedState| match s {
        ExpectedState::Failed => 3,
        ExpectedState::Succeeded => 2,
        ExpectedState::Left => 1,
        ExpectedState::NotReached => 0,
    };
    let mut out: HashMap<&str, NodeOutcome> = HashMap::new();
    for nr in node_runs {
        let state = match nr.status {
            NodeStatus::Failed => ExpectedState::Failed,
            NodeStatus::Succeeded => ExpectedState::Succeeded,
            NodeStatus::Left => ExpectedState::Left,
            _ => ExpectedState::NotReached,
        };
        let entry = out.entry(nr.node_id.as_str()).or_default();
        if rank(state) > rank(entry.state) {
            entry.state = state;
        }
        if entry.branch.is_none() && state != ExpectedState::NotReached {
            entry.branch = nr.branch.clone();
        }
    }
    out
}

fn block_name(playbook: &Playbook, id: &str) -> String {
    match playbook.nodes.get(id).and_then(|n| n.name.as_deref()) {
        Some(name) => format!("“{name}” ({id})"),
        None => format!("block {id}"),
    }
}

/// Every expectation of `case` the run did not meet (empty: the test passes).
pub fn check_run(case: &TestCase, playbook: &Playbook, status: RunStatus, node_runs: &[NodeRunRow], code: &Value) -> Vec<TestFailure> {
    let mut failures = Vec::new();
    if let Some(expected) = case.expect.status.filter(|s| *s != status) {
        failures.push(TestFailure { node: None, what: "status".into(), expected: expected.to_string(), actual: status.to_string(), message: format!("the run ended {status}, expected {expected}") });
    }
    let outcomes = node_outcomes(node_runs);
    for (id, expectation) in &case.expect.nodes {
        let actual = outcomes.get(id.as_str()).cloned().unwrap_or_default();
        let name = block_name(playbook, id);
        if !playbook.nodes.contains_key(id) {
            failures.push(TestFailure {
                node: Some(id.clone()),
                what: "status".into(),
                expected: "a block".into(),
                actual: "no such block".into(),
                message: format!("the playbook has no block {id} any more"),
            });
            continue;
        }
        // A block that chooses took another branch: said as such (its state usually
        // changed with it: a branch without targets leaves the run there).
        if let Some(expected) = expectation.branch.as_ref().filter(|b| actual.branch.as_ref() != Some(*b)) {
            let got = actual.branch.clone().unwrap_or_else(|| "none".into());
            let state = if expectation.state.is_some_and(|s| s != actual.state) { format!(" ({})", actual.state.as_str()) } else { String::new() };
            failures.push(TestFailure {
                node: Some(id.clone()),
                what: "branch".into(),
                expected: expected.clone(),
                actual: got.clone(),
                message: format!("{name}: expected the branch `{expected}`, took `{got}`{state}"),
            });
            continue;
        }
        if let Some(expected) = expectation.state.filter(|s| *s != actual.state) {
            failures.push(TestFailure {
                node: Some(id.clone()),
                what: "status".into(),
                expected: expected.as_str().into(),
                actual: actual.state.as_str().into(),
                message: format!("{name}: expected {}, was {}", expected.as_str(), actual.state.as_str()),
            });
        }
    }
    for check in &case.expect.values {
        if let Some(failure) = check_value(check, code) {
            failures.push(failure);
        }
    }
    failures
}

fn check_value(check: &super::ValueCheck, code: &Value) -> Option<TestFailure> {
    let failed = |expected: String, actual: String, message: String| Some(TestFailure { node: None, what: "value".into(), expected, actual, message });
    let (output, value) = match crate::jinja::render(&check.expression, code, false) {
        crate::jinja::JinjaOutcome::Rendered { output, value, .. } => (output, value),
        crate::jinja::JinjaOutcome::Failed { error, .. } => return failed("a value".into(), "an error".into(), format!("`{}`: {}", check.expression, error.message)),
    };
    match &check.equals {
        Some(expected) => {
            // A typed value compares as JSON; text compares with what Jinja printed.
            let same = match (&value, expected) {
                (Some(v), e) if v == e => true,
                (_, Value::String(s)) => &output == s,
                _ => false,
            };
            if same {
                return None;
            }
            let actual = value.map(|v| v.to_string()).unwrap_or_else(|| format!("{output:?}"));
            failed(expected.to_string(), actual.clone(), format!("`{}` is {actual}, expected {expected}", check.expression))
        }
        None => {
            let truthy = match &value {
                Some(Value::Bool(b)) => *b,
                Some(Value::Null) => false,
                Some(Value::Number(n)) => n.as_f64() != Some(0.0),
                Some(Value::String(s)) => !s.is_empty(),
                Some(Value::Array(a)) => !a.is_empty(),
                Some(Value::Object(o)) => !o.is_empty(),
                None => !matches!(output.trim(), "" | "False" | "None"),
            };
            if truthy {
                return None;
            }
            failed("true".into(), output.clone(), format!("`{}` is not true (it gives {output:?})", check.expression))
        }
    }
}
