//! The accessibility statement (Erklärung zur Barrierefreiheit), the file
//! `content/barrierefreiheit.md` and its translations: the parts the EU
//! model statement (Implementing Decision (EU) 2018/1523) and BITV 2.0 § 7
//! ask for, typed, so a missing part stops the build at its line.

use serde::Deserialize;

use super::{Fields, Reader, Reading, TextValue};
use crate::dates::PartialDate;
use crate::diag::Diagnostics;
use crate::parse::{AccessibilityFields, KindData, KindText, plausible};
use crate::typography::{Style, smarten};
use crate::yaml;

/// The stem of the one top-level file that is the site's accessibility
/// statement (`content/barrierefreiheit.md`, `.fr.md`, …).
pub const STATEMENT_STEM: &str = "barrierefreiheit";

/// What `enforcement_url` says when the body's address is not known.
pub const UNKNOWN: &str = "unknown";

kind! {
    /// The accessibility statement's front matter.
    #[derive(Debug, Clone, Default)]
    pub struct RawAccessibility;
    /// Fields of the accessibility statement.
    pub const ACCESSIBILITY_FIELDS;
    summary optional;
    text struct AccessibilityText;
    shared struct AccessibilityShared;
    {
        /// Conformity status: `fully`, `partially` or `not` compliant.
        pub status: Conformity [Neutral, required,
            "Vereinbarkeit: fully, partially oder not", Yaml("partially")],
        /// The standards applied (`WCAG 2.1 AA`, `EN 301 549`, `BITV 2.0`).
        pub standards: Vec<String> [Neutral shown, required, "angewandte Normen",
            Yaml("[\"WCAG 2.1 AA\", \"BITV 2.0\"]")],
        /// The day of the evaluation the statement rests on.
        pub evaluated_on: PartialDate [Neutral, required,
            "Tag der Prüfung, JJJJ-MM-TT (Warnung nach 12 Monaten)", Yaml("2026-11-30")],
        /// How it was evaluated: `self_assessment` or `third_party`.
        pub method: Method [Neutral, required,
            "Prüfmethode: self_assessment oder third_party", Yaml("self_assessment")],
        /// Who evaluated, and how.
        pub evaluator: String [Text, required, "wer wie geprüft hat", Sample([
            "Selbstbewertung durch die Redaktion",
            "Auto-évaluation par la rédaction",
            "Self-assessment by the editors",
        ])],
        /// Known barriers: what, why, and the accessible alternative.
        pub barriers: Vec<Barrier> [Text, optional,
            "bekannte Barrieren: what, reason, alternative", DummyLines(&[
                "- what: \"Was nicht barrierefrei ist\"",
                "  reason: \"Warum\"",
                "  alternative: \"Welche Alternative es gibt\"",
            ])],
        /// E-mail address for reports of barriers (the footer links to it).
        pub feedback_email: String [Neutral, required, "E-Mail für Meldungen von Barrieren",
            Dummy("barrierefreiheit@example.org")],
        /// Phone number for reports of barriers.
        pub feedback_phone: String [Neutral, optional, "Telefon für Meldungen, international",
            Dummy("\"+49 000 000000\"")],
        /// The enforcement body (Durchsetzungs- oder Schlichtungsstelle).
        pub enforcement_body: String [Text, required, "Name der Durchsetzungsstelle", Text([
            "Name der Schlichtungsstelle",
            "Nom de l’organe de conciliation",
            "Name of the conciliation body",
        ])],
        /// Its web address, or `unknown`.
        pub enforcement_url: String [Neutral, required,
            "Internetadresse der Durchsetzungsstelle, oder unknown", Yaml("unknown")],
        /// The enforcement procedure, in a few sentences.
        pub enforcement_text: String [Text, required, "wie das Durchsetzungsverfahren abläuft",
            Text([
                "Wann und wie man sich an die Stelle wenden kann.",
                "Quand et comment s’adresser à cet organe.",
                "When and how to turn to the body.",
            ])],
        /// The day the statement was prepared.
        pub prepared_on: PartialDate [Neutral, required, "Tag der Erstellung, JJJJ-MM-TT",
            Yaml("2026-11-30")],
        /// The day it was last reviewed.
        pub reviewed_on: PartialDate [Neutral, optional, "Tag der letzten Überprüfung, JJJJ-MM-TT",
            Yaml("2026-11-30")],
    }
}

