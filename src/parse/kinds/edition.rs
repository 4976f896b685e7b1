//! An edition (Fortschreibung) of the concept, in `fortschreibungen/`:
//! when and by whom it was adopted, its status, and where its text is.
//!
//! Editions are content: each gets a page per language, translations,
//! search, references and "did you mean" from the machinery every kind
//! uses. The rules across editions (exactly one `source: current`, the
//! `supersedes` reference) are checked in `model`.

use serde::Deserialize;

use super::{Fields, Reader, Reading};
use crate::dates::PartialDate;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::parse::{EditionFields, KindData, KindText};
use crate::yaml;

kind! {
    /// An edition's front matter.
    #[derive(Debug, Clone, Default)]
    pub struct RawEdition;
    /// Fields of an edition.
    pub const EDITION_FIELDS;
    summary optional;
    text struct EditionText;
    {
        /// When it was adopted: a year, a year and month, or a day
        /// (`2007-12` when the day is not known; never invent one).
        /// Required unless the status is `in-preparation`.
        pub adopted: PartialDate [Neutral, optional,
            "beschlossen: JJJJ, JJJJ-MM oder JJJJ-MM-TT (nur was bekannt ist)",
            Yaml("2007-12")],
        /// The body that adopted it (Stadtrat).
        pub adopted_by: String [Text, optional, "beschlossen von",
            Sample(["Stadtrat", "Conseil municipal", "City council"])],
        /// Its status.
        pub status: EditionStatus [Neutral, required,
            "current, superseded oder in-preparation", Yaml("in-preparation")],
        /// Where its text is.
        pub source: SourceKind [Neutral, optional,
            "current (dieser Inhalt), git (revision:) oder none (Standard)",
            Yaml("none")],
        /// The git revision (tag or commit) holding its text, with `source: git`.
        pub revision: String [Neutral, optional, "Tag oder Commit, nur mit source: git",
            Yaml("fortschreibung-2007")],
        /// The id of the edition it replaced.
        pub supersedes: String [Neutral, optional,
            "Id der Fortschreibung, die sie ablöst", Yaml("konzept-2007")],
    }
}

impl Reader for RawEdition {
    fn read(mut self, at: &Reading<'_>, diags: &mut Diagnostics) -> Fields {
        let source = self.source.unwrap_or(SourceKind::None);
        let source = source_of(source, self.revision.as_deref(), at, diags);
        Fields {
            common: self.take_common(),
            text: KindText::Edition(self.take_text(at.style)),
            data: KindData::Edition(EditionFields {
                adopted: self.adopted,
                status: self.status,
                source,
                supersedes: self.supersedes.map(|s| s.trim().to_owned()),
            }),
        }
    }

    fn recover(yaml: &str, at: &Reading<'_>, diags: &mut Diagnostics) {
        if let Some(source) = yaml::field::<SourceKind>(yaml, "source") {
            let revision = yaml::field::<String>(yaml, "revision");
            source_of(source, revision.as_deref(), at, diags);
        }
    }
}

/// The edition's source from `source:` and `revision:`: a revision is
/// required with `git` and refused otherwise.
fn source_of(
    kind: SourceKind,
    revision: Option<&str>,
    at: &Reading<'_>,
    diags: &mut Diagnostics,
) -> EditionSource {
    let revision = revision.map(str::trim);
    match (kind, revision) {
        (SourceKind::Git, Some(r)) if !r.is_empty() => return EditionSource::Git(r.to_owned()),
        (SourceKind::Git, _) => diags.push(
            Diagnostic::error(
                Code::MissingField,
                "an edition with `source: git` needs the `revision` holding its text",
            )
            .at(at.file, at.spans.key("source"))
            .help("add `revision:` with the git tag or commit of that edition, e.g. `revision: fortschreibung-2007`"),
        ),
        (_, Some(_)) => diags.push(
            Diagnostic::error(
                Code::InvalidValue,
                "`revision` is only read with `source: git`",
            )
            .at(at.file, at.spans.key("revision"))
            .help("write `source: git` if the edition's text is at that revision of this repository, or remove the `revision` line"),
        ),
        _ => {}
    }
    match kind {
        SourceKind::Current => EditionSource::Current,
        SourceKind::Git | SourceKind::None => EditionSource::Elsewhere,
    }
}

/// An edition's status.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum EditionStatus {
    /// In force.
    Current,
    /// Replaced by a later edition.
    Superseded,
    /// Being prepared, not yet adopted.
    InPreparation,
}

impl EditionStatus {
    /// The value as written in front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            EditionStatus::Current => "current",
            EditionStatus::Superseded => "superseded",
            EditionStatus::InPreparation => "in-preparation",
        }
    }

    /// The key of its UI string (`edition_status_current`).
    pub fn i18n_key(self) -> &'static str {
        match self {
            EditionStatus::Current => "edition_status_current",
            EditionStatus::Superseded => "edition_status_superseded",
            EditionStatus::InPreparation => "edition_status_in_preparation",
        }
    }
}

/// `source:` as written: where an edition's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// This site's current content.
    Current,
    /// A git revision of this repository (`revision:`).
    Git,
    /// Not in this repository.
    None,
}

/// Where an edition's text is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EditionSource {
    /// This site's current content.
    Current,
    /// A git revision of this repository: the tag or commit as written.
    Git(String),
    /// Not in this repository (listed with what is known).
    Elsewhere,
}

impl EditionSource {
    /// The value of `source:` that says it (`current`, `git`, `none`).
    pub fn as_str(&self) -> &'static str {
        match self {
            EditionSource::Current => "current",
            EditionSource::Git(_) => "git",
            EditionSource::Elsewhere => "none",
        }
    }
}
