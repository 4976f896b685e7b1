//! The editions' views: an edition's page, the editions section's list
//! (newest first, the section's order) and the line on every other page
//! naming the edition its content belongs to.

use super::context::Views;
use super::edition_view::{EditionLink, EditionView};
use super::statement::Coded;
use crate::model::{Edition, EntryData, EntryId};
use crate::parse::KindText;
use crate::parse::kinds::{EditionSource, Kind};

/// The edition `entry` is, for its page; `None` for other entries.
pub(super) fn edition<'a>(views: &Views<'a>, entry: EntryId) -> Option<EditionView<'a>> {
    let site = views.site;
    let edition = site.edition(entry)?;
    let page = views.shown(entry);
    let KindText::Edition(text) = &page.text else {
        return None;
    };
    let t = |key: &str| site.ui.get(views.lang, key);
    Some(EditionView {
        id: edition.id.as_str(),
        title: &page.title,
        title_lang: title_lang(views, page),
        summary: page.summary.as_deref(),
        lang: &page.lang,
        url: views.base.href(site.link_url(entry, views.lang).0),
        adopted: edition.adopted.as_ref().map(|d| views.date(d)),
        status: Coded {
            key: edition.status.as_str(),
            label: t(edition.status.i18n_key()),
        },
        source: Coded {
            key: edition.source.as_str(),
            label: t(match edition.source {
                EditionSource::Current => "edition_source_current",
                EditionSource::Git(_) => "edition_source_git",
                EditionSource::Elsewhere => "edition_source_none",
            }),
        },
        revision: match &edition.source {
            EditionSource::Git(r) => Some(r.as_str()),
            _ => None,
        },
        is_site_content: edition.source == EditionSource::Current,
        supersedes: edition.supersedes.map(|e| link(views, e)),
        superseded_by: site
            .editions()
            .iter()
            .rev()
            .filter(|e| e.supersedes == Some(entry))
            .map(|e| link(views, e.entry))
            .collect(),
        text,
    })
}

/// The editions in the section's order (newest first), for the editions
/// section's page; empty on every other page.
pub(super) fn list<'a>(views: &Views<'a>, entry: EntryId) -> Vec<EditionView<'a>> {
    let e = views.site.entry(entry);
    if e.kind != Kind::Section
        || e.section.as_ref().map(crate::ids::Slug::as_str) != Kind::Edition.section()
    {
        return Vec::new();
    }
    e.children
        .iter()
        .filter_map(|c| edition(views, *c))
        .collect()
}

/// Whether `e` is the editions section, whose page lists the editions.
pub(super) fn list_here(e: &crate::model::Entry) -> bool {
    e.kind == Kind::Section
        && e.section.as_ref().map(crate::ids::Slug::as_str) == Kind::Edition.section()
}

/// The edition the site's content belongs to, for the line on a page of
/// `entry`; `None` on the editions' own pages and without editions.
pub(super) fn note<'a>(views: &Views<'a>, entry: EntryId) -> Option<EditionLink<'a>> {
    let e = views.site.entry(entry);
    if matches!(e.data, EntryData::Edition { .. })
        || e.section.as_ref().map(crate::ids::Slug::as_str) == Kind::Edition.section()
    {
        return None;
    }
    current(views)
}

/// A link to the edition the site's content belongs to, if it has editions
/// (the line on the full text, beside [`note`] on entry pages).
pub(super) fn current<'a>(views: &Views<'a>) -> Option<EditionLink<'a>> {
    let current: &Edition = views.site.current_edition()?;
    Some(link(views, current.entry))
}

/// A link to the edition `entry` (its title, page and date).
pub(super) fn link<'a>(views: &Views<'a>, entry: EntryId) -> EditionLink<'a> {
    let site = views.site;
    let page = views.shown(entry);
    EditionLink {
        title: &page.title,
        title_lang: title_lang(views, page),
        url: views.base.href(site.link_url(entry, views.lang).0),
        adopted: site
            .edition(entry)
            .and_then(|e| e.adopted.as_ref())
            .map(|d| views.date(d)),
    }
}

/// A title's language when it is not the reader's (its `title_lang`, or
/// the original's language on a fallback).
fn title_lang<'a>(views: &Views<'a>, page: &'a crate::model::Page) -> Option<&'a crate::ids::Lang> {
    page.title_lang
        .as_ref()
        .or((page.lang != *views.lang).then_some(&page.lang))
}