impl Reader for RawAccessibility {
    fn read(mut self, at: &Reading<'_>, diags: &mut Diagnostics) -> Fields {
        check(&self, at, diags);
        let common = self.take_common();
        let text = KindText::Accessibility(self.take_text(at.style));
        let shared = self.take_shared();
        let url = self.enforcement_url.map(|u| u.trim().to_owned());
        let data = KindData::Accessibility(AccessibilityFields {
            shared,
            status: self.status,
            evaluated_on: self.evaluated_on,
            method: self.method,
            feedback_email: self.feedback_email.map(|e| e.trim().to_owned()),
            feedback_phone: self.feedback_phone.map(|p| p.trim().to_owned()),
            enforcement_url: url,
            prepared_on: self.prepared_on,
            reviewed_on: self.reviewed_on,
        });
        Fields { common, data, text }
    }

    fn recover(yaml: &str, at: &Reading<'_>, diags: &mut Diagnostics) {
        let raw = RawAccessibility {
            feedback_email: yaml::field(yaml, "feedback_email"),
            feedback_phone: yaml::field(yaml, "feedback_phone"),
            enforcement_url: yaml::field(yaml, "enforcement_url"),
            evaluated_on: yaml::field(yaml, "evaluated_on"),
            prepared_on: yaml::field(yaml, "prepared_on"),
            reviewed_on: yaml::field(yaml, "reviewed_on"),
            ..RawAccessibility::default()
        };
        check(&raw, at, diags);
    }
}

/// The plausibility checks: addresses readers can use, full dates, and an
/// evaluation not older than a year.
fn check(raw: &RawAccessibility, at: &Reading<'_>, diags: &mut Diagnostics) {
    let (spans, file) = (at.spans, at.file);
    plausible::email_at(
        raw.feedback_email.as_deref(),
        "feedback_email",
        spans,
        file,
        diags,
    );
    plausible::phone_at(
        raw.feedback_phone.as_deref(),
        "feedback_phone",
        spans,
        file,
        diags,
    );
    plausible::web_address(
        raw.enforcement_url.as_deref(),
        "enforcement_url",
        spans,
        file,
        diags,
    );
    for (key, date) in [
        ("evaluated_on", &raw.evaluated_on),
        ("prepared_on", &raw.prepared_on),
        ("reviewed_on", &raw.reviewed_on),
    ] {
        plausible::full_date(date.as_ref(), key, spans, file, diags);
    }
    plausible::evaluation_age(raw.evaluated_on.as_ref(), spans, file, diags);
}

/// How far a site meets the standards it applies (the EU model's three
/// conformity statuses).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Conformity {
    /// Fully compliant.
    Fully,
    /// Partially compliant: the known barriers are listed.
    Partially,
    /// Not compliant.
    Not,
}

impl Conformity {
    /// The value as written in front matter and in `statement.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Conformity::Fully => "fully",
            Conformity::Partially => "partially",
            Conformity::Not => "not",
        }
    }

    /// The key of its UI string (`a11y_status_partially`).
    pub fn i18n_key(self) -> &'static str {
        match self {
            Conformity::Fully => "a11y_status_fully",
            Conformity::Partially => "a11y_status_partially",
            Conformity::Not => "a11y_status_not",
        }
    }
}

/// How the evaluation was made.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// By the body itself (or on its behalf, with its own tools).
    SelfAssessment,
    /// By an independent third party.
    ThirdParty,
}

impl Method {
    /// The value as written in front matter and in `statement.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::SelfAssessment => "self_assessment",
            Method::ThirdParty => "third_party",
        }
    }

    /// The key of its UI string (`a11y_method_self_assessment`).
    pub fn i18n_key(self) -> &'static str {
        match self {
            Method::SelfAssessment => "a11y_method_self_assessment",
            Method::ThirdParty => "a11y_method_third_party",
        }
    }
}

/// A known barrier, in the language of its file.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Barrier {
    /// What is not accessible.
    pub what: String,
    /// Why (disproportionate burden, not in scope, not yet fixed, …).
    pub reason: String,
    /// The accessible alternative, if there is one.
    #[serde(default)]
    pub alternative: Option<String>,
}

impl TextValue for Vec<Barrier> {
    type Shown = Vec<Barrier>;
    fn shown(raw: Option<Vec<Barrier>>, style: Style) -> Vec<Barrier> {
        let text = |s: &str| smarten(s.trim(), style);
        raw.unwrap_or_default()
            .iter()
            .map(|b| Barrier {
                what: text(&b.what),
                reason: text(&b.reason),
                alternative: b.alternative.as_deref().map(text),
            })
            .collect()
    }
}
