//! `konzept serve` on 127.0.0.1: pages from memory, a reload event after an
//! edit, the error page and its recovery, refused traversal, malformed and
//! oversized requests, and a load test while files change. Every wait is on
//! an event (a line from the server, an SSE message, a closed connection);
//! the timeouts only stop a broken test from hanging.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use common::{TestSite, git};

/// Long enough for a slow, shared CI machine; not a speed requirement.
const PATIENCE: Duration = Duration::from_secs(60);

struct Server {
    child: Child,
    base: String,
    lines: Receiver<String>,
}

impl Server {
    fn start(site: &TestSite) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_konzept"))
            .args(["serve", "--port", "0"])
            .current_dir(site.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start konzept serve");
        let (tx, lines) = channel();
        let stdout = child.stdout.take().expect("piped stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            base: String::new(),
            lines,
        };
        let line = server.wait_for("serving on ");
        server.base = line
            .split_whitespace()
            .nth(2)
            .expect("address")
            .trim_end_matches('/')
            .to_owned();
        server
    }

    /// Waits for the next stdout line containing `text`.
    fn wait_for(&self, text: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no line with {text:?}"));
            if line.contains(text) {
                return line;
            }
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .get(&format!("{}{path}", self.base))
            .call()
            .expect("request");
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_to_string().unwrap_or_default(),
        )
    }

    /// Opens the reload stream; returns a receiver of its `data:` lines.
    fn events(&self) -> Receiver<String> {
        let response = ureq::get(&format!("{}/__konzept/reload", self.base))
            .call()
            .expect("event stream");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(response.into_body().into_reader());
            for line in reader.lines().map_while(Result::ok) {
                if let Some(data) = line.strip_prefix("data:")
                    && tx.send(data.trim().to_owned()).is_err()
                {
                    break;
                }
            }
        });
        rx
    }
}

impl Server {
    /// `host:port`.
    fn addr(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// Sends `request` as it is on a new connection and reads until the
    /// server closes it; returns the status (`None`: closed without an
    /// answer) and the whole response.
    fn raw(&self, request: &[u8]) -> (Option<u16>, String) {
        let mut stream = TcpStream::connect(self.addr()).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        // The server may answer and close before reading everything.
        let _ = stream.write_all(request);
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        (status_of(&text), text)
    }

    /// A `GET` with `Connection: close`, the target sent exactly as given.
    fn raw_get(&self, target: &str) -> Option<u16> {
        self.raw(
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .0
    }

    /// The server still serves a normal page.
    fn assert_alive(&self, after: &str) {
        assert_eq!(
            self.raw_get("/de/impressum/"),
            Some(200),
            "no normal answer after {after}"
        );
    }
}

fn status_of(response: &str) -> Option<u16> {
    response.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn pages_are_served_with_the_reload_script_which_build_output_never_has() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    // Without --bind, only this machine can connect.
    assert!(
        server.base.starts_with("http://127.0.0.1:"),
        "{}",
        server.base
    );
    let (status, html) = server.get("/de/projekte/projekt/");
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Ein Projekt</h1>"));
    // An external script: the pages' Content-Security-Policy allows no inline one.
    assert!(html.contains(r#"<script src="/__konzept/reload.js"></script></body>"#));
    let (status, js) = server.get("/__konzept/reload.js");
    assert_eq!(status, 200);
    assert!(js.contains("EventSource(\"/__konzept/reload\")"), "{js}");
    let css = html
        .split(r#"<link rel="stylesheet" href=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a stylesheet link");
    assert_eq!(server.get(css).0, 200, "{css}");
    assert!(!site.exists("index.html"), "serve writes nothing");
    site.build_clean();
    assert!(
        !std::fs::read_to_string(site.path().join("public/de/index.html"))
            .expect("built")
            .contains("__konzept")
    );
}

#[test]
fn an_edit_pushes_a_reload_and_serves_the_new_content() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\nGeänderter Text.\n",
    );
    events
        .recv_timeout(PATIENCE)
        .expect("a reload event after the edit");
    let (_, html) = server.get("/de/impressum/");
    assert!(html.contains("Geänderter Text."), "{html}");
}

#[test]
fn the_search_index_follows_each_edit_in_the_background() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    server.wait_for("search index of ");
    let (status, before) = server.get("/pagefind/pagefind-entry.json");
    assert_eq!(status, 200, "{before}");
    assert!(before.contains("\"de\""), "{before}");
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\nEin ganz neues Suchwort: Zwetschgenkuchen.\n",
    );
    server.wait_for(" again in ");
    // Until the new index is ready the old one is still served, never none.
    let (status, _) = server.get("/pagefind/pagefind-entry.json");
    assert_eq!(status, 200);
    server.wait_for("search index of ");
    let (_, after) = server.get("/pagefind/pagefind-entry.json");
    assert_ne!(before, after, "the German index names new hashes");
}

#[test]
fn the_full_text_follows_a_text_edit_and_only_its_readers_reload() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    site.write(
        "content/leitlinien/eins.md",
        "---\ntitle: Erste Leitlinie\nsummary: Ein Beispiel.\nordinal: 1\n---\nNeuer Text.\n\n## Ziele\n\nMehr Text.\n",
    );
    // First the edited page, in every language it is shown in: all reload.
    server.wait_for("rendered 3 pages again");
    let first = events.recv_timeout(PATIENCE).expect("a reload event");
    assert!(!first.contains(' '), "every page reloads: {first:?}");
    // Then the full text of each language: only its readers reload.
    server.wait_for("rendered the full text (3 pages) again");
    let second = events
        .recv_timeout(PATIENCE)
        .expect("a second reload event");
    let mut only: Vec<&str> = second.split(' ').skip(1).collect();
    only.sort_unstable();
    assert_eq!(
        only,
        ["/de/volltext/", "/en/full-text/", "/fr/texte-integral/"]
    );
    let (_, html) = server.get("/de/volltext/");
    assert!(html.contains("Neuer Text."), "{html}");
}

