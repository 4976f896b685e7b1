//! The seam between a site and its files: [`Renderer::context`] builds a
//! job's template name and context in one place; [`Renderer::render`]
//! serializes that context through Tera and [`Renderer::fingerprint`]
//! hashes it (`fingerprint.rs`). `build` and `check` render every job;
//! `serve` compares fingerprints to render again only the files an edit
//! changed, and decides itself what to patch.
//!
//! The fingerprint invariant: a file is made from its [`JobContext`] and
//! its language's globals and nothing else, but for what the context keeps
//! out of the hash ([`Unhashed`]: an entry page's body, the full-text
//! document's bodies), which changes only with an edit of that page
//! itself.

use serde::Serialize;
use tera::Tera;

use super::accessibility::{self, StatementJson};
use super::archived::ArchiveScope;
use super::assets::Assets;
use super::bounded::render_template;
use super::contact;
use super::context::{ContactCard, PageContext};
use super::errors::{template_error, unprepared};
use super::feeds::{FEED_ENTRIES, FeedContext, RobotsContext, SitemapContext, feed_path};
use super::fingerprint;
use super::full_text::Document;
use super::globals::{globals, teras};
use super::jobs::{self, Job, LangIndex};
use super::links::{LinkMode, fill_links};
use super::pages::{Builder, ChooserContext, Generated, PAGE_FRAME};
use super::redirects::{self, RedirectView};
use super::relative::finish;
use super::theme::Theme;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::model::{Archive, EntryId, Page, Site};

/// A rendered file: output path (relative to the output directory) and
/// bytes.
pub type Rendered = (String, Vec<u8>);

/// What a job's file is made from: the one place that decides a file's
/// template and context, for rendering and fingerprinting alike.
pub struct JobContext<'a> {
    /// Output path, relative to the output directory.
    pub path: String,
    /// The theme's template (`vcard` for the vCard writer, `contact.rs`).
    pub template: &'static str,
    /// What the template is given, besides the language's globals.
    pub context: TemplateContext<'a>,
    /// The language whose globals the template sees.
    lang: LangIndex,
    /// The content page rendered, for errors.
    page: Option<&'a Page>,
    /// What rendering adds that the context leaves out.
    unhashed: Unhashed,
    /// A first buffer size for the output.
    capacity: usize,
}

