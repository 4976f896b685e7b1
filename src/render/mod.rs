//! Render: every page of every language through the theme's templates, into
//! memory.
//!
//! Takes the [`Site`], the config and the [`Theme`]; returns the output plan
//! ([`Output`]: path → bytes, plus files to copy) or every template error.
//! `render` never reads files; the theme was loaded before.

mod context;
mod kinds;
mod links;
mod sink;
mod subset;
pub mod theme;

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::{Context, Tera};

pub use context::*;
pub use sink::Sink;
pub use subset::entries;
pub use theme::Theme;

use kinds::{contact, guideline, home, project};
use links::fill_links;
use sink::Memory;

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::Sources;
use crate::model::{EntryId, Lang, Page, Site, endonym};
use crate::parse::kinds::Kind;

/// What `write` puts into the output directory.
#[derive(Debug, Default)]
pub struct Output {
    /// Generated files: path relative to the output directory → bytes, sorted.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files copied as they are: output path → source path.
    pub copies: BTreeMap<String, std::path::PathBuf>,
    /// Pages rendered per language, in `site.yaml` order.
    pub pages_per_lang: Vec<(Lang, usize)>,
}

enum Job {
    Entry(EntryId, usize),
    NotFound(usize),
    RootNotFound,
    Chooser,
}

/// Renders the whole site into memory.
pub fn site(
    site: &Site,
    config: &Config,
    sources: &Sources,
    theme: &Theme,
) -> Result<Output, Diagnostics> {
    let pages = Memory::default();
    let mut output = site_into(site, config, sources, theme, &pages)?;
    let mut pages = pages
        .0
        .into_inner()
        .expect("no thread panicked while holding the lock");
    output.files.append(&mut pages);
    Ok(output)
}

/// Renders the whole site, handing every page to `sink` as soon as it is
/// rendered; the returned [`Output`] holds everything else (static files,
/// files to copy, page counts). An error of the sink (a full disk) is
/// reported once, after the pages that were already being rendered.
pub fn site_into(
    site: &Site,
    config: &Config,
    sources: &Sources,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Output, Diagnostics> {
    let teras: Vec<Tera> = config
        .languages
        .iter()
        .map(|lang| language_tera(site, config, theme, lang))
        .collect::<Result<_, _>>()
        .map_err(|d| Diagnostics::from_iter([d]))?;
    let mut jobs = Vec::new();
    for e in &site.entries {
        for (i, lang) in config.languages.iter().enumerate() {
            if site.url(e.id, lang).is_some() {
                jobs.push(Job::Entry(e.id, i));
            }
        }
    }
    jobs.extend((0..config.languages.len()).map(Job::NotFound));
    jobs.push(Job::RootNotFound);
    jobs.push(Job::Chooser);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let errors: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|job| {
            if failed.load(std::sync::atomic::Ordering::Relaxed) {
                return None;
            }
            let r = Renderer {
                site,
                config,
                theme,
            };
            let rendered = match *job {
                Job::Entry(entry, i) => r.entry(entry, &config.languages[i], &teras[i]),
                Job::NotFound(i) => r.not_found(
                    &config.languages[i],
                    &teras[i],
                    format!("{}/404.html", config.languages[i]),
                ),
                Job::RootNotFound => {
                    let i = default_index(config);
                    r.not_found(&config.languages[i], &teras[i], "404.html".to_owned())
                }
                Job::Chooser => r.chooser(&teras[default_index(config)]),
            };
            let error = match rendered {
                Ok((path, bytes)) => sink.put(path, bytes).err(),
                Err(d) => return Some(d),
            };
            if error.is_some() {
                // A sink that cannot take a file will not take the next one.
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            error
        })
        .collect();
    let (io, errors): (Vec<_>, Vec<_>) = errors.into_iter().partition(|d| d.code == Code::Io);
    if let Some(io) = io.into_iter().next() {
        return Err(Diagnostics::from_iter([io]));
    }
    let mut output = Output::default();
    if !errors.is_empty() {
        return Err(dedupe_template_errors(errors));
    }
    for (name, bytes) in &theme.statics {
        output.files.insert(format!("static/{name}"), bytes.clone());
    }
    for asset in &sources.assets {
        output
            .copies
            .insert(format!("files/{}", asset.path), asset.source.clone());
    }
    output.pages_per_lang = config
        .languages
        .iter()
        .map(|l| {
            (
                l.clone(),
                site.entries
                    .iter()
                    .filter(|e| site.url(e.id, l).is_some())
                    .count(),
            )
        })
        .collect();
    Ok(output)
}

fn default_index(config: &Config) -> usize {
    config
        .languages
        .iter()
        .position(|l| *l == config.default_lang)
        .expect("the default language is configured")
}

/// A Tera instance per language, with that language's [`Globals`] set once.
fn language_tera(
    site: &Site,
    config: &Config,
    theme: &Theme,
    lang: &Lang,
) -> Result<Tera, Diagnostic> {
    let views = Views {
        site,
        base: &config.base_url,
        lang,
    };
    let t = site.ui.strings(lang);
    let globals = Globals {
        t,
        site: SiteView {
            title: t.get("site_title").cloned().unwrap_or_default(),
            base_path: config.base_url.path().to_owned(),
            home_url: config.base_url.href(&format!("{lang}/")),
            stylesheet: config.base_url.href("static/style.css"),
            generator: concat!("konzept ", env!("CARGO_PKG_VERSION")),
        },
        footer: FooterView {
            contact: site.contact.and_then(|c| views.contact_card(c)),
            links: site
                .footer
                .iter()
                .map(|e| views.nav_item(*e, None))
                .collect(),
        },
    };
    let mut tera = theme.tera.clone();
    *tera.global_context() = Context::from_serialize(&globals).map_err(|e| {
        Diagnostic::error(
            Code::Template,
            "the site-wide template values could not be prepared",
        )
        .source(e)
    })?;
    Ok(tera)
}

struct Renderer<'a> {
    site: &'a Site,
    config: &'a Config,
    theme: &'a Theme,
}