#[test]
fn a_text_edit_renders_only_its_pages_again_fallbacks_included() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\nNur der Text ist neu.\n",
    );
    // The German page and its fallbacks in French and English.
    server.wait_for("rendered 3 pages again");
    for lang in ["de", "fr", "en"] {
        let (_, html) = server.get(&format!("/{lang}/impressum/"));
        assert!(html.contains("Nur der Text ist neu."), "{lang}: {html}");
    }
}

#[test]
fn a_title_edit_reaches_every_page_that_lists_the_entry() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    site.write(
        "content/projekte/projekt.md",
        "---\ntitle: Umbenanntes Projekt\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: running\n---\nBeschreibung.\n",
    );
    // The project's own pages first, then what lists it.
    server.wait_for("rendered 3 pages again");
    server.wait_for("showing the edit again");
    for page in [
        "/de/projekte/projekt/",
        "/de/projekte/",
        "/de/leitlinien/eins/",
        "/de/kontakte/buero/",
        "/de/",
    ] {
        let (_, html) = server.get(page);
        assert!(html.contains("Umbenanntes Projekt"), "{page}: {html}");
    }
    server.wait_for("rendered the full text");
    assert_serves_a_fresh_build(&server, &site);
}

#[test]
fn a_summary_added_is_patched_and_served_as_a_full_build_renders_it() {
    // Adding a text field the file did not set changes only what pages
    // show: it is patched, and every page that shows it follows.
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    site.write(
        "content/projekte/projekt.md",
        "---\ntitle: Ein Projekt\nsummary: Kurz gefasst.\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: running\n---\nBeschreibung.\n",
    );
    server.wait_for("rendered 3 pages again");
    server.wait_for("showing the edit again");
    let (_, html) = server.get("/de/projekte/");
    assert!(html.contains("Kurz gefasst."), "{html}");
    server.wait_for("rendered the full text");
    assert_serves_a_fresh_build(&server, &site);
}

#[test]
fn an_edit_of_a_neutral_field_runs_the_whole_pipeline() {
    // `status` is the same in every language (the model derives the
    // translations' from it): not a patch.
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    site.write(
        "content/projekte/projekt.md",
        "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: planned\n---\nBeschreibung.\n",
    );
    server.wait_for("built ");
    assert_serves_a_fresh_build(&server, &site);
}

