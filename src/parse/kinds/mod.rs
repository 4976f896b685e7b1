//! The typed front-matter schema of each kind of page, and its reader.
//!
//! The section a file lives in decides its kind (`leitlinien/`,
//! `projekte/`, `kontakte/`, anything else a plain page), but for the
//! accessibility statement, the top-level file `barrierefreiheit.md`. Each kind has one
//! file declaring its fields once with `kind!` (`common.rs`, where the six
//! fields every kind has are declared). From that declaration come the raw
//! struct serde reads (all `Option`, `deny_unknown_fields`), the JSON Schema
//! (`konzept schema`), the field table the generic checks in
//! [`crate::yaml::read_mapping`] use (neutral, text, per-file, required),
//! and the lines `konzept new` writes. Beside its declaration, each kind has
//! a small `Reader`: raw fields into the common ones and the kind's
//! [`KindData`], with its plausibility checks.

#[macro_use]
mod common;
mod accessibility;
mod contact;
mod edition;
mod guideline;
mod indicator;
mod page;
mod project;

use serde::de::DeserializeOwned;

use super::{KindData, KindText};
use crate::diag::{Diagnostics, FileId};
use crate::typography::{Style, smarten};
use crate::yaml::{Field, KeySpans};

pub use accessibility::{
    ACCESSIBILITY_FIELDS, AccessibilityShared, AccessibilityText, Barrier, Conformity, Method,
    RawAccessibility, STATEMENT_STEM, UNKNOWN,
};
pub use contact::{
    CONTACT_FIELDS, ContactShared, ContactText, OpeningHours, PostalCode, RawContact,
};
pub use edition::{
    EDITION_FIELDS, EditionSource, EditionStatus, EditionText, RawEdition, SourceKind,
};
pub use guideline::{GUIDELINE_FIELDS, GuidelineText, RawGuideline};
pub use indicator::{Direction, INDICATOR_FIELDS, IndicatorText, RawIndicator, Target, Unit};
pub use page::{PAGE_FIELDS, RawPage};
pub use project::{Duration, PROJECT_FIELDS, ProjectShared, ProjectText, RawProject, Status};

/// Declares [`Kind`] and [`Kind::ALL`] from one list, so no kind can be
/// left out of the list.
macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident,)*) => {
        /// What a page is, decided by its section.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Kind {
            $($(#[$doc])* $variant,)*
        }

        impl Kind {
            /// Every kind, in the order declared.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];
        }
    };
}

kinds! {
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
    /// The accessibility statement, `content/barrierefreiheit.md`.
    Accessibility,
    /// An edition (Fortschreibung) of the concept, in `fortschreibungen/`.
    Edition,
    /// An indicator (Indikator), in `indikatoren/`.
    Indicator,
    /// Any other page.
    Page,
}

impl Kind {
    /// The kind of a non-index page in `section` (`None`: top level).
    pub fn of_section(section: Option<&str>) -> Kind {
        Kind::ALL
            .iter()
            .copied()
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
            Kind::Edition => Some("fortschreibungen"),
            Kind::Indicator => Some(crate::load::DATA_SECTION),
            Kind::Home | Kind::Section | Kind::Accessibility | Kind::Page => None,
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
            Kind::Accessibility => "accessibility",
            Kind::Edition => "edition",
            Kind::Indicator => "indicator",
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
            Kind::Accessibility => "accessibility.html",
            Kind::Edition => "edition.html",
            Kind::Indicator => "indicator.html",
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
            Kind::Accessibility => "accessibility statement",
            Kind::Edition => "edition",
            Kind::Indicator => "indicator",
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
            Kind::Accessibility => "accessibility statement front matter",
            Kind::Edition => "edition front matter",
            Kind::Indicator => "indicator front matter",
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
            Kind::Accessibility => ACCESSIBILITY_FIELDS,
            Kind::Edition => EDITION_FIELDS,
            Kind::Indicator => INDICATOR_FIELDS,
        }
    }
}

/// Every kind with a schema of its own and its fields, for hints.
pub const ALL: &[(&str, &[Field])] = &[
    ("page", PAGE_FIELDS),
    ("guideline", GUIDELINE_FIELDS),
    ("project", PROJECT_FIELDS),
    ("contact", CONTACT_FIELDS),
    ("accessibility", ACCESSIBILITY_FIELDS),
    ("edition", EDITION_FIELDS),
    ("indicator", INDICATOR_FIELDS),
];

/// What a [`Reader`] makes of a file's front matter.
pub(super) struct Fields {
    /// The fields every kind has, as read.
    pub(super) common: RawPage,
    /// The kind's language-neutral data.
    pub(super) data: KindData,
    /// The kind's text fields, typographically finished.
    pub(super) text: KindText,
}

