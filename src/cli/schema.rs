//! `konzept schema`.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

/// Options of `konzept schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {}

impl SchemaArgs {
    /// Runs the command in the site directory `root`.
    pub fn run(&self, _root: &Path) -> ExitCode {
        eprintln!("konzept schema is being written");
        ExitCode::from(2)
    }
}
