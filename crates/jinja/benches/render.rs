//! Renders the corpus with the Rust engine and, in the same run, with Python Jinja2
//! (`tests/jinja-diff/jinja2_render.py --bench`), and prints both and the ratio.
//!
//! Cases: every corpus case that renders without error, minus `time_with_delta` ones (the
//! same selection as the Python side). Two measures: compile + render of every case, and
//! render of pre-compiled templates (contexts prepared once, as the engine does).
//!
//! Run: `cargo bench -p studio-jinja --bench render` (Python from `$JINJA2_PYTHON`, default
//! `python3`; it needs Jinja2 and jsonpath-ng: `pip install -r tests/jinja-diff/requirements.txt`).

use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use studio_jinja::{Config, Context, Template};

fn cases() -> Vec<Value> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let doc: Value = serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap();
        for c in doc["cases"].as_array().unwrap() {
            if c["expect"].get("error").is_none() && !c["template"].as_str().unwrap().contains("time_with_delta") {
                out.push(c.clone());
            }
        }
    }
    out
}

fn cfg(c: &Value) -> Config {
    if c["strict"].as_bool().unwrap_or(false) {
        Config::strict()
    } else {
        Config::default()
    }
}

/// One case ready to render, like the Python side's prepared closure.
struct Prepared {
    template: Template,
    ctx: Context,
    cfg: Config,
    typed: bool,
}

fn run(p: &Prepared) {
    if p.typed {
        std::hint::black_box(p.template.render_typed(&p.ctx, &p.cfg).ok());
    } else {
        std::hint::black_box(p.template.render(&p.ctx, &p.cfg).ok());
    }
}

fn prepare(c: &Value) -> Prepared {
    Prepared { template: Template::compile(c["template"].as_str().unwrap()).unwrap(), ctx: Context::from_json(&c["data"]), cfg: cfg(c), typed: c["typed"].as_bool().unwrap_or(false) }
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

fn main() {
    let cases = cases();
    let n = cases.len();
    let budget = Duration::from_secs(2);
    // Compile + render: the template is parsed each time (the data is converted as well, as
    // Python converts nothing).
    let rust_compile_render = measure(n, budget, || {
        for c in &cases {
            run(&prepare(c));
        }
    });
    let prepared: Vec<Prepared> = cases.iter().map(prepare).collect();
    let rust_render = measure(n, budget, || {
        for p in &prepared {
            run(p);
        }
    });
    if std::env::var_os("BENCH_SLOWEST").is_some() {
        let mut per: Vec<(f64, String)> = cases.iter().zip(&prepared).map(|(c, p)| (measure(1, Duration::from_millis(20), || run(p)), c["name"].as_str().unwrap().to_owned())).collect();
        per.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (us, name) in per.iter().take(12) {
            println!("slowest: {us:>9.1} µs  {name}");
        }
    }
    println!("rust:   {n} cases, compile+render {rust_compile_render:.2} µs/case, render {rust_render:.2} µs/case");

    let python = std::env::var("JINJA2_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/jinja-diff/jinja2_render.py");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    match std::process::Command::new(&python).arg(&script).arg("--bench").arg(&corpus).output() {
        Ok(out) if out.status.success() => {
            let v: Value = serde_json::from_slice(&out.stdout).expect("the bench prints JSON");
            let py_cr = v["compile_render_us_per_case"].as_f64().unwrap_or(f64::NAN);
            let py_r = v["render_us_per_case"].as_f64().unwrap_or(f64::NAN);
            println!("python: {} cases, compile+render {py_cr:.2} µs/case, render {py_r:.2} µs/case", v["cases"]);
            println!("ratio (python / rust): compile+render {:.1}x, render {:.1}x", py_cr / rust_compile_render, py_r / rust_render);
        }
        Ok(out) => println!("python bench failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => println!("python bench not run ({python}: {e}); set JINJA2_PYTHON to a Python with Jinja2"),
    }
}
