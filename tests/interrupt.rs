//! A build killed with SIGKILL at any moment leaves `public/` either exactly
//! the previous site or exactly the new one, and the next build cleans up
//! what the killed one left.

mod common;

use std::process::Command;
use std::time::Duration;

use common::TestSite;

/// Enough pages that a debug build takes a noticeable time to write.
fn big_site() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write("content/seiten/_index.md", "---\ntitle: Seiten\n---\n");
    for i in 0..400 {
        site.write(
            &format!("content/seiten/seite-{i}.md"),
            &format!(
                "---\ntitle: Seite {i}\n---\n## Abschnitt\n\n{}\n",
                "Text. ".repeat(200)
            ),
        );
    }
    site
}

#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_old_or_the_new_site_never_a_mix() {
    let site = big_site();
    let impressum = site.path().join("content/impressum.md");
    let old_text = std::fs::read_to_string(&impressum).expect("impressum");
    let new_text = "---\ntitle: Impressum\n---\nNeue Fassung.\n";
    site.build_clean();
    let old = site.public_tree();
    site.write("content/impressum.md", new_text);
    site.build_clean();
    let new = site.public_tree();
    assert!(old != new);
    // Kill at spread-out moments, from "at once" to "after it would have
    // finished"; each round builds the other version over the current one.
    for (round, delay_ms) in [0u64, 2, 5, 10, 20, 40, 80, 160, 320, 640]
        .into_iter()
        .enumerate()
    {
        let text = if round % 2 == 0 {
            old_text.as_str()
        } else {
            new_text
        };
        site.write("content/impressum.md", text);
        let mut child = Command::new(env!("CARGO_BIN_EXE_konzept"))
            .arg("build")
            .current_dir(site.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start build");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = site.public_tree();
        assert!(
            now == old || now == new,
            "after a kill at {delay_ms} ms public/ is neither the old nor the new site"
        );
    }
    site.build_clean();
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .expect("read site dir")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".public.konzept-")
        })
        .collect();
    assert!(
        leftovers.is_empty(),
        "the next build removed every staging directory: {leftovers:?}"
    );
}
