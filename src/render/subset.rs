//! Rendering some files only, for `serve`'s patches: the pages of some
//! entries, the full-text pages, or every file whose fingerprint changed.

use rayon::prelude::*;

use super::assets::Assets;
use super::fingerprint::{self, Fingerprints};
use super::pages::{Generated, Mode, Rendered};
use super::{Job, Renderer, dedupe_template_errors, finish, globals, jobs, language_tera, run};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{EntryId, Lang, Site};
use crate::parse::kinds::Kind;
use crate::render::Theme;

/// The fingerprints of every file of the site but the full-text pages
/// (which `serve` renders again after every patch that may touch them) and
/// the search index (which follows every change in the background).
pub fn fingerprints(
    site: &Site,
    config: &Config,
    theme: &Theme,
) -> Result<Fingerprints, Diagnostics> {
    Ok(Fingerprinted::of(site, config, theme)?.fingerprints)
}

/// The files whose fingerprint differs from `old`'s but the pages of
/// `edited` (rendered already: [`entries`]), rendered, with the
/// fingerprints of the site as it is now; `None` if what every page shows
/// (the globals: footer, UI strings) or the set of files changed, so that
/// the whole site must be rendered.
pub fn changed(
    site: &Site,
    config: &Config,
    theme: &Theme,
    old: &Fingerprints,
    edited: &[EntryId],
) -> Result<Option<(Fingerprints, Vec<Rendered>)>, Diagnostics> {
    let now = Fingerprinted::of(site, config, theme)?;
    let new = &now.fingerprints;
    // A file that is gone would stay served. (Files `old` does not know,
    // forgotten or new, are rendered: their fingerprints differ.)
    if new.globals != old.globals || !old.files.keys().all(|p| new.files.contains_key(p)) {
        return Ok(None);
    }
    let stale = |path: &str| old.files.get(path) != new.files.get(path);
    let renderer = Renderer {
        site,
        config,
        theme,
        mode: Mode::Render,
    };
    let teras = teras(site, config, theme)?;
    let results: Vec<Result<Rendered, Diagnostic>> = now
        .jobs
        .par_iter()
        .filter(|(job, path)| match now.all[*job] {
            Job::Entry(e, _) if edited.contains(&e) => false,
            _ => stale(path),
        })
        .filter_map(|(job, _)| run(&renderer, &now.all[*job], &teras))
        .map(|r| {
            r.map(|(path, bytes)| {
                let bytes = finish(config, &path, bytes);
                (path, bytes)
            })
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(file) => files.push(file),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(dedupe_template_errors(errors));
    }
    files.extend(vcards(&renderer, site, config).filter(|(path, _)| stale(path)));
    Ok(Some((now.fingerprints, files)))
}

/// The fingerprints, and which job made each file.
struct Fingerprinted {
    fingerprints: Fingerprints,
    /// Every job of the site.
    all: Vec<Job>,
    /// (index into `all`, output path) of every fingerprinted page.
    jobs: Vec<(usize, String)>,
}

impl Fingerprinted {
    fn of(site: &Site, config: &Config, theme: &Theme) -> Result<Fingerprinted, Diagnostics> {
        let assets = Assets::place(&theme.statics);
        let unprepared = |e: serde_json::Error| {
            Diagnostics::from_iter([Diagnostic::error(
                Code::Template,
                "the site-wide template values could not be prepared",
            )
            .source(e)])
        };
        let globals = config
            .languages
            .iter()
            .map(|lang| fingerprint::value(&globals(site, config, &assets, lang)))
            .collect::<Result<Vec<u64>, _>>()
            .map_err(unprepared)?;
        let teras = teras(site, config, theme)?;
        let renderer = Renderer {
            site,
            config,
            theme,
            mode: Mode::Fingerprint,
        };
        let all = jobs(site, config);
        let results: Vec<(usize, Result<Rendered, Diagnostic>)> = all
            .par_iter()
            .enumerate()
            // The full-text pages splice their parts into the rendered page,
            // which fingerprint mode does not render.
            .filter(|(_, job)| !matches!(job, Job::FullText(_)))
            .filter_map(|(i, job)| Some((i, run(&renderer, job, &teras)?)))
            .collect();
        let mut files = std::collections::BTreeMap::new();
        let mut jobs = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for (i, r) in results {
            match r {
                Ok((path, hash)) => {
                    files.insert(path.clone(), fingerprint::read(&hash));
                    jobs.push((i, path));
                }
                Err(d) => errors.push(d),
            }
        }
        if !errors.is_empty() {
            return Err(dedupe_template_errors(errors));
        }
        files.extend(
            vcards(&renderer, site, config).map(|(path, bytes)| (path, fingerprint::bytes(&bytes))),
        );
        Ok(Fingerprinted {
            fingerprints: Fingerprints { files, globals },
            all,
            jobs,
        })
    }
}

/// Every contact's vCard in every language it is published in.
fn vcards<'r>(
    renderer: &'r Renderer<'r>,
    site: &'r Site,
    config: &'r Config,
) -> impl Iterator<Item = (String, Vec<u8>)> + 'r {
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

