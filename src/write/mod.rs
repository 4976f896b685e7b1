//! Write: the rendered [`Output`] into a staging directory beside the output
//! directory, then swapped in whole.
//!
//! A failed or killed build never leaves a half-written output: until the
//! swap, the old output is untouched; the swap is one `renameat2(EXCHANGE)`
//! where the filesystem supports it (else two renames). Leftover staging
//! directories of killed builds are removed by the next build.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::render::Output;

/// Writes `output` to `out` atomically.
pub fn commit(output: &Output, out: &Path) -> Result<(), Diagnostics> {
    let result = (|| -> Result<(), Diagnostic> {
        let parent = parent_of(out)?;
        let name = out
            .file_name()
            .ok_or_else(|| usage(format!("`{}` cannot be an output directory", out.display())))?
            .to_string_lossy()
            .into_owned();
        clean_leftovers(&parent, &name);
        let staging = parent.join(format!(".{name}.konzept-staging-{}", std::process::id()));
        let written = write_tree(output, &staging);
        if let Err(e) = written {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
        swap(&staging, out).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staging);
            io_error(
                format!("cannot move the new site into {}", out.display()),
                e,
            )
        })
    })();
    result.map_err(|d| Diagnostics::from_iter([d]))
}

fn parent_of(out: &Path) -> Result<PathBuf, Diagnostic> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .map_err(|e| io_error(format!("cannot create {}", parent.display()), e))?;
    Ok(parent)
}

/// Refuses output directories whose replacement would destroy something
/// that is not a built site: the site's directory or anything above it, its
/// `content/`, `i18n/` or `themes/` (or anything inside them), a directory
/// holding sources or a repository, and a non-empty directory without an
/// `index.html` (konzept's output always has one).
pub fn check_target(out: &Path, root: &Path) -> Result<(), Diagnostic> {
    let root = resolved(root);
    let target = resolved(out);
    let shown = out.components().collect::<PathBuf>();
    let refuse = |why: &str| {
        Err(usage(format!(
            "refusing to replace `{}`: {why}",
            shown.display()
        )))
    };
    if std::fs::symlink_metadata(&target).is_ok_and(|m| !m.is_dir()) {
        return refuse("it is a file, not a directory");
    }
    if root.starts_with(&target) {
        return refuse("it contains the site's own sources");
    }
    if ["content", "i18n", "themes", "site.yaml"]
        .iter()
        .any(|d| target.starts_with(root.join(d)))
    {
        return refuse("it is part of the site's sources");
    }
    if ["site.yaml", "content", ".git", "Cargo.toml"]
        .iter()
        .any(|f| target.join(f).exists())
    {
        return refuse("it holds a site's sources or a repository");
    }
    let non_empty = std::fs::read_dir(&target).is_ok_and(|mut d| d.next().is_some());
    if non_empty && !target.join("index.html").exists() {
        return refuse(
            "it is not empty and does not look like a site konzept built (no index.html); empty or delete it first",
        );
    }
    Ok(())
}

/// The absolute path with symbolic links and `..` resolved as far as it exists.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => resolved(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })
        .join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

fn clean_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.konzept-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let out = parent.join(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        // Only directories are ours; a file of that name is left alone.
        if !file_name.starts_with(&prefix) || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        // A build killed between the two renames of the fallback swap left
        // the previous site here and none at `out`: put it back.
        if file_name.ends_with("-old")
            && !out.exists()
            && std::fs::rename(entry.path(), &out).is_ok()
        {
            continue;
        }
        log::debug!(
            "removing {} left by an interrupted build",
            entry.path().display()
        );
        let _ = std::fs::remove_dir_all(entry.path());
    }
}

fn write_tree(output: &Output, staging: &Path) -> Result<(), Diagnostic> {
    if staging.exists() {
        std::fs::remove_dir_all(staging)
            .map_err(|e| io_error(format!("cannot remove {}", staging.display()), e))?;
    }
    let mut dirs: Vec<PathBuf> = output
        .files
        .keys()
        .chain(output.copies.keys())
        .filter_map(|p| Path::new(p).parent().map(|d| staging.join(d)))
        .collect();
    dirs.push(staging.to_path_buf());
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        std::fs::create_dir_all(dir)
            .map_err(|e| io_error(format!("cannot create {}", dir.display()), e))?;
    }
    output.files.par_iter().try_for_each(|(rel, bytes)| {
        let path = staging.join(rel);
        std::fs::write(&path, bytes)
            .map_err(|e| io_error(format!("cannot write {}", path.display()), e))
    })?;
    output.copies.par_iter().try_for_each(|(rel, source)| {
        let path = staging.join(rel);
        std::fs::copy(source, &path).map(|_| ()).map_err(|e| {
            io_error(
                format!("cannot copy {} to {}", source.display(), path.display()),
                e,
            )
        })
    })
}

/// Puts `staging` in place of `out`. With an existing `out`, the two are
/// exchanged atomically and the old tree (now at `staging`) is removed.
fn swap(staging: &Path, out: &Path) -> io::Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out);
    }
    match rustix::fs::renameat_with(
        rustix::fs::CWD,
        staging,
        rustix::fs::CWD,
        out,
        rustix::fs::RenameFlags::EXCHANGE,
    ) {
        Ok(()) => {}
        Err(_) => {
            // No RENAME_EXCHANGE (some filesystems): two renames, with a short
            // window in which `out` is missing but never half-written.
            let old = PathBuf::from(format!("{}-old", staging.display()));
            std::fs::rename(out, &old)?;
            if let Err(e) = std::fs::rename(staging, out) {
                // Put the previous site back before reporting.
                std::fs::rename(&old, out)?;
                return Err(e);
            }
            return std::fs::remove_dir_all(&old);
        }
    }
    std::fs::remove_dir_all(staging)
}

fn io_error(message: String, e: io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, message)
        .help("check that the output directory's parent is writable and the disk is not full")
        .source(e)
}

fn usage(message: String) -> Diagnostic {
    Diagnostic::error(Code::Io, message).help("choose another directory with `--out`")
}
