//! Parse: front matter into typed fields, Markdown into HTML, per file.
//!
//! Takes the loaded [`Sources`]; returns one [`ParsedPage`] per Markdown file
//! and all problems of all files (a bad file does not stop the others).
//! Typography is applied to every text field here, in the file's language.
//! Parse does not look at other files: references stay ids until `model`.

mod external;
pub mod front_matter;
pub mod kinds;
pub mod markdown;
mod plausible;
mod sanitize;

use rayon::prelude::*;

use crate::config::Config;
use crate::dates::PartialDate;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Slug;
use crate::load::{PageSource, Sources};
use crate::typography::{Style, smarten};
use crate::yaml::{self, KeySpans, Read, Role, Schema};
use kinds::{Duration, Kind, RawContact, RawGuideline, RawPage, RawProject, Status};
pub use markdown::{Heading, Link, Markdown};

/// One Markdown file, parsed.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    /// Index of its source in [`Sources::pages`].
    pub source: usize,
    /// Its kind (from the section).
    pub kind: Kind,
    /// Fields every kind has.
    pub common: Common,
    /// The kind's own fields.
    pub data: KindData,
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
    /// This file's own URL slug, if set.
    pub slug: Option<Slug>,
    /// Sort weight (originals only).
    pub weight: Option<i32>,
    /// Draft flag (originals only).
    pub draft: bool,
    /// Date of last change.
    pub updated: Option<PartialDate>,
}

/// The fields particular to a kind. Neutral fields are `None`/empty in
/// translations (they are inherited in `model`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindData {
    /// Home, section, plain page.
    Page,
    /// A guideline.
    Guideline {
        /// Number (original only).
        ordinal: Option<u32>,
        /// Fields of action.
        fields_of_action: Vec<String>,
    },
    /// A project.
    Project(ProjectFields),
    /// A contact.
    Contact(ContactFields),
}

/// A project's own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFields {
    /// Goal (Zielstellung).
    pub goal: Option<String>,
    /// Participants (Beteiligte).
    pub participants: Vec<String>,
    /// Costs.
    pub costs: Option<String>,
    /// Funding.
    pub funding: Option<String>,
    /// Duration (neutral).
    pub duration: Option<Duration>,
    /// Contact id (neutral).
    pub contact: Option<String>,
    /// Guideline ids (neutral).
    pub guidelines: Vec<String>,
    /// Districts (neutral).
    pub districts: Vec<String>,
    /// Status (neutral).
    pub status: Option<Status>,
}

/// A contact's own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFields {
    /// Organisation (text).
    pub organisation: Option<String>,
    /// Unit (text).
    pub unit: Option<String>,
    /// City (text).
    pub city: Option<String>,
    /// Opening hours (text).
    pub opening_hours: Option<String>,
    /// Person (neutral).
    pub name: Option<String>,
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

