//! The few file-system calls whose means differ between Unix and Windows,
//! each with one promise on both (docs/design.md § Trust, docs/deploy.md §
//! Windows). The rest of konzept calls these and never `std::os::unix`,
//! `std::os::windows` or `rustix` itself.
//!
//! | promise | Unix | Windows |
//! |---|---|---|
//! | [`open`]: a link at the path's end is not followed, a pipe or device does not block | `O_NOFOLLOW`, `O_NONBLOCK`, `O_NOCTTY` | `FILE_FLAG_OPEN_REPARSE_POINT` (symbolic links and junctions are opened as themselves) and refused after the open; no pipes or devices live in a directory |
//! | [`lock`]: one build per output directory | `flock` | `LockFileEx` (the standard library's `File::lock`) |
//! | [`exchange`]: the new output swapped in atomically | `renameat2(RENAME_EXCHANGE)` | none: `Unsupported`, and the caller makes two renames, with a short moment without an output directory (never a half-written one) |
//! | [`DirId`]: a directory's identity, to read each once | device and inode | the path with every link and junction resolved |
//! | [`is_link_loop`]: a chain of links that never ends | `ELOOP` | `ERROR_CANT_RESOLVE_FILENAME` |
//!
//! A leaf module: it knows nothing of konzept.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Opens `path` with `options` (read, write, create as the caller sets
/// them) without following a symbolic link (or, on Windows, a junction or
/// other reparse point) at its end, and without blocking on a FIFO or
/// device: such a file is refused or opened as itself, so the caller's
/// `metadata().is_file()` check sees what it is.
pub fn open(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY;
        options.custom_flags(flags.bits() as i32).open(path)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::{MetadataExt, OpenOptionsExt};
        /// Opens a reparse point itself, not what it points to.
        const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
        /// Lets a directory be opened, so it is reported as a directory.
        const FILE_FLAG_BACKUP_SEMANTICS: u32 = 0x0200_0000;
        const FILE_ATTRIBUTE_REPARSE_POINT: u32 = 0x0400;
        let file = options
            .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS)
            .open(path)?;
        if file.metadata()?.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0 {
            return Err(io::Error::other(
                "it is a symbolic link or junction, which is not followed here",
            ));
        }
        Ok(file)
    }
}

/// Takes an exclusive lock on `file`, released when it is closed (or the
/// process ends); calls `waiting` first if another process holds it.
pub fn lock(file: &File, waiting: impl FnOnce()) -> io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::fs::FlockOperation;
        match rustix::fs::flock(file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => Ok(()),
            Err(rustix::io::Errno::WOULDBLOCK) => {
                waiting();
                Ok(rustix::fs::flock(file, FlockOperation::LockExclusive)?)
            }
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(windows)]
    {
        match file.try_lock() {
            Ok(()) => Ok(()),
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting();
                file.lock()
            }
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

/// Exchanges the directories `a` and `b` in one step. `Unsupported` where
/// the system or file system has no such call: the caller renames twice.
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::fs::{CWD, RenameFlags};
        Ok(rustix::fs::renameat_with(
            CWD,
            a,
            CWD,
            b,
            RenameFlags::EXCHANGE,
        )?)
    }
    #[cfg(windows)]
    {
        let _ = (a, b);
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// Removes a file or a link (to a file or a directory; on Windows a
/// directory link or junction is removed as a directory), never what a
/// link points to.
pub fn remove_entry(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e)
            if cfg!(windows) && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) =>
        {
            std::fs::remove_dir(path).map_err(|_| e)
        }
        other => other,
    }
}

/// Whether an I/O error says a chain of symbolic links never ends.
pub fn is_link_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(windows)]
    {
        /// ERROR_CANT_RESOLVE_FILENAME: too many links on the way.
        const CANT_RESOLVE: i32 = 1921;
        e.raw_os_error() == Some(CANT_RESOLVE)
    }
}

/// A directory's identity: two paths to one directory (through links)
/// have the same.
#[cfg(unix)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DirId(u64, u64);

/// A directory's identity: two paths to one directory (through links or
/// junctions) have the same.
#[cfg(windows)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DirId(std::path::PathBuf);

impl DirId {
    /// The identity of the directory at `path` (links followed), if it
    /// can be read.
    pub fn of(path: &Path) -> Option<DirId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(DirId(meta.dev(), meta.ino()))
        }
        #[cfg(windows)]
        {
            // The volume serial and file index would be the exact
            // equivalent, but their accessors are not stable Rust; the
            // final path names the same directory the same way.
            Some(DirId(path.canonicalize().ok()?))
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn open_refuses_a_link_and_does_not_block_on_a_fifo() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "a").expect("write");
        let link = dir.path().join("b.txt");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        assert!(open(File::options().read(true), &file).is_ok());
        let err = open(File::options().read(true), &link).expect_err("a link");
        assert!(is_link_loop(&err), "{err}");
        let fifo = dir.path().join("fifo");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .expect("mkfifo");
        let opened = open(File::options().read(true), &fifo).expect("opened at once");
        assert!(!opened.metadata().expect("metadata").is_file());
    }

    #[test]
    fn a_directory_has_one_identity_through_a_link() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let real = dir.path().join("real");
        std::fs::create_dir(&real).expect("mkdir");
        std::os::unix::fs::symlink(&real, dir.path().join("alias")).expect("link");
        let id = DirId::of(&real).expect("identity");
        assert_eq!(DirId::of(&dir.path().join("alias")), Some(id));
        assert_ne!(DirId::of(dir.path()), DirId::of(&real));
    }
}
