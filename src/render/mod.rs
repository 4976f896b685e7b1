//! Render: every page of every language through the theme's templates, into
//! memory, with what goes beside the pages: the contacts' vCards, sitemap,
//! `robots.txt`, Atom feeds, the theme's assets, `_headers` and the search
//! index.
//!
//! Takes the [`Site`], the config and the [`Theme`]; hands every page to a
//! [`Sink`] as soon as it is rendered (memory for `serve` and `check`, the
//! staging directory for `build`) and returns the rest of the output plan
//! ([`Output`]: path → bytes, plus files to copy), or every template error.
//! `render` never reads files; the theme was loaded before.

mod assets;
mod bounded;
mod contact;
mod context;
mod feeds;
mod fingerprint;
mod full_text;
mod kinds;
mod links;
mod pages;
mod relative;
mod search;
mod security;
mod sink;
mod subset;
pub mod theme;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use tera::{Context, Tera};

pub use context::*;
pub use feeds::{FeedContext, FeedEntry, RobotsContext, SitemapContext, SitemapUrl};
pub use fingerprint::Fingerprints;
pub use pages::{Choice, ChooserContext};
pub use sink::Sink;
pub use subset::{changed, entries, fingerprints, full_text, shown_in_full_text};
pub use theme::Theme;

use assets::Assets;
pub use bounded::MAX_FILE_BYTES;
use bounded::{is_output_limit, render_context, render_template};
use pages::{Generated, Mode, Rendered, Renderer};
use sink::Memory;

use crate::config::{Config, Links};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::load::Sources;
use crate::model::{EntryId, Page, Site};
use crate::parse::kinds::Kind;

/// What `write` puts into the output directory.
#[derive(Debug, Default)]
pub struct Output {
    /// Generated files: path relative to the output directory → bytes, sorted.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files copied as they are: output path → source path.
    pub copies: BTreeMap<String, crate::sitefs::SiteFile>,
    /// Pages rendered per language, in `site.yaml` order.
    pub pages_per_lang: Vec<(Lang, usize)>,
}

/// One file to render; languages by index into `config.languages`.
enum Job {
    Entry(EntryId, usize),
    NotFound(usize),
    RootNotFound,
    Chooser,
    FullText(usize),
    Search(usize),
    Feed(usize),
    Sitemap,
    Robots,
}

/// Whether [`site`] builds the search index (Pagefind's indexing is by far
/// the costliest step at scale; `serve` runs it in the background and
/// `check` has no use for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchIndex {
    /// Index the pages, as `build` does.
    Build,
    /// Leave the index out (the search pages are still rendered).
    Skip,
}

/// Renders the whole site into memory.
pub fn site(
    site: &Site,
    config: &Config,
    sources: &Sources,
    theme: &Theme,
    index: SearchIndex,
) -> Result<Output, Diagnostics> {
    let pages = Memory::default();
    let mut output = render_all(site, config, sources, theme, &pages)?;
    let mut pages = pages
        .0
        .into_inner()
        .expect("no thread panicked while holding the lock");
    output.files.append(&mut pages);
    if index == SearchIndex::Build {
        let files = search_index(&pick(search_paths(site, config), |p| {
            output.files.get(p).map(Vec::as_slice)
        }))?;
        output.files.extend(files);
    }
    Ok(output)
}

