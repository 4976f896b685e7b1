//! konzept: a static site generator for a city's integration concept,
//! published in several languages.
//!
//! The pipeline is `config → load → parse → model → render → write`; each
//! stage is a module with one entry function. [`build`] runs them all.

#![warn(missing_docs, unreachable_pub)]

pub mod check;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diag;
pub mod escape;
pub mod ids;
pub mod load;
pub mod model;
pub mod osfs;
pub mod parse;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod sitefs;
pub mod typography;
pub mod urlpath;
pub mod write;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diag::{Diagnostics, SourceMap};
use ids::Lang;

/// Options of [`build`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's directory (with `site.yaml`).
    pub root: PathBuf,
    /// Output directory (default `<root>/public`).
    pub out: PathBuf,
    /// Command-line overrides of `site.yaml`.
    pub overrides: config::Overrides,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages per language.
    pub pages_per_lang: Vec<(Lang, usize)>,
    /// Warnings.
    pub warnings: Diagnostics,
    /// Notes: what the build left out on purpose (a paused language).
    pub notes: Vec<String>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Why a run failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// Content errors: exit code 1.
    Content,
    /// Usage or environment errors: exit code 2.
    Usage,
}

/// A failed run: every diagnostic, and the sources to show them with.
#[derive(Debug)]
pub struct Failure {
    /// Content or usage.
    pub kind: FailureKind,
    /// Errors and warnings.
    pub diagnostics: Diagnostics,
}

/// Builds the site at `options.root` into `options.out`. The output directory
/// is replaced only if everything succeeded, only under its lock (a second
/// build into it waits), never through a symbolic link, and only if it holds
/// nothing but what the previous build listed in its manifest. Diagnostics (and the source map
/// to render them) are returned either way.
///
/// Pages go into the staging directory as they are rendered
/// ([`render::site_into`]), not first into memory: the rendered site is the
/// largest thing a build would hold.
pub fn build(options: &BuildOptions, sources: &mut SourceMap) -> Result<BuildReport, Failure> {
    let start = Instant::now();
    let usage = |diagnostics: Diagnostics| Failure {
        kind: FailureKind::Usage,
        diagnostics,
    };
    let refused = |d: diag::Diagnostic| usage(Diagnostics::from(d));
    // Before any change: a linked output directory would have its target
    // emptied by the swap, and the site's own directory is never replaced;
    // then one build at a time, over nothing but what konzept wrote (the
    // manifest is read under the lock, so no other build changes it
    // meanwhile; docs/design.md § Trust).
    write::refuse_link(&options.out).map_err(refused)?;
    write::check_target(&options.out, &options.root).map_err(refused)?;
    let lock = write::OutputLock::take(&options.out).map_err(refused)?;
    write::Manifest::check(&options.out).map_err(refused)?;
    let (p, mut diags) = prepare(&options.root, &options.overrides, sources).map_err(content)?;
    if diags.has_errors() {
        return Err(content(diags));
    }
    release_freed_memory();
    let staging = write::Staging::create(&options.out, &lock).map_err(refused)?;
    let rendered = timed("render and write pages", || {
        render::site_into(&p.site, &p.config, &p.sources, &p.theme, &staging)
    });
    let output = match rendered {
        Ok(output) => output,
        Err(errors) => {
            let io = errors.iter().any(|d| d.code == diag::Code::Io);
            diags.extend(errors);
            return Err(if io { usage(diags) } else { content(diags) });
        }
    };
    timed("write the rest and swap", || staging.commit(&output)).map_err(refused)?;
    // Said once the site is written, not among the errors of a failed build.
    diags.extend(p.config.base_url.missing_origin().into_iter().collect());
    drop(lock);
    diags.sort();
    Ok(BuildReport {
        pages_per_lang: output.pages_per_lang,
        warnings: diags,
        notes: p.sources.notes(),
        elapsed: start.elapsed(),
    })
}

/// Runs one stage of the pipeline, logging its time at debug level
/// (`konzept -v`).
fn timed<T>(stage: &str, run: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = run();
    log::debug!("{stage}: {} ms", start.elapsed().as_millis());
    result
}

/// Hands the memory the parse stage freed back to the system before
/// rendering starts. glibc keeps it in its per-thread arenas otherwise, and
/// rendering touches new pages on top, which raises the peak RSS
/// (docs/speed.md has the figures).
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of malloc's own arenas to
    // the kernel; it touches no memory that is in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Content errors: exit code 1, diagnostics in file order.
fn content(mut diagnostics: Diagnostics) -> Failure {
    diagnostics.sort();
    Failure {
        kind: FailureKind::Content,
        diagnostics,
    }
}

/// Everything the stages before rendering produce.
#[derive(Debug)]
pub struct Prepared {
    /// The resolved `site.yaml`.
    pub config: config::Config,
    /// The files read.
    pub sources: load::Sources,
    /// The assembled site.
    pub site: model::Site,
    /// The theme, templates parsed.
    pub theme: render::Theme,
}

