//! Diagnostics: the one user-facing error type.
//!
//! Every stage reports problems as [`Diagnostic`]s collected in
//! [`Diagnostics`]. A diagnostic names a file (a [`FileId`] into the
//! [`SourceMap`]) and a byte range; line and column are derived only when it is
//! rendered. Rendering (rustc-style text) lives in `render.rs` alone, so the
//! crate behind it can change in one place.

mod escape;
mod render;
mod source_map;

use std::fmt;
use std::ops::Range;

pub use escape::{escape_json, escape_line, escape_text};
pub use render::{Style, render, render_all};
pub use source_map::{FileId, SourceMap};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build fails (exit code 1).
    Error,
    /// Reported, the build goes on.
    Warning,
}

/// The stable code of a diagnostic, shown as `error[code]` and used by tests
/// and machines. A behaviour test triggers each code as an editor would:
/// most in `tests/errors.rs` (an overlay under `tests/fixtures/errors/`),
/// the `check`-only ones in `tests/check.rs`, the boundary ones in
/// `tests/boundary.rs`, `tests/html_policy.rs` and `tests/limits.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// `site.yaml` is missing or wrong.
    Config,
    /// No absolute base URL (`base_url`, `--base-url`): canonical URLs,
    /// `hreflang`, the sitemap and the feeds are left out (a warning).
    NoBaseUrl,
    /// A file could not be read or written.
    Io,
    /// A file is not valid UTF-8.
    Encoding,
    /// A path in `content/` that konzept cannot place (nesting, bad name).
    UnsupportedPath,
    /// A file name's language suffix is not a configured language.
    UnknownLanguage,
    /// Front matter is missing its closing `---` or is not a mapping.
    FrontMatter,
    /// The YAML does not parse.
    YamlSyntax,
    /// A front-matter field the kind does not have.
    UnknownField,
    /// A required front-matter field is absent.
    MissingField,
    /// A field has a value of the wrong type or form.
    InvalidValue,
    /// A translation sets a language-neutral field.
    NeutralField,
    /// A translation without a default-language file beside it.
    OrphanTranslation,
    /// A section directory without `_index.md`.
    MissingSectionIndex,
    /// A reference to an id that does not exist.
    MissingReference,
    /// A Markdown link to a file that does not exist.
    BrokenLink,
    /// A Markdown link to an anchor the target page does not have.
    BrokenAnchor,
    /// Two pages would be written to the same URL.
    DuplicateUrl,
    /// A UI string is missing in a language (falls back to the default).
    MissingI18nKey,
    /// Raw HTML in Markdown, escaped by policy.
    RawHtml,
    /// A Markdown link or image whose URL would run code (`javascript:`),
    /// shown as text by policy.
    UnsafeLink,
    /// A template failed to parse or render.
    Template,
    /// A link in the rendered output to a page, file or anchor that is not
    /// generated (`check` only).
    BrokenOutputLink,
    /// A page no other page, menu, footer or section list links to (`check` only).
    OrphanPage,
    /// A page lacks a translation into a configured language (`check` only).
    MissingTranslation,
    /// An input that resolves outside the site's directory (a symbolic
    /// link leading out): never read, published, served or quoted.
    OutsideSite,
    /// A file that would run script on the site's origin (HTML, an SVG
    /// with script or handlers): not published.
    ActiveFile,
    /// An image, frame or other resource from another host: the site makes
    /// no third-party requests.
    ThirdParty,
    /// An image in Markdown or an image field without alt text (and not
    /// marked decorative).
    MissingAlt,
    /// An image file that cannot be published: missing, not an image,
    /// corrupt, too large, of an unsupported format.
    Image,
    /// An image without credits (author, licence, source), or credits
    /// that are wrong.
    ImageCredits,
    /// Input beyond one of konzept's bounds (nesting depth, output size):
    /// the work would grow without end.
    Limit,
    /// The accessibility statement's evaluation is more than a year old.
    StaleStatement,
    /// A URL an earlier commit published leads nowhere now (check).
    OldUrl,
    /// An indicator's data file (`<slug>.csv`) is malformed or breaks a
    /// rule: a value that is not a number, a duplicate or out-of-order period,
    /// an unknown column.
    Data,
    /// A build publishes example data (`example: true`), not real figures.
    ExampleData,
    /// A page still holds a placeholder text or made-up value that
    /// `konzept new` or `konzept init` wrote (a warning).
    Placeholder,
    /// An archived edition's content (read from git) that today's build
    /// reads leniently or leaves out (a warning; docs/editions.md).
    ArchivedContent,
}

