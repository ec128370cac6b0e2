//! Renders two case sets with this engine, with Python Jinja2 (`tests/jinja-diff/
//! jinja2_render.py --bench`, in the same run) and with stock minijinja (its own engine, where
//! it supports a case), and prints them side by side.
//!
//! Sets: `corpus`, every corpus case that renders without error and has its own small data;
//! `runs`, the cases of `run_contexts.json`, rendered against CODE JSON documents shaped like
//! real runs (tens of KB: the engine's hot path). `time_with_delta` cases are left out (the
//! same selection as the Python side).
//!
//! Two measures, as the engine and the tester work: compile + render (the template parsed each
//! time, the variables already prepared, as Python's are), and render of a compiled template.
//! minijinja's column covers only the cases it compiles and renders without error, and this
//! engine is timed again on that same subset for the ratio.
//!
//! Run: `cargo bench -p studio-jinja --bench render` (Python from `$JINJA2_PYTHON`, default
//! `python3`; it needs Jinja2 and jsonpath-ng: `pip install -r tests/jinja-diff/requirements.txt`).
//! `BENCH_SLOWEST=1` lists the slowest cases of each set; `BENCH_PROFILE=runs|corpus[+compile]`
//! only renders (or compiles and renders) that set in a loop (for `perf record`); `BENCH_BUDGET_MS` sets each measure's time.

#[path = "../tests/common/mod.rs"]
mod common;

use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use studio_jinja::{Config, Context, Template};

/// One case ready to render, like the Python side's prepared closure.
struct Prepared {
    source: String,
    template: Template,
    ctx: Context,
    cfg: Config,
    typed: bool,
}

impl Prepared {
    fn new(c: &Value) -> Prepared {
        let source = c["template"].as_str().unwrap().to_owned();
        let cfg = if c["strict"].as_bool().unwrap_or(false) { Config::strict() } else { Config::default() };
        let template = Template::compile(&source).unwrap();
        Prepared { source, template, ctx: Context::from_json(&c["data"]), cfg, typed: c["typed"].as_bool().unwrap_or(false) }
    }

    fn render_with(&self, template: &Template) {
        if self.typed {
            std::hint::black_box(template.render_typed(&self.ctx, &self.cfg).ok());
        } else {
            std::hint::black_box(template.render(&self.ctx, &self.cfg).ok());
        }
    }

    fn render(&self) {
        self.render_with(&self.template);
    }

    fn compile_render(&self) {
        self.render_with(&Template::compile(&self.source).unwrap());
    }
}

/// The same case for stock minijinja: its context converted once.
struct Stock {
    source: String,
    strict: bool,
    ctx: minijinja::Value,
}

struct StockEnvs {
    lenient: minijinja::Environment<'static>,
    strict: minijinja::Environment<'static>,
}

impl StockEnvs {
    fn new() -> Self {
        let mut strict = minijinja::Environment::new();
        strict.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        Self { lenient: minijinja::Environment::new(), strict }
    }

    fn env(&self, s: &Stock) -> &minijinja::Environment<'static> {
        if s.strict {
            &self.strict
        } else {
            &self.lenient
        }
    }

    fn compile_render(&self, s: &Stock) -> Result<String, minijinja::Error> {
        self.env(s).template_from_str(&s.source)?.render(&s.ctx)
    }
}

/// minijinja reads `node.0` as the integer key 0: the node map gets integer keys (the rest
/// of the document converts as it is).
fn stock_context(data: &Value) -> minijinja::Value {
    let mut top = std::collections::BTreeMap::new();
    for (k, v) in data.as_object().into_iter().flatten() {
        let value = match (k.as_str(), v.as_object()) {
            ("node", Some(nodes)) => {
                let by_id: std::collections::BTreeMap<minijinja::Value, minijinja::Value> =
                    nodes.iter().map(|(id, v)| (id.parse::<i64>().map(minijinja::Value::from).unwrap_or_else(|_| id.as_str().into()), minijinja::Value::from(minijinja::value::Serde(v)))).collect();
                minijinja::Value::from(by_id)
            }
            _ => minijinja::Value::from(minijinja::value::Serde(v)),
        };
        top.insert(k.clone(), value);
    }
    minijinja::Value::from(top)
}

/// Rounds of `f` for about `budget`; microseconds per case.
fn measure(n_cases: usize, budget: Duration, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
    let start = Instant::now();
    let mut rounds = 0u32;
    while start.elapsed() < budget {
        f();
        rounds += 1;
    }
    start.elapsed().as_secs_f64() * 1e6 / (rounds as f64 * n_cases as f64)
}

/// Microseconds per case: (compile + render, render).
#[derive(Clone, Copy)]
struct Times(f64, f64);

struct SetReport {
    name: &'static str,
    cases: usize,
    ours: Times,
    subset: usize,
    ours_subset: Times,
    stock: Times,
}

