//! What search engines read in a page's head, by one set of rules for
//! every page, the chooser and the sitemap (docs/readers.md § Search
//! engines): the canonical URL and the `hreflang` cluster. Both are
//! absolute, so both are left out without an absolute base URL.

use super::context::Alternate;
use super::pages::Builder;
use crate::ids::Lang;
use crate::model::EntryId;

impl Builder<'_> {
    /// The absolute URL of `path`, for `canonical`; `None` without an
    /// absolute base URL.
    pub(super) fn canonical(&self, path: &str) -> Option<String> {
        let base = &self.config.base_url;
        base.has_origin().then(|| base.absolute(path))
    }

    /// `hreflang` alternates of an entry: every real translation (each page
    /// of the cluster lists every other and itself), then `x-default`: the
    /// language chooser for the home pages, else the default language's
    /// page. Fallback pages are not in any cluster. Empty without an
    /// absolute base URL.
    pub(super) fn alternates(&self, entry: EntryId) -> Vec<Alternate> {
        let site = self.site;
        let x_default = if entry == site.home {
            Some(String::new())
        } else {
            site.translation(entry, &site.default_lang)
                .and_then(|_| site.url(entry, &site.default_lang))
                .map(str::to_owned)
        };
        self.cluster(
            |l| {
                site.translation(entry, l)
                    .and_then(|_| site.url(entry, l))
                    .map(str::to_owned)
            },
            x_default,
        )
    }

    /// Alternates of a page that exists in every language (the full text):
    /// `x-default` is the default language's.
    pub(super) fn generated_alternates(
        &self,
        url: impl Fn(&Lang) -> Option<String>,
    ) -> Vec<Alternate> {
        let x_default = url(&self.site.default_lang);
        self.cluster(url, x_default)
    }

    /// One `hreflang` cluster: `url` of every language that has one, then
    /// `x_default`; empty without an absolute base URL.
    fn cluster(
        &self,
        url: impl Fn(&Lang) -> Option<String>,
        x_default: Option<String>,
    ) -> Vec<Alternate> {
        let base = &self.config.base_url;
        if !base.has_origin() {
            return Vec::new();
        }
        let mut out: Vec<Alternate> = self
            .config
            .languages
            .iter()
            .filter_map(|l| {
                Some(Alternate {
                    hreflang: l.to_string(),
                    href: base.absolute(&url(l)?),
                })
            })
            .collect();
        if let Some(default) = x_default {
            out.push(Alternate {
                hreflang: "x-default".to_owned(),
                href: base.absolute(&default),
            });
        }
        out
    }
}
