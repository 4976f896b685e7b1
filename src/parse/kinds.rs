//! The typed front-matter schema of each kind of page.
//!
//! Each kind has a raw struct mirroring the file (all `Option`,
//! `deny_unknown_fields`) and a field table saying which fields are
//! language-neutral, which are text, and which are required. The section a
//! file lives in decides its kind (`leitlinien/`, `projekte/`, `kontakte/`,
//! anything else a plain page). The tables drive the generic checks in
//! `front_matter.rs`; `kinds_match_their_tables` keeps them in step with
//! the structs.

use serde::Deserialize;

use crate::dates::{ClockTime, PartialDate, Weekday};
use crate::yaml::{Field, Scope};

/// What a page is, decided by its section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The site's home page (`content/_index.md`).
    Home,
    /// A section's list page (`content/<section>/_index.md`).
    Section,
    /// A guideline (Leitlinie), in `leitlinien/`.
    Guideline,
    /// A project (Projekt), in `projekte/`.
    Project,
    /// A contact (Kontakt), in `kontakte/`.
    Contact,
    /// Any other page.
    Page,
}

impl Kind {
    /// Every kind with a section of its own, in the order of
    /// [`Kind::section`].
    const SECTIONED: [Kind; 3] = [Kind::Guideline, Kind::Project, Kind::Contact];

    /// The kind of a non-index page in `section` (`None`: top level).
    pub fn of_section(section: Option<&str>) -> Kind {
        Kind::SECTIONED
            .into_iter()
            .find(|k| k.section().is_some() && k.section() == section)
            .unwrap_or(Kind::Page)
    }

    /// The directory below `content/` whose pages are of this kind
    /// (`leitlinien`), if the kind has one.
    pub fn section(self) -> Option<&'static str> {
        match self {
            Kind::Guideline => Some("leitlinien"),
            Kind::Project => Some("projekte"),
            Kind::Contact => Some("kontakte"),
            Kind::Home | Kind::Section | Kind::Page => None,
        }
    }

    /// Its name in templates (`page.kind`) and in the theme's file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Section => "section",
            Kind::Guideline => "guideline",
            Kind::Project => "project",
            Kind::Contact => "contact",
            Kind::Page => "page",
        }
    }

    /// The template that renders its pages (`project.html`).
    pub fn template(self) -> &'static str {
        match self {
            Kind::Home => "home.html",
            Kind::Section => "section.html",
            Kind::Guideline => "guideline.html",
            Kind::Project => "project.html",
            Kind::Contact => "contact.html",
            Kind::Page => "page.html",
        }
    }

    /// The word used in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Home => "home page",
            Kind::Section => "section",
            Kind::Guideline => "guideline",
            Kind::Project => "project",
            Kind::Contact => "contact",
            Kind::Page => "page",
        }
    }

    /// Where its fields are written, in messages (`project front matter`).
    pub fn place(self) -> &'static str {
        match self {
            Kind::Home => "home page front matter",
            Kind::Section => "section front matter",
            Kind::Guideline => "guideline front matter",
            Kind::Project => "project front matter",
            Kind::Contact => "contact front matter",
            Kind::Page => "page front matter",
        }
    }

    /// The field table of this kind.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Home | Kind::Section | Kind::Page => PAGE_FIELDS,
            Kind::Guideline => GUIDELINE_FIELDS,
            Kind::Project => PROJECT_FIELDS,
            Kind::Contact => CONTACT_FIELDS,
        }
    }
}

const fn field(name: &'static str, scope: Scope, required: bool) -> Field {
    Field {
        name,
        scope,
        required,
    }
}

macro_rules! common_fields {
    ($($extra:expr),* $(,)?) => {
        &[
            field("title", Scope::Text, true),
            field("summary", Scope::Text, false),
            field("slug", Scope::PerFile, false),
            field("weight", Scope::Neutral, false),
            field("draft", Scope::Neutral, false),
            field("updated", Scope::PerFile, false),
            $($extra),*
        ]
    };
}

