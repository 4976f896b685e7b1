//! Serve's terminal: the lines it prints and the style of its diagnostics.
//!
//! `serve` runs for hours, often with its output piped into a pager, a
//! log collector or an editor's task panel that may go away. A write to a
//! closed or full stdout or stderr must not end the server or a watcher
//! thread (`println!` panics on it): every print here ignores write errors,
//! and rebuilds and patches go on. Values from the site (paths) are
//! escaped, so a file name cannot drive the terminal.

use std::io::{IsTerminal, Write};

use crate::diag::{Style, escape_line};

/// Prints a status line on stdout; a closed or full stdout is ignored.
pub(super) fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{}", escape_line(text)).and_then(|()| out.flush()) {
        log::debug!("stdout: {e}");
    }
}

/// Prints rendered diagnostics on stderr; a closed or full stderr is
/// ignored. The text is rendered by `diag`, which escapes it already.
pub(super) fn diagnostics(rendered: &str) {
    if rendered.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    // Nowhere left to report a failed write to stderr.
    let _ = err
        .write_all(rendered.as_bytes())
        .and_then(|()| err.flush());
}

/// How diagnostics are shown on stderr: colour on a terminal unless
/// `NO_COLOR` is set, plain otherwise.
pub(super) fn style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if std::io::stderr().is_terminal() && !no_color {
        Style::Color
    } else {
        Style::Plain
    }
}
