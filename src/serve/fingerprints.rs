//! The fingerprints of the served files (`render::Renderer::fingerprint`),
//! and the files whose fingerprint an edit of text fields changed: every
//! file that shows the edited text (lists, references, the menu, feeds),
//! found without a list of what shows what.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{EntryId, Site};
use crate::render::{Fingerprint, Job, Rendered, Renderer, Theme};

/// Every served file's fingerprint but the full-text pages' (which `serve`
/// renders again after every patch that may touch them) and the search
/// index's (which follows every change in the background).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Fingerprints {
    /// Output path → fingerprint.
    files: BTreeMap<String, u64>,
    /// The fingerprint of each language's globals, in `site.yaml` order.
    globals: Vec<u64>,
}

impl Fingerprints {
    /// The fingerprints of the site's files as they are now.
    pub(super) fn of(site: &Site, config: &Config, theme: &Theme) -> Result<Self, Diagnostics> {
        let renderer = Renderer::new(site, config, theme)?;
        Ok(Fingerprinted::of(&renderer)?.fingerprints)
    }

    /// Forgets the fingerprints of `paths`, whose files were rendered from
    /// something else since (a patch of a page's text): the next comparison
    /// takes them as changed.
    pub(super) fn forget<'p>(&mut self, paths: impl IntoIterator<Item = &'p str>) {
        for path in paths {
            self.files.remove(path);
        }
    }
}

/// What [`changed`] found.
#[derive(Debug)]
pub(super) enum Showing {
    /// The files whose fingerprint changed, rendered, with the
    /// fingerprints of the site as it is now.
    Files(Fingerprints, Vec<Rendered>),
    /// What every page shows (the globals: footer, UI strings) or the set
    /// of files changed: the whole site must be rendered.
    Everything,
}

/// The files whose fingerprint differs from `old`'s, rendered, but the
/// pages of `edited` (rendered already).
pub(super) fn changed(
    site: &Site,
    config: &Config,
    theme: &Theme,
    old: &Fingerprints,
    edited: &[EntryId],
) -> Result<Showing, Diagnostics> {
    let renderer = Renderer::new(site, config, theme)?;
    let now = Fingerprinted::of(&renderer)?;
    let new = &now.fingerprints;
    // A file that is gone would stay served. (Files `old` does not know,
    // forgotten or new, are rendered: their fingerprints differ.)
    if new.globals != old.globals || !old.files.keys().all(|p| new.files.contains_key(p)) {
        return Ok(Showing::Everything);
    }
    let stale = |path: &str| old.files.get(path) != new.files.get(path);
    let files = now
        .jobs
        .par_iter()
        .filter(|(job, path)| match job {
            Job::Entry(e, _) if edited.contains(e) => false,
            _ => stale(path),
        })
        .map(|(job, _)| renderer.render(*job))
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    Ok(Showing::Files(now.fingerprints, files))
}

/// The fingerprints, and which job made each file.
struct Fingerprinted {
    fingerprints: Fingerprints,
    /// Every fingerprinted job with its output path.
    jobs: Vec<(Job, String)>,
}

impl Fingerprinted {
    fn of(renderer: &Renderer<'_>) -> Result<Fingerprinted, Diagnostic> {
        let globals = renderer.globals_fingerprints()?;
        let hashed = renderer
            .jobs()
            .into_par_iter()
            .map(|job| Ok((job, renderer.fingerprint(job)?)))
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        let mut files = BTreeMap::new();
        let mut jobs = Vec::with_capacity(hashed.len());
        for (job, fingerprint) in hashed {
            if let Fingerprint::Hash(path, hash) = fingerprint {
                files.insert(path.clone(), hash);
                jobs.push((job, path));
            }
        }
        Ok(Fingerprinted {
            fingerprints: Fingerprints { files, globals },
            jobs,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::Prepared;
    use crate::diag::SourceMap;

    /// Every file the site has, rendered.
    fn rendered(p: &Prepared) -> BTreeMap<String, Vec<u8>> {
        let renderer = Renderer::new(&p.site, &p.config, &p.theme).expect("templates prepare");
        renderer
            .jobs()
            .into_iter()
            .map(|job| renderer.render(job).expect("the fixture renders"))
            .collect()
    }

    /// Every file of `dir` below `root`: (path relative to `root`, bytes).
    fn files(root: &Path, dir: &str) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut dirs = vec![root.join(dir)];
        while let Some(d) = dirs.pop() {
            for entry in std::fs::read_dir(&d).expect("a fixture directory") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    let rel = path.strip_prefix(root).expect("below the root");
                    let bytes = std::fs::read(&path).expect("a fixture file");
                    out.push((rel.to_string_lossy().replace('\\', "/"), bytes));
                }
            }
        }
        out
    }

    #[test]
    fn files_with_equal_fingerprints_are_equal_after_a_title_changed() {
        // The fingerprint invariant, on every file with a fingerprint
        // (the sitemap and feeds too: the base URL has an origin).
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let fixture = repo.join("tests/fixtures/minimal");
        let site_yaml = std::fs::read_to_string(fixture.join("site.yaml")).expect("site.yaml");
        let site_yaml = format!("{site_yaml}base_url: https://example.org/\n");
        let mut all = files(&fixture, "content");
        all.extend(files(repo, "i18n"));
        let all: Vec<(&str, &[u8])> = all
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .collect();
        let (mut p, _) = crate::prepare_in_memory(&site_yaml, &all, &mut SourceMap::new())
            .expect("the fixture builds");
        let (files, before) = (
            rendered(&p),
            Fingerprints::of(&p.site, &p.config, &p.theme).expect("fingerprints"),
        );
        let page = p
            .site
            .pages
            .iter_mut()
            .find(|page| page.path.as_str() == "projekte/projekt.md")
            .expect("the fixture has a project");
        page.title = "Umbenanntes Projekt".to_owned();
        let (now, after) = (
            rendered(&p),
            Fingerprints::of(&p.site, &p.config, &p.theme).expect("fingerprints"),
        );
        assert_eq!(before.globals, after.globals);
        assert_eq!(
            before.files.keys().collect::<Vec<_>>(),
            after.files.keys().collect::<Vec<_>>()
        );
        let mut changed = Vec::new();
        for (path, hash) in &after.files {
            if before.files[path] == *hash {
                assert!(
                    files[path] == now[path],
                    "{path} changed, its fingerprint did not"
                );
            } else {
                assert!(
                    files[path] != now[path],
                    "{path} is equal, its fingerprint is not"
                );
                changed.push(path.as_str());
            }
        }
        // The project's pages and what lists it, in every language.
        for list in [
            "projekte/index.html",
            "kontakte/buero/index.html",
            "index.html",
        ] {
            for lang in ["de", "fr", "en"] {
                let path = format!("{lang}/{list}");
                assert!(changed.contains(&path.as_str()), "{path}: {changed:?}");
            }
        }
    }
}
