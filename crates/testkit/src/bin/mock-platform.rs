//! The stand-in platform as a process, for end-to-end tests of the app:
//! `mock-platform KEY [DENIED_PERMISSION...]` prints its base URL on the first line, then
//! serves until stdin closes (or the process is killed).

use std::io::Read;
use studio_testkit::platform::MockPlatform;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(key) = args.next() else {
        eprintln!("usage: mock-platform KEY [DENIED_PERMISSION...]");
        std::process::exit(2);
    };
    let platform = MockPlatform::start(&key);
    let denied: Vec<String> = args.collect();
    platform.deny(&key, &denied.iter().map(String::as_str).collect::<Vec<_>>());
    println!("{}", platform.url);
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}
