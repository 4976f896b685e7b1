//! `konzept serve` against careless setups and hostile neighbours (issue
//! 15): a closed stdout, more reload streams than the cap while pages are
//! requested, a thousand idle connections, and `Host` names other than the
//! server's own (DNS rebinding). Every wait is on an event; the timeouts
//! only stop a broken test from hanging.
// The limits of open files these tests set are Unix's (setrlimit).
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use common::TestSite;

/// Long enough for a slow, shared CI machine; not a speed requirement.
const PATIENCE: Duration = Duration::from_secs(60);

/// The cap on reload streams (`MAX_STREAMS` in `src/serve/guard.rs`).
const MAX_STREAMS: usize = 64;

struct Server {
    child: Child,
    addr: String,
    stdout: Option<BufReader<std::process::ChildStdout>>,
    stderr: Option<ChildStderr>,
}

impl Server {
    /// `konzept serve --port 0 <extra>`, stdout and stderr piped; with
    /// `files`, the server's limit of open files (soft and hard) is set to
    /// it, as on a machine with the common default of 1,024.
    fn start(site: &TestSite, extra: &[&str], files: Option<u64>) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_konzept"));
        command
            .args(["serve", "--port", "0"])
            .args(extra)
            .current_dir(site.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(files) = files {
            limit_open_files(&mut command, files);
        }
        let mut child = command.spawn().expect("start konzept serve");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut addr = String::new();
        let mut line = String::new();
        while addr.is_empty() {
            line.clear();
            let n = stdout.read_line(&mut line).expect("read stdout");
            assert!(n > 0, "serve ended before listening");
            if let Some(rest) = line.strip_prefix("serving on http://") {
                addr = rest.split('/').next().expect("address").to_owned();
            }
        }
        Server {
            stderr: child.stderr.take(),
            child,
            addr,
            stdout: Some(stdout),
        }
    }

    /// Sends `request` on a new connection and reads until the server
    /// closes it: the status (`None`: closed without one) and the response.
    fn raw(&self, request: &str) -> (Option<u16>, String) {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        let _ = stream.write_all(request.as_bytes());
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        (status_of(&text), text)
    }

    /// A `GET` of `path` naming `host`, with `Connection: close`.
    fn get_as(&self, host: &str, path: &str) -> (Option<u16>, String) {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }

    /// A page as a browser on this machine asks for it.
    fn page(&self, path: &str) -> (Option<u16>, String) {
        self.get_as(&self.addr, path)
    }

    /// Opens a reload stream; the data lines it receives.
    fn events(&self) -> Receiver<String> {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        write!(
            stream,
            "GET /__konzept/reload HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.addr
        )
        .expect("send");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(data) = line.strip_prefix("data:")
                    && tx.send(data.trim().to_owned()).is_err()
                {
                    break;
                }
            }
        });
        rx
    }

    /// Waits, one reload event at a time, until `/de/impressum/` is served
    /// as `done` wants it (a patch is followed by more reload events, of
    /// pages rendered again after it, so one event is not enough).
    fn wait_until(
        &self,
        events: &Receiver<String>,
        what: &str,
        done: impl Fn(Option<u16>, &str) -> bool,
    ) {
        loop {
            events
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no reload showing {what:?}"));
            let (status, html) = self.page("/de/impressum/");
            if done(status, &html) {
                return;
            }
        }
    }

    /// Stops the server; what it printed on stderr.
    fn stop(mut self) -> String {
        assert!(
            self.child.try_wait().expect("wait").is_none(),
            "serve is no longer running"
        );
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut stderr = String::new();
        if let Some(mut s) = self.stderr.take() {
            let _ = s.read_to_string(&mut stderr);
        }
        stderr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn status_of(response: &str) -> Option<u16> {
    let rest = response
        .strip_prefix("HTTP/1.1 ")
        .or_else(|| response.strip_prefix("HTTP/1.0 "))?;
    rest.get(..3)?.parse().ok()
}

/// Sets the child's limit of open files (soft and hard) before it starts.
fn limit_open_files(command: &mut Command, files: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: between fork and exec the closure calls only setrlimit, which
    // is async-signal-safe, on a struct it owns.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: files,
                rlim_max: files,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Raises this test process's own limit of open files to its hard limit,
/// for the thousand connections it opens.
fn raise_own_open_files() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write `limit`.
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit), 0);
        limit.rlim_cur = limit.rlim_max;
        libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
    }
}

#[test]
fn serve_goes_on_after_its_stdout_is_closed() {
    let site = TestSite::fixture("minimal");
    let mut server = Server::start(&site, &[], None);
    let events = server.events();
    // The reader of the output goes away (a pager quit, a closed panel).
    drop(server.stdout.take());
    for text in ["Erste Änderung.", "Zweite Änderung.", "Dritte Änderung."] {
        site.write(
            "content/impressum.md",
            &format!("---\ntitle: Impressum\n---\n{text}\n"),
        );
        server.wait_until(&events, text, |status, html| {
            status == Some(200) && html.contains(text)
        });
    }
    // A failed build prints its diagnostics, too.
    site.write("content/impressum.md", "---\ntitel: Impressum\n---\nx\n");
    server.wait_until(&events, "the broken edit", |status, _| status == Some(500));
    let stderr = server.stop();
    assert!(!stderr.contains("panicked"), "serve panicked:\n{stderr}");
}

/// Reads the status line and headers of a response that may stay open.
fn read_head(stream: &mut BufReader<TcpStream>) -> String {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        match stream.read_line(&mut line) {
            Ok(0) | Err(_) => return head,
            Ok(_) => {}
        }
        if line == "\r\n" {
            return head;
        }
        head.push_str(&line);
    }
}

