//! The site's directory as a boundary (docs/design.md § Trust): every input
//! of a build (`site.yaml`, content, UI strings, theme files, and the assets
//! copied at write time or served by `serve`) is opened through here, and
//! only if it resolves inside the site's directory.
//!
//! A site is untrusted: a symbolic link `content/adressen.txt →
//! /etc/passwd` (or `/proc/self/environ`) must not publish, serve or quote
//! the file it points to, and a FIFO must not block a build. On Linux the
//! file is opened with `openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS)`
//! relative to the site's directory, so the kernel refuses any path that
//! leaves it, at the moment of the open (a link swapped in after the walk
//! is caught too); elsewhere (macOS, Windows), or where `openat2` is
//! missing, the resolved path (symbolic links and Windows junctions
//! resolved) must start with the resolved site directory, and the file is
//! opened without following a link swapped in since (`osfs::open`). Either way the file
//! is opened non-blocking and anything but a regular file is refused
//! before a byte is read. Symbolic links that stay inside the site work.
//!
//! A leaf module: it knows `diag` and nothing of the stages.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Code, Diagnostic};

/// A file below the site's directory, readable only through
/// [`SiteFile::read`] (so a symbolic link leading outside is never followed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    root: Arc<Path>,
    rel: PathBuf,
}

impl SiteFile {
    /// The file `rel` (relative to `root`, the site's directory).
    pub fn new(root: Arc<Path>, rel: impl Into<PathBuf>) -> SiteFile {
        SiteFile {
            root,
            rel: rel.into(),
        }
    }

    /// The path relative to the site's directory.
    pub fn rel(&self) -> &Path {
        &self.rel
    }

    /// The path as the operating system sees it (for metadata and logs).
    pub fn path(&self) -> PathBuf {
        self.root.join(&self.rel)
    }

    /// Reads the whole file, if it is a regular file inside the site.
    pub fn read(&self) -> Result<Vec<u8>, Refusal> {
        read(&self.root, &self.rel)
    }
}

/// Why a file of the site was not read.
#[derive(Debug)]
pub enum Refusal {
    /// It resolves outside the site's directory; `link` is what the
    /// symbolic link at its own path says, if it is one.
    Outside {
        /// The link's target as written in the link.
        link: Option<PathBuf>,
    },
    /// It resolves to a hidden path of the site (`.git/config`, `.env`):
    /// never published, as the walk skips those (a CI checkout keeps its
    /// token in `.git/config`).
    Hidden {
        /// The hidden part of the resolved path (`.git`).
        part: String,
    },
    /// It is a pipe, socket or device: reading it could block or never end.
    NotRegular,
    /// It cannot be opened or read (missing, a directory, no permission, a
    /// link loop).
    Io(io::Error),
}

impl Refusal {
    /// The error for the editor; `shown` is the path relative to the site.
    pub fn diagnostic(self, shown: &str) -> Diagnostic {
        match self {
            Refusal::Outside { link } => outside(shown, link.as_deref(), "file"),
            Refusal::Hidden { part } => hidden(shown, &part),
            Refusal::NotRegular => not_regular(shown),
            Refusal::Io(e) => unreadable(shown, e),
        }
    }
}

/// The error for a path that leads outside the site's directory: `what` is
/// `file` or `directory`. The link's target is named (so the editor knows
/// which one), never read.
pub fn outside(shown: &str, link: Option<&Path>, what: &str) -> Diagnostic {
    let message = match link {
        Some(_) => {
            format!("`{shown}` is a symbolic link to a {what} outside the site's directory")
        }
        None => format!("`{shown}` leads outside the site's directory through a symbolic link"),
    };
    let target = link.map_or_else(String::new, |l| {
        format!(
            "it points to `{}`; ",
            escaped(l.as_os_str().as_encoded_bytes())
        )
    });
    Diagnostic::error(Code::OutsideSite, message).help(format!(
        "{target}copy the {what} into the site instead: konzept reads nothing outside the site's directory"
    ))
}

/// The error for a symbolic link into a hidden part of the site.
pub fn hidden(shown: &str, part: &str) -> Diagnostic {
    Diagnostic::error(
        Code::OutsideSite,
        format!("`{shown}` is a symbolic link into `{}`, a hidden part of the site", escaped(part.as_bytes())),
    )
    .help("hidden files and directories (`.git`, `.env`) are never published: copy the file you mean into the site instead")
}

