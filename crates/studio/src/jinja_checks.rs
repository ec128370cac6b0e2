//! Jinja mistakes caught before a run, for `playbook validate`, the Problems panel and the
//! block badges: every Jinja-bearing value of a block (arguments at any depth, condition
//! cases, store values, foreach items) is compiled and read.
//!
//! Errors (the platform would fail the block): a syntax error, an unknown filter or test, a
//! variable the playbook context does not have (it has `node` and `store`), a `node.<id>`
//! that is not a block of the playbook or not upstream of the reader (it cannot have run
//! before it). Warnings (it may still work): a field the upstream block's results schema
//! does not list, a `store.<key>` no Store block upstream sets.
//!
//! Positions are the 1-based line and column inside the field's text.

use serde_json::Value;
use std::collections::{HashMap, HashSet, VecDeque};
use studio_jinja::lint::{lint, Reference};
use studio_model::{BlockKind, Catalog, Diagnostic, Node, NodeType, OperatorSubtype, Playbook};

/// The variables a playbook's Jinja is rendered with.
const CONTEXT: [&str; 2] = ["node", "store"];

/// Every Jinja mistake of a playbook, in node order.
pub fn check_jinja(pb: &Playbook, catalog: &Catalog) -> Vec<Diagnostic> {
    let ancestors = ancestors(pb);
    let mut diags = Vec::new();
    for (id, node) in &pb.nodes {
        let upstream = &ancestors[id.as_str()];
        let reader = Reader { pb, catalog, id, upstream, stores: stores_set(pb, upstream) };
        for (field, text) in jinja_fields(node) {
            reader.check_field(&field, text, &mut diags);
        }
    }
    diags
}

/// The strings of a node that Jinja renders, with their field paths.
fn jinja_fields(node: &Node) -> Vec<(String, &str)> {
    fn walk<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
        match v {
            Value::String(s) if s.contains("{{") || s.contains("{%") || s.contains("{#") => out.push((path, s)),
            Value::Array(items) => items.iter().enumerate().for_each(|(i, x)| walk(x, format!("{path}[{i}]"), out)),
            Value::Object(map) => map.iter().for_each(|(k, x)| walk(x, format!("{path}.{k}"), out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (k, v) in node.arguments.iter().flatten() {
        walk(v, format!("arguments.{k}"), &mut out);
    }
    for (i, case) in node.cases.iter().flatten().enumerate() {
        for (side, value) in [("left", &case.left), ("right", &case.right)] {
            if let Some(v) = value {
                walk(v, format!("cases[{i}].{side}"), &mut out);
            }
        }
    }
    for (i, m) in node.modifications.iter().flatten().enumerate() {
        if let Some(v) = &m.value {
            walk(v, format!("modifications[{i}].value"), &mut out);
        }
    }
    if let Some(items) = &node.items {
        walk(items, "items".into(), &mut out);
    }
    out
}

/// Nodes reachable from a foreach's loop (its body), the foreach itself excluded.
fn loop_body<'a>(pb: &'a Playbook, foreach: &str, node: &'a Node) -> HashSet<&'a str> {
    let mut body: HashSet<&str> = HashSet::new();
    let mut queue: VecDeque<&str> = node.loop_targets.iter().flatten().map(String::as_str).collect();
    while let Some(id) = queue.pop_front() {
        if id == foreach || !body.insert(id) {
            continue;
        }
        if let Some((key, n)) = pb.nodes.get_key_value(id) {
            queue.extend(n.edges().map(|(_, t)| t).filter(|t| *t != key.as_str()));
        }
    }
    body
}

/// For each node, the nodes that can have run before it: through outputs and foreach
/// loops, and a loop's body before what follows the loop.
fn ancestors(pb: &Playbook) -> HashMap<&str, HashSet<&str>> {
    let mut preds: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, node) in &pb.nodes {
        for (_, target) in node.edges() {
            preds.entry(target).or_default().push(id);
        }
        if node.subtype == Some(OperatorSubtype::Foreach) {
            let body = loop_body(pb, id, node);
            for target in node.outputs.values().flatten() {
                preds.entry(target).or_default().extend(body.iter().copied());
            }
        }
    }
    pb.nodes
        .keys()
        .map(|id| {
            let mut seen: HashSet<&str> = HashSet::new();
            let mut queue: VecDeque<&str> = preds.get(id.as_str()).into_iter().flatten().copied().collect();
            while let Some(p) = queue.pop_front() {
                if seen.insert(p) {
                    queue.extend(preds.get(p).into_iter().flatten().copied());
                }
            }
            (id.as_str(), seen)
        })
        .collect()
}

/// Store keys the Store blocks upstream set or append to.
fn stores_set<'a>(pb: &'a Playbook, upstream: &HashSet<&str>) -> HashSet<&'a str> {
    pb.nodes
        .iter()
        .filter(|(id, n)| upstream.contains(id.as_str()) && n.subtype == Some(OperatorSubtype::Store))
        .flat_map(|(_, n)| n.modifications.iter().flatten())
        .filter(|m| m.kind == "set" || m.kind == "append")
        .map(|m| m.key.split('.').next().unwrap_or(&m.key))
        .collect()
}

