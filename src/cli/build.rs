//! `konzept build`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::config::{Drafts, Links, Overrides};
use crate::diag::SourceMap;
use crate::{BuildOptions, build};

/// Options of `konzept build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Write the site into DIR instead of public/ (relative to the site directory).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The URL the site will be served from, e.g. https://example.org/konzept/ (overrides site.yaml).
    #[arg(long, value_name = "URL", value_parser = base_url)]
    pub base_url: Option<String>,
    /// Also build pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Link pages relative to each other (`../projekte/index.html`), so the site also works opened from disk (file://), e.g. from a USB stick or an intranet share.
    #[arg(long)]
    pub relative: bool,
}

/// Checks `--base-url` while the command line is read, so a wrong one is a
/// usage error (exit 2) before anything is built.
fn base_url(text: &str) -> Result<String, String> {
    crate::config::BaseUrl::parse(text).map(|_| text.to_owned())
}

impl BuildArgs {
    /// Builds the site in `root` and prints a one-line summary.
    pub fn run(&self, root: &Path) -> ExitCode {
        let out = match &self.out {
            Some(o) if o.is_absolute() => o.clone(),
            Some(o) => root.join(o),
            None => root.join("public"),
        };
        let options = BuildOptions {
            root: root.to_path_buf(),
            out: out.clone(),
            overrides: Overrides {
                base_url: self.base_url.clone(),
                drafts: if self.drafts {
                    Drafts::Include
                } else {
                    Drafts::Exclude
                },
                links: if self.relative {
                    Links::Relative
                } else {
                    Links::RootRelative
                },
            },
        };
        let mut sources = SourceMap::new();
        match build(&options, &mut sources) {
            Ok(report) => {
                super::report(&report.warnings, &sources);
                for note in &report.notes {
                    super::out::eprintln(note);
                }
                let total: usize = report.pages_per_lang.iter().map(|(_, n)| n).sum();
                let per_lang = report
                    .pages_per_lang
                    .iter()
                    .map(|(l, n)| format!("{l} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let warnings = report.warnings.warning_count();
                let summary = format!(
                    "built {total} pages ({per_lang}) into {} in {:.2} s{}",
                    crate::diag::escape_line(&out.display().to_string()),
                    report.elapsed.as_secs_f64(),
                    if warnings > 0 {
                        format!(", {warnings} warning{}", super::plural(warnings))
                    } else {
                        String::new()
                    }
                );
                match super::out::println(&summary) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(code) => code,
                }
            }
            Err(failure) => super::fail(&failure, &sources, "build"),
        }
    }
}
