//! What a build may do to its output directory (docs/design.md § Trust): one
//! build at a time per output directory ([`OutputLock`]), never through a
//! symbolic link ([`refuse_link`]), and delete only what konzept created
//! ([`Manifest`]).
//!
//! The swap replaces the whole output directory, so every file in it is
//! deleted by the next build: before anything changes, each file and
//! directory in it must be one the previous build listed in its manifest.
//! A `CNAME` or a `keep-me.txt` put there by hand, or a deploy directory
//! passed as `--out`, stops the build instead of disappearing.

use std::collections::HashSet;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};

/// The manifest's name in the output directory: every path a build wrote.
pub const MANIFEST: &str = ".konzept-manifest";

/// The first line of a manifest, so a file of that name konzept did not
/// write is not taken for one.
const HEADER: &str = "# konzept: files of this build; the next build replaces exactly these";

/// The largest manifest read: room for 400,000 paths of 40 bytes. Each
/// line becomes an entry of a set, which takes many times the line's
/// bytes in memory, so the bound is far below what a forged manifest of
/// short lines would need to exhaust memory (docs/speed.md).
const MANIFEST_LIMIT: u64 = 16 * 1024 * 1024;

/// How many foreign paths a refusal names.
const SHOWN: usize = 5;

/// An exclusive lock on the output directory, held from before the first
/// check until after the swap: a second build into the same directory
/// waits (and says so), so no build removes another's staging directory
/// or swaps over it. Released when dropped (or when the process dies).
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Takes the lock for `out` (the file `.<name>.konzept.lock` beside it),
    /// waiting for another build to finish if needed.
    pub fn take(out: &Path) -> Result<OutputLock, Diagnostic> {
        let (parent, name) = parent_and_name(out)?;
        let path = parent.join(format!(".{name}.konzept.lock"));
        // Never through a symbolic link (a cloned site may hold one by this
        // name, pointing anywhere: opening it would create or open that
        // file) nor a FIFO or device.
        let file = crate::osfs::open(
            File::options()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false),
            &path,
        )
        .map_err(|e| cannot_lock(&path, e))?;
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Err(cannot_lock(&path, io::ErrorKind::InvalidInput.into()));
        }
        crate::osfs::lock(&file, || {
            eprintln!(
                "waiting for another build into {} to finish",
                shown(out).display()
            );
        })
        .map_err(|e| cannot_lock(&path, e))?;
        Ok(OutputLock { _file: file })
    }
}

fn cannot_lock(path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("cannot lock {}", path.display()))
        .help("konzept keeps this regular file beside the output directory so that only one build writes into it at a time; if it is a symbolic link or not a file, remove it; else check that the directory is writable")
        .source(e)
}

/// The output directory's parent (created if missing) and its own name.
pub(super) fn parent_and_name(out: &Path) -> Result<(PathBuf, String), Diagnostic> {
    let name = out
        .file_name()
        .ok_or_else(|| super::usage(format!("`{}` cannot be an output directory", out.display())))?
        .to_string_lossy()
        .into_owned();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .map_err(|e| super::io_error(format!("cannot create {}", parent.display()), e))?;
    Ok((parent, name))
}

/// The output directory as the editor gave it, without a leading `./` or a
/// trailing `/`.
fn shown(out: &Path) -> PathBuf {
    let plain: PathBuf = out.components().collect();
    match plain.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => plain,
    }
}

/// Refuses an output directory that is a symbolic link: the swap replaces
/// the name, and the previous tree behind it is deleted, so a link to a
/// deploy directory would have its target emptied.
pub fn refuse_link(out: &Path) -> Result<(), Diagnostic> {
    // Without a trailing `/` or `/.`, which would make lstat follow the link.
    let plain: PathBuf = out.components().collect();
    if std::fs::symlink_metadata(&plain).is_ok_and(|m| m.file_type().is_symlink()) {
        let target = std::fs::read_link(&plain)
            .map(|t| format!(" (to `{}`)", t.display()))
            .unwrap_or_default();
        return Err(Diagnostic::error(
            Code::Io,
            format!(
                "refusing to write into `{}`: it is a symbolic link{target}",
                shown(out).display()
            ),
        )
        .help("pass the real directory with `--out`, or build into `public/` and copy from there: konzept replaces the output directory whole"));
    }
    Ok(())
}

