//! The command line: [`Cli`] and one `XArgs` struct with `run` per command.
//! No pipeline logic lives here.

mod build;
mod check;
mod init;
mod new;
mod out;
mod schema;
mod serve;
mod theme;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diag::{Diagnostics, SourceMap, Style};
use crate::{Failure, FailureKind};
pub use build::BuildArgs;
pub use check::CheckArgs;
pub use init::InitArgs;
pub use new::NewArgs;
pub use schema::SchemaArgs;
pub use serve::ServeArgs;
pub use theme::ThemeArgs;

/// konzept builds a city's integration concept — guidelines, projects and
/// contacts written in Markdown — into a static website in several languages.
#[derive(Debug, Parser)]
#[command(name = "konzept", version, about, long_about = None)]
pub struct Cli {
    /// The site's directory (the one with site.yaml). Defaults to the current directory.
    #[arg(
        long,
        short = 'C',
        global = true,
        default_value = ".",
        value_name = "DIR"
    )]
    pub root: std::path::PathBuf,
    /// Print debug messages (skipped files and why).
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --out). Replaces the output only if the whole build succeeds.
    Build(BuildArgs),
    /// Build into memory, serve on 127.0.0.1 and reload open browsers on every change.
    Serve(ServeArgs),
    /// Check everything a build checks plus the rendered output; writes nothing.
    Check(CheckArgs),
    /// Create the files of a new guideline, project, contact or page.
    New(NewArgs),
    /// Create a new site in DIR from the built-in theme.
    Init(InitArgs),
    /// Write JSON Schemas of every kind's front matter, for editor completion.
    Schema(SchemaArgs),
    /// List the built-in theme's templates, or copy one into the site to change it.
    Theme(ThemeArgs),
}

impl Cli {
    /// Runs the command and returns the process exit code: 0 success, 1
    /// content errors, 2 usage errors.
    pub fn run(&self) -> ExitCode {
        match &self.command {
            Command::Build(args) => args.run(&self.root),
            Command::Serve(args) => args.run(&self.root),
            Command::Check(args) => args.run(&self.root),
            Command::New(args) => args.run(&self.root),
            Command::Init(args) => args.run(&self.root),
            Command::Schema(args) => args.run(&self.root),
            Command::Theme(args) => args.run(&self.root),
        }
    }
}

/// How diagnostics are shown on stderr: colour on a terminal, plain otherwise.
pub(crate) fn stderr_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if std::io::stderr().is_terminal() && !no_color {
        Style::Color
    } else {
        Style::Plain
    }
}

/// Prints diagnostics to stderr.
pub(crate) fn report(diagnostics: &Diagnostics, sources: &SourceMap) {
    if diagnostics.is_empty() {
        return;
    }
    out::eprint(&crate::diag::render_all(
        diagnostics,
        sources,
        stderr_style(),
    ));
}

/// Prints a failure and maps it to its exit code.
pub(crate) fn fail(failure: &Failure, sources: &SourceMap, what: &str) -> ExitCode {
    report(&failure.diagnostics, sources);
    let errors = failure.diagnostics.error_count();
    let warnings = failure.diagnostics.warning_count();
    out::eprintln(&format!(
        "{what} failed: {errors} error{}{}; nothing was written",
        plural(errors),
        if warnings > 0 {
            format!(", {warnings} warning{}", plural(warnings))
        } else {
            String::new()
        }
    ));
    match failure.kind {
        FailureKind::Content => ExitCode::from(1),
        FailureKind::Usage => ExitCode::from(2),
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
