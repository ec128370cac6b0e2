//! Finding `../shared/fixtures` from a test.
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
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    /// A request as the server saw it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Seen {
        pub method: String,
        pub path: String,
        pub headers: Vec<(String, String)>,
        pub body: String,
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
                let Ok(mut stream) = stream else { continue };
                let Ok(clone) = stream.try_clone() else { continue };
                let mut reader = BufReader::new(clone);
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
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
                if reader.read_exact(&mut body).is_err() {
                    continue;
                }
                let mut parts = request_line.split_whitespace();
                let (method, path) = (parts.next().unwrap_or("").to_owned(), parts.next().unwrap_or("").to_owned());
                let nth = {
                    let mut seen = log.lock().unwrap();
                    seen.push(Seen { method: method.clone(), path: path.clone(), headers, body: String::from_utf8_lossy(&body).into_owned() });
                    seen.iter().filter(|s| s.path == path).count()
                };
                let (status, text) = answer(&method, &path, nth);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                    text.len()
                );
            }
        });
        Server { url, seen }
    }
}
