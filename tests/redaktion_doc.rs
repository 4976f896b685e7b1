//! docs/redaktion.md, the editors' guide, is run as it is written: every
//! line of every ```sh block, in order, in a temporary directory, with the
//! konzept under test first on `PATH` and git with a temporary HOME and no
//! network (the doc's `origin` is a bare repository this test creates).
//!
//! What the doc may say to the test, invisible on the rendered page:
//! - `<!-- datei: content/x.md -->` right before a fenced block: the
//!   block is that file's content, written at that point of the walk;
//! - `<!-- bild: content/x.jpg -->` on a line of its own: a photo there
//!   (the test makes one; the doc's reader brings their own);
//! - `<!-- ausgabe -->` right before a ```text block: it is what the last
//!   command printed (each line of the block appears in its output);
//! - `# erwartet: Fehler` after a command: it must fail (exit code 1);
//!   without it a command must succeed.
//!
//! A line of a ```sh block that is neither a comment, `cd <dir>`, nor a
//! `konzept …` or `git …` command fails the test, so no block shows a
//! command that is not run.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const DOC: &str = "docs/redaktion.md";
const EXPECT_FAILURE: &str = "# erwartet: Fehler";

/// One step of the walk through the doc.
#[derive(Debug)]
enum Step {
    /// A command line (1-based line in the doc), and whether it must fail.
    Run {
        line: usize,
        command: String,
        fails: bool,
    },
    /// `cd <dir>`.
    Cd(String),
    /// A file written with the block's text.
    File { path: String, text: String },
    /// Text the last command printed.
    Output { line: usize, text: String },
    /// A photo (a generated JPEG) at this path: the doc names the editor's
    /// own photo, which cannot be shown in text.
    Image(String),
}

/// The steps of the doc, in order.
fn steps(doc: &str) -> Vec<Step> {
    let lines: Vec<&str> = doc.lines().collect();
    let mut steps = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(path) = lines[i]
            .trim()
            .strip_prefix("<!-- bild: ")
            .and_then(|m| m.strip_suffix(" -->"))
        {
            steps.push(Step::Image(path.to_owned()));
        }
        let Some(lang) = lines[i].trim_start().strip_prefix("```") else {
            i += 1;
            continue;
        };
        let marker = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim())
            .unwrap_or("");
        let start = i + 1;
        let end = (start..lines.len())
            .find(|&j| lines[j].trim_start().starts_with("```"))
            .unwrap_or_else(|| panic!("{DOC}:{}: a block that never ends", i + 1));
        let body = &lines[start..end];
        let text: String = body.iter().map(|l| format!("{l}\n")).collect();
        if let Some(path) = marker
            .strip_prefix("<!-- datei: ")
            .and_then(|m| m.strip_suffix(" -->"))
        {
            steps.push(Step::File {
                path: path.to_owned(),
                text,
            });
        } else if marker == "<!-- ausgabe -->" {
            steps.push(Step::Output { line: start, text });
        } else if lang.trim() == "sh" {
            for (n, raw) in body.iter().enumerate() {
                let line = start + n + 1;
                let l = raw.trim();
                if l.is_empty() || l.starts_with('#') {
                    continue;
                }
                let fails = l.contains(EXPECT_FAILURE);
                let command = l.split(" #").next().unwrap_or(l).trim().to_owned();
                if let Some(dir) = command.strip_prefix("cd ") {
                    steps.push(Step::Cd(dir.trim().to_owned()));
                } else if command.starts_with("konzept ") || command.starts_with("git ") {
                    steps.push(Step::Run {
                        line,
                        command,
                        fails,
                    });
                } else {
                    panic!(
                        "{DOC}:{line}: `{l}` is not a command this test runs (konzept, git, cd)"
                    );
                }
            }
        }
        i = end + 1;
    }
    steps
}

/// PATH with the konzept under test first.
fn path_with_konzept() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_konzept"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let mut paths = vec![bin];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).expect("PATH")
}

/// A shell command with the test's environment: konzept on PATH, git
/// without the machine's configuration, a fixed date for the site.
fn shell(command: &str, dir: &Path, home: &Path) -> Command {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", command])
        .current_dir(dir)
        .env("PATH", path_with_konzept())
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .env("KONZEPT_TODAY", common::TODAY)
        .env_remove("RUST_LOG")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Redaktion")
        .env("GIT_AUTHOR_EMAIL", "redaktion@example.org")
        .env("GIT_COMMITTER_NAME", "Redaktion")
        .env("GIT_COMMITTER_EMAIL", "redaktion@example.org")
        .env("GIT_TERMINAL_PROMPT", "0");
    cmd
}