/// Each language's templates with its globals.
fn teras(site: &Site, config: &Config, theme: &Theme) -> Result<Vec<tera::Tera>, Diagnostics> {
    let assets = Assets::place(&theme.statics);
    config
        .languages
        .iter()
        .map(|lang| language_tera(site, config, theme, &assets, lang))
        .collect::<Result<_, _>>()
        .map_err(|d| Diagnostics::from_iter([d]))
}

/// Renders the pages of `entries` in every language they are published in
/// (their translations and fallbacks), for `serve`'s partial rebuilds:
/// (output path, bytes) per page. The full-text pages, which may show them
/// too, are [`full_text`]'s.
pub fn entries(
    site: &Site,
    config: &Config,
    theme: &Theme,
    entries: &[EntryId],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    each_language(site, config, theme, |renderer, lang, tera| {
        entries
            .iter()
            .filter(|e| site.url(**e, lang).is_some())
            .map(|e| renderer.entry(*e, lang, tera))
            .collect()
    })
}

/// Renders the full-text pages of every language, the languages in
/// parallel: (output path, bytes) per page.
pub fn full_text(
    site: &Site,
    config: &Config,
    theme: &Theme,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    each_language(site, config, theme, |renderer, lang, tera| {
        if site.full_text_url(lang).is_none() {
            return Ok(Vec::new());
        }
        Ok(vec![renderer.generated(Generated::FullText, lang, tera)?])
    })
}

/// Whether the full-text pages show one of `entries`.
pub fn shown_in_full_text(site: &Site, entries: &[EntryId]) -> bool {
    entries.iter().any(|e| in_full_text(site, *e))
}

/// Runs `render` for every language, in parallel, with the language's
/// templates; the pages in language order.
fn each_language(
    site: &Site,
    config: &Config,
    theme: &Theme,
    render: impl Fn(&Renderer<'_>, &Lang, &tera::Tera) -> Result<Vec<(String, Vec<u8>)>, Diagnostic>
    + Sync,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let renderer = Renderer {
        site,
        config,
        theme,
        mode: Mode::Render,
    };
    let assets = Assets::place(&theme.statics);
    let pages: Vec<Vec<(String, Vec<u8>)>> = config
        .languages
        .par_iter()
        .map(|lang| {
            let tera = language_tera(site, config, theme, &assets, lang)?;
            render(&renderer, lang, &tera)
        })
        .collect::<Result<_, _>>()
        .map_err(|d| Diagnostics::from_iter([d]))?;
    Ok(pages
        .into_iter()
        .flatten()
        .map(|(path, bytes)| {
            let bytes = finish(config, &path, bytes);
            (path, bytes)
        })
        .collect())
}

/// Whether the full-text page shows `entry`: it is named in `full_text`, or
/// its section is.
fn in_full_text(site: &Site, entry: EntryId) -> bool {
    site.full_text.contains(&entry)
        || site
            .entry(entry)
            .parent
            .is_some_and(|p| site.entry(p).kind == Kind::Section && site.full_text.contains(&p))
}
