//! Example programs run as processes by the tests: where `cargo test` built them,
//! killed when the test ends, and their `listening on ADDR` line read with a bound.
#![allow(dead_code)]

use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::Child;
use std::time::Duration;

/// The binary of the example `name`, built by `cargo test` beside the test's.
pub(crate) fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let path = dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: `cargo test --workspace` builds it (or `cargo build -p graph-comms-bot --example {name}`)",
        path.display()
    );
    path
}

/// A process killed when the test ends, however it ends.
pub(crate) struct Running(pub(crate) Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The address a process prints first on its piped stdout as `listening on ADDR`,
/// within 30 seconds.
pub(crate) fn listening(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("a piped stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("`listening on ADDR` within 30 s");
    line.trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("`listening on ADDR`, not {line:?}"))
        .to_owned()
}
