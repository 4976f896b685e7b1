//! Control characters from the site never reach the terminal raw (issue 15,
//! reproduction 7): a file named `neu\e]0;pwned\a\e[2J.md`, a source line
//! with ESC, CR, DEL, a C1 control and a bidi override, and a link target
//! with ESC are reported by `build`, `check` (text and JSON) and `serve`'s
//! error page as visible `\u{1b}` escapes — with and without `NO_COLOR`, and
//! on a terminal, where only konzept's own colour codes remain.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use common::TestSite;
use scraper::{Html, Selector};

/// The file name of the issue: sets the terminal's title, clears the screen.
const HOSTILE_NAME: &str = "content/neu\u{1b}]0;pwned\u{7}\u{1b}[2J.md";
/// How the name is shown.
const SHOWN_NAME: &str = "content/neu\\u{1b}]0;pwned\\u{7}\\u{1b}[2J.md";

/// The two hostile sites and what their reports must show: the file name
/// (refused when loading, before anything else is checked); and a page
/// whose line holds ESC, a bidi override (U+202E), a C1 control (U+009B,
/// CSI on some terminals), DEL, a lone CR and a tab, with a broken link
/// whose target holds ESC.
fn hostile_sites() -> [(TestSite, Vec<String>); 2] {
    let named = TestSite::fixture("minimal");
    named.write(HOSTILE_NAME, "---\ntitle: Neu\n---\nText.\n");
    let text = TestSite::fixture("minimal");
    text.write(
        "content/zeichen.md",
        "---\ntitle: Zeichen\n---\nText \u{1b}[2J \u{202e}\u{9b}\u{7f}\r und\tTab [x](<fe\u{1b}[2Jhlt.md>)\n",
    );
    [
        (named, vec![format!("--> {SHOWN_NAME}")]),
        (
            text,
            vec![
                "--> content/zeichen.md:4:".to_owned(),
                "Text \\u{1b}[2J \\u{202e}\\u{9b}\\u{7f}\\u{d} und".to_owned(),
                "`fe\\u{1b}[2Jhlt.md`".to_owned(),
            ],
        ),
    ]
}

/// Characters a terminal acts on: C0 controls but `\n` and `\t`, DEL, C1
/// controls, bidi overrides and isolates.
fn is_hazard(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_no_raw_controls(what: &str, text: &str) {
    let raw: Vec<char> = text.chars().filter(|&c| is_hazard(c)).collect();
    assert!(raw.is_empty(), "{what} holds raw {raw:?}:\n{text}");
}

/// A report shows each of `expected` (escaped names, places, source
/// lines), a hint, no raw control character and no panic.
fn assert_escaped_report(what: &str, stderr: &str, expected: &[String]) {
    assert_no_raw_controls(what, stderr);
    for shown in expected {
        assert!(
            stderr.contains(shown.as_str()),
            "{what}: no {shown:?} in:\n{stderr}"
        );
    }
    assert!(stderr.contains("= help: "), "{what}: no hint:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{what} panicked:\n{stderr}");
}

/// `konzept <args>` in the site, with or without `NO_COLOR`: exit code,
/// stdout, stderr.
fn run(site: &TestSite, args: &[&str], no_color: bool) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_konzept"));
    command.args(args).current_dir(site.path());
    if no_color {
        command.env("NO_COLOR", "1");
    } else {
        command.env_remove("NO_COLOR");
    }
    let output = command.output().expect("run konzept");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn build_shows_control_characters_as_escapes() {
    for (site, expected) in hostile_sites() {
        for no_color in [true, false] {
            let (code, stdout, stderr) = run(&site, &["build"], no_color);
            assert_eq!(code, 1, "{stderr}");
            assert_escaped_report("build", &stderr, &expected);
            assert_no_raw_controls("build's stdout", &stdout);
            assert!(
                site.public_tree().is_empty(),
                "a failed build wrote public/"
            );
        }
    }
}

#[test]
fn check_shows_control_characters_as_escapes_in_text_and_json() {
    let [(named, named_expected), (text, text_expected)] = hostile_sites();
    for (site, expected) in [(&named, named_expected), (&text, text_expected)] {
        for no_color in [true, false] {
            let (code, _, stderr) = run(site, &["check"], no_color);
            assert_eq!(code, 1, "{stderr}");
            assert_escaped_report("check", &stderr, &expected);
        }
    }
    // The JSON keeps the exact values, escaped the JSON way.
    let json = |site: &TestSite| {
        let (code, stdout, stderr) = run(site, &["check", "--format", "json"], true);
        assert_eq!(code, 1, "{stderr}");
        assert_no_raw_controls("check's JSON", &stdout);
        let report: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
        report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .clone()
    };
    let files: Vec<String> = json(&named)
        .iter()
        .filter_map(|d| d["file"].as_str().map(str::to_owned))
        .collect();
    // The file is refused for its name, so the place itself is shown the
    // escaped way (the same text as on the terminal).
    assert!(files.iter().any(|f| f == SHOWN_NAME), "{files:?}");
    let messages: Vec<String> = json(&text)
        .iter()
        .filter_map(|d| d["message"].as_str().map(str::to_owned))
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("fe\u{1b}[2Jhlt.md")),
        "{messages:?}"
    );
}