impl<'a> Renderer<'a> {
    fn entry(
        &self,
        entry: EntryId,
        lang: &'a Lang,
        tera: &Tera,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let site = self.site;
        let (page_id, is_fallback) = site
            .page_for(entry, lang)
            .expect("jobs exist only for published pages");
        let page = site.page(page_id);
        let e = site.entry(entry);
        let views = Views {
            site,
            base: &self.config.base_url,
            lang,
        };
        let url = site
            .url(entry, lang)
            .expect("jobs exist only for published pages");
        let ctx = PageContext {
            lang,
            content_lang: &page.lang,
            is_fallback,
            page: PageView {
                kind: kind_name(e.kind),
                title: &page.title,
                summary: page.summary.as_deref(),
                url: self.config.base_url.href(url),
                permalink: self.config.base_url.absolute(url),
                canonical: self.config.base_url.absolute(
                    site.link_url(
                        entry,
                        if is_fallback {
                            &site.default_lang
                        } else {
                            lang
                        },
                    )
                    .0,
                ),
                content: fill_links(page, lang, site, &self.config.base_url),
                toc: toc(&page.body.headings),
                updated: page.updated.as_ref().map(|d| views.date(d)),
            },
            translations: self.translations(entry, lang, |l| site.url(entry, l).map(str::to_owned)),
            alternates: self.alternates(entry),
            breadcrumbs: self.breadcrumbs(&views, Some(entry)),
            nav: site
                .menu
                .iter()
                .map(|m| views.nav_item(*m, Some(entry)))
                .collect(),
            guideline: guideline(&views, entry, page),
            project: project(&views, entry, page),
            contact: contact(&views, entry),
            section: (e.kind == Kind::Section).then(|| SectionView {
                entries: views.cards(&e.children),
            }),
            home: (e.kind == Kind::Home).then(|| home(&views, entry)),
        };
        let template = template_name(e.kind);
        // The theme adds about 8 KB around the body (measured on the
        // generated corpus); one allocation instead of a doubling series.
        let capacity = ctx.page.content.len() + 12 * 1024;
        let html = render_template(tera, template, &ctx, capacity)
            .map_err(|err| template_error(err, template, Some(page), lang, self.theme))?;
        Ok((format!("{url}index.html"), html))
    }

