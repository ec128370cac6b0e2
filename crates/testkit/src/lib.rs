//! Finding `../shared/fixtures` from a test, and reading the Jinja corpus.
//!
//! A developer's clone may not have `shared/` beside it: tests that need it then skip with a
//! visible message. CI sets `PLAYBOOK_STUDIO_REQUIRE_SHARED=1`, and there a missing folder
//! fails the test instead of skipping it silently.

use std::path::PathBuf;

/// `<repo>/../shared/fixtures/sekoia`, or `None` (after printing why) when it is absent and
/// not required. Panics when it is absent and required.
pub fn sekoia_fixtures() -> Option<PathBuf> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = match std::env::var_os("PLAYBOOK_STUDIO_SHARED") {
        Some(shared) => PathBuf::from(shared).join("fixtures/sekoia"),
        None => repo.join("../shared/fixtures/sekoia"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    let required = std::env::var("PLAYBOOK_STUDIO_REQUIRE_SHARED").is_ok_and(|v| v == "1");
    assert!(!required, "shared fixtures are required (PLAYBOOK_STUDIO_REQUIRE_SHARED=1) but {} does not exist", dir.display());
    eprintln!("SKIPPED: {} is absent; this test needs the shared fixtures", dir.display());
    None
}

/// Every case of the Jinja corpus (`crates/jinja/tests/corpus`) in file order, as `(name,
/// case)`, with its variables in `data`: its own, or the file's shared context it names
/// (`"context": "run"` in a file holding `"contexts": {"run": {...}}`).
pub fn jinja_corpus() -> Vec<(String, serde_json::Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../jinja/tests/corpus");
    let mut cases = Vec::new();
    for f in json_files(&dir) {
        let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let mut case = case.clone();
            if let Some(name) = case.get("context").and_then(serde_json::Value::as_str) {
                case["data"] = doc["contexts"].get(name).unwrap_or_else(|| panic!("{}: no context {name}", f.display())).clone();
            }
            cases.push((case["name"].as_str().unwrap().to_owned(), case));
        }
    }
    cases
}

/// Every `*.json` file of a folder, sorted by name.
pub fn json_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

pub mod http {
    //! A tiny HTTP/1.1 server on loopback for tests that need the outside world (an API the
    //! playbook calls): it records every request and answers per path.

    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::{Arc, Mutex};

    /// A request as the server saw it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Seen {
        pub method: String,
        /// The path with its query string.
        pub path: String,
        /// Header names in lower case.
        pub headers: Vec<(String, String)>,
        pub body: String,
    }

    impl Seen {
        pub fn header(&self, name: &str) -> Option<&str> {
            self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
        }
    }

    /// Reads one request from a connection (`None` when it is not a whole HTTP request).
    pub fn read_request(stream: &TcpStream) -> Option<Seen> {
        let mut reader = BufReader::new(stream.try_clone().ok()?);
        let mut request_line = String::new();
        reader.read_line(&mut request_line).ok()?;
        let mut headers = Vec::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() || line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.trim_end().split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap_or(0);
                }
                headers.push((k.to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).ok()?;
        let mut parts = request_line.split_whitespace();
        let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
        Some(Seen { method, path, headers, body: String::from_utf8_lossy(&body).into_owned() })
    }

    /// Writes a JSON answer (with extra headers) and closes the connection.
    pub fn respond(mut stream: &TcpStream, status: u16, extra_headers: &[(&str, String)], body: &str) {
        let mut head = format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
        for (k, v) in extra_headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        let _ = write!(stream, "{head}\r\n{body}");
    }

    pub struct Server {
        pub url: String,
        pub seen: Arc<Mutex<Vec<Seen>>>,
    }

    impl Server {
        pub fn paths(&self) -> Vec<String> {
            self.seen.lock().unwrap().iter().map(|s| s.path.clone()).collect()
        }
    }

    /// Serves until the test process ends. `answer(method, path, nth)` gives the status and JSON
    /// body; `nth` counts the requests to that path (1 for the first).
    pub fn serve(answer: impl Fn(&str, &str, usize) -> (u16, String) + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let Some(request) = read_request(&stream) else { continue };
                let (method, path) = (request.method.clone(), request.path.clone());
                let nth = {
                    let mut seen = log.lock().unwrap();
                    seen.push(request);
                    seen.iter().filter(|s| s.path == path).count()
                };
                let (status, text) = answer(&method, &path, nth);
                respond(&stream, status, &[], &text);
            }
        });
        Server { url, seen }
    }
}

pub mod damage;
pub mod platform;
