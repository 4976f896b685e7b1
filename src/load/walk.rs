//! Walking a directory of the site: every regular file in sorted order, and
//! in their place the things that cannot be read (loops, dangling links,
//! FIFOs, links leading outside the site, names that are not UTF-8), each
//! as a diagnostic. Reads directories, never file contents.
//!
//! Symbolic links are followed only while they stay inside the site's
//! directory (docs/design.md § Trust): a link to a directory outside is
//! reported and not entered, so not even the names of files outside are
//! listed.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diag::{Code, Diagnostic};
use crate::sitefs::{self, SiteFile, escaped, not_regular};

/// A file found by [`walk`], or a problem found in its place.
pub(super) enum Walked {
    /// A regular file.
    File {
        /// The file, read through the site boundary.
        file: SiteFile,
        /// `/`-path relative to the walked directory.
        rel: String,
    },
    /// Something that cannot be read, with the path shown to the editor.
    Problem(String, Diagnostic),
}

/// Every file below `dir`, sorted; hidden files and directories are
/// skipped (logged at debug level). Symbolic links are followed inside the
/// site; a link leading outside it, a link back into its own ancestors, a
/// link to nothing, a name that is not UTF-8 and anything that is not a
/// regular file (a FIFO would block the read forever) are problems, in
/// their place in the order. `root` is the site's directory, for the paths
/// shown and the boundary.
pub(super) fn walk(dir: &Path, root: &Arc<Path>) -> Vec<Walked> {
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if sitefs::is_inside(dir, &real_root) == Some(false) {
        let shown = shown(dir, root);
        let d = sitefs::outside(&shown, std::fs::read_link(dir).ok().as_deref(), "directory");
        return vec![Walked::Problem(shown, d)];
    }
    let mut out = Vec::new();
    let mut seen = Seen::default();
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            if hidden {
                log::debug!("skipping hidden path {}", e.path().display());
            }
            !hidden
        });
    while let Some(entry) = walker.next() {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let display = e.path().map(|p| shown(p, root)).unwrap_or_default();
                let d = walk_error(&e, &display, root);
                out.push(Walked::Problem(display, d));
                continue;
            }
        };
        if let Some(problem) = refused(&e, root, &real_root) {
            if e.file_type().is_dir() {
                walker.skip_current_dir();
            }
            out.push(problem);
            continue;
        }
        if e.file_type().is_dir() {
            if let Some(problem) = seen.again(&e, root) {
                walker.skip_current_dir();
                out.push(problem);
            }
            continue;
        }
        let rel = slash_path(
            e.path()
                .strip_prefix(dir)
                .expect("walkdir yields paths below its root"),
        )
        .to_string_lossy()
        .into_owned();
        if is_editor_temp(&rel) {
            log::debug!("skipping editor temporary file {rel}");
            continue;
        }
        if !e.file_type().is_file() {
            let display = shown(e.path(), root);
            out.push(Walked::Problem(display.clone(), not_regular(&display)));
            continue;
        }
        let in_site = e
            .path()
            .strip_prefix(root)
            .expect("the walked directory lies in the site");
        out.push(Walked::File {
            file: SiteFile::new(root.clone(), in_site),
            rel,
        });
    }
    out
}