/// The context of one template (serialized as the variant's value).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum TemplateContext<'a> {
    /// An entry's page, a 404, search or full-text page.
    Page(Box<PageContext<'a>>),
    /// The language chooser.
    Chooser(ChooserContext<'a>),
    /// An Atom feed.
    Feed(FeedContext<'a>),
    /// The sitemap.
    Sitemap(SitemapContext),
    /// `robots.txt`.
    Robots(RobotsContext),
    /// The accessibility statement's JSON copy, written with serde
    /// (`accessibility.rs`) rather than a template.
    Statement(Box<StatementJson<'a>>),
    /// A redirect page, written by `redirects.rs` rather than a template.
    Redirect(RedirectView<'a>),
    /// A vCard, written by `contact.rs` rather than a template.
    VCard {
        /// The contact.
        card: Box<ContactCard<'a>>,
        /// The contact page's absolute URL, if the site has an origin.
        permalink: Option<String>,
    },
}

/// What a rendered file holds beyond its [`JobContext`], left out of its
/// fingerprint.
enum Unhashed {
    /// Nothing.
    Nothing,
    /// An entry page's body (`page.content`): the page's own Markdown with
    /// its link targets' URLs and headings filled in. It changes only with
    /// an edit of the page itself, whose pages `serve` always renders
    /// again, or of what the whole pipeline runs for; and it is most of
    /// what hashing a page would cost.
    Body,
    /// The full-text document's bodies, spliced in after the template ran
    /// (`full_text.rs`): such a file has no fingerprint.
    Parts(Document),
}

/// What a job's fingerprint says about its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fingerprint {
    /// The file's output path and a hash of its [`JobContext`]: as long
    /// as the language's globals are equal too, equal hashes mean equal
    /// files.
    Hash(String, u64),
    /// The file is not made from its context alone (a full-text page): no
    /// hash tells whether it changed.
    Unknown,
}

/// Renders jobs: the site, its config and theme, the theme's assets
/// placed, and one Tera instance per language with its globals set.
pub struct Renderer<'a> {
    site: &'a Site,
    config: &'a Config,
    theme: &'a Theme,
    assets: Assets,
    teras: Vec<Tera>,
    /// The statement's feedback address, found once for every page's
    /// "report a barrier" link.
    report_to: Option<&'a str>,
    /// For an archived edition's renderer: the edition and the current site.
    archive: Option<ArchiveScope<'a>>,
}

impl<'a> Renderer<'a> {
    /// Prepares the templates of every language (their globals: header,
    /// footer, UI strings), or says why they cannot be.
    pub fn new(site: &'a Site, config: &'a Config, theme: &'a Theme) -> Result<Self, Diagnostics> {
        let named: Vec<&str> = config.theming.files().map(|p| p.rel.as_str()).collect();
        let assets = Assets::place(&theme.statics, &theme.site_statics, &named);
        let teras = teras(site, config, theme, &assets)?;
        Ok(Renderer {
            site,
            config,
            theme,
            assets,
            teras,
            report_to: accessibility::feedback_email(site),
            archive: None,
        })
    }

    /// The renderer of an archived edition's pages (`archived.rs`): its own
    /// site and config, today's theme, and the current site for its
    /// notices and canonical URLs.
    pub fn archived(
        archive: &'a Archive,
        current: &'a Site,
        theme: &'a Theme,
    ) -> Result<Self, Diagnostics> {
        let mut renderer = Renderer::new(&archive.site, &archive.config, theme)?;
        renderer.report_to = accessibility::feedback_email(current);
        renderer.archive = Some(ArchiveScope { archive, current });
        Ok(renderer)
    }

    /// What builds the pages' contexts.
    fn builder(&self) -> Builder<'a> {
        Builder {
            site: self.site,
            config: self.config,
            report_to: self.report_to,
        }
    }

    /// The theme's static files: output path and bytes.
    pub(super) fn into_asset_files(self) -> Vec<(String, Vec<u8>)> {
        self.assets.files
    }

    /// Every file of the site but the theme's assets, `_headers` and the
    /// search index.
    pub fn jobs(&self) -> Vec<Job> {
        let all = jobs::all(self.site, self.config);
        if self.archive.is_none() {
            return all;
        }
        // An archived edition publishes its entries' pages and what they
        // link to (vCards, the statement's JSON), no site-wide files.
        all.into_iter()
            .filter(|j| matches!(j, Job::Entry(..) | Job::VCard(..) | Job::Statement(..)))
            .collect()
    }

    /// The pages of `entries` in every language they are published in
    /// (their translations and fallbacks).
    pub fn entry_jobs(&self, entries: &[EntryId]) -> Vec<Job> {
        jobs::of_entries(self.site, self.config, entries)
    }

    /// The template and context of `job`, which must be one of
    /// [`Renderer::jobs`].
    pub fn context(&self, job: Job) -> JobContext<'a> {
        let b = self.builder();
        let lang = job.lang(self.config);
        let l = lang.lang(self.config);
        let made = |path: String, template, context, capacity| JobContext {
            path,
            template,
            context,
            lang,
            page: None,
            unhashed: Unhashed::Nothing,
            capacity,
        };
        let page = |ctx: PageContext<'a>| TemplateContext::Page(Box::new(ctx));
        match job {
            Job::Entry(entry, _) => self.entry(entry, lang),
            Job::NotFound(_) => made(
                format!("{l}/404.html"),
                "404.html",
                page(b.not_found(l, false)),
                PAGE_FRAME,
            ),
            Job::RootNotFound => {
                let mut ctx = b.not_found(l, true);
                // Its own address, not the language's 404 page's.
                let here = self.config.base_url.absolute("404.html");
                ctx.report_barrier =
                    accessibility::report_href(self.site, self.report_to, l, &here);
                made("404.html".to_owned(), "404.html", page(ctx), PAGE_FRAME)
            }
            Job::Chooser => made(
                "index.html".to_owned(),
                "chooser.html",
                TemplateContext::Chooser(b.chooser()),
                PAGE_FRAME,
            ),
            Job::Search(_) => self.generated(Generated::Search, lang),
            Job::Credits(_) => {
                let (path, ctx) = b.credits(l).expect("jobs exist only for sites with images");
                made(path, "page.html", page(ctx), PAGE_FRAME)
            }
            Job::FullText(_) => self.generated(Generated::FullText, lang),
            Job::Feed(_) => made(
                feed_path(l),
                "atom.xml",
                TemplateContext::Feed(b.feed(l)),
                512 * FEED_ENTRIES,
            ),
            Job::Sitemap => {
                let ctx = b.sitemap();
                let capacity = 256 * ctx.urls.len();
                let context = TemplateContext::Sitemap(ctx);
                made("sitemap.xml".to_owned(), "sitemap.xml", context, capacity)
            }
            Job::Robots => made(
                "robots.txt".to_owned(),
                "robots.txt",
                TemplateContext::Robots(b.robots()),
                512,
            ),
            Job::VCard(entry, _) => self.vcard(entry, lang),
            Job::Compare(pair, entry, _) => {
                let (path, ctx) = b
                    .comparison(pair, entry, l)
                    .expect("jobs exist only for published comparisons");
                made(path, "compare.html", page(ctx), PAGE_FRAME)
            }
            Job::History(entry, _) => {
                let (path, ctx) = b
                    .history(entry, l)
                    .expect("jobs exist only for pages with a history");
                made(path, "history.html", page(ctx), PAGE_FRAME)
            }
            Job::Redirect(page, n, _) => made(
                self.site.page(page).aliases[n].file.clone(),
                "redirect",
                TemplateContext::Redirect(redirects::view(self.site, &self.config.base_url, page)),
                1024,
            ),
            Job::Statement(entry, _) => {
                let json = b
                    .views(l)
                    .statement_json(entry)
                    .expect("jobs exist only for the statement's pages");
                made(
                    accessibility::json_path(self.site, entry, l),
                    "statement.json",
                    TemplateContext::Statement(Box::new(json)),
                    2048,
                )
            }
        }
    }

    /// An entry's page: the context without the body, which rendering adds.
    fn entry(&self, entry: EntryId, lang: LangIndex) -> JobContext<'a> {
        let b = self.builder();
        let (path, shown, mut ctx) = b
            .entry(entry, lang.lang(self.config))
            .expect("jobs exist only for published pages");
        if let Some(scope) = &self.archive {
            scope.apply(self.config, entry, lang.lang(self.config), &mut ctx);
        }
        JobContext {
            path,
            template: self.site.entry(entry).kind.template(),
            context: TemplateContext::Page(Box::new(ctx)),
            lang,
            page: Some(shown),
            unhashed: Unhashed::Body,
            capacity: PAGE_FRAME,
        }
    }

    /// The search page or the full-text document of a language.
    fn generated(&self, which: Generated, lang: LangIndex) -> JobContext<'a> {
        let b = self.builder();
        let (path, ctx, document) = b
            .generated(which, lang.lang(self.config))
            .expect("jobs exist only for the site's generated pages");
        JobContext {
            path,
            template: match which {
                Generated::Search => "search.html",
                Generated::FullText => "full_text.html",
            },
            context: TemplateContext::Page(Box::new(ctx)),
            lang,
            page: None,
            unhashed: document.map_or(Unhashed::Nothing, Unhashed::Parts),
            capacity: PAGE_FRAME,
        }
    }

    /// A contact's vCard.
    fn vcard(&self, entry: EntryId, lang: LangIndex) -> JobContext<'a> {
        let (site, base) = (self.site, &self.config.base_url);
        let l = lang.lang(self.config);
        let b = self.builder();
        let card = b
            .views(l)
            .contact_card(entry)
            .expect("jobs exist only for the vCards of contact entries");
        let (url, _) = site.link_url(entry, l);
        JobContext {
            path: contact::vcard_path(site, entry, l),
            template: "vcard",
            context: TemplateContext::VCard {
                card: Box::new(card),
                permalink: base.has_origin().then(|| base.absolute(url)),
            },
            lang,
            page: None,
            unhashed: Unhashed::Nothing,
            capacity: 0,
        }
    }

    /// Renders `job`: the file as it is written.
    pub fn render(&self, job: Job) -> Result<Rendered, Diagnostic> {
        let JobContext {
            path,
            template,
            mut context,
            lang,
            page,
            unhashed,
            mut capacity,
        } = self.context(job);
        let l = lang.lang(self.config);
        if let (TemplateContext::Page(ctx), Unhashed::Body, Some(page)) =
            (&mut context, &unhashed, page)
        {
            let base = &self.config.base_url;
            ctx.page.content = fill_links(page, l, self.site, base, &LinkMode::Pages);
            capacity += ctx.page.content.len();
        }
        let bytes = match &context {
            TemplateContext::Redirect(view) => redirects::html(view).into_bytes(),
            TemplateContext::VCard { card, permalink } => {
                contact::vcard(card, permalink.as_deref()).into_bytes()
            }
            TemplateContext::Statement(json) => {
                let mut bytes = serde_json::to_vec_pretty(json).map_err(unprepared)?;
                bytes.push(b'\n');
                bytes
            }
            _ => render_template(&self.teras[lang.index()], template, &context, capacity)
                .map_err(|e| template_error(e, template, page, l, self.theme))?,
        };
        // The context is let go before the bodies are spliced in.
        drop(context);
        let bytes = match unhashed {
            Unhashed::Parts(document) => self.splice(&document, l, &bytes),
            Unhashed::Nothing | Unhashed::Body => bytes,
        };
        let bytes = finish(self.config, &path, bytes);
        Ok((path, bytes))
    }

    /// The full-text document of `lang` with its bodies in place.
    fn splice(&self, document: &Document, lang: &'a Lang, rendered: &[u8]) -> Vec<u8> {
        document.splice(&self.builder().views(lang), rendered)
    }

    /// The fingerprint of `job`'s file.
    pub fn fingerprint(&self, job: Job) -> Result<Fingerprint, Diagnostic> {
        if matches!(job, Job::FullText(_)) {
            // Its bodies are spliced in after the template: no context to hash.
            return Ok(Fingerprint::Unknown);
        }
        let c = self.context(job);
        let hash = fingerprint::of(c.template, &c.context).map_err(|e| {
            let e = tera::Error::message(format!("cannot fingerprint the context: {e}"));
            template_error(e, c.template, c.page, c.lang.lang(self.config), self.theme)
        })?;
        Ok(Fingerprint::Hash(c.path, hash))
    }

    /// The fingerprint of every language's globals (what every page of it
    /// shows alike), in `site.yaml` order.
    pub fn globals_fingerprints(&self) -> Result<Vec<u64>, Diagnostic> {
        self.config
            .languages
            .iter()
            .map(|lang| {
                fingerprint::value(&globals(self.site, self.config, &self.assets, lang))
                    .map_err(unprepared)
            })
            .collect()
    }
}
