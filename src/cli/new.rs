//! `konzept new`.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

/// Options of `konzept new`.
#[derive(Debug, Args)]
pub struct NewArgs {}

impl NewArgs {
    /// Runs the command in the site directory `root`.
    pub fn run(&self, _root: &Path) -> ExitCode {
        eprintln!("konzept new is being written");
        ExitCode::from(2)
    }
}