/// Fields of plain pages, sections and the home page.
pub const PAGE_FIELDS: &[Field] = common_fields![];

/// Fields of a guideline.
pub const GUIDELINE_FIELDS: &[Field] = &[
    field("title", Scope::Text, true),
    field("summary", Scope::Text, true),
    field("slug", Scope::PerFile, false),
    field("weight", Scope::Neutral, false),
    field("draft", Scope::Neutral, false),
    field("updated", Scope::PerFile, false),
    field("ordinal", Scope::Neutral, true),
    field("fields_of_action", Scope::Text, false),
];

/// Fields of a project.
pub const PROJECT_FIELDS: &[Field] = common_fields![
    field("goal", Scope::Text, true),
    field("participants", Scope::Text, false),
    field("duration", Scope::Neutral, false),
    field("costs", Scope::Text, false),
    field("funding", Scope::Text, false),
    field("contact", Scope::Neutral, true),
    field("guidelines", Scope::Neutral, false),
    field("districts", Scope::Neutral, false),
    field("status", Scope::Neutral, false),
];

/// Fields of a contact.
pub const CONTACT_FIELDS: &[Field] = common_fields![
    field("organisation", Scope::Text, true),
    field("unit", Scope::Text, false),
    field("name", Scope::Neutral, false),
    field("street", Scope::Neutral, true),
    field("postal_code", Scope::Neutral, true),
    field("city", Scope::Text, true),
    field("email", Scope::Neutral, true),
    field("phone", Scope::Neutral, true),
    field("opening_hours", Scope::Text, false),
    field("hours", Scope::Neutral, false),
    field("languages", Scope::Neutral, false),
];

/// Every kind with a schema of its own and its fields, for hints.
pub const ALL: &[(&str, &[Field])] = &[
    ("page", PAGE_FIELDS),
    ("guideline", GUIDELINE_FIELDS),
    ("project", PROJECT_FIELDS),
    ("contact", CONTACT_FIELDS),
];

/// Fields every kind has.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    /// Page title.
    pub title: Option<String>,
    /// Short summary.
    pub summary: Option<String>,
    /// This language's URL slug.
    pub slug: Option<String>,
    /// Sort order.
    pub weight: Option<i32>,
    /// Left out of builds unless `--drafts`.
    pub draft: Option<bool>,
    /// Date of the last content change.
    pub updated: Option<PartialDate>,
}

/// A guideline's front matter.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGuideline {
    /// Page title.
    pub title: Option<String>,
    /// Short summary.
    pub summary: Option<String>,
    /// This language's URL slug.
    pub slug: Option<String>,
    /// Sort order.
    pub weight: Option<i32>,
    /// Left out of builds unless `--drafts`.
    pub draft: Option<bool>,
    /// Date of the last content change.
    pub updated: Option<PartialDate>,
    /// Number in the concept.
    pub ordinal: Option<u32>,
    /// Fields of action (Handlungsfelder).
    pub fields_of_action: Option<Vec<String>>,
}

/// A project's duration (Laufzeit).
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duration {
    /// When it began.
    pub start: Option<PartialDate>,
    /// When it ended or ends.
    pub end: Option<PartialDate>,
    /// Whether it goes on without a set end.
    #[serde(default)]
    pub ongoing: bool,
}

/// A project's status.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not yet begun.
    Planned,
    /// Under way.
    Running,
    /// Finished.
    Completed,
    /// A permanent task.
    Ongoing,
}

impl Status {
    /// The key of its UI string (`status_running`).
    pub fn i18n_key(self) -> &'static str {
        match self {
            Status::Planned => "status_planned",
            Status::Running => "status_running",
            Status::Completed => "status_completed",
            Status::Ongoing => "status_ongoing",
        }
    }

    /// The value as written in front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Running => "running",
            Status::Completed => "completed",
            Status::Ongoing => "ongoing",
        }
    }
}

