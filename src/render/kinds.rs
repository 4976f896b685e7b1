//! The kind-specific template values: guideline, project, contact, home.

use super::context::*;
use super::indicator::{Words, download_paths};
use crate::model::{EntryData, EntryId, Page};
use crate::parse::KindText;
use crate::parse::kinds::Kind;

pub(super) fn guideline<'a>(
    views: &Views<'a>,
    entry: EntryId,
    page: &'a Page,
) -> Option<GuidelineView<'a>> {
    let e = views.site.entry(entry);
    let (EntryData::Guideline { ordinal }, KindText::Guideline(text)) = (&e.data, &page.text)
    else {
        return None;
    };
    let of = |kind: Kind| -> Vec<EntryId> {
        let site = views.site;
        let by = e.referenced_by.iter().copied();
        by.filter(|r| site.entry(*r).kind == kind).collect()
    };
    Some(GuidelineView {
        ordinal: *ordinal,
        text,
        projects: views.cards(&of(Kind::Project)),
        indicators: views.cards(&of(Kind::Indicator)),
    })
}

/// An indicator's view; `id` prefixes its chart's ids (unique on the page).
pub(super) fn indicator<'a>(
    views: &Views<'a>,
    entry: EntryId,
    page: &'a Page,
    id: &str,
) -> Option<IndicatorPageView<'a>> {
    let site = views.site;
    let e = site.entry(entry);
    let (EntryData::Indicator(ind), KindText::Indicator(text)) = (&e.data, &page.text) else {
        return None;
    };
    let KindText::Indicator(original) = &site.page(site.original(entry)).text else {
        return None;
    };
    let (csv, json) = download_paths(ind, &e.stem);
    let downloads = (csv.map(|c| views.base.href(&c)), views.base.href(&json));
    let words = Words::new(&site.ui, views.lang);
    Some(IndicatorPageView {
        data: words.view(ind, text, original, (&page.title, id), downloads),
        guidelines: views.cards(&ind.guidelines),
    })
}

pub(super) fn project<'a>(
    views: &Views<'a>,
    entry: EntryId,
    page: &'a Page,
) -> Option<ProjectView<'a>> {
    let e = views.site.entry(entry);
    let (
        EntryData::Project {
            duration,
            contact,
            guidelines,
            status,
            shared,
        },
        KindText::Project(text),
    ) = (&e.data, &page.text)
    else {
        return None;
    };
    Some(ProjectView {
        text,
        duration: duration.as_ref().map(|d| views.duration(d)),
        status: status.map(|s| StatusView {
            key: s.as_str(),
            label: views.site.ui.get(views.lang, s.i18n_key()),
        }),
        shared,
        guidelines: views.cards(guidelines),
        contact: views
            .contact_card(*contact)
            .expect("model invariant: a project's contact is a contact entry"),
    })
}

pub(super) fn contact<'a>(views: &Views<'a>, entry: EntryId) -> Option<ContactView<'a>> {
    let card = views.contact_card(entry)?;
    Some(ContactView {
        card,
        projects: views.cards(&views.site.entry(entry).referenced_by),
    })
}

/// The home page's sections in the order of `site.yaml`'s `menu`, then
/// the sections the menu leaves out, in their own order (weight, then
/// title), as readers know them from the navigation.
pub(super) fn home<'a>(views: &Views<'a>, entry: EntryId) -> HomeView<'a> {
    let site = views.site;
    let mut ids: Vec<&EntryId> = site
        .entry(entry)
        .children
        .iter()
        .filter(|c| site.entry(**c).kind == Kind::Section)
        .collect();
    // Stable: the sections outside the menu keep their order.
    ids.sort_by_key(|c| site.menu.iter().position(|m| m == *c).unwrap_or(usize::MAX));
    let sections = ids
        .into_iter()
        .map(|c| {
            let page = views.shown(*c);
            HomeSection {
                title: &page.title,
                title_lang: page.title_lang.as_ref(),
                url: views.base.href(site.link_url(*c, views.lang).0),
                summary: page.summary.as_deref(),
                entries: views.cards(&site.entry(*c).children),
            }
        })
        .collect();
    HomeView { sections }
}