/// Parses every page; returns what parsed and every problem found.
pub fn all(sources: &Sources, config: &Config) -> (Vec<ParsedPage>, Diagnostics) {
    let results: Vec<Result<(ParsedPage, Diagnostics), Diagnostics>> = sources
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, source)| page(i, source, config))
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
    index: usize,
    source: &PageSource,
    config: &Config,
) -> Result<(ParsedPage, Diagnostics), Diagnostics> {
    let text: &str = &source.text;
    let split = front_matter::split(text, source.file)?;
    let kind = match (&source.section, source.is_index()) {
        (None, true) => Kind::Home,
        (Some(_), true) => Kind::Section,
        (section, false) => Kind::of_section(section.as_ref().map(Slug::as_str)),
    };
    let role = if config.is_default(&source.lang) {
        Role::Original
    } else {
        Role::Translation
    };
    let schema = Schema {
        kind: kind.noun(),
        place: kind.place(),
        container: "the front matter",
        fields: kind.fields(),
        others: kinds::ALL,
    };
    let style = Style::for_lang(source.lang.as_str());
    let text_field = |s: Option<String>| s.map(|s| smarten(s.trim(), style));
    let text_list = |v: Option<Vec<String>>| {
        v.unwrap_or_default()
            .iter()
            .map(|s| smarten(s.trim(), style))
            .collect::<Vec<_>>()
    };
    let mut diags = Diagnostics::new();
    let (raw_common, data, spans) = match kind {
        Kind::Home | Kind::Section | Kind::Page => {
            let Read { value, spans } = read_kind::<RawPage>(kind, split, source, &schema, role)?;
            (value, KindData::Page, spans)
        }
        Kind::Guideline => {
            let Read { value: g, spans } =
                read_kind::<RawGuideline>(kind, split, source, &schema, role)?;
            let data = KindData::Guideline {
                ordinal: g.ordinal,
                fields_of_action: text_list(g.fields_of_action),
            };
            (
                RawPage {
                    title: g.title,
                    summary: g.summary,
                    slug: g.slug,
                    weight: g.weight,
                    draft: g.draft,
                    updated: g.updated,
                },
                data,
                spans,
            )
        }
        Kind::Project => {
            let Read { value: p, spans } =
                read_kind::<RawProject>(kind, split, source, &schema, role)?;
            plausible::duration(p.duration.as_ref(), text, &spans, source.file, &mut diags);
            let data = KindData::Project(ProjectFields {
                goal: text_field(p.goal),
                participants: text_list(p.participants),
                costs: text_field(p.costs),
                funding: text_field(p.funding),
                duration: p.duration,
                contact: p.contact,
                guidelines: p.guidelines.unwrap_or_default(),
                districts: p.districts.unwrap_or_default(),
                status: p.status,
            });
            (
                RawPage {
                    title: p.title,
                    summary: p.summary,
                    slug: p.slug,
                    weight: p.weight,
                    draft: p.draft,
                    updated: p.updated,
                },
                data,
                spans,
            )
        }
        Kind::Contact => {
            let Read { value: c, spans } =
                read_kind::<RawContact>(kind, split, source, &schema, role)?;
            plausible::email(c.email.as_deref(), &spans, source.file, &mut diags);
            plausible::phone(c.phone.as_deref(), &spans, source.file, &mut diags);
            let data = KindData::Contact(ContactFields {
                organisation: text_field(c.organisation),
                unit: text_field(c.unit),
                city: text_field(c.city),
                opening_hours: text_field(c.opening_hours),
                name: c.name,
                street: c.street,
                postal_code: c.postal_code.map(|p| p.0),
                email: c.email.map(|e| e.trim().to_owned()),
                phone: c.phone.map(|p| p.trim().to_owned()),
                hours: c.hours.unwrap_or_default(),
                languages: c.languages.unwrap_or_default(),
            });
            (
                RawPage {
                    title: c.title,
                    summary: c.summary,
                    slug: c.slug,
                    weight: c.weight,
                    draft: c.draft,
                    updated: c.updated,
                },
                data,
                spans,
            )
        }
    };
    let slug = plausible::slug(raw_common.slug.as_deref(), &spans, source.file, &mut diags);
    if kind == Kind::Home && slug.is_some() {
        diags.push(
            Diagnostic::error(
                Code::InvalidValue,
                "the home page has no slug: it is always `/<language>/`",
            )
            .at(source.file, spans.key("slug"))
            .help("remove the `slug` line"),
        );
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let common = Common {
        title: smarten(
            raw_common.title.as_deref().unwrap_or_default().trim(),
            style,
        ),
        summary: raw_common.summary.map(|s| smarten(s.trim(), style)),
        slug,
        weight: raw_common.weight,
        draft: raw_common.draft.unwrap_or(false),
        updated: raw_common.updated,
    };
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
            data,
            body,
            spans,
        },
        diags,
    ))
}

/// Reads the front matter as `T`; if that fails, the plausibility checks
/// still run on the fields that read, so one build reports every mistake.
fn read_kind<T: serde::de::DeserializeOwned>(
    kind: Kind,
    split: front_matter::Split<'_>,
    source: &PageSource,
    schema: &Schema<'_>,
    role: Role,
) -> Result<Read<T>, Diagnostics> {
    yaml::read_mapping::<T>(split.yaml, split.yaml_offset, source.file, schema, role).map_err(
        |mut diags| {
            let spans = KeySpans::of(split.yaml, split.yaml_offset);
            let yaml = split.yaml;
            let file = source.file;
            let field = |key| yaml::field::<String>(yaml, key);
            match kind {
                Kind::Project => {
                    let duration = yaml::field::<Duration>(yaml, "duration");
                    plausible::duration(duration.as_ref(), &source.text, &spans, file, &mut diags);
                }
                Kind::Home | Kind::Section | Kind::Page | Kind::Guideline => {}
                Kind::Contact => {
                    plausible::email(field("email").as_deref(), &spans, file, &mut diags);
                    plausible::phone(field("phone").as_deref(), &spans, file, &mut diags);
                }
            }
            plausible::slug(field("slug").as_deref(), &spans, file, &mut diags);
            diags
        },
    )
}