    fn translations(
        &self,
        entry: EntryId,
        current: &Lang,
        url: impl Fn(&Lang) -> Option<String>,
    ) -> Vec<TranslationLink<'a>> {
        self.config
            .languages
            .iter()
            .filter_map(|l| {
                let u = url(l)?;
                Some(TranslationLink {
                    lang: l,
                    name: endonym(l.as_str()).unwrap_or(""),
                    url: self.config.base_url.href(&u),
                    is_current: l == current,
                    is_fallback: self.site.translation(entry, l).is_none(),
                })
            })
            .collect()
    }

    fn alternates(&self, entry: EntryId) -> Vec<Alternate> {
        let site = self.site;
        let mut out: Vec<Alternate> = self
            .config
            .languages
            .iter()
            .filter(|l| site.translation(entry, l).is_some())
            .filter_map(|l| {
                Some(Alternate {
                    hreflang: l.to_string(),
                    href: self.config.base_url.absolute(site.url(entry, l)?),
                })
            })
            .collect();
        if let Some(default) = site.url(entry, &site.default_lang) {
            out.push(Alternate {
                hreflang: "x-default".to_owned(),
                href: self.config.base_url.absolute(default),
            });
        }
        out
    }

    /// Home, then the section; `None` for pages outside the content (404).
    fn breadcrumbs(&self, views: &Views<'a>, entry: Option<EntryId>) -> Vec<NavItem<'a>> {
        let site = self.site;
        if entry == Some(site.home) {
            return Vec::new();
        }
        let mut crumbs = vec![NavItem {
            title: site.ui.get(views.lang, "home"),
            url: self
                .config
                .base_url
                .href(site.link_url(site.home, views.lang).0),
            is_active: false,
        }];
        if let Some(parent) = entry.and_then(|e| views.parent(e)) {
            crumbs.push(views.nav_item(parent, None));
        }
        crumbs
    }

    fn not_found(
        &self,
        lang: &'a Lang,
        tera: &Tera,
        path: String,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let site = self.site;
        let views = Views {
            site,
            base: &self.config.base_url,
            lang,
        };
        let url = format!("{lang}/404.html");
        let ctx = PageContext {
            lang,
            content_lang: lang,
            is_fallback: false,
            page: PageView {
                kind: "not_found",
                title: site.ui.get(lang, "not_found_title"),
                summary: None,
                url: self.config.base_url.href(&url),
                permalink: self.config.base_url.absolute(&url),
                canonical: self.config.base_url.absolute(&url),
                content: String::new(),
                toc: Vec::new(),
                updated: None,
            },
            translations: self.translations(site.home, lang, |l| Some(format!("{l}/404.html"))),
            alternates: Vec::new(),
            breadcrumbs: self.breadcrumbs(&views, None),
            nav: site.menu.iter().map(|m| views.nav_item(*m, None)).collect(),
            guideline: None,
            project: None,
            contact: None,
            section: None,
            home: None,
        };
        let html = render_template(tera, "404.html", &ctx, 12 * 1024)
            .map_err(|e| template_error(e, "404.html", None, lang, self.theme))?;
        Ok((path, html))
    }

    fn chooser(&self, tera: &Tera) -> Result<(String, Vec<u8>), Diagnostic> {
        let site = self.site;
        let choices: Vec<Choice<'_>> = self
            .config
            .languages
            .iter()
            .map(|l| Choice {
                lang: l,
                name: endonym(l.as_str()).unwrap_or(""),
                url: self.config.base_url.href(&format!("{l}/")),
                site_title: site.ui.get(l, "site_title"),
                prompt: site.ui.get(l, "choose_language"),
                description: site.ui.get(l, "site_description"),
            })
            .collect();
        let ctx = ChooserContext {
            lang: &site.default_lang,
            choices,
            alternates: self.alternates(site.home),
            permalink: self.config.base_url.absolute(""),
        };
        let html = render_template(tera, "chooser.html", &ctx, 12 * 1024)
            .map_err(|e| template_error(e, "chooser.html", None, &site.default_lang, self.theme))?;
        Ok(("index.html".to_owned(), html))
    }
}