#[test]
fn a_retitled_project_moves_in_every_list_as_a_full_build_puts_it() {
    // "Auswertung" sorts before "Beteiligungsprozess" and "ibis": the
    // projects' section, the guidelines' and the contacts' project lists
    // change order, not only text.
    let site = TestSite::saarbruecken();
    let server = Server::start(&site);
    let path = "content/projekte/monitoring.md";
    let text = std::fs::read_to_string(site.path().join(path)).expect("monitoring.md");
    site.write(
        path,
        &text.replacen(
            "title: Monitoring-System",
            "title: Auswertung der Integration",
            1,
        ),
    );
    server.wait_for("showing the edit again");
    server.wait_for("rendered the full text");
    let (_, html) = server.get("/de/projekte/");
    let first = html.find("Auswertung der Integration").expect("listed");
    let ibis = html.find("ibis – innovative").expect("ibis listed");
    assert!(first < ibis, "not sorted by the new title");
    assert_serves_a_fresh_build(&server, &site);
}

#[test]
fn the_search_index_reads_the_pages_that_show_an_edited_text_field() {
    // A project shows its contact's card, opening hours included, in the
    // text the search indexes; the project's page is rendered again after
    // the contact's own, and the index must be made from it, as a full
    // build's is. (Not the footer contact: that edit rebuilds everything.)
    let site = TestSite::fixture("minimal");
    let contact = |hours: &str| {
        format!(
            "---\ntitle: Beratungsstelle\norganisation: Beispielstadt\nstreet: Beispielweg 2\npostal_code: \"12345\"\ncity: Beispielstadt\nemail: stelle@example.org\nphone: +49 1234 9999\nopening_hours: {hours}\n---\n"
        )
    };
    site.write(
        "content/kontakte/stelle.md",
        &contact("Montags nach Vereinbarung."),
    );
    site.write(
        "content/projekte/projekt.md",
        "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: stelle\nguidelines: [eins]\nstatus: running\n---\nBeschreibung.\n",
    );
    let server = Server::start(&site);
    server.wait_for("search index of ");
    site.write(
        "content/kontakte/stelle.md",
        &contact("Donnerstags mit Zwetschgenkuchen."),
    );
    server.wait_for("showing the edit again");
    let (_, html) = server.get("/de/projekte/projekt/");
    assert!(html.contains("Zwetschgenkuchen"), "{html}");
    server.wait_for("search index of ");
    let (status, served) = server.get("/pagefind/pagefind-entry.json");
    assert_eq!(status, 200, "{served}");
    let run = site.run(&["build", "--base-url", "/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = std::fs::read_to_string(site.path().join("public/pagefind/pagefind-entry.json"))
        .expect("the build writes a search index");
    assert_eq!(served, built, "the served index is not a build's");
}

#[test]
fn an_undone_edit_dates_the_page_by_its_commit_again() {
    let site = TestSite::fixture("minimal");
    let commit = "2024-05-06T10:00:00+02:00";
    git(site.path(), &["init", "-q", "-b", "main"], commit);
    git(site.path(), &["add", "."], commit);
    git(
        site.path(),
        &["commit", "-q", "-m", "Erste Fassung"],
        commit,
    );
    let server = Server::start(&site);
    let updated = |html: &str| {
        let start = html.find("<time datetime=\"").expect("a date") + 16;
        html[start..start + 10].to_owned()
    };
    let (_, html) = server.get("/de/impressum/");
    assert_eq!(updated(&html), "2024-05-06", "{html}");
    let path = "content/impressum.md";
    let committed = std::fs::read_to_string(site.path().join(path)).expect("impressum.md");
    site.write(path, "---\ntitle: Impressum\n---\nEin Versuch.\n");
    server.wait_for("rendered 3 pages again");
    let (_, html) = server.get("/de/impressum/");
    assert_ne!(
        updated(&html),
        "2024-05-06",
        "an uncommitted edit keeps the commit date"
    );
    // The editor undoes the change: the file is as committed again.
    site.write(path, &committed);
    server.wait_for("rendered 3 pages again");
    let (_, html) = server.get("/de/impressum/");
    assert_eq!(updated(&html), "2024-05-06", "{html}");
    server.wait_for("rendered the full text");
    assert_serves_a_fresh_build(&server, &site);
}

#[test]
fn an_edit_of_the_footer_contact_runs_the_whole_pipeline() {
    // The contact's title in the footer is on every page: fingerprints see
    // the site-wide values change, and the whole site is built again.
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let path = "content/kontakte/buero.md";
    let text = std::fs::read_to_string(site.path().join(path)).expect("buero.md");
    let (key, rest) = text.split_once("title: ").expect("the contact has a title");
    site.write(path, &format!("{key}title: Neues Amt – {rest}"));
    server.wait_for("rendered 3 pages again");
    server.wait_for("built ");
    let (_, html) = server.get("/de/impressum/");
    assert!(html.contains("Neues Amt"), "{html}");
    assert_serves_a_fresh_build(&server, &site);
}

/// Every page, vCard and feed `serve` serves is what `konzept build`
/// writes from the same files, but for the reload script.
fn assert_serves_a_fresh_build(server: &Server, site: &TestSite) {
    let run = site.run(&["build", "--base-url", "/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut compared = 0;
    for (path, bytes) in site.public_tree() {
        let text_file = [".html", ".vcf", ".xml", ".txt"]
            .iter()
            .any(|ext| path.ends_with(ext));
        if !text_file || path.starts_with("pagefind/") {
            continue;
        }
        let url = format!("/{}", path.strip_suffix("index.html").unwrap_or(&path));
        let (status, served) = server.get(&url);
        let built = String::from_utf8(bytes).expect("UTF-8");
        let served = served.replace(r#"<script src="/__konzept/reload.js"></script>"#, "");
        assert!(
            status == 200 || path.ends_with("404.html"),
            "{url}: {status}"
        );
        assert!(served == built, "{url} differs from the built {path}");
        compared += 1;
    }
    assert!(compared > 10, "only {compared} files compared");
}

#[test]
fn a_renamed_heading_that_a_link_points_to_is_reported() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\nSiehe [die Ziele](leitlinien/eins.md#ziele).\n",
    );
    let server = Server::start(&site);
    let events = server.events();
    site.write(
        "content/leitlinien/eins.md",
        "---\ntitle: Erste Leitlinie\nsummary: Ein Beispiel.\nordinal: 1\n---\nText.\n\n## Zwecke\n\nMehr Text.\n",
    );
    events.recv_timeout(PATIENCE).expect("a reload event");
    let (status, html) = server.get("/de/impressum/");
    assert_eq!(status, 500);
    assert!(html.contains("error[broken-anchor]"), "{html}");
}

#[test]
fn a_build_error_shows_in_the_browser_and_a_fix_recovers() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    site.write(
        "content/impressum.md",
        "---\ntitel: Impressum\n---\nText.\n",
    );
    events
        .recv_timeout(PATIENCE)
        .expect("a reload event after the broken edit");
    let (status, html) = server.get("/de/impressum/");
    assert_eq!(status, 500);
    assert!(html.contains("error[unknown-field]"), "{html}");
    assert!(html.contains("content/impressum.md:2:1"));
    assert!(
        html.contains("/__konzept/reload"),
        "the error page reloads itself"
    );
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\nRepariert.\n",
    );
    events
        .recv_timeout(PATIENCE)
        .expect("a reload event after the fix");
    let (status, html) = server.get("/de/impressum/");
    assert_eq!(status, 200);
    assert!(html.contains("Repariert."));
}

#[test]
fn requests_outside_the_site_get_404() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/de/%2E%2E/%2E%2E/site.yaml",
        "/content/impressum.md",
        "/site.yaml",
    ] {
        assert_eq!(server.get(path).0, 404, "{path}");
    }
    assert_eq!(server.get("/de/nichts/").0, 404);
    // Sent exactly as written, without a client normalising them.
    for target in [
        "/../site.yaml",
        "/de/../../site.yaml",
        "/%2e%2e%2fsite.yaml",
        "/de/..%2f..%2fsite.yaml",
        "/de/..%5c..%5csite.yaml",
        "/..\\site.yaml",
        "/de/impressum/%00",
        "/de/impressum%00.html",
        "/%c0%ae%c0%ae/site.yaml",
        "/de/%zz/",
        "/de/%+1/",
        "//etc/passwd",
        "http://example.org/../site.yaml",
    ] {
        let status = server.raw_get(target);
        assert!(
            status.is_some_and(|s| (400..500).contains(&s)),
            "{target}: {status:?}"
        );
    }
    server.assert_alive("traversal attempts");
}

