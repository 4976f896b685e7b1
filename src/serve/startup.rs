//! Why `serve` cannot start: the runtime, the listening socket and the
//! file watcher, each as a [`Diagnostic`] with its cause and a fix.
//!
//! These problems belong to the machine, not to the site, so they name no
//! file; `cli` prints them like every other diagnostic and exits with 2.
//! A build that fails while serving is no startup problem: the server runs
//! and shows the build's diagnostics as its error page.

use std::io;
use std::net::SocketAddr;
use std::path::Path;

use crate::diag::{Code, Diagnostic};

/// The async runtime could not be built (no threads, no event queue).
pub(super) fn runtime(e: io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, "cannot start the server runtime")
        .help("the system refused konzept threads or an event queue: close other programs or raise the limits (`ulimit -u`, `ulimit -n`), then start again")
        .source(e)
}

/// The address could not be bound.
pub(super) fn listen(addr: SocketAddr, e: io::Error) -> Diagnostic {
    let help = match e.kind() {
        io::ErrorKind::AddrInUse => format!(
            "another program (perhaps another `konzept serve`) uses port {}: stop it, or choose another port with `--port` (`--port 0` picks a free one)",
            addr.port()
        ),
        io::ErrorKind::AddrNotAvailable => format!(
            "{} is not an address of this machine: leave out `--bind` to listen on 127.0.0.1",
            addr.ip()
        ),
        io::ErrorKind::PermissionDenied => format!(
            "port {} needs administrator rights: choose a port above 1023 with `--port`",
            addr.port()
        ),
        _ => "choose another port with `--port`, or another address with `--bind`".to_owned(),
    };
    Diagnostic::error(Code::Io, format!("cannot listen on {addr}"))
        .help(help)
        .source(e)
}

/// The bound socket could not say its address.
pub(super) fn local_addr(e: io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, "cannot read the address the server listens on")
        .help("start `konzept serve` again; if this repeats, choose another port with `--port`")
        .source(e)
}

/// A directory (or the whole site, `dir` being its root) cannot be
/// watched for changes.
pub(super) fn watch(
    dir: &Path,
    e: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("cannot watch {}", dir.display()))
        .help("check that the directory exists and is readable; on Linux, a large site may need more inotify watches (`sysctl fs.inotify.max_user_watches`)")
        .source(e)
}

/// The watcher itself could not be created.
pub(super) fn watcher(e: notify::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, "cannot watch files")
        .help("the system refused a file watcher: close other programs that watch many files, or raise the limit (`sysctl fs.inotify.max_user_instances` on Linux)")
        .source(e)
}
