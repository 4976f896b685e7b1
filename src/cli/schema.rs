//! `konzept schema`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::diag::{Diagnostics, SourceMap};
use crate::scaffold;

/// Options of `konzept schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schemas into DIR instead of schemas/ (relative to the site directory).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

impl SchemaArgs {
    /// Writes `<kind>.schema.json` for every kind and `site.schema.json`, and prints the paths.
    pub fn run(&self, root: &Path) -> ExitCode {
        let dir = root.join(self.out.as_deref().unwrap_or(Path::new("schemas")));
        match scaffold::write_schemas(&dir) {
            Ok(written) => {
                let mut text = String::new();
                for path in written {
                    let shown = path.strip_prefix(".").unwrap_or(&path);
                    text += &format!("wrote {}\n", shown.display());
                }
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
