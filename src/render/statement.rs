//! The accessibility statement's view in templates (`accessibility`),
//! filled in by `accessibility.rs`; a leaf beside `context.rs`, whose
//! `PageContext` holds it.

use serde::Serialize;

use super::date_view::DateView;
use crate::parse::kinds::{AccessibilityShared, AccessibilityText};

/// A coded value with its label in the reader's language (a status, a
/// method).
#[derive(Debug, Serialize)]
pub struct Coded<'a> {
    /// As written in front matter (`partially`).
    pub key: &'static str,
    /// In the reader's language.
    pub label: &'a str,
}

/// The accessibility statement on its page (`accessibility` in templates).
#[derive(Debug, Serialize)]
pub struct StatementView<'a> {
    /// Conformity status.
    pub status: Coded<'a>,
    /// Evaluation method.
    pub method: Coded<'a>,
    /// Day of the evaluation.
    pub evaluated_on: DateView,
    /// Day the statement was prepared.
    pub prepared_on: DateView,
    /// Day it was last reviewed.
    pub reviewed_on: Option<DateView>,
    /// E-mail for reports of barriers.
    pub feedback_email: &'a str,
    /// Its `mailto:` link.
    pub feedback_email_href: String,
    /// Phone for reports of barriers.
    pub feedback_phone: Option<&'a str>,
    /// Its `tel:` link.
    pub feedback_phone_href: Option<String>,
    /// The enforcement body's web address (`None`: not known; the page
    /// says so).
    pub enforcement_url: Option<&'a str>,
    /// The machine-readable copy beside the page.
    pub json_url: String,
    /// `standards` (flattened).
    #[serde(flatten)]
    pub shared: &'a AccessibilityShared,
    /// `evaluator`, `barriers`, `enforcement_body`, `enforcement_text`
    /// (flattened).
    #[serde(flatten)]
    pub text: &'a AccessibilityText,
}
