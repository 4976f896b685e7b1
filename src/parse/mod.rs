//! Parse: front matter into typed fields, Markdown into HTML, per file.
//!
//! Takes the loaded [`Sources`] and the [`Config`] (its raw-HTML policy,
//! its default language); returns one [`ParsedPage`] per Markdown file and
//! all problems of all files (a bad file does not stop the others).
//! Typography is applied to every text field here, in the file's language.
//! Parse does not look at other files: references stay ids until `model`.

mod aliases;
pub mod data;
mod external;
pub mod front_matter;
pub mod kinds;
pub mod markdown;
pub mod placeholder;
mod plausible;

pub(crate) use plausible::unknown_language_code;
mod sanitize;
mod untranslated;

use rayon::prelude::*;

use crate::config::Config;
use crate::dates::PartialDate;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::{Lang, Slug};
use crate::load::{PageSource, SourceIndex, Sources};
use crate::typography::{Style, smarten};
use crate::yaml::{self, KeySpans, Read, Role, Schema};
pub use aliases::{Alias, MAX_ALIASES};
use kinds::{
    Duration, Fields, Kind, RawAccessibility, RawContact, RawEdition, RawGuideline, RawIndicator,
    RawPage, RawProject, Reader, Reading, STATEMENT_STEM, Status,
};
pub use markdown::{Heading, Link, Markdown};

/// One Markdown file, parsed.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    /// Its file among [`Sources::pages`].
    pub source: SourceIndex,
    /// Its kind (from the section).
    pub kind: Kind,
    /// Fields every kind has.
    pub common: Common,
    /// The kind's own language-neutral fields.
    pub data: KindData,
    /// The kind's own text fields.
    pub text: KindText,
    /// The body.
    pub body: Markdown,
    /// Where the front-matter keys stand.
    pub spans: KeySpans,
}

/// Fields every kind has. Text is typographically finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Common {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: Option<String>,
    /// The title's language when it is not the file's (`title_lang`).
    pub title_lang: Option<Lang>,
    /// This file's own URL slug, if set.
    pub slug: Option<Slug>,
    /// Sort weight (originals only).
    pub weight: Option<i32>,
    /// Draft flag (originals only).
    pub draft: bool,
    /// Date of last change.
    pub updated: Option<PartialDate>,
    /// This file's old paths, each redirecting to it.
    pub aliases: Vec<Alias>,
    /// Languages left untranslated on purpose (originals only).
    pub untranslated: Vec<Lang>,
    /// The image shown with the page, as written (originals only).
    pub image: Option<String>,
    /// This file's alt text for the image.
    pub image_alt: Option<Alt>,
}

/// An image's alt text as an editor wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alt {
    /// What the image shows, typographically finished, in one line.
    Text(String),
    /// `-`: the image only decorates and gets `alt=""`.
    Decorative,
}

impl Alt {
    /// The alt text of `written` in `style`: `None` if it is empty.
    pub fn read(written: &str, style: Style) -> Option<Alt> {
        let text = written.split_whitespace().collect::<Vec<_>>().join(" ");
        match text.as_str() {
            "" => None,
            markdown::DECORATIVE => Some(Alt::Decorative),
            _ => Some(Alt::Text(smarten(&text, style))),
        }
    }

    /// The value of the `alt` attribute (empty for a decorative image).
    pub fn attribute(&self) -> &str {
        match self {
            Alt::Text(t) => t,
            Alt::Decorative => "",
        }
    }
}

/// The language-neutral fields particular to a kind. They are `None`/empty
/// in translations (they are inherited in `model`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindData {
    /// Home, section, plain page.
    Page,
    /// A guideline.
    Guideline {
        /// Number (original only).
        ordinal: Option<u32>,
    },
    /// A project.
    Project(ProjectFields),
    /// A contact.
    Contact(ContactFields),
    /// The accessibility statement.
    Accessibility(AccessibilityFields),
    /// An edition.
    Edition(EditionFields),
    /// An indicator.
    Indicator(IndicatorFields),
}

/// The text fields particular to a kind, each kind's struct declared with
/// its fields (`text struct` in `kinds/<kind>.rs`): what each language's
/// file says in its own words. Model and render carry them as they are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum KindText {
    /// Home, section, plain page: none beyond title and summary.
    Page,
    /// A guideline's.
    Guideline(kinds::GuidelineText),
    /// A project's.
    Project(kinds::ProjectText),
    /// A contact's.
    Contact(kinds::ContactText),
    /// The accessibility statement's.
    Accessibility(kinds::AccessibilityText),
    /// An edition's.
    Edition(kinds::EditionText),
    /// An indicator's.
    Indicator(kinds::IndicatorText),
}

