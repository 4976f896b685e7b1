//! `konzept check`.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

/// Options of `konzept check`.
#[derive(Debug, Args)]
pub struct CheckArgs {}

impl CheckArgs {
    /// Runs the command in the site directory `root`.
    pub fn run(&self, _root: &Path) -> ExitCode {
        eprintln!("konzept check is being written");
        ExitCode::from(2)
    }
}
