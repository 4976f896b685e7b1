//! Write errors on konzept's own output (issue 15): a reader that went away,
//! a full disk, a file-size limit. None of them may panic (exit 101) or kill
//! the process with a signal. A closed stdout is quiet and the command's own
//! exit code stands; a full stdout or a write past `ulimit -f` is one line on
//! stderr and exit 2.

mod common;

use std::fs::File;
use std::process::{Command, Output, Stdio};

use common::TestSite;

fn konzept(site: &TestSite, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_konzept"));
    cmd.args(args)
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .env_remove("RUST_LOG");
    cmd
}

/// Runs with stdout a pipe whose reader is gone before konzept writes.
fn with_closed_stdout(site: &TestSite, args: &[&str]) -> Output {
    let mut child = konzept(site, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run konzept");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait for konzept")
}

/// Runs with stdout `/dev/full` (every write fails with ENOSPC).
fn with_full_stdout(site: &TestSite, args: &[&str]) -> Output {
    konzept(site, args)
        .stdout(File::create("/dev/full").expect("open /dev/full"))
        .output()
        .expect("run konzept")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Exited by itself (no signal), with `code`, and without a panic.
fn assert_exit(out: &Output, code: i32) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "konzept panicked:\n{err}");
    assert_eq!(out.status.code(), Some(code), "{:?}:\n{err}", out.status);
}

#[test]
fn issue_15_build_into_a_closed_pipe_is_quiet() {
    let site = TestSite::fixture("minimal");
    let out = with_closed_stdout(&site, &["build"]);
    assert_exit(&out, 0);
    assert!(site.exists("de/index.html"));
}

#[test]
fn issue_15_check_json_into_a_closed_pipe_is_quiet() {
    let site = TestSite::fixture("minimal");
    let out = with_closed_stdout(&site, &["check", "--format", "json"]);
    assert_exit(&out, 0);
}

#[test]
fn issue_15_build_into_a_full_stdout_exits_2() {
    let site = TestSite::fixture("minimal");
    let out = with_full_stdout(&site, &["build"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("cannot write to standard output"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn issue_15_check_json_into_a_full_stdout_exits_2() {
    let site = TestSite::fixture("minimal");
    let out = with_full_stdout(&site, &["check", "--format", "json"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("cannot write to standard output"));
}

#[test]
fn init_new_and_schema_into_a_full_stdout_exit_2() {
    let site = TestSite::fixture("minimal");
    assert_exit(&with_full_stdout(&site, &["init", "neu"]), 2);
    assert_exit(&with_full_stdout(&site, &["new", "page", "zweite"]), 2);
    assert_exit(&with_full_stdout(&site, &["schema"]), 2);
    assert!(site.path().join("content/zweite.md").exists());
}

#[test]
fn a_full_stderr_does_not_panic() {
    let site = TestSite::fixture("minimal");
    site.write("content/impressum.md", "---\ntitel: Impressum\n---\n");
    let out = konzept(&site, &["build"])
        .stderr(File::create("/dev/full").expect("open /dev/full"))
        .output()
        .expect("run konzept");
    assert_eq!(out.status.code(), Some(1), "{:?}", out.status);
}

#[test]
fn issue_15_a_file_size_limit_is_a_write_error_not_a_signal() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let before = site.public_tree();
    site.write("content/impressum.md", "---\ntitle: Impressum\n---\nNeu.\n");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 1 && exec '{}' build",
            env!("CARGO_BIN_EXE_konzept")
        ))
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run sh");
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("error[io]"), "{err}");
    assert!(
        err.contains("File too large") || err.contains("too large"),
        "{err}"
    );
    assert!(
        site.public_tree() == before,
        "a failed build changed public/"
    );
}