#[test]
fn malformed_requests_get_400_or_a_closed_connection_and_the_server_goes_on() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let cases: [(&str, &[u8]); 8] = [
        ("a request line without a version", b"GET /\r\n\r\n"),
        ("a request line of one word", b"HELLO\r\n\r\n"),
        (
            "a space in the target",
            b"GET /de/ impressum/ HTTP/1.1\r\nHost: x\r\n\r\n",
        ),
        (
            "a NUL in the target",
            b"GET /de/\0 HTTP/1.1\r\nHost: x\r\n\r\n",
        ),
        (
            "an unknown HTTP version",
            b"GET / HTTP/7.0\r\nHost: x\r\n\r\n",
        ),
        (
            "a header without a colon",
            b"GET / HTTP/1.1\r\nHost x\r\n\r\n",
        ),
        (
            "binary garbage",
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\xff\xfe\r\n\r\n",
        ),
        (
            "two content lengths",
            b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        ),
    ];
    for (what, request) in cases {
        let (status, response) = server.raw(request);
        assert!(
            status.is_none_or(|s| (400..500).contains(&s)),
            "{what}: {response}"
        );
        server.assert_alive(what);
    }
    let (status, _) = server.raw(
        b"POST /de/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    );
    assert_eq!(status, Some(405), "a POST");
    let (status, response) =
        server.raw(b"HEAD /de/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!(status, Some(200), "a HEAD");
    assert!(!response.contains("<html"), "a HEAD answered with a body");
}

#[test]
fn oversized_requests_get_414_431_or_413() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let long_path = format!("/de/{}", "a".repeat(10_000));
    assert_eq!(server.raw_get(&long_path), Some(414), "a 10 kB path");
    server.assert_alive("a long path");
    let huge_path = format!("/de/{}", "a".repeat(100_000));
    let status = server.raw_get(&huge_path);
    assert!(
        matches!(status, Some(414 | 431)),
        "a 100 kB request line: {status:?}"
    );
    server.assert_alive("a huge request line");
    let header = format!(
        "GET /de/ HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "b".repeat(100_000)
    );
    assert_eq!(
        server.raw(header.as_bytes()).0,
        Some(431),
        "a 100 kB header"
    );
    server.assert_alive("a huge header");
    let many: String = (0..500).map(|i| format!("X-H{i}: v\r\n")).collect();
    let request = format!("GET /de/ HTTP/1.1\r\nHost: x\r\n{many}Connection: close\r\n\r\n");
    assert_eq!(server.raw(request.as_bytes()).0, Some(431), "500 headers");
    server.assert_alive("many headers");
    let with_body = b"GET /de/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhallo";
    assert_eq!(server.raw(with_body).0, Some(413), "a GET with a body");
    let promised = b"GET /de/ HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n";
    assert_eq!(server.raw(promised).0, Some(413), "a GET announcing 100 GB");
    let chunked = b"GET /de/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhallo\r\n0\r\n\r\n";
    assert_eq!(server.raw(chunked).0, Some(413), "a chunked GET");
    server.assert_alive("request bodies");
}

