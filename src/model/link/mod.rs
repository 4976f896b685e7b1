//! Links and references: front-matter ids (project → contact, project →
//! guidelines, `site.yaml` → pages), Markdown links (in [`markdown`]) and
//! anchors, and the reverse edges (a guideline's projects).

mod failed;
mod image;
mod markdown;

use std::collections::HashMap;

use super::i18n::endonym;
use super::ids::EntryId;
use super::keys::{Absence, Key, sort_key};
use super::types::{EntryData, Indicator, Site, Statement};
use crate::config::{Config, Reference};
use crate::diag::{Code, Diagnostic, Diagnostics, FileId, did_you_mean};
use crate::ids::Slug;
use crate::load::{INDEX, Sources};
use crate::parse::kinds::{EditionStatus, Kind};
use crate::parse::{KindData, ParsedPage};

pub(super) use markdown::resolve_links;

/// Resolves front-matter references while entries are built.
pub(super) struct References<'a> {
    pub(super) keys: &'a HashMap<Key, EntryId>,
    pub(super) absent: &'a HashMap<Key, Absence>,
    pub(super) sources: &'a Sources,
    pub(super) config: &'a Config,
    /// Whether a broken link's help suggests a similar file ("did you
    /// mean"): not for an archived edition, whose warnings replace the
    /// help, and where comparing every broken link with every file would
    /// cost more than reading the edition.
    pub(super) suggest: bool,
}

