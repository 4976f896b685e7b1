//! The `konzept` binary: parses the command line and hands over to
//! [`konzept::cli`]. Exit codes: 0 success, 1 content errors, 2 usage errors.

use std::process::ExitCode;

use clap::Parser;
use konzept::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let level = if cli.verbose {
        log::LevelFilter::Debug
    } else {
        log::LevelFilter::Warn
    };
    env_logger::Builder::new()
        .filter_level(level)
        .format_target(false)
        .init();
    cli.run()
}