/// The first hidden component (`.git`) of `real` below `real_root` (both
/// with their links resolved), if any.
pub fn hidden_part(real: &Path, real_root: &Path) -> Option<String> {
    real.strip_prefix(real_root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .find(|c| c.starts_with('.'))
        .map(|c| c.into_owned())
}

/// The error for a pipe, socket or device in the site's directories.
pub fn not_regular(shown: &str) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("`{shown}` is not a regular file"))
        .help("it is a pipe, socket or device; move it out of the site's directories")
}

fn unreadable(shown: &str, e: io::Error) -> Diagnostic {
    let help = match e.kind() {
        io::ErrorKind::NotFound => {
            "it is a symbolic link to nothing: point it at an existing file, or remove it"
        }
        io::ErrorKind::IsADirectory => {
            "it is a directory (or a link to one), not a file: rename it, or remove it"
        }
        io::ErrorKind::PermissionDenied => {
            "make the file readable for the user running konzept (e.g. `chmod a+r`)"
        }
        _ if is_link_loop(&e) => {
            "it is a symbolic link that leads back to itself: point it at a real file, or remove it"
        }
        _ => "check that the file exists, is a regular file and is readable",
    };
    Diagnostic::error(Code::Io, format!("cannot read {shown}"))
        .help(help)
        .source(e)
}

/// Whether an I/O error is ELOOP: a chain of symbolic links that never ends.
pub fn is_link_loop(e: &io::Error) -> bool {
    crate::osfs::is_link_loop(e)
}

