//! How a check is shown: the table of missing translations (text) and the
//! whole report as JSON for machines. The diagnostics' text form is
//! `diag::render_all`, as for every command.

use std::fmt::Write as _;

use serde::Serialize;

use super::{CheckReport, TranslationTable};
use crate::config::MissingTranslations;
use crate::diag::{Diagnostic, Diagnostics, SourceMap, severity_word};

/// The JSON form (`--format json`).
#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    missing_translations: Vec<JsonMissing<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonMissing<'a> {
    page: &'a str,
    missing: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    untranslated: Vec<&'a str>,
}

/// The report as pretty-printed JSON. Without a table (the check stopped
/// before rendering), `missing_translations` is empty. `notes` (a paused
/// language, `CheckReport::notes`) follow the diagnostics with severity
/// `note`; they count neither as errors nor as warnings.
pub fn to_json(
    diagnostics: &Diagnostics,
    table: Option<&TranslationTable>,
    notes: &[String],
    sources: &SourceMap,
) -> String {
    let report = JsonReport {
        errors: diagnostics.error_count(),
        warnings: diagnostics.warning_count(),
        diagnostics: diagnostics
            .iter()
            .map(|d| json_diagnostic(d, sources))
            .chain(notes.iter().map(|n| json_note(n)))
            .collect(),
        missing_translations: table.map_or_else(Vec::new, |t| {
            t.rows
                .iter()
                .map(|row| JsonMissing {
                    page: &row.page,
                    missing: row.missing(&t.languages).map(|l| l.as_str()).collect(),
                    untranslated: row.untranslated(&t.languages).map(|l| l.as_str()).collect(),
                })
                .collect()
        }),
    };
    crate::diag::escape_json(
        serde_json::to_string_pretty(&report).expect("the report holds only strings and numbers"),
    )
}

/// A note in the diagnostics' shape: the only notes are paused languages,
/// which `site.yaml` sets.
fn json_note(note: &str) -> JsonDiagnostic<'_> {
    JsonDiagnostic {
        severity: "note",
        code: "paused-language",
        message: note.strip_prefix("note: ").unwrap_or(note),
        file: Some("site.yaml"),
        line: None,
        column: None,
        help: Some("to publish the language again, take it out of `paused_languages` in site.yaml"),
    }
}

fn json_diagnostic<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> JsonDiagnostic<'a> {
    let file = d.location.as_ref().map(|l| l.file);
    let position = d.location.as_ref().and_then(|l| {
        l.span
            .as_ref()
            .map(|span| sources.line_col(l.file, span.start))
    });
    JsonDiagnostic {
        severity: severity_word(d.severity),
        code: d.code.as_str(),
        message: &d.message,
        file: file.map(|f| sources.path(f)),
        line: position.map(|(line, _)| line),
        column: position.map(|(_, col)| col),
        help: d.help.as_deref(),
    }
}

impl CheckReport {
    /// The table of pages with missing translations, one column per
    /// language (`✓` translated, `–` missing, `·` left untranslated on
    /// purpose, with a legend); empty if every page is translated.
    pub fn translation_table(&self) -> String {
        let t = &self.translations;
        if t.rows.is_empty() {
            return String::new();
        }
        let policy = match t.policy {
            MissingTranslations::Fallback => format!("fallback: shown in {}", t.default_lang),
            MissingTranslations::Omit => "omit: not published".to_owned(),
        };
        let width = t
            .rows
            .iter()
            .map(|r| r.page.chars().count())
            .max()
            .unwrap_or(0)
            .max("page".len())
            + 2;
        let mut out = format!("missing translations ({policy})\n");
        let header: Vec<String> = t
            .languages
            .iter()
            .map(|l| format!("{:<w$}", l.as_str(), w = column_width(l.as_str())))
            .collect();
        let _ = writeln!(out, "{:<width$}{}", "page", header.concat().trim_end());
        for row in &t.rows {
            let cells: Vec<String> = t
                .languages
                .iter()
                .zip(row.present.iter().zip(&row.on_purpose))
                .map(|(l, (present, on_purpose))| {
                    let mark = match (*present, *on_purpose) {
                        (true, _) => "✓",
                        (false, true) => "·",
                        (false, false) => "–",
                    };
                    format!("{mark:<w$}", w = column_width(l.as_str()))
                })
                .collect();
            let _ = writeln!(out, "{:<width$}{}", row.page, cells.concat().trim_end());
        }
        if t.rows.iter().any(|r| r.on_purpose.contains(&true)) {
            out.push_str("· left untranslated on purpose (`untranslated` in the front matter)\n");
        }
        out
    }
}

/// A language column: the code (at least two characters) and two spaces.
fn column_width(code: &str) -> usize {
    code.chars().count().max(2) + 2
}
