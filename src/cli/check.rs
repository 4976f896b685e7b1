//! `konzept check`.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::out;
use crate::check::{self, CheckReport, Strictness};
use crate::config::{Drafts, Links, Overrides};
use crate::diag::{Diagnostics, SourceMap};
use crate::{Failure, FailureKind};

/// Options of `konzept check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Treat warnings (placeholders left in, orphan pages, missing translations, missing UI strings) as errors: the gate before publishing.
    #[arg(long)]
    pub strict: bool,
    /// Print the report as text for people (on stderr) or as JSON for machines (on stdout).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// The URL the site will be served from, e.g. https://example.org/konzept/ (overrides site.yaml).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// How `konzept check` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics as the compiler shows them, then the table of missing translations.
    Text,
    /// One JSON object with the counts, every diagnostic and the missing translations.
    Json,
}

impl CheckArgs {
    /// Checks the site in `root` without writing anything, prints the report
    /// and returns 0 (no errors), 1 (content errors) or 2 (usage errors).
    pub fn run(&self, root: &Path) -> ExitCode {
        let overrides = Overrides {
            base_url: self.base_url.clone(),
            drafts: Drafts::Exclude,
            links: Links::RootRelative,
        };
        let strictness = if self.strict {
            Strictness::Strict
        } else {
            Strictness::Lenient
        };
        let mut sources = SourceMap::new();
        let (report, kind) = match check::run(root, &overrides, &mut sources, strictness) {
            Ok(report) => (Outcome::Checked(report), FailureKind::Content),
            Err(Failure { kind, diagnostics }) => (Outcome::Stopped(diagnostics), kind),
        };
        let diagnostics = report.diagnostics();
        match self.format {
            Format::Json => {
                let json = check::to_json(diagnostics, report.table(), report.notes(), &sources);
                if let Err(code) = out::println(&json) {
                    return code;
                }
            }
            Format::Text => {
                super::report(diagnostics, &sources);
                if let Outcome::Checked(r) = &report {
                    out::eprint(&r.translation_table());
                    for note in &r.notes {
                        out::eprintln(note);
                    }
                }
                let errors = diagnostics.error_count();
                let warnings = diagnostics.warning_count();
                out::eprintln(&format!(
                    "check: {errors} error{}, {warnings} warning{}",
                    super::plural(errors),
                    super::plural(warnings)
                ));
            }
        }
        match (kind, diagnostics.has_errors()) {
            (FailureKind::Usage, _) => ExitCode::from(2),
            (FailureKind::Content, true) => ExitCode::from(1),
            (FailureKind::Content, false) => ExitCode::SUCCESS,
        }
    }
}

/// A finished check, or one that stopped at a stage before rendering.
enum Outcome {
    Checked(CheckReport),
    Stopped(Diagnostics),
}

impl Outcome {
    fn diagnostics(&self) -> &Diagnostics {
        match self {
            Outcome::Checked(r) => &r.diagnostics,
            Outcome::Stopped(d) => d,
        }
    }

    fn notes(&self) -> &[String] {
        match self {
            Outcome::Checked(r) => &r.notes,
            Outcome::Stopped(_) => &[],
        }
    }

    fn table(&self) -> Option<&check::TranslationTable> {
        match self {
            Outcome::Checked(r) => Some(&r.translations),
            Outcome::Stopped(_) => None,
        }
    }
}