/// A project's own language-neutral fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFields {
    /// Duration (neutral).
    pub duration: Option<Duration>,
    /// Contact id (neutral).
    pub contact: Option<String>,
    /// Guideline ids (neutral).
    pub guidelines: Vec<String>,
    /// Status (neutral).
    pub status: Option<Status>,
    /// The fields shown as written (`districts`, …).
    pub shared: kinds::ProjectShared,
}

/// A contact's own language-neutral fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFields {
    /// The fields shown as written (`name`, …).
    pub shared: kinds::ContactShared,
    /// Street (neutral).
    pub street: Option<String>,
    /// Postal code (neutral).
    pub postal_code: Option<String>,
    /// Email (neutral).
    pub email: Option<String>,
    /// Phone (neutral).
    pub phone: Option<String>,
    /// Regular opening hours (neutral).
    pub hours: Vec<kinds::OpeningHours>,
    /// Language codes (neutral).
    pub languages: Vec<String>,
}

/// The accessibility statement's own language-neutral fields (`None` in
/// translations; required in the original).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessibilityFields {
    /// The fields shown as written (`standards`).
    pub shared: kinds::AccessibilityShared,
    /// Conformity status.
    pub status: Option<kinds::Conformity>,
    /// Day of the evaluation.
    pub evaluated_on: Option<PartialDate>,
    /// Evaluation method.
    pub method: Option<kinds::Method>,
    /// E-mail for reports of barriers.
    pub feedback_email: Option<String>,
    /// Phone for reports of barriers.
    pub feedback_phone: Option<String>,
    /// The enforcement body's web address, or [`kinds::UNKNOWN`].
    pub enforcement_url: Option<String>,
    /// Day the statement was prepared.
    pub prepared_on: Option<PartialDate>,
    /// Day it was last reviewed.
    pub reviewed_on: Option<PartialDate>,
}

/// An edition's own language-neutral fields (`None` in translations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionFields {
    /// When it was adopted.
    pub adopted: Option<PartialDate>,
    /// Its status.
    pub status: Option<kinds::EditionStatus>,
    /// Where its text is (`source:` with `revision:`).
    pub source: kinds::EditionSource,
    /// The id of the edition it replaced.
    pub supersedes: Option<String>,
}

/// An indicator's own language-neutral fields (`None` in translations;
/// `unit` and `direction` required in the original).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorFields {
    /// The unit of its values.
    pub unit: Option<kinds::Unit>,
    /// Ids of the guidelines it measures.
    pub guidelines: Vec<String>,
    /// Which way is better.
    pub direction: Option<kinds::Direction>,
    /// Target value and year.
    pub target: Option<kinds::Target>,
    /// Whether its data are an example.
    pub example: bool,
}

/// Parses every page; returns what parsed and every problem found.
pub fn all(sources: &Sources, config: &Config) -> (Vec<ParsedPage>, Diagnostics) {
    let results: Vec<Result<(ParsedPage, Diagnostics), Diagnostics>> = sources
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, source)| page(SourceIndex::new(i), source, config))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut diags = Diagnostics::new();
    for result in results {
        match result {
            Ok((page, warnings)) => {
                pages.push(page);
                diags.extend(warnings);
            }
            Err(errors) => diags.extend(errors),
        }
    }
    (pages, diags)
}