/// Reads `rel` below `root` if it resolves inside `root` and is a regular
/// file (see the module documentation).
pub fn read(root: &Path, rel: &Path) -> Result<Vec<u8>, Refusal> {
    let mut file = open(root, rel)?;
    // Where the open really led (the kernel's name for the open file, so
    // no second resolution that a swapped link could change).
    let real = opened_path(&file).or_else(|| root.join(rel).canonicalize().ok());
    if let (Some(real), Ok(real_root)) = (real, root.canonicalize())
        && let Some(part) = hidden_part(&real, &real_root)
    {
        return Err(Refusal::Hidden { part });
    }
    let meta = file.metadata().map_err(Refusal::Io)?;
    if meta.is_dir() {
        return Err(Refusal::Io(io::ErrorKind::IsADirectory.into()));
    }
    if !meta.is_file() {
        return Err(Refusal::NotRegular);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(Refusal::Io)?;
    Ok(bytes)
}

/// Whether `path` (absolute or relative to the working directory) resolves
/// inside `real_root`, the site's directory with its links resolved.
/// `None` if it cannot be resolved (a link to nothing, a loop).
pub fn is_inside(path: &Path, real_root: &Path) -> Option<bool> {
    Some(path.canonicalize().ok()?.starts_with(real_root))
}

/// The path of an open file, from `/proc/self/fd` (Linux).
#[cfg(target_os = "linux")]
fn opened_path(file: &File) -> Option<PathBuf> {
    use std::os::fd::AsRawFd;
    std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
}

/// Elsewhere the caller resolves the path once more.
#[cfg(not(target_os = "linux"))]
fn opened_path(_file: &File) -> Option<PathBuf> {
    None
}

#[cfg(target_os = "linux")]
fn open(root: &Path, rel: &Path) -> Result<File, Refusal> {
    use rustix::fs::{Mode, OFlags, ResolveFlags};
    let dir = rustix::fs::open(
        root,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| Refusal::Io(e.into()))?;
    let opened = rustix::fs::openat2(
        &dir,
        rel,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY,
        Mode::empty(),
        ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS,
    );
    match opened {
        Ok(fd) => Ok(File::from(fd)),
        // No openat2 (kernel before 5.6, or a seccomp filter that hides
        // it): the portable check below.
        Err(rustix::io::Errno::NOSYS | rustix::io::Errno::PERM) => open_checked(root, rel),
        Err(rustix::io::Errno::XDEV) => Err(leaving(&root.join(rel))),
        Err(e) => Err(Refusal::Io(e.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn open(root: &Path, rel: &Path) -> Result<File, Refusal> {
    open_checked(root, rel)
}

/// Resolves the path, checks it is below the resolved root, and opens the
/// resolved path without following a link at its end (on Windows, neither
/// a symbolic link nor a junction: `canonicalize` resolves both).
fn open_checked(root: &Path, rel: &Path) -> Result<File, Refusal> {
    let path = root.join(rel);
    let real = path.canonicalize().map_err(Refusal::Io)?;
    let real_root = root.canonicalize().map_err(Refusal::Io)?;
    if !real.starts_with(&real_root) {
        return Err(leaving(&path));
    }
    crate::osfs::open(File::options().read(true), &real).map_err(Refusal::Io)
}

/// The refusal for a path the kernel (or the check) found leaving the
/// site. A link to nothing outside stays "a link to nothing": the fix is
/// the same as for any dangling link.
fn leaving(path: &Path) -> Refusal {
    if std::fs::metadata(path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound) {
        return Refusal::Io(io::ErrorKind::NotFound.into());
    }
    Refusal::Outside {
        link: std::fs::read_link(path).ok(),
    }
}

/// Bytes of a path as text for messages: UTF-8 as is, control characters
/// and bidi overrides as the diagnostics show them (`\u{1b}`), bytes that
/// are not UTF-8 as `\xfc`, so a name can neither hide nor drive the
/// terminal.
pub fn escaped(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(&crate::diag::escape_line(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temporary directory");
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/sub")).expect("mkdir");
        std::fs::write(root.join("content/a.txt"), "drinnen").expect("write");
        std::fs::write(dir.path().join("geheim.txt"), "draußen").expect("write");
        (dir, root)
    }

    #[test]
    fn links_inside_the_site_are_followed() {
        let (_dir, root) = site();
        symlink("../a.txt", root.join("content/sub/b.txt")).expect("link");
        symlink("sub", root.join("content/dir")).expect("link");
        assert_eq!(
            read(&root, Path::new("content/sub/b.txt")).expect("read"),
            b"drinnen"
        );
        assert!(read(&root, Path::new("content/dir/b.txt")).is_ok());
    }

    #[test]
    fn links_leading_outside_are_refused() {
        let (dir, root) = site();
        symlink(dir.path().join("geheim.txt"), root.join("content/abs.txt")).expect("link");
        symlink("../../geheim.txt", root.join("content/rel.txt")).expect("link");
        symlink(dir.path(), root.join("content/out")).expect("link");
        symlink("/proc/self/environ", root.join("content/env.txt")).expect("link");
        for rel in [
            "content/abs.txt",
            "content/rel.txt",
            "content/out/geheim.txt",
        ] {
            assert!(
                matches!(read(&root, Path::new(rel)), Err(Refusal::Outside { .. })),
                "{rel} was read"
            );
        }
        assert!(read(&root, Path::new("content/env.txt")).is_err());
        std::fs::create_dir(root.join(".git")).expect("mkdir");
        std::fs::write(root.join(".git/config"), "token").expect("write");
        symlink("../.git/config", root.join("content/config.txt")).expect("link");
        assert!(matches!(
            read(&root, Path::new("content/config.txt")),
            Err(Refusal::Hidden { part }) if part == ".git"
        ));
        assert!(read(&root, Path::new("../geheim.txt")).is_err());
        assert!(open_checked(&root, Path::new("content/rel.txt")).is_err());
    }

    #[test]
    fn fifos_and_directories_are_refused_without_blocking() {
        let (_dir, root) = site();
        rustix::fs::mknodat(
            rustix::fs::CWD,
            root.join("content/pipe"),
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .expect("mkfifo");
        assert!(matches!(
            read(&root, Path::new("content/pipe")),
            Err(Refusal::NotRegular)
        ));
        assert!(matches!(
            read(&root, Path::new("content/sub")),
            Err(Refusal::Io(e)) if e.kind() == io::ErrorKind::IsADirectory
        ));
    }

    #[test]
    fn escaped_shows_control_characters_and_bad_bytes() {
        assert_eq!(escaped(b"caf\xe9\x1b[2J.pdf"), "caf\\xe9\\u{1b}[2J.pdf");
        assert_eq!(escaped("Übersicht.pdf".as_bytes()), "Übersicht.pdf");
    }
}