#[test]
fn a_client_that_never_finishes_its_request_is_cut_off_and_others_are_served() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let mut slow = TcpStream::connect(server.addr()).expect("connect");
    slow.write_all(b"GET /de/ HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .expect("send part of a request");
    // While it dawdles, everyone else is served.
    server.assert_alive("a partial request on another connection");
    slow.set_read_timeout(Some(PATIENCE)).expect("timeout");
    let mut rest = Vec::new();
    let closed = slow.read_to_end(&mut rest);
    // Ok: the server closed it (EOF); a reset is a close too. A timeout
    // means the server still waits for the rest of the request.
    assert!(
        closed.is_ok()
            || closed
                .as_ref()
                .is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
        "the server did not close the connection: {closed:?}"
    );
    let answer = String::from_utf8_lossy(&rest);
    assert!(
        answer.is_empty() || status_of(&answer).is_some_and(|s| (400..500).contains(&s)),
        "{answer}"
    );
    server.assert_alive("cutting off the slow client");
}

/// One HTTP/1.1 response read off a keep-alive connection: status and body.
fn read_response(reader: &mut BufReader<TcpStream>) -> Result<(u16, Vec<u8>), String> {
    let mut line = String::new();
    reader
        .read_line(&mut line)
        .map_err(|e| format!("status line: {e}"))?;
    let status = status_of(&line).ok_or_else(|| format!("no status line: {line:?}"))?;
    let mut length = None;
    loop {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| format!("header: {e}"))?;
        if header == "\r\n" || header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let length = length.ok_or("no Content-Length")?;
    let mut body = vec![0; length];
    reader
        .read_exact(&mut body)
        .map_err(|e| format!("body shorter than its Content-Length {length}: {e}"))?;
    Ok((status, body))
}

