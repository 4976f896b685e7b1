//! A project (Projekt), in `projekte/`: its goal, the people and money
//! behind it, its duration, contact, guidelines and status.

use serde::Deserialize;

use super::{Fields, Reader, Reading};
use crate::dates::PartialDate;
use crate::diag::Diagnostics;
use crate::parse::{KindData, KindText, ProjectFields, plausible};
use crate::yaml;

kind! {
    /// A project's front matter.
    #[derive(Debug, Clone, Default)]
    pub struct RawProject;
    /// Fields of a project.
    pub const PROJECT_FIELDS;
    summary optional;
    text struct ProjectText;
    shared struct ProjectShared;
    {
        /// Goal (Zielstellung).
        pub goal: String [Text, required, "Zielstellung", Text([
            "Was das Projekt erreichen soll, in einem Satz.",
            "Ce que le projet doit atteindre, en une phrase.",
            "What the project is meant to achieve, in one sentence.",
        ])],
        /// Participants (Beteiligte).
        pub participants: Vec<String> [Text, optional, "Beteiligte",
            TextList(["Beteiligte Stelle", "Partenaire", "Partner"])],
        /// Duration (Laufzeit).
        pub duration: Duration [Neutral, optional, "Laufzeit: start, end, ongoing",
            Lines(&["start: 2025-01", "end: 2026-12", "ongoing: false"])],
        /// Costs (Kosten).
        pub costs: String [Text, optional, "Kosten",
            Text(["10.000 € pro Jahr", "10 000 € par an", "€10,000 a year"])],
        /// Funding (Finanzierung).
        pub funding: String [Text, optional, "Finanzierung",
            Sample(["Haushalt der Stadt", "Budget de la ville", "City budget"])],
        /// Id of the contact entry (Ansprechpartner).
        pub contact: String [Neutral, required, "Id eines Eintrags in kontakte/", Contact],
        /// Ids of the guidelines it serves.
        pub guidelines: Vec<String> [Neutral, optional, "Ids von Leitlinien", Guidelines],
        /// Districts (Stadtteile).
        pub districts: Vec<String> [Neutral shown, optional, "Stadtteile", Dummy("[\"Stadtteil\"]")],
        /// Status.
        pub status: Status [Neutral, optional, "planned, running, completed oder ongoing",
            Yaml("planned")],
    }
}

impl Reader for RawProject {
    fn read(mut self, at: &Reading<'_>, diags: &mut Diagnostics) -> Fields {
        plausible::duration(self.duration.as_ref(), at.text, at.spans, at.file, diags);
        Fields {
            common: self.take_common(),
            text: KindText::Project(self.take_text(at.style)),
            data: KindData::Project(ProjectFields {
                shared: self.take_shared(),
                duration: self.duration,
                contact: self.contact,
                guidelines: self.guidelines.unwrap_or_default(),
                status: self.status,
            }),
        }
    }

    fn recover(yaml: &str, at: &Reading<'_>, diags: &mut Diagnostics) {
        let duration = yaml::field::<Duration>(yaml, "duration");
        plausible::duration(duration.as_ref(), at.text, at.spans, at.file, diags);
    }
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
