//! Check: the whole pipeline into memory, plus what only the rendered output
//! shows — links and anchors the templates produce, orphan pages, and
//! missing translations.
//!
//! Takes the site directory and the command-line overrides; returns a
//! [`CheckReport`] (every diagnostic and the table of missing translations)
//! or the [`Failure`] of an earlier stage. `check` never writes a file: it
//! stops where `build` would hand the output to `write` (docs/design.md, "The
//! pipeline").

mod html;
mod links;
mod old_urls;
mod report;
mod translations;

use std::path::Path;

pub use report::to_json;
pub use translations::{TranslationRow, TranslationTable};

use crate::diag::{Diagnostics, Severity, SourceMap};
use crate::{Failure, FailureKind, config, render};

/// Whether warnings count as errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Warnings are reported; only errors fail the check.
    Lenient,
    /// Every warning is reported as an error.
    Strict,
}

/// What a check found: every diagnostic, sorted, and the pages that lack a
/// translation.
#[derive(Debug)]
pub struct CheckReport {
    /// Errors and warnings, in report order.
    pub diagnostics: Diagnostics,
    /// Pages with at least one missing language.
    pub translations: TranslationTable,
    /// Notes: what is left out on purpose (a paused language).
    pub notes: Vec<String>,
}

impl CheckReport {
    /// Whether the check failed (any error).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// Runs every stage up to rendering, then the output checks. Content errors
/// of the stages before rendering end the check there (there is no output to
/// look at), as a [`Failure`].
pub fn run(
    root: &Path,
    overrides: &config::Overrides,
    sources: &mut SourceMap,
    strictness: Strictness,
) -> Result<CheckReport, Failure> {
    let content = |mut diagnostics: Diagnostics| {
        diagnostics = promote(diagnostics, strictness);
        diagnostics.sort();
        Failure {
            kind: FailureKind::Content,
            diagnostics,
        }
    };
    let (prepared, mut diags) = crate::prepare(root, overrides, sources).map_err(content)?;
    let crate::Prepared {
        config,
        sources: loaded,
        site,
        theme,
    } = prepared;
    let translations = translations::table(&site, &config, &loaded, &mut diags);
    diags.extend(config.base_url.missing_origin().into_iter().collect());
    if diags.has_errors() {
        return Err(content(diags));
    }
    // The search index holds nothing a link can point at: check skips it.
    let output =
        render::site(&site, &config, &loaded, &theme, render::SearchIndex::Skip).map_err(|d| {
            diags.extend(d);
            content(std::mem::take(&mut diags))
        })?;
    diags.extend(links::check(&output, &site, &config));
    diags.extend(old_urls::check(&site, &config, &loaded));
    let mut diagnostics = promote(diags, strictness);
    diagnostics.sort();
    Ok(CheckReport {
        diagnostics,
        translations,
        notes: loaded.notes(),
    })
}

/// Under [`Strictness::Strict`], every warning becomes an error, so that it
/// is shown, counted and exits as one.
fn promote(diagnostics: Diagnostics, strictness: Strictness) -> Diagnostics {
    match strictness {
        Strictness::Lenient => diagnostics,
        Strictness::Strict => diagnostics
            .into_iter()
            .map(|mut d| {
                d.severity = Severity::Error;
                d
            })
            .collect(),
    }
}