/// The problem with an entry that must not be entered or read: a name that
/// is not UTF-8 (it would be merged with others on conversion) or holds
/// control characters (they would reach terminals and the manifest), or a
/// symbolic link leading outside the site.
fn refused(e: &walkdir::DirEntry, root: &Path, real_root: &Path) -> Option<Walked> {
    let why = match e.file_name().to_str() {
        None => Some("is not valid UTF-8"),
        Some(name) if name.chars().any(char::is_control) => Some("holds control characters"),
        Some(_) => None,
    };
    if let Some(why) = why {
        let display = shown(e.path(), root);
        let d = Diagnostic::error(
            Code::UnsupportedPath,
            format!("the name of `{display}` {why}"),
        )
        .help("rename it using letters, digits and `-` (its name becomes part of a URL)");
        return Some(Walked::Problem(display, d));
    }
    if e.path_is_symlink()
        && let Some(part) = e
            .path()
            .canonicalize()
            .ok()
            .and_then(|real| sitefs::hidden_part(&real, real_root))
    {
        let display = shown(e.path(), root);
        return Some(Walked::Problem(
            display.clone(),
            sitefs::hidden(&display, &part),
        ));
    }
    if e.path_is_symlink() && sitefs::is_inside(e.path(), real_root) == Some(false) {
        let display = shown(e.path(), root);
        let what = if e.file_type().is_dir() {
            "directory"
        } else {
            "file"
        };
        let d = sitefs::outside(&display, std::fs::read_link(e.path()).ok().as_deref(), what);
        return Some(Walked::Problem(display, d));
    }
    None
}

/// The directories a walk has entered, by identity (device and inode), so
/// each is read once. Links inside the site are followed, and without this
/// a few of them multiply the paths: `d0/{a,b} → d1`, `d1/{a,b} → d2`, …
/// 25 levels deep made 2^25 paths to one file and a build that never ended.
#[derive(Default)]
struct Seen {
    dirs: HashMap<crate::osfs::DirId, String>,
}

impl Seen {
    /// The problem with the directory `e`, if an earlier path of this walk
    /// already led to it (one of the two passes through a symbolic link).
    fn again(&mut self, e: &walkdir::DirEntry, root: &Path) -> Option<Walked> {
        let id = crate::osfs::DirId::of(e.path())?;
        let display = shown(e.path(), root);
        let first = match self.dirs.entry(id) {
            Entry::Vacant(v) => {
                v.insert(display);
                return None;
            }
            Entry::Occupied(o) => o.get().clone(),
        };
        let d = Diagnostic::error(
            Code::Io,
            format!("`{display}` is the directory `{first}` again, through a symbolic link"),
        )
        .help("each directory is read once: remove the symbolic link that leads to it a second time, or copy the directory");
        Some(Walked::Problem(display, d))
    }
}

fn walk_error(e: &walkdir::Error, path: &str, root: &Path) -> Diagnostic {
    if let Some(ancestor) = e.loop_ancestor() {
        return Diagnostic::error(
            Code::Io,
            format!(
                "`{path}` is a symbolic link to `{}`, a directory it is itself in",
                shown(ancestor, root)
            ),
        )
        .help("remove the link, or point it at a directory outside its own parents: following it would never end");
    }
    let help = match e.io_error().map(std::io::Error::kind) {
        Some(std::io::ErrorKind::NotFound) => {
            "it is a symbolic link to nothing: point it at an existing file, or remove it"
        }
        _ if e.io_error().is_some_and(sitefs::is_link_loop) => {
            "it is a symbolic link that leads back to itself: point it at a real file, or remove it"
        }
        Some(std::io::ErrorKind::PermissionDenied) => {
            "make it readable for the user running konzept (e.g. `chmod a+rX`)"
        }
        _ => "check that it exists and is readable",
    };
    let mut d = Diagnostic::error(Code::Io, format!("cannot read {path}")).help(help);
    if let Some(io) = e.io_error() {
        d = d.source(std::io::Error::new(io.kind(), io.to_string()));
    }
    d
}

/// A path as the editor knows it: relative to the site's directory.
/// Names that are not UTF-8 and control characters are escaped.
fn shown(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    escaped(slash_path(rel).as_encoded_bytes())
}

/// A relative path with `/` between its parts (lossless for the UTF-8
/// names [`walk`] lets through).
fn slash_path(rel: &Path) -> std::ffi::OsString {
    let mut out = std::ffi::OsString::new();
    for (i, c) in rel.components().enumerate() {
        if i > 0 {
            out.push("/");
        }
        out.push(c.as_os_str());
    }
    out
}

fn is_editor_temp(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name.starts_with('#')
}