/// `konzept serve …`: started on a free port, asked for its home page,
/// stopped.
fn serve(command: &str, dir: &Path, home: &Path, line: usize) {
    let mut child = shell(&format!("exec {command} --port 0 2>&1"), dir, home)
        .stdout(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .expect("serve starts");
    let out = child.stdout.take().expect("stdout");
    let mut seen = String::new();
    let mut url = None;
    for l in BufReader::new(out).lines() {
        let l = l.expect("serve's output");
        seen.push_str(&l);
        seen.push('\n');
        if let Some(rest) = l.strip_prefix("serving on ") {
            url = rest.split_whitespace().next().map(str::to_owned);
            break;
        }
    }
    let url = url.unwrap_or_else(|| panic!("{DOC}:{line}: `{command}` never served:\n{seen}"));
    let page = ureq::get(&url)
        .call()
        .unwrap_or_else(|e| panic!("{DOC}:{line}: {url}: {e}"))
        .into_body()
        .read_to_string()
        .expect("the home page");
    let _ = child.kill();
    let _ = child.wait();
    assert!(page.contains("<html"), "{DOC}:{line}: {url} is no page");
}

#[test]
fn every_command_of_the_editors_guide_runs_as_shown() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC))
        .expect("docs/redaktion.md");
    let steps = steps(&doc);
    let runs = steps
        .iter()
        .filter(|s| matches!(s, Step::Run { .. }))
        .count();
    assert!(runs >= 10, "only {runs} commands found in {DOC}");

    let tmp = tempfile::tempdir().expect("temporary directory");
    let home = tmp.path().join("home");
    let work = tmp.path().join("arbeit");
    let remote = tmp.path().join("remote.git");
    std::fs::create_dir_all(&home).expect("mkdir");
    std::fs::create_dir_all(&work).expect("mkdir");
    let bare = Command::new("git")
        .args(["init", "-q", "--bare", "-b", "main"])
        .arg(&remote)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", &home)
        .status()
        .expect("git runs");
    assert!(bare.success());

    let mut dir: PathBuf = work.clone();
    let mut last = String::new();
    for step in &steps {
        match step {
            Step::Cd(to) => {
                dir = dir.join(to);
                assert!(dir.is_dir(), "{DOC}: `cd {to}`: no such directory");
            }
            Step::File { path, text } => {
                let file = dir.join(path);
                std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
                std::fs::write(file, text).expect("write");
            }
            Step::Image(path) => {
                let photo = image::RgbImage::from_fn(1600, 1200, |x, y| {
                    image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
                });
                photo.save(dir.join(path)).expect("write the photo");
            }
            Step::Output { line, text } => {
                for l in text.lines().filter(|l| !l.trim().is_empty()) {
                    assert!(
                        last.contains(l.trim_end()),
                        "{DOC}:{line}: the output shown is not what konzept printed: `{l}` is missing from\n{last}"
                    );
                }
            }
            Step::Run {
                line,
                command,
                fails,
            } => {
                if command.starts_with("konzept serve") {
                    serve(command, &dir, &home, *line);
                    continue;
                }
                if command.starts_with("git push") {
                    // The doc's remote is the bare repository of this test.
                    let has_origin = shell("git remote get-url origin", &dir, &home)
                        .output()
                        .is_ok_and(|o| o.status.success());
                    if !has_origin {
                        let add = format!("git remote add origin '{}'", remote.display());
                        assert!(shell(&add, &dir, &home).status().expect("git").success());
                    }
                }
                let out = shell(command, &dir, &home).output().expect("sh runs");
                let code = out.status.code().unwrap_or(-1);
                last = format!(
                    "{}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                if *fails {
                    assert_eq!(code, 1, "{DOC}:{line}: `{command}` should fail:\n{last}");
                } else {
                    assert_eq!(code, 0, "{DOC}:{line}: `{command}` failed:\n{last}");
                }
            }
        }
    }
    // The pushes reached the remote.
    let branches = Command::new("git")
        .args(["branch", "--list"])
        .current_dir(&remote)
        .output()
        .expect("git runs");
    assert!(
        !String::from_utf8_lossy(&branches.stdout).trim().is_empty(),
        "nothing was pushed"
    );
}
