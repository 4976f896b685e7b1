//! The accessibility statement as readers and machines read it: the
//! template's view (`statement.rs`, in the order of the EU model
//! statement) filled in, its
//! machine-readable copy `statement.json` beside the page, and the footer's
//! "report a barrier" address.
//!
//! `statement.json` (one per language, beside the page:
//! `de/barrierefreiheit/statement.json`) is written with serde here, not by
//! a template, so it is always valid JSON; docs/content-format.md describes
//! its shape.

use serde::Serialize;

use super::context::{Views, tel_href};
use super::statement::{Coded, StatementView};
use crate::ids::Lang;
use crate::model::{EntryData, EntryId, Site, Statement};
use crate::parse::KindText;
use crate::parse::kinds::{AccessibilityText, Barrier, Kind};

/// The statement's file name beside its page.
pub(crate) const JSON_FILE: &str = "statement.json";

/// `statement.json`: the statement in one language.
#[derive(Debug, Serialize)]
pub struct StatementJson<'a> {
    /// The language of its texts.
    pub lang: &'a str,
    /// The statement's page (absolute with a base URL, else the path).
    pub url: String,
    /// The page's title.
    pub title: &'a str,
    /// `fully`, `partially` or `not`.
    pub status: &'static str,
    /// The standards applied.
    pub standards: &'a [String],
    /// How, when and by whom it was evaluated.
    pub evaluation: Evaluation<'a>,
    /// The known barriers.
    pub barriers: &'a [Barrier],
    /// Where to report barriers.
    pub feedback: Feedback<'a>,
    /// The enforcement procedure.
    pub enforcement: Enforcement<'a>,
    /// `YYYY-MM-DD`.
    pub prepared_on: String,
    /// `YYYY-MM-DD`, or `null`.
    pub reviewed_on: Option<String>,
}

/// The evaluation part of `statement.json`.
#[derive(Debug, Serialize)]
pub struct Evaluation<'a> {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `self_assessment` or `third_party`.
    pub method: &'static str,
    /// Who evaluated, in the file's language.
    pub evaluator: Option<&'a str>,
}

/// The feedback part of `statement.json`.
#[derive(Debug, Serialize)]
pub struct Feedback<'a> {
    /// E-mail address.
    pub email: &'a str,
    /// Phone number, or `null`.
    pub phone: Option<&'a str>,
}

/// The enforcement part of `statement.json`.
#[derive(Debug, Serialize)]
pub struct Enforcement<'a> {
    /// The body's name.
    pub body: Option<&'a str>,
    /// Its web address, `null` if not known.
    pub url: Option<&'a str>,
    /// The procedure, in the file's language.
    pub text: Option<&'a str>,
}

/// The site's statement, if it has one.
pub(crate) fn statement_entry(site: &Site) -> Option<EntryId> {
    site.entries
        .iter()
        .find(|e| e.kind == Kind::Accessibility)
        .map(|e| e.id)
}

/// The address the footer's "report a barrier" link writes to: the
/// statement's `feedback_email`, if the site has a statement.
pub(crate) fn feedback_email(site: &Site) -> Option<&str> {
    let entry = statement_entry(site)?;
    match &site.entry(entry).data {
        EntryData::Accessibility(s) => Some(&s.feedback_email),
        _ => None,
    }
}

/// The footer's "report a barrier" link on the page at `here` (its
/// absolute URL, or its path without a base URL) for readers of `lang`: a
/// `mailto:` to the statement's `feedback_email` with the UI strings
/// `report_barrier_subject` and `report_barrier_body`, their `{url}` and
/// `{lang}` filled in, percent-encoded as RFC 6068 asks (line breaks as
/// CRLF). `None` if the site has no statement (`email`, looked up once by
/// `feedback_email`, not per page).
pub(crate) fn report_href(
    site: &Site,
    email: Option<&str>,
    lang: &Lang,
    here: &str,
) -> Option<String> {
    let email = email?;
    let fill = |key| {
        site.ui
            .get(lang, key)
            .replace("{url}", here)
            .replace("{lang}", lang.as_str())
    };
    Some(format!(
        "mailto:{}?subject={}&body={}",
        percent_encode(email, "@"),
        percent_encode(&fill("report_barrier_subject"), ""),
        percent_encode(&crlf(&fill("report_barrier_body")), ""),
    ))
}

/// Line breaks as CRLF, as RFC 6068 wants them in a body.
fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Percent-encodes every byte of `text` but the unreserved characters of
/// RFC 3986 and those in `keep`.
fn percent_encode(text: &str, keep: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || "-._~".contains(c) || keep.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Where the statement's JSON copy is published for readers of a language:
/// beside its page.
pub(crate) fn json_path(site: &Site, entry: EntryId, lang: &Lang) -> String {
    let (url, _) = site.link_url(entry, lang);
    format!("{url}{JSON_FILE}")
}

impl<'a> Views<'a> {
    /// The statement's parts and its page's text in the reader's language.
    fn statement_parts(&self, entry: EntryId) -> Option<(&'a Statement, &'a AccessibilityText)> {
        let page = self.shown(entry);
        match (&self.site.entry(entry).data, &page.text) {
            (EntryData::Accessibility(s), KindText::Accessibility(text)) => Some((s, text)),
            _ => None,
        }
    }

    /// The statement's view on its page.
    pub(super) fn statement(&self, entry: EntryId) -> Option<StatementView<'a>> {
        let (s, text) = self.statement_parts(entry)?;
        let ui = |key| self.site.ui.get(self.lang, key);
        Some(StatementView {
            status: Coded {
                key: s.status.as_str(),
                label: ui(s.status.i18n_key()),
            },
            method: Coded {
                key: s.method.as_str(),
                label: ui(s.method.i18n_key()),
            },
            evaluated_on: self.date(&s.evaluated_on),
            prepared_on: self.date(&s.prepared_on),
            reviewed_on: s.reviewed_on.as_ref().map(|d| self.date(d)),
            feedback_email: &s.feedback_email,
            feedback_email_href: format!("mailto:{}", s.feedback_email),
            feedback_phone: s.feedback_phone.as_deref(),
            feedback_phone_href: s.feedback_phone.as_deref().map(tel_href),
            enforcement_url: s.enforcement_url.as_deref(),
            json_url: self.base.href(&json_path(self.site, entry, self.lang)),
            shared: &s.shared,
            text,
        })
    }

    /// The statement's machine-readable copy in the reader's language.
    pub(super) fn statement_json(&self, entry: EntryId) -> Option<StatementJson<'a>> {
        let (s, text) = self.statement_parts(entry)?;
        let page = self.shown(entry);
        let (url, _) = self.site.link_url(entry, self.lang);
        Some(StatementJson {
            lang: page.lang.as_str(),
            url: self.base.absolute(url),
            title: &page.title,
            status: s.status.as_str(),
            standards: &s.shared.standards,
            evaluation: Evaluation {
                date: s.evaluated_on.iso(),
                method: s.method.as_str(),
                evaluator: text.evaluator.as_deref(),
            },
            barriers: &text.barriers,
            feedback: Feedback {
                email: &s.feedback_email,
                phone: s.feedback_phone.as_deref(),
            },
            enforcement: Enforcement {
                body: text.enforcement_body.as_deref(),
                url: s.enforcement_url.as_deref(),
                text: text.enforcement_text.as_deref(),
            },
            prepared_on: s.prepared_on.iso(),
            reviewed_on: s.reviewed_on.map(|d| d.iso()),
        })
    }
}
