//! `konzept init`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::diag::{Diagnostics, SourceMap};
use crate::scaffold;
use crate::scaffold::ci::Ci;

/// Options of `konzept init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory of the new site; it must be new or empty (or hold only .git).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The publishing recipe to write: GitHub Pages (.github/workflows/pages.yml), GitLab Pages (.gitlab-ci.yml) or none.
    #[arg(long, value_enum, default_value = "github")]
    pub ci: CiHost,
}

/// Where a new site is published from (`--ci`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiHost {
    /// GitHub Actions publishing to GitHub Pages.
    Github,
    /// GitLab CI publishing to GitLab Pages.
    Gitlab,
    /// No recipe.
    None,
}

impl CiHost {
    fn scaffold(self) -> Ci {
        match self {
            CiHost::Github => Ci::Github,
            CiHost::Gitlab => Ci::Gitlab,
            CiHost::None => Ci::None,
        }
    }
}

impl InitArgs {
    /// Creates the site in `dir` (relative to `root`) and prints the paths created.
    pub fn run(&self, root: &Path) -> ExitCode {
        let dir = root.join(&self.dir);
        let ci = self.ci.scaffold();
        match scaffold::init(&dir, ci) {
            Ok(written) => {
                let mut text = String::new();
                for path in &written {
                    text += &format!("created {}\n", path.display());
                }
                text += &format!(
                    "next: konzept -C {} serve (or build); every text is an example to replace\n",
                    dir.display()
                );
                if let Some((recipe, _)) = scaffold::ci::recipe(ci) {
                    text += &format!(
                        "publish: fill in KONZEPT_SHA256 in {recipe} (see its first lines), then push\n"
                    );
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