/// Runs `config → load → parse → model` and loads the theme. Returns the
/// result with every diagnostic so far (which may include errors of single
/// files: check `has_errors`), or only diagnostics if a stage could not
/// produce its output. Shared by `build`, `check` and `serve`.
pub fn prepare(
    root: &Path,
    overrides: &config::Overrides,
    sources: &mut SourceMap,
) -> Result<(Prepared, Diagnostics), Diagnostics> {
    let (config, loaded) = timed("config and load", || {
        let config = config::resolve(root, overrides, sources)?;
        let loaded = load::sources(&config, sources)?;
        Ok::<_, Diagnostics>((config, loaded))
    })?;
    let (mut p, mut diags) = prepare_loaded(config, loaded)?;
    let editions = model::git_editions(&p.site);
    if !diags.has_errors() && !editions.is_empty() {
        // Archived editions are read from git only for a site that holds
        // together: their pages link to its edition pages.
        diags.extend(timed("archived editions", || {
            model::attach_archives(&mut p.site, &p.config, &p.sources, sources, &editions)
        }));
    }
    Ok((p, diags))
}

/// [`prepare`] for a site held in memory: `site_yaml` is the text of
/// `site.yaml`, `files` are (path relative to the site's directory, bytes)
/// for `content/**.md` and `i18n/*.yaml` (see [`load::from_memory`]); the
/// embedded theme is used and nothing is read from disk. For embedders and
/// the fuzz targets in `fuzz/`, which run the same stages as `build`.
pub fn prepare_in_memory(
    site_yaml: &str,
    files: &[(&str, &[u8])],
    sources: &mut SourceMap,
) -> Result<(Prepared, Diagnostics), Diagnostics> {
    let root = Path::new("");
    let config = config::from_text(site_yaml, root, &config::Overrides::default(), sources)?;
    let loaded = load::from_memory(&config, files, sources)?;
    prepare_loaded(config, loaded)
}

fn prepare_loaded(
    config: config::Config,
    loaded: load::Sources,
) -> Result<(Prepared, Diagnostics), Diagnostics> {
    let (parsed, mut diags) = timed("parse", || parse::all(&loaded, &config));
    let (theme, site) = timed("theme and model", || {
        (
            render::theme::load(&loaded, &config),
            model::assemble(parsed, &loaded, &config),
        )
    });
    match (site, theme) {
        (Ok((mut site, warnings)), Ok(theme)) => {
            diags.extend(warnings);
            diags.extend(timed("images", || {
                model::attach_images(&mut site, &loaded, &config)
            }));
            Ok((
                Prepared {
                    config,
                    sources: loaded,
                    site,
                    theme,
                },
                diags,
            ))
        }
        (site, theme) => {
            match site {
                Ok((_, d)) | Err(d) => diags.extend(d),
            }
            if let Err(d) = theme {
                diags.extend(d);
            }
            Err(diags)
        }
    }
}

/// The whole pipeline run into memory, with the stages' outputs kept (serve
/// patches them on the next change).
#[derive(Debug)]
pub struct InMemory {
    /// Every file of the site.
    pub output: render::Output,
    /// Warnings, sorted.
    pub warnings: Diagnostics,
    /// What the stages before rendering produced.
    pub prepared: Prepared,
}

/// Runs the whole pipeline into memory (for `serve`, which builds the
/// search index in the background: `index` says whether to build it here).
pub fn render_site(
    root: &Path,
    overrides: &config::Overrides,
    sources: &mut SourceMap,
    index: render::SearchIndex,
) -> Result<InMemory, Failure> {
    finish(prepare(root, overrides, sources), index)
}

/// [`render_site`] for a site held in memory (see [`prepare_in_memory`]):
/// every page rendered, nothing written.
pub fn render_in_memory(
    site_yaml: &str,
    files: &[(&str, &[u8])],
    sources: &mut SourceMap,
    index: render::SearchIndex,
) -> Result<InMemory, Failure> {
    finish(prepare_in_memory(site_yaml, files, sources), index)
}

/// Renders what [`prepare`] produced into memory, unless it found errors.
fn finish(
    prepared: Result<(Prepared, Diagnostics), Diagnostics>,
    index: render::SearchIndex,
) -> Result<InMemory, Failure> {
    let (p, mut diags) = prepared.map_err(content)?;
    if diags.has_errors() {
        return Err(content(diags));
    }
    match render::site(&p.site, &p.config, &p.sources, &p.theme, index) {
        Ok(output) => {
            diags.sort();
            Ok(InMemory {
                output,
                warnings: diags,
                prepared: p,
            })
        }
        Err(d) => {
            diags.extend(d);
            Err(content(diags))
        }
    }
}