#[test]
fn a_thousand_requests_over_fifty_connections_while_files_change_all_succeed() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let versions = ["Fassung A", "Fassung B"];
    // The stylesheet's name carries its content hash: read it off a page.
    let (_, home) = server.get("/de/");
    let css = home
        .split(r#"<link rel="stylesheet" href=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a stylesheet link");
    let pages: Arc<[String]> = [
        "/de/impressum/",
        "/fr/impressum/",
        "/de/",
        "/de/projekte/projekt/",
        "/de/leitlinien/eins/",
        css,
    ]
    .map(str::to_owned)
    .into();
    let editing = Arc::new(AtomicBool::new(true));
    let editor = {
        let editing = editing.clone();
        let dir = site.path().to_path_buf();
        std::thread::spawn(move || {
            let mut n = 0usize;
            while editing.load(Ordering::SeqCst) {
                // Written beside and renamed into place, as editors save.
                let text = format!("---\ntitle: Impressum\n---\n{} ({n}).\n", versions[n % 2]);
                let tmp = dir.join("content/.impressum.md.tmp");
                std::fs::write(&tmp, text).expect("write");
                std::fs::rename(&tmp, dir.join("content/impressum.md")).expect("rename");
                n += 1;
                // Longer than the 30 ms debounce, so each edit is rebuilt.
                std::thread::sleep(Duration::from_millis(50));
            }
            n
        })
    };
    // Requests start once edits are being rebuilt (patched: text only).
    server.wait_for(" again in ");
    let addr = server.addr().to_owned();
    let start = std::time::Instant::now();
    let clients: Vec<_> = (0..50)
        .map(|c| {
            let addr = addr.clone();
            let pages = pages.clone();
            std::thread::spawn(move || -> Vec<String> {
                let mut errors = Vec::new();
                let stream = TcpStream::connect(&addr).expect("connect");
                stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
                let mut writer = stream.try_clone().expect("clone");
                let mut reader = BufReader::new(stream);
                for r in 0..20 {
                    let page = pages[(c + r) % pages.len()].as_str();
                    let request = format!("GET {page} HTTP/1.1\r\nHost: localhost\r\n\r\n");
                    if let Err(e) = writer.write_all(request.as_bytes()) {
                        errors.push(format!("{page}: send: {e}"));
                        break;
                    }
                    match read_response(&mut reader) {
                        Ok((200, body)) => {
                            let text = String::from_utf8_lossy(&body);
                            let complete = if page.ends_with(".css") {
                                !body.is_empty()
                            } else {
                                text.trim_end().ends_with("</html>")
                            };
                            if !complete {
                                errors.push(format!("{page}: a truncated page"));
                            }
                            if page == "/de/impressum/"
                                && !versions.iter().any(|v| text.contains(v))
                                && !text.contains("Beispielseite")
                            {
                                errors.push(format!("{page}: neither the old nor the new text"));
                            }
                        }
                        Ok((status, _)) => errors.push(format!("{page}: status {status}")),
                        Err(e) => {
                            errors.push(format!("{page}: {e}"));
                            break;
                        }
                    }
                }
                errors
            })
        })
        .collect();
    let errors: Vec<String> = clients
        .into_iter()
        .flat_map(|c| c.join().expect("client thread"))
        .collect();
    editing.store(false, Ordering::SeqCst);
    let elapsed = start.elapsed();
    let edits = editor.join().expect("editor thread");
    let rebuilds = server
        .lines
        .try_iter()
        .filter(|l| l.starts_with("built "))
        .count();
    eprintln!(
        "1000 requests over 50 connections in {elapsed:?}; {edits} edits, {rebuilds} rebuilds meanwhile"
    );
    assert!(edits > 0, "no file was edited during the run");
    assert!(
        errors.is_empty(),
        "{} of 1000 requests failed: {errors:#?}",
        errors.len()
    );
}

#[test]
fn a_themes_directory_created_while_serving_is_watched() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    std::fs::create_dir(site.path().join("themes")).expect("create themes/");
    events
        .recv_timeout(PATIENCE)
        .expect("a reload event for the new directory");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block body %}<p>Eigene Vorlage</p>{% endblock body %}",
    );
    loop {
        events
            .recv_timeout(PATIENCE)
            .expect("a reload event for the new template");
        if server.get("/de/impressum/").1.contains("Eigene Vorlage") {
            break;
        }
    }
}