/// The context of `chooser.html` (plus the default language's [`Globals`]).
#[derive(Debug, serde::Serialize)]
pub struct ChooserContext<'a> {
    /// The default language.
    pub lang: &'a Lang,
    /// One choice per language.
    pub choices: Vec<Choice<'a>>,
    /// hreflang alternates of the home pages.
    pub alternates: Vec<Alternate>,
    /// The chooser's absolute URL.
    pub permalink: String,
}

/// One language on the chooser.
#[derive(Debug, serde::Serialize)]
pub struct Choice<'a> {
    /// Code.
    pub lang: &'a Lang,
    /// Own name.
    pub name: &'static str,
    /// Its home page.
    pub url: String,
    /// `site_title` in that language.
    pub site_title: &'a str,
    /// `choose_language` in that language.
    pub prompt: &'a str,
    /// `site_description` in that language.
    pub description: &'a str,
}

/// Renders into bytes: `Tera::render` would check its own output to be
/// UTF-8 (it always is) and grow its buffer from the template's size.
fn render_template<T: serde::Serialize>(
    tera: &Tera,
    name: &str,
    ctx: &T,
    capacity: usize,
) -> Result<Vec<u8>, tera::Error> {
    let context = Context::from_serialize(ctx)?;
    let mut out = Vec::with_capacity(capacity);
    tera.render_to(name, &context, &mut out)?;
    Ok(out)
}

fn template_error(
    err: tera::Error,
    template: &str,
    page: Option<&Page>,
    lang: &Lang,
    theme: &Theme,
) -> Diagnostic {
    let what = match page {
        Some(p) => format!(
            "template `{template}` failed while rendering content/{} ({lang})",
            p.path
        ),
        None => format!("template `{template}` failed ({lang})"),
    };
    let d = Diagnostic::error(Code::Template, what)
        .help("fix the template: a variable it uses may not exist (docs/theme-api.md lists what templates receive)");
    // Point at the site's own template if the error is in one; else at the page.
    let d = match (theme.locate(&theme::chain(&err)), page) {
        (Some((file, span)), _) => d.at(file, span).label("the error is here"),
        (None, Some(p)) => d.in_file(p.file),
        (None, None) => d,
    };
    d.source(err)
}

/// One template bug fails every page that uses it; report it once, with the
/// number of other pages it broke.
fn dedupe_template_errors(diags: Vec<Diagnostic>) -> Diagnostics {
    let mut seen: BTreeMap<String, (usize, Diagnostic)> = BTreeMap::new();
    let mut out = Diagnostics::new();
    for d in diags {
        if d.code != Code::Template {
            out.push(d);
            continue;
        }
        let key = d
            .source
            .as_deref()
            .map(|e| e.to_string())
            .unwrap_or_default();
        seen.entry(key)
            .and_modify(|(n, _)| *n += 1)
            .or_insert((0, d));
    }
    for (_, (others, mut d)) in seen {
        if others > 0 {
            d.message.push_str(&format!(
                " and {others} other page{}",
                if others == 1 { "" } else { "s" }
            ));
        }
        out.push(d);
    }
    out
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Home => "home",
        Kind::Section => "section",
        Kind::Guideline => "guideline",
        Kind::Project => "project",
        Kind::Contact => "contact",
        Kind::Page => "page",
    }
}

fn template_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Home => "home.html",
        Kind::Section => "section.html",
        Kind::Guideline => "guideline.html",
        Kind::Project => "project.html",
        Kind::Contact => "contact.html",
        Kind::Page => "page.html",
    }
}