fn bench_set(name: &'static str, cases: &[Value], budget: Duration) -> SetReport {
    let prepared: Vec<Prepared> = cases.iter().map(Prepared::new).collect();
    let ours = Times(measure(prepared.len(), budget, || prepared.iter().for_each(Prepared::compile_render)), measure(prepared.len(), budget, || prepared.iter().for_each(Prepared::render)));

    let envs = StockEnvs::new();
    let (mut subset, mut stock) = (Vec::new(), Vec::new());
    for (p, c) in prepared.iter().zip(cases) {
        let s = Stock { source: p.source.clone(), strict: p.cfg.strict, ctx: stock_context(&c["data"]) };
        if envs.compile_render(&s).is_ok() {
            subset.push(p);
            stock.push(s);
        }
    }
    let ours_subset = Times(measure(subset.len(), budget, || subset.iter().for_each(|p| p.compile_render())), measure(subset.len(), budget, || subset.iter().for_each(|p| p.render())));
    let compiled: Vec<(minijinja::Template, &Stock)> = stock.iter().map(|s| (envs.env(s).template_from_str(&s.source).unwrap(), s)).collect();
    let stock_times = Times(
        measure(stock.len(), budget, || {
            for s in &stock {
                std::hint::black_box(envs.compile_render(s).ok());
            }
        }),
        measure(stock.len(), budget, || {
            for (t, s) in &compiled {
                std::hint::black_box(t.render(&s.ctx).ok());
            }
        }),
    );
    if std::env::var_os("BENCH_SLOWEST").is_some() {
        let stock_by_source: std::collections::HashMap<&str, &(minijinja::Template, &Stock)> = compiled.iter().map(|c| (c.1.source.as_str(), c)).collect();
        let mut per: Vec<(f64, Option<f64>, &str)> = prepared
            .iter()
            .zip(cases)
            .map(|(p, c)| {
                let stock = stock_by_source.get(p.source.as_str()).map(|(t, s)| {
                    measure(1, Duration::from_millis(20), || {
                        std::hint::black_box(t.render(&s.ctx).ok());
                    })
                });
                (measure(1, Duration::from_millis(20), || p.render()), stock, c["name"].as_str().unwrap())
            })
            .collect();
        per.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (us, stock, case) in per.iter().take(16) {
            let stock = stock.map(|s| format!("{s:>7.2}")).unwrap_or_else(|| "      -".into());
            println!("{name} slowest render: {us:>7.2} µs (minijinja {stock})  {case}");
        }
    }
    SetReport { name, cases: prepared.len(), ours, subset: stock.len(), ours_subset, stock: stock_times }
}

fn python_times() -> Option<Value> {
    let python = std::env::var("JINJA2_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/jinja-diff/jinja2_render.py");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    match std::process::Command::new(&python).arg(&script).arg("--bench").arg(&corpus).output() {
        Ok(out) if out.status.success() => Some(serde_json::from_slice(&out.stdout).expect("the bench prints JSON")),
        Ok(out) => {
            println!("python bench failed: {}", String::from_utf8_lossy(&out.stderr));
            None
        }
        Err(e) => {
            println!("python bench not run ({python}: {e}); set JINJA2_PYTHON to a Python with Jinja2");
            None
        }
    }
}

fn print_report(r: &SetReport, py: Option<&Value>) {
    let py = py.map(|v| Times(v["compile_render_us_per_case"].as_f64().unwrap_or(f64::NAN), v["render_us_per_case"].as_f64().unwrap_or(f64::NAN)));
    println!("\n{} ({} cases)                 compile+render µs/case   render µs/case", r.name, r.cases);
    if let Some(p) = py {
        println!("  python jinja2                     {:>10.2}             {:>10.2}", p.0, p.1);
    }
    println!("  studio-jinja                      {:>10.2}             {:>10.2}", r.ours.0, r.ours.1);
    if let Some(p) = py {
        println!("  ratio python / studio-jinja       {:>9.1}x             {:>9.1}x", p.0 / r.ours.0, p.1 / r.ours.1);
    }
    println!("  on the {} cases stock minijinja renders:", r.subset);
    println!("  stock minijinja                   {:>10.2}             {:>10.2}", r.stock.0, r.stock.1);
    println!("  studio-jinja                      {:>10.2}             {:>10.2}", r.ours_subset.0, r.ours_subset.1);
    println!("  ratio studio-jinja / minijinja    {:>9.2}x             {:>9.2}x", r.ours_subset.0 / r.stock.0, r.ours_subset.1 / r.stock.1);
}

fn main() {
    let usable: Vec<Value> = common::load_cases().into_iter().map(|(_, c)| c).filter(|c| c["expect"].get("error").is_none() && !c["template"].as_str().unwrap().contains("time_with_delta")).collect();
    let (runs, corpus): (Vec<Value>, Vec<Value>) = usable.into_iter().partition(|c| c.get("context").is_some());
    let budget = Duration::from_millis(std::env::var("BENCH_BUDGET_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(2000));
    if let Ok(only) = std::env::var("BENCH_PROFILE") {
        // For `perf record`: render one set's compiled templates in a loop, nothing else.
        let set = if only.starts_with("runs") { &runs } else { &corpus };
        let prepared: Vec<Prepared> = set.iter().map(Prepared::new).collect();
        let step = if only.ends_with("+compile") { Prepared::compile_render } else { Prepared::render };
        println!("{only}: {:.2} µs/case", measure(prepared.len(), budget, || prepared.iter().for_each(step)));
        return;
    }
    let reports = [bench_set("corpus", &corpus, budget), bench_set("runs", &runs, budget)];
    let python = python_times();
    print_report(&reports[0], python.as_ref());
    print_report(&reports[1], python.as_ref().map(|p| &p["runs"]));
}
