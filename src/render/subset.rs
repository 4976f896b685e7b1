//! Rendering some files only, for `serve`'s patches: the pages of some
//! entries, the full-text pages, or every file whose fingerprint changed.

use rayon::prelude::*;

use super::assets::Assets;
use super::fingerprint::{self, Fingerprints};
use super::pages::{Generated, Mode, Rendered};
use super::{
    Job, Renderer, dedupe_template_errors, finish, globals, jobs, language_tera, run, teras,
    unprepared, vcards,
};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::model::{EntryId, Site};
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
    let assets = Assets::place(&theme.statics);
    let teras = teras(site, config, theme, &assets)?;
    Ok(Fingerprinted::of(site, config, theme, &assets, &teras)?.fingerprints)
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
    let assets = Assets::place(&theme.statics);
    let teras = teras(site, config, theme, &assets)?;
    let now = Fingerprinted::of(site, config, theme, &assets, &teras)?;
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
    let mut files = all_or_errors(
        now.jobs
            .par_iter()
            .filter(|(job, path)| match now.all[*job] {
                Job::Entry(e, _) if edited.contains(&e) => false,
                _ => stale(path),
            })
            .filter_map(|(job, _)| run(&renderer, &now.all[*job], &teras))
            .map(|r| r.map(|(path, bytes)| (path.clone(), finish(config, &path, bytes))))
            .collect(),
    )?;
    files.extend(vcards(&renderer).filter(|(path, _)| stale(path)));
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
    fn of(
        site: &Site,
        config: &Config,
        theme: &Theme,
        assets: &Assets,
        teras: &[tera::Tera],
    ) -> Result<Fingerprinted, Diagnostics> {
        let globals = config
            .languages
            .iter()
            .map(|lang| fingerprint::value(&globals(site, config, assets, lang)))
            .collect::<Result<Vec<u64>, _>>()
            .map_err(|e| Diagnostics::from(unprepared(e)))?;
        let renderer = Renderer {
            site,
            config,
            theme,
            mode: Mode::Fingerprint,
        };
        let all = jobs(site, config);
        let hashed = all_or_errors(
            all.par_iter()
                .enumerate()
                // The full-text pages splice their parts into the rendered
                // page, which fingerprint mode does not render.
                .filter(|(_, job)| !matches!(job, Job::FullText(_)))
                .filter_map(|(i, job)| Some(run(&renderer, job, teras)?.map(|r| (i, r))))
                .collect(),
        )?;
        let mut files = std::collections::BTreeMap::new();
        let mut jobs = Vec::with_capacity(hashed.len());
        for (i, (path, hash)) in hashed {
            files.insert(path.clone(), fingerprint::read(&hash));
            jobs.push((i, path));
        }
        files.extend(vcards(&renderer).map(|(path, bytes)| (path, fingerprint::bytes(&bytes))));
        Ok(Fingerprinted {
            fingerprints: Fingerprints { files, globals },
            all,
            jobs,
        })
    }
}

/// The results, or every template error among them (reported once each).
fn all_or_errors<T>(results: Vec<Result<T, Diagnostic>>) -> Result<Vec<T>, Diagnostics> {
    let (ok, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(ok.into_iter().flatten().collect())
    } else {
        Err(dedupe_template_errors(
            errors.into_iter().filter_map(Result::err).collect(),
        ))
    }
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
        .collect::<Result<_, _>>()?;
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
