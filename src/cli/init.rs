//! `konzept init`.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

/// Options of `konzept init`.
#[derive(Debug, Args)]
pub struct InitArgs {}

impl InitArgs {
    /// Runs the command in the site directory `root`.
    pub fn run(&self, _root: &Path) -> ExitCode {
        eprintln!("konzept init is being written");
        ExitCode::from(2)
    }
}