/// Removes the colour codes konzept writes (`ESC [ digits ; m`) and the CR
/// a terminal puts before each line break.
fn without_own_colours(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("\u{1b}[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let params = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[params..].starts_with('m') {
            rest = &after[params + 1..];
        } else {
            // Not a colour code: keep it, the check below reports it.
            out.push_str("\u{1b}[");
            rest = after;
        }
    }
    out.push_str(rest);
    out.replace("\r\n", "\n")
}

#[test]
fn on_a_terminal_only_konzepts_own_colour_codes_are_raw() {
    for (site, expected) in hostile_sites() {
        for args in ["build", "check"] {
            // `script` runs the command on a pseudo-terminal, as an editor's is.
            let shell = format!("{} {args}", env!("CARGO_BIN_EXE_konzept"));
            let output = Command::new("script")
                .args(["-qec", &shell, "/dev/null"])
                .current_dir(site.path())
                .env_remove("NO_COLOR")
                .env("TERM", "xterm-256color")
                .stdin(Stdio::null())
                .output()
                .expect("run script(1)");
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(
                text.contains("\u{1b}["),
                "{args}: no colour on a terminal:\n{text}"
            );
            assert_escaped_report(args, &without_own_colours(&text), &expected);
        }
    }
}

#[test]
fn serves_error_page_shows_control_characters_as_escapes() {
    for (site, expected) in hostile_sites() {
        error_page_is_escaped(&site, &expected);
    }
}

fn error_page_is_escaped(site: &TestSite, expected: &[String]) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_konzept"))
        .args(["serve", "--port", "0"])
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start konzept serve");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
    let mut printed = String::new();
    let addr = loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).expect("read") > 0,
            "serve ended"
        );
        printed.push_str(&line);
        if let Some(rest) = line.strip_prefix("serving on http://") {
            break rest.split('/').next().expect("address").to_owned();
        }
    };
    let mut stream = TcpStream::connect(&addr).expect("connect");
    write!(
        stream,
        "GET /de/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let _ = child.kill();
    let _ = child.wait();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    assert!(response.starts_with("HTTP/1.1 500"), "{response}");
    let (_, body) = response.split_once("\r\n\r\n").expect("a body");
    let html = Html::parse_document(body);
    let pre: String = html
        .select(&Selector::parse("pre").expect("selector"))
        .flat_map(|e| e.text())
        .collect();
    assert_escaped_report("the error page", &pre, expected);
    assert_no_raw_controls("the error page", body);
    assert_escaped_report("serve's stderr", &stderr, expected);
    assert_no_raw_controls("serve's stdout", &printed);
}
