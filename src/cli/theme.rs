//! `konzept theme`: the built-in theme's templates, and copying one into
//! the site to change it (docs/theming.md).

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::config::{self, Overrides};
use crate::diag::{Diagnostics, SourceMap};
use crate::scaffold::{self, EjectError};

/// Options of `konzept theme`.
#[derive(Debug, Args)]
pub struct ThemeArgs {
    /// What to do with the theme.
    #[command(subcommand)]
    pub action: ThemeAction,
}

/// The subcommands of `konzept theme`.
#[derive(Debug, Subcommand)]
pub enum ThemeAction {
    /// List the built-in theme's templates.
    List,
    /// Copy one built-in template into the site's theme directory to change it there; it no longer gets the theme's updates.
    Eject {
        /// The template, as `konzept theme list` shows it (e.g. `base.html`, `partials/card.html`).
        #[arg(value_name = "TEMPLATE")]
        template: String,
    },
}

impl ThemeArgs {
    /// Runs the subcommand in the site directory `root`.
    pub fn run(&self, root: &Path) -> ExitCode {
        match &self.action {
            ThemeAction::List => {
                let text: String = scaffold::theme_templates()
                    .iter()
                    .map(|n| format!("{n}\n"))
                    .collect();
                match super::out::print(&text) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(code) => code,
                }
            }
            ThemeAction::Eject { template } => eject(root, template),
        }
    }
}

fn eject(root: &Path, template: &str) -> ExitCode {
    let mut sources = SourceMap::new();
    let config = match config::resolve(root, &Overrides::default(), &mut sources) {
        Ok(c) => c,
        Err(d) => {
            super::report(&d, &sources);
            return ExitCode::from(2);
        }
    };
    match scaffold::eject(&config, template) {
        Ok(path) => {
            let shown = path.strip_prefix(root).unwrap_or(&path);
            let text = format!(
                "created {}\nit overrides the built-in `{template}` and no longer gets the theme's updates (docs/theming.md)\n",
                shown.display()
            );
            match super::out::print(&text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(code) => code,
            }
        }
        Err(EjectError::Unknown(d)) => {
            super::report(&Diagnostics::from(d), &sources);
            ExitCode::from(2)
        }
        Err(EjectError::NotWritten(d)) => {
            super::report(&Diagnostics::from(d), &sources);
            ExitCode::from(1)
        }
    }
}
