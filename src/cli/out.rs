//! Printing for the command line. Every line konzept prints goes through
//! here, so a reader that went away, a full disk or a file-size limit ends
//! the command with an exit code instead of a panic (`println!` panics when
//! stdout fails, exit 101).
//!
//! - A closed pipe (`konzept build | head -0`) is quiet: the reader no
//!   longer wants the text, the work is done, and the command's own exit
//!   code stands.
//! - Any other error on stdout (`> /dev/full`, `ulimit -f`) is one line on
//!   stderr and exit code 2: the output someone redirected is incomplete.
//! - Errors on stderr are ignored: there is nowhere left to report them.

use std::io::{self, Write};
use std::process::ExitCode;

/// Writes `text` to stdout. `Err` holds the exit code (2) when stdout could
/// not take it for another reason than a closed pipe; the reason has
/// already been printed on stderr.
pub(crate) fn print(text: &str) -> Result<(), ExitCode> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprint(&format!("konzept: cannot write to standard output: {e}\n"));
            Err(ExitCode::from(2))
        }
    }
}

/// [`print()`] with a line break.
pub(crate) fn println(line: &str) -> Result<(), ExitCode> {
    print(&format!("{line}\n"))
}

/// Writes `text` to stderr, ignoring errors (where would they go?).
pub(crate) fn eprint(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// [`eprint()`] with a line break.
pub(crate) fn eprintln(line: &str) {
    eprint(&format!("{line}\n"));
}