/// A project's front matter.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    /// Page title.
    pub title: Option<String>,
    /// Short summary.
    pub summary: Option<String>,
    /// This language's URL slug.
    pub slug: Option<String>,
    /// Sort order.
    pub weight: Option<i32>,
    /// Left out of builds unless `--drafts`.
    pub draft: Option<bool>,
    /// Date of the last content change.
    pub updated: Option<PartialDate>,
    /// Goal (Zielstellung).
    pub goal: Option<String>,
    /// Participants (Beteiligte).
    pub participants: Option<Vec<String>>,
    /// Duration (Laufzeit).
    pub duration: Option<Duration>,
    /// Costs (Kosten).
    pub costs: Option<String>,
    /// Funding (Finanzierung).
    pub funding: Option<String>,
    /// Id of the contact entry (Ansprechpartner).
    pub contact: Option<String>,
    /// Ids of the guidelines it serves.
    pub guidelines: Option<Vec<String>>,
    /// Districts (Stadtteile).
    pub districts: Option<Vec<String>>,
    /// Status.
    pub status: Option<Status>,
}

/// A contact's front matter.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    /// Page title.
    pub title: Option<String>,
    /// Short summary.
    pub summary: Option<String>,
    /// This language's URL slug.
    pub slug: Option<String>,
    /// Sort order.
    pub weight: Option<i32>,
    /// Left out of builds unless `--drafts`.
    pub draft: Option<bool>,
    /// Date of the last content change.
    pub updated: Option<PartialDate>,
    /// Organisation.
    pub organisation: Option<String>,
    /// Office or department.
    pub unit: Option<String>,
    /// A person's name.
    pub name: Option<String>,
    /// Street and number.
    pub street: Option<String>,
    /// Postal code.
    pub postal_code: Option<PostalCode>,
    /// City.
    pub city: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Opening hours, as text (notes such as "and by appointment").
    pub opening_hours: Option<String>,
    /// Regular opening hours, for readers and search engines.
    pub hours: Option<Vec<OpeningHours>>,
    /// Language codes spoken.
    pub languages: Option<Vec<String>>,
}

/// Regular opening hours: days of the week and one time span
/// (`{ days: [mo, tu, we, th, fr], opens: "08:30", closes: "12:00" }`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    /// The days (`mo`, `tu`, `we`, `th`, `fr`, `sa`, `su`).
    pub days: Vec<Weekday>,
    /// Opening time, `HH:MM`.
    pub opens: ClockTime,
    /// Closing time, `HH:MM`.
    pub closes: ClockTime,
}

/// A postal code, written as a string or a bare number (`66104`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalCode(pub String);

impl<'de> Deserialize<'de> for PostalCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Text(String),
            Number(u64),
        }
        Ok(PostalCode(match Either::deserialize(d)? {
            Either::Text(s) => s,
            Either::Number(n) => n.to_string(),
        }))
    }
}

/// Mirrors the `Deserialize` impl above: a string or a bare number.
impl schemars::JsonSchema for PostalCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PostalCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A postal code, e.g. \"66111\".",
            "type": ["string", "integer"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts<T: serde::de::DeserializeOwned>(fields: &[Field]) {
        for f in fields {
            let yaml = format!("{}: ~\n", f.name);
            if let Err(e) = serde_yaml::from_str::<T>(&yaml) {
                assert!(!e.to_string().contains("unknown field"), "{}: {e}", f.name);
            }
        }
    }

    #[test]
    fn kinds_match_their_tables() {
        accepts::<RawPage>(PAGE_FIELDS);
        accepts::<RawGuideline>(GUIDELINE_FIELDS);
        accepts::<RawProject>(PROJECT_FIELDS);
        accepts::<RawContact>(CONTACT_FIELDS);
    }
}