impl Code {
    /// The code as shown to users (`unknown-field`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Config => "config",
            Code::NoBaseUrl => "no-base-url",
            Code::Io => "io",
            Code::Encoding => "encoding",
            Code::UnsupportedPath => "unsupported-path",
            Code::UnknownLanguage => "unknown-language",
            Code::FrontMatter => "front-matter",
            Code::YamlSyntax => "yaml-syntax",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::InvalidValue => "invalid-value",
            Code::NeutralField => "neutral-field",
            Code::OrphanTranslation => "orphan-translation",
            Code::MissingSectionIndex => "missing-section-index",
            Code::MissingReference => "missing-reference",
            Code::BrokenLink => "broken-link",
            Code::BrokenAnchor => "broken-anchor",
            Code::DuplicateUrl => "duplicate-url",
            Code::MissingI18nKey => "missing-i18n-key",
            Code::RawHtml => "raw-html",
            Code::UnsafeLink => "unsafe-link",
            Code::Template => "template",
            Code::BrokenOutputLink => "broken-output-link",
            Code::OrphanPage => "orphan-page",
            Code::MissingTranslation => "missing-translation",
            Code::OutsideSite => "outside-site",
            Code::ActiveFile => "active-file",
            Code::ThirdParty => "third-party",
            Code::MissingAlt => "missing-alt",
            Code::Image => "image",
            Code::ImageCredits => "image-credits",
            Code::Limit => "limit",
            Code::StaleStatement => "stale-statement",
            Code::OldUrl => "old-url",
            Code::Data => "data",
            Code::ExampleData => "example-data",
            Code::Placeholder => "placeholder",
            Code::ArchivedContent => "archived-content",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a source file: the file and an optional byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// Byte range in the file's text; `None` points at the whole file.
    pub span: Option<Range<usize>>,
}

/// A secondary place, with its own label ("first defined here").
#[derive(Debug, Clone)]
pub struct Label {
    /// Where.
    pub location: Location,
    /// What it says there.
    pub text: String,
}

/// One problem, with a place and, where we know one, a fix.
#[derive(Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// What is wrong, one sentence.
    pub message: String,
    /// Where; `None` only for problems without a file (a missing directory).
    pub location: Option<Location>,
    /// The label under the offending source text.
    pub label: Option<String>,
    /// Further places.
    pub secondary: Vec<Label>,
    /// What would fix it, in the editor's terms.
    pub help: Option<String>,
    /// The underlying cause (I/O error, template error chain).
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Diagnostic {
    /// A new error with a code and message.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A new warning with a code and message.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            location: None,
            label: None,
            secondary: Vec::new(),
            help: None,
            source: None,
        }
    }

    /// Points at a byte range of a file.
    pub fn at(mut self, file: FileId, span: Range<usize>) -> Self {
        self.location = Some(Location {
            file,
            span: Some(span),
        });
        self
    }

    /// Points at a whole file.
    pub fn in_file(mut self, file: FileId) -> Self {
        self.location = Some(Location { file, span: None });
        self
    }

    /// Sets the label under the source text.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a secondary place.
    pub fn secondary(
        mut self,
        file: FileId,
        span: Option<Range<usize>>,
        text: impl Into<String>,
    ) -> Self {
        self.secondary.push(Label {
            location: Location { file, span },
            text: text.into(),
        });
        self
    }

    /// Sets the hint.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the underlying cause.
    pub fn source(mut self, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            severity_word(self.severity),
            self.code,
            self.message
        )
    }
}

impl std::error::Error for Diagnostic {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

pub(crate) fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// All problems a run found, errors and warnings.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds all of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any of them is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Whether there are none at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics in report order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorts by file, position, severity and code, so reports are deterministic
    /// whatever order parallel stages finished in. `FileId`s are handed out
    /// in reading order ([`FileId`]), so this is that order: `site.yaml`,
    /// then `content/` by path, then `i18n/` and the theme.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    }
}

fn sort_key(d: &Diagnostic) -> (Option<FileId>, usize, Severity, Code, &str) {
    let file = d.location.as_ref().map(|l| l.file);
    let start = d
        .location
        .as_ref()
        .and_then(|l| l.span.as_ref())
        .map_or(0, |s| s.start);
    (file, start, d.severity, d.code, d.message.as_str())
}

/// One diagnostic as a collection of one: a stage that fails with a single
/// error returns it with `?` or `.into()`.
impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Suggests the candidate closest to `input`, if any is close enough to be a
/// likely typo (Jaro-Winkler ≥ 0.8, as cargo does for subcommands).
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_a_typo() {
        assert_eq!(
            did_you_mean("titel", ["title", "summary", "slug"]),
            Some("title")
        );
    }

    #[test]
    fn did_you_mean_stays_quiet_for_unrelated_words() {
        assert_eq!(did_you_mean("xyz", ["title", "summary"]), None);
    }
}