/// The paths a build wrote, as listed in the output directory.
#[derive(Debug, Default)]
pub struct Manifest {
    files: HashSet<String>,
}

impl Manifest {
    /// The text of a manifest listing `paths` (sorted, one per line).
    pub fn text(mut paths: Vec<String>) -> String {
        paths.sort_unstable();
        let mut out = String::from(HEADER);
        out.push('\n');
        for p in paths {
            out.push_str(&p);
            out.push('\n');
        }
        out
    }

    /// Refuses to replace `out` if it holds anything the previous build
    /// did not write (or has no manifest and is not empty). A missing `out`
    /// is fine.
    pub fn check(out: &Path) -> Result<(), Diagnostic> {
        let Ok(entries) = std::fs::read_dir(out) else {
            return Ok(());
        };
        let path = out.join(MANIFEST);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() > MANIFEST_LIMIT) {
            return Err(Diagnostic::error(
                Code::Limit,
                format!(
                    "refusing to replace `{}`: its {MANIFEST} is larger than {} MiB",
                    shown(out).display(),
                    MANIFEST_LIMIT >> 20
                ),
            )
            .help("konzept did not write a manifest this large: move what you want to keep elsewhere and delete the directory, or choose another directory with `--out`"));
        }
        let manifest = match read_manifest(&path) {
            Some(text) if text.starts_with(HEADER) => Manifest {
                files: text.lines().skip(1).map(str::to_owned).collect(),
            },
            _ if entries.into_iter().next().is_none() => return Ok(()),
            _ => return Err(unknown_directory(out)),
        };
        let dirs: HashSet<&str> = manifest
            .files
            .iter()
            .flat_map(|f| f.match_indices('/').map(move |(i, _)| &f[..i]))
            .collect();
        let mut foreign = Vec::new();
        manifest.foreign(out, "", &dirs, &mut foreign);
        if foreign.is_empty() {
            return Ok(());
        }
        foreign.sort();
        Err(foreign_files(out, &foreign))
    }

    /// Collects the entries below `dir` (`prefix` is its path in the
    /// output) that are neither listed nor a listed file's directory. Never
    /// follows a symbolic link.
    fn foreign(&self, dir: &Path, prefix: &str, dirs: &HashSet<&str>, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = format!("{prefix}{name}");
            if rel == MANIFEST {
                continue;
            }
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && dirs.contains(rel.as_str()) {
                self.foreign(&entry.path(), &format!("{rel}/"), dirs, out);
            } else if is_dir || !self.files.contains(&rel) {
                out.push(if is_dir { format!("{rel}/") } else { rel });
            }
        }
    }
}

/// The manifest's text, if it is a regular file (not a link, FIFO or
/// device: the output directory may come from a clone) of sane size.
fn read_manifest(path: &Path) -> Option<String> {
    use std::io::Read;
    let file = crate::osfs::open(File::options().read(true), path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut text = String::new();
    file.take(MANIFEST_LIMIT).read_to_string(&mut text).ok()?;
    Some(text)
}

fn unknown_directory(out: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::Io,
        format!(
            "refusing to replace `{}`: it is not empty and konzept did not build it (it has no {MANIFEST})",
            shown(out).display()
        ),
    )
    .help("move what you want to keep elsewhere and delete the directory (once, for a site built by an older konzept), or choose another directory with `--out`")
}

fn foreign_files(out: &Path, foreign: &[String]) -> Diagnostic {
    let mut list: Vec<String> = foreign
        .iter()
        .take(SHOWN)
        .map(|f| format!("`{f}`"))
        .collect();
    if foreign.len() > SHOWN {
        list.push(format!("and {} more", foreign.len() - SHOWN));
    }
    Diagnostic::error(
        Code::Io,
        format!(
            "refusing to replace `{}`: it holds files konzept did not write: {}",
            shown(out).display(),
            list.join(", ")
        ),
    )
    .help("the next build replaces the whole directory: move these files away; a file the site needs (e.g. a `CNAME`) belongs in `content/` or the theme's `static/`")
}