/// Renders the whole site, handing every page to `sink` as soon as it is
/// rendered; the returned [`Output`] holds everything else (vCards, assets,
/// `_headers`, the search index, files to copy, page counts). An error of
/// the sink (a full disk) is reported once, after the pages that were
/// already being rendered.
pub fn site_into(
    site: &Site,
    config: &Config,
    sources: &Sources,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Output, Diagnostics> {
    let paths = search_paths(site, config);
    if paths.is_empty() {
        return render_all(site, config, sources, theme, sink);
    }
    // The index needs the entries' pages: they are kept as they go by.
    let keeping = sink::Keeping::new(sink, paths.iter().flat_map(|(_, p)| p));
    let mut output = render_all(site, config, sources, theme, &keeping)?;
    let mut kept = keeping.into_kept();
    let files = search_index(&pick(paths, |p| kept.remove(p)))?;
    output.files.extend(files);
    Ok(output)
}

/// The pages the search index holds, per language (code, output paths
/// sorted), in `site.yaml` order: every entry's page in every language it
/// is published in (fallbacks included, so a reader finds every page of
/// their language); none without search.
pub fn search_paths(site: &Site, config: &Config) -> Vec<(String, Vec<String>)> {
    if !config.search {
        return Vec::new();
    }
    config
        .languages
        .iter()
        .map(|l| {
            let mut paths: Vec<String> = site
                .entries
                .iter()
                .filter_map(|e| site.url(e.id, l).map(|u| format!("{u}index.html")))
                .collect();
            paths.sort();
            (l.as_str().to_owned(), paths)
        })
        .filter(|(_, paths)| !paths.is_empty())
        .collect()
}

/// The pages of [`search_paths`] with their HTML, as `get` finds it.
pub(crate) fn pick<B>(
    paths: Vec<(String, Vec<String>)>,
    mut get: impl FnMut(&str) -> Option<B>,
) -> Vec<(String, Vec<(String, B)>)> {
    paths
        .into_iter()
        .map(|(lang, paths)| {
            let pages = paths
                .into_iter()
                .filter_map(|p| get(&p).map(|b| (p, b)))
                .collect();
            (lang, pages)
        })
        .collect()
}

/// The search index (Pagefind's runtime and index files under `pagefind/`)
/// of `pages`: per language (code, pages as output path and HTML).
pub fn search_index<B: AsRef<[u8]> + Sync>(
    pages: &[(String, Vec<(String, B)>)],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    search::index(pages).map_err(Diagnostics::from)
}

/// Every page and file but the search index.
fn render_all(
    site: &Site,
    config: &Config,
    sources: &Sources,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Output, Diagnostics> {
    let assets = Assets::place(&theme.statics);
    let teras = teras(site, config, theme, &assets)?;
    let renderer = Renderer {
        site,
        config,
        theme,
        mode: Mode::Render,
    };
    let failed = AtomicBool::new(false);
    let mut output = Output::default();
    let mut errors: Vec<Diagnostic> = jobs(site, config)
        .par_iter()
        .filter_map(|job| {
            if failed.load(Ordering::Relaxed) {
                return None;
            }
            let (path, bytes) = match run(&renderer, job, &teras)? {
                Ok(rendered) => rendered,
                Err(d) => {
                    // A template past the output bound is past it on every
                    // page that uses it: stop rather than write 64 MiB each.
                    if d.code == Code::Limit {
                        failed.store(true, Ordering::Relaxed);
                    }
                    return Some(d);
                }
            };
            let bytes = finish(config, &path, bytes);
            let error = sink.put(path, bytes).err();
            if error.is_some() {
                // A sink that cannot take a file will not take the next one.
                failed.store(true, Ordering::Relaxed);
            }
            error
        })
        .collect();
    let (io, rest): (Vec<_>, Vec<_>) = errors.drain(..).partition(|d| d.code == Code::Io);
    if let Some(io) = io.into_iter().next() {
        return Err(Diagnostics::from(io));
    }
    if !rest.is_empty() {
        return Err(dedupe_template_errors(rest));
    }
    output.files.extend(vcards(&renderer));
    output.files.extend(assets.files);
    output.files.insert(
        "_headers".to_owned(),
        security::headers(config.base_url.path()).into_bytes(),
    );
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

/// A rendered file as it is written: pages' links made relative if the
/// site says so.
fn finish(config: &Config, path: &str, bytes: Vec<u8>) -> Vec<u8> {
    match config.links {
        Links::Relative if path.ends_with(".html") => {
            relative::rewrite(&bytes, path, config.base_url.path())
        }
        _ => bytes,
    }
}

/// Every file a build renders from templates, one job each. The generated
/// files come first: a full-text document takes as long as hundreds of
/// entry pages, and one left to the end keeps a core busy while the others
/// have nothing left to do.
fn jobs(site: &Site, config: &Config) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (i, lang) in config.languages.iter().enumerate() {
        jobs.push(Job::NotFound(i));
        jobs.push(Job::Feed(i));
        if site.full_text_url(lang).is_some() {
            jobs.push(Job::FullText(i));
        }
        if site.search_url(lang).is_some() {
            jobs.push(Job::Search(i));
        }
    }
    jobs.extend([Job::RootNotFound, Job::Chooser, Job::Sitemap, Job::Robots]);
    for e in &site.entries {
        for (i, lang) in config.languages.iter().enumerate() {
            if site.url(e.id, lang).is_some() {
                jobs.push(Job::Entry(e.id, i));
            }
        }
    }
    jobs
}

/// Renders one job; `None` for files this site does not have (feeds and
/// sitemap without an absolute base URL).
fn run<'a>(r: &Renderer<'a>, job: &Job, teras: &[Tera]) -> Option<Result<Rendered, Diagnostic>> {
    let langs = &r.config.languages;
    let default = default_index(r.config);
    Some(match *job {
        Job::Entry(entry, i) => r.entry(entry, &langs[i], &teras[i]),
        Job::NotFound(i) => r.not_found(&langs[i], &teras[i], format!("{}/404.html", langs[i])),
        Job::RootNotFound => r.not_found(&langs[default], &teras[default], "404.html".to_owned()),
        Job::Chooser => r.chooser(&teras[default]),
        Job::FullText(i) => r.generated(Generated::FullText, &langs[i], &teras[i]),
        Job::Search(i) => r.generated(Generated::Search, &langs[i], &teras[i]),
        Job::Feed(i) => return r.feed(&langs[i], &teras[i]),
        Job::Sitemap => return r.sitemap(&teras[default]),
        Job::Robots => r.robots(&teras[default]),
    })
}

fn default_index(config: &Config) -> usize {
    config
        .languages
        .iter()
        .position(|l| *l == config.default_lang)
        .expect("the default language is configured")
}

/// Every contact's vCard in every language it is published in.
fn vcards<'r>(renderer: &'r Renderer<'r>) -> impl Iterator<Item = Rendered> + 'r {
    let (site, config) = (renderer.site, renderer.config);
    site.entries
        .iter()
        .filter(|e| e.kind == Kind::Contact)
        .flat_map(move |e| {
            config
                .languages
                .iter()
                .filter(move |lang| site.url(e.id, lang).is_some())
                .filter_map(move |lang| renderer.vcard(e.id, lang))
        })
}

/// [`language_tera`] of every language, in `site.yaml` order.
fn teras(
    site: &Site,
    config: &Config,
    theme: &Theme,
    assets: &Assets,
) -> Result<Vec<Tera>, Diagnostics> {
    config
        .languages
        .iter()
        .map(|lang| language_tera(site, config, theme, assets, lang))
        .collect::<Result<_, _>>()
        .map_err(Diagnostics::from)
}

/// A Tera instance per language, with that language's [`Globals`] set once.
fn language_tera(
    site: &Site,
    config: &Config,
    theme: &Theme,
    assets: &Assets,
    lang: &Lang,
) -> Result<Tera, Diagnostic> {
    let mut globals = globals(site, config, assets, lang);
    let mut tera = theme.tera.clone();
    *tera.global_context() = Context::from_serialize(&globals).map_err(unprepared)?;
    if globals.footer.contact.is_some() {
        // The footer's card on its own, as a page's footer would show it
        // (the card's text in the reader's language, no fallback).
        let mut context = Context::new();
        context.insert("lang", lang);
        context.insert("content_lang", lang);
        context.insert("is_fallback", &false);
        let html = render_context(&tera, theme::FOOTER_CONTACT, &context, 1024).map_err(|e| {
            if is_output_limit(&e) {
                return template_error(e, "partials/contact_card.html", None, lang, theme);
            }
            template_error(e, "partials/contact_card.html", None, lang, theme).help(
                "the footer's card is rendered once per language: it sees `t`, `site`, \
                     `footer`, `lang`, `content_lang` and `is_fallback`, no page \
                     (docs/theme-api.md); fix the variable the error names",
            )
        })?;
        let html = String::from_utf8(html).map_err(unprepared)?;
        globals.footer.contact_html = Some(html);
        *tera.global_context() = Context::from_serialize(&globals).map_err(unprepared)?;
    }
    Ok(tera)
}

/// The error of globals that cannot be turned into template values.
fn unprepared(e: impl std::error::Error + Send + Sync + 'static) -> Diagnostic {
    Diagnostic::error(
        Code::Template,
        "the site-wide template values could not be prepared",
    )
    .source(e)
}

/// What every page of `lang` shows alike (header, footer, UI strings).
fn globals<'a>(site: &'a Site, config: &'a Config, assets: &Assets, lang: &'a Lang) -> Globals<'a> {
    let base = &config.base_url;
    let views = Views { site, base, lang };
    let t = site.ui.strings(lang);
    Globals {
        t,
        site: SiteView {
            title: t.get("site_title").cloned().unwrap_or_default(),
            base_path: base.path().to_owned(),
            home_url: base.href(&format!("{lang}/")),
            stylesheet: assets.href("style.css", base).unwrap_or_default(),
            assets: assets.hrefs(base),
            search_url: site.search_url(lang).map(|u| base.href(u)),
            full_text_url: site.full_text_url(lang).map(|u| base.href(u)),
            feed_url: base
                .has_origin()
                .then(|| base.href(&feeds::feed_path(lang))),
            csp: security::CSP,
            generator: concat!("konzept ", env!("CARGO_PKG_VERSION")),
        },
        footer: FooterView {
            contact: site.contact.and_then(|c| views.contact_card(c)),
            links: site
                .footer
                .iter()
                .map(|e| views.nav_item(*e, None))
                .collect(),
            contact_html: None,
        },
    }
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
    let d = if is_output_limit(&err) {
        Diagnostic::error(
            Code::Limit,
            format!("{what}: it wrote more than {} MiB", MAX_FILE_BYTES >> 20),
        )
        .help(format!(
            "konzept writes at most {} MiB per file; look for a loop in the template that repeats more often than intended (a `range` inside another)",
            MAX_FILE_BYTES >> 20
        ))
    } else {
        Diagnostic::error(Code::Template, what)
            .help("fix the template: a variable it uses may not exist (docs/theme-api.md lists what templates receive)")
    };
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
        if d.code != Code::Template && d.code != Code::Limit {
            out.push(d);
            continue;
        }
        let key = d
            .source
            .as_deref()
            .map(|e| format!("{}: {e}", d.code))
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