/// Parses one page (`index`: its source's index in [`Sources::pages`]):
/// what [`all`] does for each, for `serve`'s patches of a single file.
pub fn page(
    index: SourceIndex,
    source: &PageSource,
    config: &Config,
) -> Result<(ParsedPage, Diagnostics), Diagnostics> {
    let split = front_matter::split(&source.text, source.file)?;
    let kind = match (&source.section, source.is_index()) {
        (None, true) => Kind::Home,
        (Some(_), true) => Kind::Section,
        (None, false) if source.stem == STATEMENT_STEM => Kind::Accessibility,
        (section, false) => Kind::of_section(section.as_ref().map(Slug::as_str)),
    };
    let role = if config.is_default(&source.lang) {
        Role::Original
    } else {
        Role::Translation
    };
    let style = Style::for_lang(source.lang.as_str());
    let read = match kind {
        Kind::Home | Kind::Section | Kind::Page => read_kind::<RawPage>,
        Kind::Guideline => read_kind::<RawGuideline>,
        Kind::Project => read_kind::<RawProject>,
        Kind::Contact => read_kind::<RawContact>,
        Kind::Accessibility => read_kind::<RawAccessibility>,
        Kind::Edition => read_kind::<RawEdition>,
        Kind::Indicator => read_kind::<RawIndicator>,
    };
    let mut diags = Diagnostics::new();
    let (fields, spans) = read(kind, split, source, role, style, &mut diags).map_err(|mut e| {
        if role == Role::Original {
            untranslated::recover(split.yaml, split.yaml_offset, source, config, &mut e);
        }
        e
    })?;
    let common = common(kind, fields.common, &spans, source, config, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let (body, md_diags) = markdown::render(
        split.body,
        split.body_offset,
        source.file,
        source.lang.as_str(),
        config.raw_html,
    );
    diags.extend(md_diags);
    Ok((
        ParsedPage {
            source: index,
            kind,
            common,
            data: fields.data,
            text: fields.text,
            body,
            spans,
        },
        diags,
    ))
}

/// Reads the front matter as the raw struct `T` of `kind` and hands it to
/// the kind's reader. If it does not read, the plausibility checks still run
/// on the fields that do, so one build reports every mistake.
fn read_kind<T: Reader>(
    kind: Kind,
    split: front_matter::Split<'_>,
    source: &PageSource,
    role: Role,
    style: Style,
    diags: &mut Diagnostics,
) -> Result<(Fields, KeySpans), Diagnostics> {
    let schema = Schema {
        kind: kind.noun(),
        place: kind.place(),
        container: "the front matter",
        fields: kind.fields(),
        others: kinds::ALL,
    };
    let (yaml, offset) = (split.yaml, split.yaml_offset);
    match yaml::read_mapping::<T>(yaml, offset, source.file, &schema, role) {
        Ok(Read { value, spans }) => {
            let at = Reading {
                text: &source.text,
                spans: &spans,
                file: source.file,
                style,
            };
            Ok((value.read(&at, diags), spans))
        }
        Err(mut errors) => {
            let spans = KeySpans::of(yaml, offset);
            let at = Reading {
                text: &source.text,
                spans: &spans,
                file: source.file,
                style,
            };
            T::recover(yaml, &at, &mut errors);
            let slug = yaml::field::<String>(yaml, "slug");
            plausible::slug(slug.as_deref(), &spans, source.file, &mut errors);
            let title_lang = yaml::field::<String>(yaml, "title_lang");
            let (lang, file) = (&source.lang, source.file);
            plausible::title_lang(title_lang.as_deref(), lang, &spans, file, &mut errors);
            Err(errors)
        }
    }
}

/// The fields every kind has, checked and typeset.
fn common(
    kind: Kind,
    raw: RawPage,
    spans: &KeySpans,
    source: &PageSource,
    config: &Config,
    diags: &mut Diagnostics,
) -> Common {
    let file = source.file;
    let style = Style::for_lang(source.lang.as_str());
    let untranslated =
        untranslated::check(raw.untranslated.as_deref(), spans, source, config, diags);
    let title_lang =
        plausible::title_lang(raw.title_lang.as_deref(), &source.lang, spans, file, diags);
    let slug = plausible::slug(raw.slug.as_deref(), spans, file, diags);
    if kind == Kind::Home && slug.is_some() {
        diags.push(
            Diagnostic::error(
                Code::InvalidValue,
                "the home page has no slug: it is always `/<language>/`",
            )
            .at(file, spans.key("slug"))
            .help("remove the `slug` line"),
        );
    }
    Common {
        title: smarten(raw.title.as_deref().unwrap_or_default().trim(), style),
        summary: raw.summary.map(|s| smarten(s.trim(), style)),
        title_lang,
        slug,
        weight: raw.weight,
        draft: raw.draft.unwrap_or(false),
        updated: raw.updated,
        aliases: aliases::check(
            raw.aliases.unwrap_or_default(),
            |alias, n| spans.nth_item(&source.text, "aliases", alias, n),
            file,
            diags,
        ),
        untranslated,
        image: raw
            .image
            .map(|i| i.trim().to_owned())
            .filter(|i| !i.is_empty()),
        image_alt: raw.image_alt.and_then(|a| Alt::read(&a, style)),
    }
}
