//! The pages of archived editions (issue 17): rendered with today's theme
//! by a [`Renderer`](super::Renderer) of their own, in the same parallel
//! pass as the current site's (`render_all` in `mod.rs`). Each page says at
//! the top of its main part which edition it belongs to and when that was
//! adopted, and links to the same page in the current edition where one
//! exists (else to the list of editions); it is `noindex`, canonical to its
//! current counterpart where one exists, claims no `hreflang` alternates,
//! and is absent from the sitemap, the feeds and the search index (those
//! are made from the current site alone).

use std::sync::Arc;

use super::changes::Changes;
use super::context::{ArchivedView, PageContext, Views};
use super::editions;
use crate::config::Config;
use crate::ids::Lang;
use crate::model::{Archive, EntryId, Site};

/// An archived edition and the current site it belongs to.
pub(super) struct ArchiveScope<'a> {
    pub(super) archive: &'a Archive,
    pub(super) current: &'a Site,
    /// What changed between the current site's editions.
    pub(super) changes: Arc<Changes>,
}

impl<'a> ArchiveScope<'a> {
    /// Sets what an archived page has instead of a current page's: the
    /// notice, no alternates, the canonical URL of its current counterpart
    /// (none if there is none).
    pub(super) fn apply(
        &self,
        config: &'a Config,
        entry: EntryId,
        lang: &'a Lang,
        ctx: &mut PageContext<'a>,
    ) {
        let current = self.current;
        let base = &config.base_url;
        let counterpart = self
            .archive
            .counterpart(entry)
            .and_then(|e| current.page_for(e, lang).map(|_| e));
        let edition = self.archive.edition;
        let edition_title = current
            .page_for(edition, lang)
            .map(|(p, _)| current.page(p).title.clone())
            .unwrap_or_default();
        let edition_url = base.href(current.link_url(edition, lang).0);
        let views = Views {
            site: current,
            base,
            lang,
        };
        let (current_url, current_is_page) = match counterpart {
            Some(e) => (base.href(current.link_url(e, lang).0), true),
            None => {
                // The list of editions: the section that holds the edition.
                let list = current.entry(edition).parent.unwrap_or(edition);
                (base.href(current.link_url(list, lang).0), false)
            }
        };
        ctx.page.canonical = counterpart
            .filter(|_| base.has_origin())
            .map(|e| base.absolute(current.link_url(e, lang).0));
        ctx.alternates = Vec::new();
        // The line at the end names the archived edition, not today's.
        ctx.edition_note = Some(editions::link(&views, edition));
        // The page's history is its current counterpart's.
        ctx.history_url = counterpart
            .and_then(|e| current.history_url(e, lang))
            .map(|u| base.href(&u));
        ctx.archived = Some(ArchivedView {
            edition_title,
            edition_url,
            adopted: self.archive.adopted.as_ref().map(|d| views.date(d)),
            current_url,
            current_is_page,
            compare_url: super::comparisons::next_comparison(
                current,
                &self.changes,
                self.archive,
                entry,
                lang,
            )
            .map(|u| base.href(&u)),
        });
    }
}
