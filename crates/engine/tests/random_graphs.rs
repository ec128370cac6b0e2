//! The engine on random valid playbooks: every run ends (no panic, no endless wait), every
//! node is accounted for by a final node run, and no node run is left `running`. Graphs are
//! drawn from a seeded generator: links only go forward (no cycles), with conditions, joins,
//! store operators, loops (nested too), failing actions with and without error branches.
//!
//! `RANDOM_GRAPHS=N` sets how many playbooks run (default 300, a second or two);
//! `RANDOM_GRAPHS_SEED=S` starts elsewhere. A failure prints the seed and the playbook.

mod common;

use common::*;
use serde_json::{json, Map, Value};
use studio_engine::{MockMode, NoConfigurations, NodeStatus, RunStatus};
use studio_model::Catalog;

/// xorshift64*: small, seeded, good enough to draw graph shapes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Up to two targets later in the order (links only go forward: no cycle).
fn forward(rng: &mut Rng, from: usize, count: usize) -> Vec<String> {
    let mut targets = Vec::new();
    for _ in 0..rng.below(3) {
        if from + 1 < count {
            let t = from + 1 + rng.below((count - from - 1) as u64) as usize;
            if !targets.contains(&t.to_string()) {
                targets.push(t.to_string());
            }
        }
    }
    targets
}

fn random_node(rng: &mut Rng, id: usize, count: usize) -> Value {
    let next = forward(rng, id, count);
    match rng.below(7) {
        0 => json!({"type": "operator", "subtype": "condition", "name": id.to_string(),
            "cases": [{"name": "high", "left": "{{ node.0.n }}", "comparison": ">=", "right": format!("{{{{ {} }}}}", rng.below(10))}],
            "outputs": {"high": next, "else": forward(rng, id, count)}}),
        1 => json!({"type": "operator", "subtype": "store", "name": id.to_string(),
            "modifications": [{"type": "append", "key": "seen", "value": id.to_string()}], "outputs": {"default": next}}),
        2 => json!({"type": "operator", "subtype": "foreach", "name": id.to_string(), "items": format!("{{{{ range({}) | list }}}}", rng.below(3)),
            "loop": forward(rng, id, count), "outputs": {"default": next}}),
        3 => json!({"type": "operator", "subtype": "all", "name": id.to_string(), "outputs": {"default": next}}),
        4 => json!({"type": "operator", "subtype": "any", "name": id.to_string(), "outputs": {"default": next}}),
        _ => {
            let fails = rng.chance(15);
            let mut outputs = Map::new();
            outputs.insert("default".into(), json!(next));
            if fails && rng.chance(50) {
                outputs.insert("error".into(), json!(forward(rng, id, count)));
            }
            json!({"type": "action", "name": id.to_string(), "module_uuid": "m", "action_uuid": if fails { "fail-x" } else { "ok" },
                "arguments": {"n": "{{ node.0.n }}"}, "outputs": outputs})
        }
    }
}

fn random_playbook(rng: &mut Rng) -> Value {
    let count = 2 + rng.below(14) as usize;
    let mut nodes = Map::new();
    nodes.insert("0".into(), json!({"type": "trigger", "name": "0", "module_uuid": "m", "trigger_uuid": "t", "outputs": {"default": forward(rng, 0, count)}}));
    for id in 1..count {
        nodes.insert(id.to_string(), random_node(rng, id, count));
    }
    json!({"name": "random", "nodes": nodes})
}

#[test]
fn every_random_playbook_runs_to_an_end_with_every_node_accounted_for() {
    let runs: u64 = std::env::var("RANDOM_GRAPHS").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let first: u64 = std::env::var("RANDOM_GRAPHS_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let registry = FakeRegistry(Fake { results: Default::default() });
    let catalog = Catalog::default();
    for seed in first..first + runs {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let doc = random_playbook(&mut rng);
        let mut s = spec(doc.clone(), json!({"n": rng.below(10)}));
        s.mock = MockMode::None;
        let (out, _) = run_with(&s, &registry, &NoConfigurations, &catalog);
        let context = || format!("seed {seed}: {doc}");
        assert!(matches!(out.status, RunStatus::Succeeded | RunStatus::Failed), "{}: ended {:?}", context(), out.status);
        assert!(out.node_runs.iter().all(|n| n.status != NodeStatus::Running), "{}: a node run was left running", context());
        for id in doc["nodes"].as_object().unwrap().keys() {
            assert!(out.node_runs.iter().any(|n| &n.node_id == id), "{}: node {id} has no node run", context());
        }
    }
    println!("{runs} random playbooks ran to an end (seeds {first}..{})", first + runs);
}
