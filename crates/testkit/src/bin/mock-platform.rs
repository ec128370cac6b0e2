//! The stand-in platform as a process, for end-to-end tests of the app:
//! `mock-platform KEY [DENIED_PERMISSION...] [--fail NODE_ID...]` prints its base URL on the
//! first line, then serves until stdin closes (or the process is killed). Each `--fail`
//! node fails the first time it runs (as the SDK reports it: finished, with an error).

use std::io::Read;
use studio_testkit::platform::MockPlatform;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(key) = args.next() else {
        eprintln!("usage: mock-platform KEY [DENIED_PERMISSION...] [--fail NODE_ID...]");
        std::process::exit(2);
    };
    let platform = MockPlatform::start(&key);
    let (mut denied, mut failing) = (Vec::new(), Vec::new());
    let mut rest = args.peekable();
    while let Some(arg) = rest.next() {
        match (arg.as_str(), rest.peek()) {
            ("--fail", Some(_)) => failing.extend(rest.next()),
            _ => denied.push(arg),
        }
    }
    platform.deny(&key, &denied.iter().map(String::as_str).collect::<Vec<_>>());
    platform.state().failing.extend(failing);
    println!("{}", platform.url);
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}
