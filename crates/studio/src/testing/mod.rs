//! Playbook tests: cases made of an event, pinned results and expectations (the run's
//! status; per block its state and branch; values checked with Jinja on the run's CODE
//! JSON), stored with the playbook, kept in Git as `<playbook>.tests.json` (`docs/TESTS.md`),
//! made from a run ("save this run as a test") and run locally, offline.

mod check;
mod junit;

pub use check::{check_run, node_outcomes, NodeOutcome};
pub use junit::junit_xml;

use crate::{Result, Studio, StudioError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use studio_engine::MockMode;
use studio_model::{NodeType, OperatorSubtype, RunStatus};

/// The `format` of a tests file this version writes and reads.
pub const TESTS_FORMAT: &str = "playbook-studio-tests/1";

/// A playbook's tests, as stored and as the `<playbook>.tests.json` file holds them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TestsFile {
    pub format: String,
    /// The uuid of the playbook the tests belong to.
    #[serde(default)]
    pub playbook: Option<String>,
    pub tests: Vec<TestCase>,
}

/// One test: what the run gets, and what it must give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TestCase {
    pub name: String,
    /// The trigger's event.
    #[ts(type = "any")]
    pub event: Value,
    /// Which actions are mocked (`all`: every unpinned action from its results schema).
    #[serde(default = "mock_all")]
    #[ts(type = "\"all\" | \"unknown\" | \"none\"")]
    pub mock: MockMode,
    /// Results pinned per node id (the blocks that would call the outside world).
    #[serde(default)]
    #[ts(type = "Record<string, any>")]
    pub pins: BTreeMap<String, Value>,
    #[serde(default)]
    pub expect: Expectations,
}

fn mock_all() -> MockMode {
    MockMode::All
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Expectations {
    /// The run's final status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "\"succeeded\" | \"failed\" | \"cancelled\" | \"interrupted\" | null")]
    pub status: Option<RunStatus>,
    /// Per node id: its state and the branch it took.
    #[serde(default)]
    pub nodes: BTreeMap<String, NodeExpectation>,
    /// Jinja expressions on the run's CODE JSON (`{{ node.4.verdict }}`), equal to `equals`
    /// when given, else true.
    #[serde(default)]
    pub values: Vec<ValueCheck>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NodeExpectation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ExpectedState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
}

/// What a block did in a run, as a test sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExpectedState {
    Succeeded,
    Failed,
    /// The run left the playbook there (the branch taken has no target).
    Left,
    /// The block did not run.
    NotReached,
}

impl ExpectedState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Left => "left",
            Self::NotReached => "not reached",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ValueCheck {
    pub expression: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "any")]
    pub equals: Option<Value>,
}

/// One test's outcome.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TestResult {
    pub name: String,
    pub passed: bool,
    /// The run the test made (open it in the RUN view); `null` when it could not run.
    pub run_id: Option<String>,
    /// Every expectation not met, in the order they are checked (run status, blocks, values).
    pub failures: Vec<TestFailure>,
    #[ts(type = "number")]
    pub duration_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TestFailure {
    /// The block concerned, when one is.
    pub node: Option<String>,
    /// `run`, `status`, `branch` or `value`.
    pub what: String,
    pub expected: String,
    pub actual: String,
    /// The whole sentence, naming the block by its name.
    pub message: String,
}

impl Studio {
    /// A playbook's tests (none yet: an empty list).
    pub fn tests(&self, playbook_id: &str) -> Result<Vec<TestCase>> {
        match self.store.playbook_tests(playbook_id)? {
            None => Ok(Vec::new()),
            Some(doc) => Ok(read_tests(&doc, playbook_id)?.tests),
        }
    }

    /// Replaces a playbook's tests; names must be given and distinct.
    pub fn set_tests(&mut self, playbook_id: &str, tests: Vec<TestCase>) -> Result<()> {
        let mut seen = std::collections::HashSet::new();
        for t in &tests {
            if t.name.trim().is_empty() {
                return Err(StudioError::InvalidInput { field: "name", message: "a test needs a name".into() });
            }
            if !seen.insert(t.name.trim()) {
                return Err(StudioError::InvalidInput { field: "name", message: format!("two tests are named “{}”", t.name.trim()) });
            }
        }
        let uuid = self.store.playbook_record(playbook_id)?.id;
        let file = TestsFile { format: TESTS_FORMAT.into(), playbook: Some(uuid), tests };
        self.store.set_playbook_tests(playbook_id, &serde_json::to_value(&file).expect("tests serialize"))?;
        Ok(())
    }