impl References<'_> {
    /// The neutral data of an entry, from its original's parsed fields.
    pub(super) fn entry_data(&self, original: &ParsedPage, diags: &mut Diagnostics) -> EntryData {
        let source = self.sources.page(original.source);
        let text: &str = &source.text;
        match &original.data {
            KindData::Page => EntryData::Page,
            KindData::Guideline { ordinal, .. } => EntryData::Guideline {
                ordinal: ordinal.expect("parse invariant: originals have `ordinal`"),
            },
            KindData::Project(p) => {
                let id = p
                    .contact
                    .as_deref()
                    .expect("parse invariant: originals have `contact`");
                let span = original.spans.item(text, "contact", id);
                let contact = self.reference(id, Kind::Contact, source.file, span, diags);
                let guidelines = p
                    .guidelines
                    .iter()
                    .map(|g| {
                        let span = original.spans.item(text, "guidelines", g);
                        self.reference(g, Kind::Guideline, source.file, span, diags)
                    })
                    .collect();
                EntryData::Project {
                    duration: p.duration,
                    contact,
                    guidelines,
                    status: p.status,
                    shared: p.shared.clone(),
                }
            }
            KindData::Contact(c) => {
                for code in &c.languages {
                    if endonym(code).is_none() {
                        let span = original.spans.item(text, "languages", code);
                        diags.push(crate::parse::unknown_language_code(code).at(source.file, span));
                    }
                }
                for (i, h) in c.hours.iter().enumerate() {
                    if let Some(d) = bad_hours(h, i, &original.spans, source.file) {
                        diags.push(d);
                    }
                }
                let req = |v: &Option<String>| {
                    v.clone()
                        .expect("parse invariant: required contact field present")
                };
                EntryData::Contact {
                    shared: c.shared.clone(),
                    street: req(&c.street),
                    postal_code: req(&c.postal_code),
                    email: req(&c.email),
                    phone: req(&c.phone),
                    hours: c.hours.clone(),
                    languages: c.languages.clone(),
                }
            }
            KindData::Accessibility(a) => {
                const REQ: &str = "parse invariant: required statement field present";
                EntryData::Accessibility(Box::new(Statement {
                    shared: a.shared.clone(),
                    status: a.status.expect(REQ),
                    evaluated_on: a.evaluated_on.expect(REQ),
                    method: a.method.expect(REQ),
                    feedback_email: a.feedback_email.clone().expect(REQ),
                    feedback_phone: a.feedback_phone.clone(),
                    enforcement_url: a
                        .enforcement_url
                        .clone()
                        .filter(|u| u != crate::parse::kinds::UNKNOWN),
                    prepared_on: a.prepared_on.expect(REQ),
                    reviewed_on: a.reviewed_on,
                }))
            }
            KindData::Edition(ed) => {
                let status = ed.status.expect("parse invariant: originals have `status`");
                if ed.adopted.is_none() && status != EditionStatus::InPreparation {
                    diags.push(
                        Diagnostic::error(
                            Code::MissingField,
                            format!("an edition with `status: {}` needs `adopted`", status.as_str()),
                        )
                        .at(source.file, original.spans.key("status"))
                        .help("add `adopted:` with what is known of the date: `2007`, `2007-12` or `2007-12-04` (never a guessed day)"),
                    );
                }
                let supersedes = ed.supersedes.as_deref().map(|id| {
                    let span = original.spans.value("supersedes");
                    self.reference(id, Kind::Edition, source.file, span, diags)
                });
                EntryData::Edition {
                    adopted: ed.adopted,
                    status,
                    source: ed.source.clone(),
                    supersedes,
                }
            }
            KindData::Indicator(i) => {
                const REQ: &str = "parse invariant: required indicator field present";
                let guidelines = i
                    .guidelines
                    .iter()
                    .map(|g| {
                        let span = original.spans.item(text, "guidelines", g);
                        self.reference(g, Kind::Guideline, source.file, span, diags)
                    })
                    .collect();
                let data = self
                    .sources
                    .data
                    .iter()
                    .find(|d| Some(d.stem.as_str()) == Some(source.stem.as_str()));
                let table = match data.map(|d| crate::parse::data::read(&d.text, d.file)) {
                    Some(Ok(table)) => table,
                    Some(Err(errors)) => {
                        diags.extend(errors);
                        Default::default()
                    }
                    None => Default::default(),
                };
                if i.example {
                    diags.push(example_data(source.file, original.spans.key("example")));
                }
                EntryData::Indicator(Box::new(Indicator {
                    unit: i.unit.expect(REQ),
                    direction: i.direction.expect(REQ),
                    target: i.target,
                    guidelines,
                    example: i.example,
                    table,
                    csv: data.map(|d| d.path.clone()),
                }))
            }
        }
    }

    /// Resolves a front-matter id to an entry of `kind` (one with a
    /// section of its own: a contact, a guideline).
    fn reference(
        &self,
        id: &str,
        kind: Kind,
        file: FileId,
        span: std::ops::Range<usize>,
        diags: &mut Diagnostics,
    ) -> EntryId {
        let section = kind
            .section()
            .expect("references name kinds that have a section");
        let what = kind.noun();
        let section_slug = Slug::parse(section).expect("kind sections are valid slugs");
        let key = (Some(section_slug.clone()), id.to_owned());
        if let Some(entry) = self.keys.get(&key).filter(|_| id != INDEX) {
            return *entry;
        }
        if self.report_absent(&key, file, span.clone(), diags) {
            return EntryId(0);
        }
        let candidates: Vec<&str> = self
            .keys
            .keys()
            .filter(|(s, stem)| s.as_ref() == Some(&section_slug) && stem != INDEX)
            .map(|(_, stem)| stem.as_str())
            .collect();
        let help = match did_you_mean(id, candidates.iter().copied()) {
            Some(c) => format!("did you mean `{c}`?"),
            None if candidates.is_empty() => format!("create `content/{section}/{id}.md`"),
            None => format!("the {what} ids are: {}", list(&candidates)),
        };
        diags.push(
            Diagnostic::error(Code::MissingReference, format!("there is no {what} `{id}`"))
                .at(file, span)
                .label(format!("no file content/{section}/{id}.md"))
                .help(help),
        );
        EntryId(0)
    }

    /// Whether `key` exists on disk but is not in the site. If it is a
    /// draft, reports that at `span`; if its file failed, its own errors
    /// are reported already and nothing is added.
    fn report_absent(
        &self,
        key: &Key,
        file: FileId,
        span: std::ops::Range<usize>,
        diags: &mut Diagnostics,
    ) -> bool {
        match self.absent.get(key) {
            None => false,
            Some(Absence::Failed) => true,
            Some(Absence::Draft) => {
                let path = match &key.0 {
                    Some(s) => format!("content/{s}/{}.md", key.1),
                    None => format!("content/{}.md", key.1),
                };
                diags.push(
                    Diagnostic::error(
                        Code::MissingReference,
                        format!("`{path}` is a draft and is not published"),
                    )
                    .at(file, span)
                    .help("remove `draft: true` from it, or build with `--drafts` to preview"),
                );
                true
            }
        }
    }

    /// Resolves the ids in `site.yaml` and computes reverse edges.
    pub(super) fn site_references(&self, site: &mut Site, diags: &mut Diagnostics) {
        site.contact = self.config.contact.as_ref().map(|r| {
            let file = self.config.file;
            self.reference(&r.id, Kind::Contact, file, r.span.clone(), diags)
        });
        site.menu = self
            .config
            .menu
            .iter()
            .map(|r| self.page_ref(r, diags))
            .collect();
        site.footer = self
            .config
            .footer
            .iter()
            .map(|r| self.page_ref(r, diags))
            .collect();
        site.full_text = match &self.config.full_text {
            Some(refs) => refs.iter().map(|r| self.page_ref(r, diags)).collect(),
            None => site.menu.clone(),
        };
        let mut edges: Vec<(EntryId, EntryId)> = Vec::new();
        for e in &site.entries {
            match &e.data {
                EntryData::Project {
                    contact,
                    guidelines,
                    ..
                } => {
                    edges.push((*contact, e.id));
                    edges.extend(guidelines.iter().map(|g| (*g, e.id)));
                }
                // A guideline lists its indicators beside its projects.
                EntryData::Indicator(i) => edges.extend(i.guidelines.iter().map(|g| (*g, e.id))),
                _ => {}
            }
        }
        for (target, project) in edges {
            site.entries[target.index()].referenced_by.push(project);
        }
        for i in 0..site.entries.len() {
            let mut list = std::mem::take(&mut site.entries[i].referenced_by);
            list.sort_unstable();
            list.dedup();
            list.sort_by_cached_key(|id| sort_key(site, *id));
            site.entries[i].referenced_by = list;
        }
    }

    /// A menu or footer id: a section directory, a top-level page, or `section/page`.
    fn page_ref(&self, r: &Reference, diags: &mut Diagnostics) -> EntryId {
        let key = match r.id.split_once('/') {
            Some((s, p)) => Slug::parse(s).map(|s| (Some(s), p.to_owned())),
            None => match Slug::parse(&r.id) {
                Some(s)
                    if self.keys.contains_key(&(Some(s.clone()), INDEX.to_owned()))
                        || self
                            .absent
                            .contains_key(&(Some(s.clone()), INDEX.to_owned())) =>
                {
                    Some((Some(s), INDEX.to_owned()))
                }
                _ => Some((None, r.id.clone())),
            },
        };
        if let Some(key) = key {
            if let Some(id) = self.keys.get(&key) {
                return *id;
            }
            if self.report_absent(&key, self.config.file, r.span.clone(), diags) {
                return EntryId(0);
            }
        }
        let candidates: Vec<String> = self
            .keys
            .keys()
            .filter_map(|(s, stem)| match (s, stem.as_str()) {
                (Some(s), INDEX) => Some(s.to_string()),
                (None, INDEX) => None,
                (None, stem) => Some(stem.to_owned()),
                (Some(s), stem) => Some(format!("{s}/{stem}")),
            })
            .collect();
        let help = match did_you_mean(&r.id, candidates.iter().map(String::as_str)) {
            Some(c) => format!("did you mean `{c}`?"),
            None => "name a section directory (`projekte`), a top-level page (`impressum`) or `section/page`".to_owned(),
        };
        diags.push(
            Diagnostic::error(
                Code::MissingReference,
                format!("there is no page or section `{}`", r.id),
            )
            .at(self.config.file, r.span.clone())
            .help(help),
        );
        EntryId(0)
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Opening hours that close before they open, or name no day.
fn bad_hours(
    h: &crate::parse::kinds::OpeningHours,
    index: usize,
    spans: &crate::yaml::KeySpans,
    file: FileId,
) -> Option<Diagnostic> {
    let span = spans.value("hours");
    let which = format!("entry {} of `hours`", index + 1);
    if h.days.is_empty() {
        return Some(
            Diagnostic::error(Code::InvalidValue, format!("{which} names no day"))
                .at(file, span)
                .help("list the days it applies to, e.g. `days: [mo, tu, we, th, fr]`"),
        );
    }
    (h.closes <= h.opens).then(|| {
        Diagnostic::error(
            Code::InvalidValue,
            format!(
                "{which} closes at {} but opens at {}",
                h.closes, h.opens
            ),
        )
        .at(file, span)
        .help("`opens` is the earlier time: swap the two, or write separate entries for the morning and the afternoon")
    })
}

/// The warning that a build publishes example data.
fn example_data(file: FileId, span: std::ops::Range<usize>) -> Diagnostic {
    Diagnostic::warning(
    Code::ExampleData,
    "this indicator's data are an example, not real figures",
)
.at(file, span)
.label("every page showing them says so")
.help("replace the data with published figures and remove `example: true` before the site goes live")
}

#[cfg(test)]
mod tests {
    use crate::urlpath::join;

    #[test]
    fn normalize_resolves_dots_and_refuses_to_escape() {
        assert_eq!(
            join("projekte", "../leitlinien/a.md").as_deref(),
            Some("leitlinien/a.md")
        );
        assert_eq!(join("", "./a.md").as_deref(), Some("a.md"));
        assert_eq!(
            join("projekte", "/impressum.md").as_deref(),
            Some("impressum.md")
        );
        assert_eq!(join("", "../a.md"), None);
    }
}
