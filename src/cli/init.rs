//! `konzept init`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::diag::{Diagnostics, SourceMap};
use crate::scaffold;

/// Options of `konzept init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory of the new site; it must be new or empty.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

impl InitArgs {
    /// Creates the site in `dir` (relative to `root`) and prints the paths created.
    pub fn run(&self, root: &Path) -> ExitCode {
        let dir = root.join(&self.dir);
        match scaffold::init(&dir) {
            Ok(written) => {
                let mut text = String::new();
                for path in &written {
                    text += &format!("created {}\n", path.display());
                }
                text += &format!(
                    "next: konzept -C {} serve (or build); every text is an example to replace\n",
                    dir.display()
                );
                match super::out::print(&text) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(code) => code,
                }
            }
            Err(d) => {
                super::report(&Diagnostics::from(d), &SourceMap::new());
                ExitCode::from(2)
            }
        }
    }
}
