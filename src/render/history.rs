//! A page's history (issue 17, "A history on every page"): the editions it
//! appears in, and the dates its file changed in git, newest first. One
//! page per entry and language under the history prefix (`history_slug`:
//! `/de/verlauf/projekte/ibis/` for `/de/projekte/ibis/`), `noindex`, in
//! no sitemap or search index. Without a repository it says so.

use std::borrow::Cow;

use super::comparisons::page_versions;
use super::context::PageContext;
use super::pages::{Builder, GeneratedPage};
use super::text_views::{HistoryEdition, HistoryView};
use crate::ids::Lang;
use crate::model::{EntryId, Page};

impl<'a> Builder<'a> {
    /// The history page of `entry` for readers of `lang`: its output path
    /// and context.
    pub(super) fn history(
        &self,
        entry: EntryId,
        lang: &'a Lang,
    ) -> Option<(String, PageContext<'a>)> {
        let site = self.site;
        let url = site.history_url(entry, lang)?;
        let (page_id, _) = site.page_for(entry, lang)?;
        let page: &'a Page = site.page(page_id);
        let base = &self.config.base_url;
        let views = self.views(lang);
        let ui = |key: &str| site.ui.get(lang, key);
        let own = GeneratedPage {
            kind: "history",
            title: Cow::Owned(format!(
                "{}{} {}",
                ui("history_title"),
                ui("colon"),
                page.title
            )),
            // Its own description, not every history's.
            description: Cow::Owned(format!(
                "{}{} {}",
                page.title,
                ui("colon"),
                ui("history_description")
            )),
            url: url.clone(),
            indexable: false,
        };
        let mut ctx = self.generated_context(lang, own, |l| site.history_url(entry, l));
        let page_url = base.href(site.link_url(entry, lang).0);
        let mut editions: Vec<HistoryEdition<'a>> = page_versions(site, &self.changes, entry, lang)
            .into_iter()
            .map(|v| HistoryEdition {
                edition: super::editions::link(&views, v.edition),
                page_url: base.href(&v.url),
                current: v.current,
                compare_url: v.compare.map(|u| base.href(&u)),
            })
            .collect();
        editions.reverse();
        // The original's file dates a fallback page (it shows the original).
        let changes = site
            .histories
            .changes
            .get(&page.path)
            .map(|dates| dates.iter().map(|t| views.date(&t.date())).collect())
            .unwrap_or_default();
        ctx.history = Some(HistoryView {
            title: &page.title,
            title_lang: page
                .title_lang
                .as_ref()
                .or((page.lang != *lang).then_some(&page.lang)),
            url: page_url,
            git: site.histories.git,
            changes,
            editions,
        });
        Some((format!("{url}index.html"), ctx))
    }
}