/// The closest of `known` to `name` when it is close enough to be a typo.
fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    known.into_iter().map(|k| (strsim_distance(name, k), k)).filter(|(d, _)| *d <= limit).min_by_key(|(d, _)| *d).map(|(_, k)| k)
}

/// Levenshtein distance on characters.
fn strsim_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

fn did_you_mean(found: Option<&str>) -> String {
    found.map(|n| format!(" (did you mean `{n}`?)")).unwrap_or_default()
}

struct Reader<'a> {
    pb: &'a Playbook,
    catalog: &'a Catalog,
    id: &'a str,
    upstream: &'a HashSet<&'a str>,
    stores: HashSet<&'a str>,
}

impl Reader<'_> {
    fn check_field(&self, field: &str, text: &str, diags: &mut Vec<Diagnostic>) {
        let at = |d: Diagnostic, line: Option<usize>, column: Option<usize>| {
            let d = d.at_node(self.id).at_field(field);
            match (line, column) {
                (Some(l), Some(c)) => d.at_position(l, c),
                _ => d,
            }
        };
        let found = match lint(text) {
            Ok(found) => found,
            Err(e) => {
                diags.push(at(Diagnostic::error(format!("Jinja: {}", e.message)), e.line, e.column));
                return;
            }
        };
        for u in &found.unknown {
            let known: Vec<&str> = if u.kind == "filter" { studio_jinja::FILTERS.iter().map(|f| f.name).collect() } else { studio_jinja::TESTS.iter().map(|t| t.name).collect() };
            let hint = did_you_mean(nearest(&u.name, known));
            diags.push(at(Diagnostic::error(format!("Jinja: no {} named `{}`{hint}", u.kind, u.name)), Some(u.line), Some(u.column)));
        }
        for r in &found.references {
            if let Some(d) = self.reference(r) {
                diags.push(at(d, Some(r.line), Some(r.column)));
            }
        }
    }

    fn name_of(&self, id: &str) -> String {
        match self.pb.nodes.get(id).and_then(|n| n.name.as_deref()) {
            Some(name) => format!("“{name}” ({id})"),
            None => format!("block {id}"),
        }
    }

    /// What is wrong with one read, if anything.
    fn reference(&self, r: &Reference) -> Option<Diagnostic> {
        match r.var.as_str() {
            "node" => self.node_reference(r),
            "store" => {
                let key = r.path.first()?;
                (!self.stores.contains(key.as_str())).then(|| Diagnostic::warning(format!("`store.{key}` is never set by a Store block upstream of {}", self.name_of(self.id))))
            }
            other => {
                let hint = did_you_mean(nearest(other, CONTEXT));
                Some(Diagnostic::error(format!("Jinja: unknown variable `{other}`{hint}: a playbook's Jinja sees `node` and `store`")))
            }
        }
    }

    fn node_reference(&self, r: &Reference) -> Option<Diagnostic> {
        let target = r.path.first()?;
        let Some(node) = self.pb.nodes.get(target) else {
            return Some(Diagnostic::error(format!("`node.{target}`: this playbook has no block {target}")));
        };
        if !self.upstream.contains(target.as_str()) {
            let why = if target == self.id {
                "a block cannot read its own results".to_owned()
            } else {
                format!("{} is not upstream of {}: it cannot have run before it", self.name_of(target), self.name_of(self.id))
            };
            return Some(Diagnostic::error(format!("`node.{target}`: {why}")));
        }
        let field = r.path.get(1)?;
        // An action whose `error` branch is linked exposes `node.<id>.error` (the failure's
        // reason) to the blocks of that branch.
        if field == "error" && node.outputs.get("error").is_some_and(|targets| !targets.is_empty()) {
            return None;
        }
        let names = self.result_fields(node)?;
        if names.iter().any(|n| n == field) {
            return None;
        }
        let hint = did_you_mean(nearest(field, names.iter().map(String::as_str)));
        Some(Diagnostic::warning(format!("`node.{target}.{field}`: {} lists no result `{field}`{hint}", self.name_of(target))))
    }

    /// The result fields a block's schema lists, when it lists some and allows no others.
    fn result_fields(&self, node: &Node) -> Option<Vec<String>> {
        let (kind, uuid) = match node.kind {
            NodeType::Action => (BlockKind::Action, node.action_uuid.as_deref()?),
            NodeType::Trigger => (BlockKind::Trigger, node.trigger_uuid.as_deref()?),
            NodeType::Operator => return None,
        };
        let block = self.catalog.block(node.module_uuid.as_deref()?, kind, uuid)?;
        let schema = &block.results;
        if schema.get("additionalProperties").is_some_and(|a| a != &Value::Bool(false)) && schema.get("additionalProperties") != Some(&Value::Null) {
            return None;
        }
        let properties = schema.get("properties")?.as_object()?;
        (!properties.is_empty()).then(|| properties.keys().cloned().collect())
    }
}