#[test]
fn reload_streams_beyond_the_cap_get_503_and_pages_are_always_answered() {
    raise_own_open_files();
    let site = TestSite::fixture("minimal");
    // As on a machine with the common limit of 1,024 open files.
    let server = Server::start(&site, &[], Some(1024));
    let total = 1_100;
    let mut streams = Vec::with_capacity(total);
    for _ in 0..total {
        let mut stream = TcpStream::connect(&server.addr).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        write!(
            stream,
            "GET /__konzept/reload HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.addr
        )
        .expect("send");
        streams.push(BufReader::new(stream));
    }
    let mut open = Vec::new();
    let mut refused = 0;
    for mut stream in streams {
        let head = read_head(&mut stream);
        match status_of(&head) {
            Some(200) => open.push(stream),
            Some(503) => {
                assert!(
                    head.to_ascii_lowercase().contains("retry-after: "),
                    "{head}"
                );
                let mut rest = Vec::new();
                // The server closes the connection after the refusal.
                stream
                    .read_to_end(&mut rest)
                    .expect("closed, not timed out");
                refused += 1;
            }
            other => panic!("a reload stream got {other:?}:\n{head}"),
        }
    }
    assert_eq!(open.len(), MAX_STREAMS);
    assert_eq!(refused, total - MAX_STREAMS);
    for path in ["/de/", "/de/impressum/", "/__konzept/reload.js"] {
        assert_eq!(server.page(path).0, Some(200), "{path} with full streams");
    }
    // A closed tab frees its place.
    drop(open.pop());
    let reopened = (0..PATIENCE.as_secs()).any(|_| {
        let mut stream = TcpStream::connect(&server.addr).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        let request = format!(
            "GET /__konzept/reload HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.addr
        );
        stream.write_all(request.as_bytes()).expect("send");
        let ok = status_of(&read_head(&mut BufReader::new(stream))) == Some(200);
        if !ok {
            // The server notices the closed stream at its next write.
            std::thread::sleep(Duration::from_secs(1));
        }
        ok
    });
    assert!(reopened, "the place of a closed stream was not freed");
    let stderr = server.stop();
    assert!(!stderr.contains("panicked"), "serve panicked:\n{stderr}");
}

#[test]
fn a_thousand_idle_connections_do_not_keep_pages_from_being_answered() {
    raise_own_open_files();
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site, &[], Some(1024));
    let mut idle = Vec::new();
    for i in 0..1_100 {
        let mut stream = TcpStream::connect(&server.addr).expect("connect");
        if i % 2 == 0 {
            // Keep-alive after one answered request.
            write!(stream, "GET /de/ HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).expect("send");
        }
        // Else half-open: connected, nothing sent.
        idle.push(stream);
    }
    for path in ["/de/", "/de/impressum/", "/fr/"] {
        assert_eq!(server.page(path).0, Some(200), "{path} beside idle ones");
    }
    drop(idle);
    let stderr = server.stop();
    assert!(!stderr.contains("panicked"), "serve panicked:\n{stderr}");
}

#[test]
fn only_requests_naming_the_server_itself_are_answered() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site, &["--allow-host", "Vorschau.Intern"], None);
    let port = server.addr.rsplit(':').next().expect("a port").to_owned();
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        "evil.example.".to_owned(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("vorschau.intern.evil.example:{port}"),
        "::1".to_owned(),
    ] {
        let (status, text) = server.get_as(&host, "/de/impressum/");
        assert_eq!(status, Some(421), "Host: {host}\n{text}");
        assert!(text.contains("--allow-host"), "no hint for {host}:\n{text}");
        assert!(!text.contains("Impressum"), "{host} read the page");
        let (status, _) = server.get_as(&host, "/__konzept/reload");
        assert_eq!(status, Some(421), "reload stream for Host: {host}");
    }
    // An absolute target naming another host counts like its Host header.
    let (status, _) = server.raw(&format!(
        "GET http://evil.example/de/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    ));
    assert_eq!(status, Some(421), "absolute target");
    // Two Host headers, one of them foreign.
    let (status, _) = server.raw(&format!(
        "GET /de/ HTTP/1.1\r\nHost: {}\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
        server.addr
    ));
    assert!(
        status.is_some_and(|s| s == 400 || s == 421),
        "two Host headers: {status:?}"
    );
    for host in [
        server.addr.clone(),
        "127.0.0.1".to_owned(),
        format!("LOCALHOST:{port}"),
        format!("localhost.:{port}"),
        format!("vorschau.localhost:{port}"),
        format!("[::1]:{port}"),
        format!("vorschau.intern:{port}"),
        format!("VORSCHAU.INTERN.:{port}"),
    ] {
        let (status, text) = server.get_as(&host, "/de/impressum/");
        assert_eq!(status, Some(200), "Host: {host}\n{text}");
    }
    // HTTP/1.0 without Host: no browser sends that, so no rebinding.
    let (status, _) = server.raw("GET /de/impressum/ HTTP/1.0\r\n\r\n");
    assert_eq!(status, Some(200), "HTTP/1.0 without Host");
    let stderr = server.stop();
    assert!(!stderr.contains("panicked"), "serve panicked:\n{stderr}");
}

/// A port another program holds is a usage problem (exit 2), shown like
/// every other diagnostic: code, the address, the cause and a fix.
#[test]
fn a_port_in_use_is_a_diagnostic_with_a_hint() {
    let site = TestSite::fixture("minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = taken.local_addr().expect("its address").port().to_string();
    let (code, stderr) = common::run_within(&site, &["serve", "--port", &port], PATIENCE);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!("error[io]: cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
    assert!(stderr.contains("= note: caused by: "), "{stderr}");
    assert!(
        stderr.contains("= help: ") && stderr.contains("`--port`"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "serve panicked:\n{stderr}");
}
