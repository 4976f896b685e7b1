//! The `konzept` binary: parses the command line and hands over to
//! [`konzept::cli`]. Exit codes: 0 success, 1 content errors, 2 usage errors.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use konzept::cli::Cli;

fn main() -> ExitCode {
    ignore_file_size_signal();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_or_help(&e),
    };
    let level = if cli.verbose {
        log::LevelFilter::Debug
    } else {
        log::LevelFilter::Warn
    };
    env_logger::Builder::new()
        .filter_level(level)
        .format_target(false)
        .format(|buf, record| {
            // Messages quote paths and values from the site: no raw
            // control characters on the terminal.
            let style = buf.default_level_style(record.level());
            let message = konzept::diag::escape_text(&record.args().to_string()).into_owned();
            writeln!(buf, "[{style}{}{style:#}] {message}", record.level())
        })
        .init();
    cli.run()
}

/// Prints clap's answer (help, version or a usage error) like `Cli::parse`
/// would, but a failed write is exit 2 (`--help > /dev/full` said nothing
/// and exited 0); a closed pipe stays quiet with clap's own code.
fn usage_or_help(e: &clap::Error) -> ExitCode {
    match e.print() {
        Err(io) if !e.use_stderr() && io.kind() != std::io::ErrorKind::BrokenPipe => {
            let _ = writeln!(
                std::io::stderr(),
                "konzept: cannot write to standard output: {io}"
            );
            ExitCode::from(2)
        }
        _ => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)),
    }
}

/// Past a file-size limit (`ulimit -f`) the kernel kills the process with
/// SIGXFSZ, mid-write and without a message. Ignored, the write fails with
/// EFBIG instead, which the write stage reports with the path (exit 2).
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler
    // code; it runs before any other thread exists.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}
