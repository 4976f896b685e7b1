//! `konzept serve` on 127.0.0.1: pages from memory, a reload event after an
//! edit, the error page and its recovery, and refused traversal. Every wait
//! is on an event (a line from the server, an SSE message); the timeouts only
//! stop a broken test from hanging.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use common::TestSite;

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
                if let Some(data) = line.strip_prefix("data:") {
                    if tx.send(data.trim().to_owned()).is_err() {
                        break;
                    }
                }
            }
        });
        rx
    }
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
    let (status, html) = server.get("/de/projekte/projekt/");
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Ein Projekt</h1>"));
    assert!(html.contains("/__konzept/reload"));
    assert_eq!(server.get("/static/style.css").0, 200);
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
    server.wait_for("built ");
    for page in [
        "/de/projekte/",
        "/de/leitlinien/eins/",
        "/de/kontakte/buero/",
        "/de/",
    ] {
        let (_, html) = server.get(page);
        assert!(html.contains("Umbenanntes Projekt"), "{page}: {html}");
    }
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