/// One kind's reader: its raw struct into the fields every kind has, the
/// kind's own data and its text fields.
pub(super) trait Reader: DeserializeOwned {
    /// Splits the fields, typesets the kind's text fields and runs its
    /// plausibility checks.
    fn read(self, at: &Reading<'_>, diags: &mut Diagnostics) -> Fields;

    /// The kind's plausibility checks on the fields of `yaml` that read on
    /// their own, when the front matter as a whole did not: one build
    /// reports every mistake.
    fn recover(yaml: &str, at: &Reading<'_>, diags: &mut Diagnostics) {
        let _ = (yaml, at, diags);
    }
}

/// A declared type of a text field, and what readers get of it: a text
/// (`String`) is `Option<String>`, a list of texts stays a list (empty
/// when not set). Either is trimmed and typographically finished in the
/// file's language.
pub trait TextValue: Sized {
    /// The field's type in the kind's text struct and in templates.
    type Shown;
    /// The shown value of a field as read (`None`: not set).
    fn shown(raw: Option<Self>, style: Style) -> Self::Shown;
}

impl TextValue for String {
    type Shown = Option<String>;
    fn shown(raw: Option<String>, style: Style) -> Option<String> {
        raw.map(|s| smarten(s.trim(), style))
    }
}

impl TextValue for Vec<String> {
    type Shown = Vec<String>;
    fn shown(raw: Option<Vec<String>>, style: Style) -> Vec<String> {
        raw.unwrap_or_default()
            .iter()
            .map(|s| smarten(s.trim(), style))
            .collect()
    }
}

/// A declared type of a language-neutral field shown as written, and what
/// templates get of it: a value is an `Option` (`None`: not set), a list
/// stays a list (empty when not set).
pub trait Written: Sized {
    /// The field's type in the kind's shared struct and in templates.
    type Shown;
    /// The shown value of a field as read (`None`: not set).
    fn shown(raw: Option<Self>) -> Self::Shown;
}

macro_rules! written_as_option {
    ($($ty:ty),*) => {$(
        impl Written for $ty {
            type Shown = Option<$ty>;
            fn shown(raw: Option<$ty>) -> Option<$ty> {
                raw
            }
        }
    )*};
}

written_as_option!(String, bool, i32, i64, u32, u64);

impl<T> Written for Vec<T> {
    type Shown = Vec<T>;
    fn shown(raw: Option<Vec<T>>) -> Vec<T> {
        raw.unwrap_or_default()
    }
}

/// What a [`Reader`] needs besides the raw fields: the file and its style.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading<'a> {
    /// The whole file.
    pub(super) text: &'a str,
    /// Where its front-matter keys stand.
    pub(super) spans: &'a KeySpans,
    /// The file.
    pub(super) file: FileId,
    /// The typography of its language.
    pub(super) style: Style,
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
        accepts::<RawAccessibility>(ACCESSIBILITY_FIELDS);
        accepts::<RawEdition>(EDITION_FIELDS);
        accepts::<RawIndicator>(INDICATOR_FIELDS);
    }

    #[test]
    fn common_fields_come_first_and_only_guidelines_require_a_summary() {
        for (kind, fields) in ALL {
            let names: Vec<&str> = fields.iter().take(7).map(|f| f.name).collect();
            assert_eq!(
                names,
                [
                    "title",
                    "summary",
                    "title_lang",
                    "slug",
                    "weight",
                    "draft",
                    "updated"
                ],
                "{kind}"
            );
            assert_eq!(fields[1].required, *kind == "guideline", "{kind}");
        }
    }

    /// The keys a struct serializes with, in order.
    fn keys<T: serde::Serialize>(value: &T) -> Vec<String> {
        match serde_json::to_value(value).expect("plain data") {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            other => panic!("not an object: {other}"),
        }
    }

    /// The own fields of a table with `scope` (the fields every kind has,
    /// `PAGE_FIELDS`, live in `Common`).
    fn own(fields: &[Field], scope: crate::yaml::Scope) -> Vec<String> {
        let mut names: Vec<String> = fields[PAGE_FIELDS.len()..]
            .iter()
            .filter(|f| f.scope == scope)
            .map(|f| f.name.to_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn text_structs_hold_every_text_field_of_their_kind() {
        use crate::yaml::Scope;
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        assert_eq!(
            sorted(keys(&GuidelineText::default())),
            own(GUIDELINE_FIELDS, Scope::Text)
        );
        assert_eq!(
            sorted(keys(&ProjectText::default())),
            own(PROJECT_FIELDS, Scope::Text)
        );
        assert_eq!(
            sorted(keys(&ContactText::default())),
            own(CONTACT_FIELDS, Scope::Text)
        );
        assert_eq!(
            sorted(keys(&AccessibilityText::default())),
            own(ACCESSIBILITY_FIELDS, Scope::Text)
        );
        assert_eq!(
            sorted(keys(&EditionText::default())),
            own(EDITION_FIELDS, Scope::Text)
        );
        assert_eq!(
            sorted(keys(&IndicatorText::default())),
            own(INDICATOR_FIELDS, Scope::Text)
        );
    }

    #[test]
    fn shared_structs_hold_the_neutral_fields_declared_shown() {
        assert_eq!(keys(&ProjectShared::default()), ["districts"]);
        assert_eq!(keys(&ContactShared::default()), ["name"]);
        let mut raw: RawProject =
            serde_yaml::from_str("districts: [Burbach, Malstatt]\n").expect("reads");
        assert_eq!(raw.take_shared().districts, ["Burbach", "Malstatt"]);
        let mut raw: RawContact = serde_yaml::from_str("street: x\n").expect("reads");
        assert_eq!(raw.take_shared().name, None);
    }

    #[test]
    fn text_fields_are_trimmed_and_typeset_in_the_files_language() {
        let mut raw: RawProject =
            serde_yaml::from_str("goal: \" Kinder \\\"stärken\\\" \"\nparticipants: [\" a \"]\n")
                .expect("reads");
        let text = raw.take_text(Style::for_lang("de"));
        assert_eq!(text.goal.as_deref(), Some("Kinder „stärken“"));
        assert_eq!(text.participants, ["a"]);
        assert_eq!(text.costs, None);
    }

    #[test]
    fn every_kind_finds_its_section_and_its_table_among_the_hints() {
        for kind in Kind::ALL {
            if let Some(section) = kind.section() {
                assert_eq!(Kind::of_section(Some(section)), *kind);
            }
            assert!(
                ALL.iter().any(|(_, fields)| {
                    let names = |t: &[Field]| t.iter().map(|f| f.name).collect::<Vec<_>>();
                    names(fields) == names(kind.fields())
                }),
                "{kind:?}: add its field table to kinds::ALL"
            );
        }
    }
}