    /// "Save this run as a test": its event and every action's results become the pins, its
    /// status and each block's state and branch the expectations. Added to the playbook's
    /// tests under `name` (made distinct); returns the new test.
    pub fn add_test_from_run(&mut self, run_id: &str, name: Option<&str>) -> Result<TestCase> {
        let run = self.store.run(run_id)?;
        let playbook = self.store.playbook_content(&run.playbook_id, run.playbook_version)?;
        let node_runs = self.store.node_runs(run_id)?;
        let mut pins = BTreeMap::new();
        for nr in &node_runs {
            let is_action = playbook.nodes.get(&nr.node_id).is_some_and(|n| n.kind == NodeType::Action);
            if let (true, Some(results)) = (is_action && nr.status == studio_model::NodeStatus::Succeeded, &nr.results) {
                pins.entry(nr.node_id.clone()).or_insert_with(|| results.clone());
            }
        }
        let outcomes = node_outcomes(&node_runs);
        let mut nodes = BTreeMap::new();
        for (id, node) in &playbook.nodes {
            let outcome = outcomes.get(id.as_str()).cloned().unwrap_or_default();
            // The branch matters where the block chooses one: a condition, or an action that
            // took its error branch.
            let chooses = node.subtype == Some(OperatorSubtype::Condition) || outcome.branch.as_deref().is_some_and(|b| b != "default");
            nodes.insert(id.clone(), NodeExpectation { state: Some(outcome.state), branch: outcome.branch.filter(|_| chooses) });
        }
        let existing = self.tests(&run.playbook_id)?;
        let base = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(|| format!("{} run of {}", run.status, run.started_at.get(..16).unwrap_or(&run.started_at).replace('T', " ")));
        let name = (1..).map(|n| if n == 1 { base.clone() } else { format!("{base} ({n})") }).find(|candidate| existing.iter().all(|t| &t.name != candidate)).unwrap_or(base);
        let case = TestCase { name, event: run.event.clone(), mock: MockMode::All, pins, expect: Expectations { status: Some(run.status), nodes, values: Vec::new() } };
        let mut tests = existing;
        tests.push(case.clone());
        self.set_tests(&run.playbook_id, tests)?;
        tracing::info!(run = run_id, test = %case.name, "run saved as a test");
        Ok(case)
    }

    /// Runs tests of a playbook (its own when `tests` is `None`), each as a local run.
    pub fn run_tests(&mut self, playbook_id: &str, tests: Option<Vec<TestCase>>) -> Result<Vec<TestResult>> {
        let tests = match tests {
            Some(t) => t,
            None => self.tests(playbook_id)?,
        };
        let playbook = self.store.playbook_content(playbook_id, None)?;
        let mut results = Vec::with_capacity(tests.len());
        for case in &tests {
            results.push(self.run_test(playbook_id, &playbook, case)?);
        }
        Ok(results)
    }

    fn run_test(&mut self, playbook_id: &str, playbook: &studio_model::Playbook, case: &TestCase) -> Result<TestResult> {
        let started = std::time::Instant::now();
        let request =
            crate::RunRequest { playbook_id: playbook_id.to_owned(), event: case.event.clone(), mock: case.mock, pins: case.pins.clone().into_iter().collect(), rate_limit: None, trigger: None };
        let outcome = self.run_playbook(request, &mut |_| {}, studio_engine::CancellationToken::new())?;
        let node_runs = self.store.node_runs(&outcome.run_id)?;
        let code = self.run_code(&outcome.run_id)?;
        let failures = check_run(case, playbook, outcome.status, &node_runs, &code);
        Ok(TestResult { name: case.name.clone(), passed: failures.is_empty(), run_id: Some(outcome.run_id), failures, duration_ms: started.elapsed().as_millis() as u64 })
    }

    /// The tests file of a playbook (`None`: it has no test), as written beside its export.
    pub fn tests_file_text(&self, playbook_id: &str) -> Result<Option<String>> {
        let tests = self.tests(playbook_id)?;
        if tests.is_empty() {
            return Ok(None);
        }
        let uuid = self.store.playbook_record(playbook_id)?.id;
        let file = TestsFile { format: TESTS_FORMAT.into(), playbook: Some(uuid), tests };
        Ok(Some(format!("{}\n", serde_json::to_string_pretty(&file).expect("tests serialize"))))
    }

    /// Reads a tests file's text (errors name the line and column, or the test at fault).
    pub fn parse_tests_file(bytes: &[u8], label: &str) -> Result<TestsFile> {
        let doc: Value = serde_json::from_slice(bytes).map_err(|e| StudioError::InvalidInput { field: "tests", message: format!("{label}: line {}, column {}: {e}", e.line(), e.column()) })?;
        read_tests(&doc, label)
    }

    /// Stores a tests file as the playbook's tests (replacing them).
    pub fn import_tests(&mut self, playbook_id: &str, file: TestsFile) -> Result<usize> {
        let n = file.tests.len();
        self.set_tests(playbook_id, file.tests)?;
        Ok(n)
    }
}

fn read_tests(doc: &Value, label: &str) -> Result<TestsFile> {
    let file: TestsFile = serde_json::from_value(doc.clone()).map_err(|e| StudioError::InvalidInput { field: "tests", message: format!("{label}: {e}") })?;
    if file.format != TESTS_FORMAT {
        return Err(StudioError::InvalidInput { field: "tests", message: format!("{label}: format “{}” is not “{TESTS_FORMAT}”", file.format) });
    }
    Ok(file)
}
