//! The kind-specific template values: guideline, project, contact, home.

use super::context::*;
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
    Some(GuidelineView {
        ordinal: *ordinal,
        text,
        projects: views.cards(&e.referenced_by),
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

pub(super) fn home<'a>(views: &Views<'a>, entry: EntryId) -> HomeView<'a> {
    let site = views.site;
    let sections = site
        .entry(entry)
        .children
        .iter()
        .filter(|c| site.entry(**c).kind == Kind::Section)
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
