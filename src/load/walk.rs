//! Walking a directory of the site: every regular file in sorted order, and
//! in their place the things that cannot be read (loops, dangling links,
//! FIFOs), each as a diagnostic. Reads directories, never file contents.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Code, Diagnostic};

/// A file found by [`walk`], or a problem found in its place.
pub(super) enum Walked {
    /// A regular file.
    File {
        /// Where it is.
        abs: PathBuf,
        /// `/`-path relative to the walked directory.
        rel: String,
    },
    /// Something that cannot be read, with the path shown to the editor.
    Problem(String, Diagnostic),
}

/// Every file below `dir`, sorted; hidden files and directories are
/// skipped (logged at debug level). Symbolic links are followed; a link back
/// into its own ancestors, a link to nothing and anything that is not a
/// regular file (a FIFO would block the read forever) are problems, in their
/// place in the order. `root` is the site's directory, for the paths shown.
pub(super) fn walk(dir: &Path, root: &Path) -> Vec<Walked> {
    let mut out = Vec::new();
    let walker = WalkDir::new(dir)
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
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => {
                let rel = slash_path(
                    e.path()
                        .strip_prefix(dir)
                        .expect("walkdir yields paths below its root"),
                );
                if is_editor_temp(&rel) {
                    log::debug!("skipping editor temporary file {rel}");
                    continue;
                }
                if !e.file_type().is_file() {
                    let display = shown(e.path(), root);
                    let d = Diagnostic::error(
                        Code::Io,
                        format!("`{display}` is not a regular file"),
                    )
                    .help("it is a pipe, socket or device; move it out of the site's directories");
                    out.push(Walked::Problem(display, d));
                    continue;
                }
                out.push(Walked::File {
                    abs: e.path().to_path_buf(),
                    rel,
                });
            }
            Err(e) => {
                let display = e.path().map(|p| shown(p, root)).unwrap_or_default();
                let d = walk_error(&e, &display, root);
                out.push(Walked::Problem(display, d));
            }
        }
    }
    out
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
        _ if e.io_error().is_some_and(is_link_loop) => {
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

/// Whether an I/O error is ELOOP: a chain of symbolic links that never ends.
pub(super) fn is_link_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// A path as the editor knows it: relative to the site's directory.
fn shown(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .map_or_else(|_| path.display().to_string(), slash_path)
}

fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn is_editor_temp(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name.starts_with('#')
}
