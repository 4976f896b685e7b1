//! A build killed with SIGKILL at any moment leaves `public/` either exactly
//! the previous site or exactly the new one, and the next build cleans up
//! what the killed one left.
//!
//! The kill moments are spread over a measured build (random fractions of
//! its duration, seed printed on failure), and aimed at the two phases that
//! matter: while the staging directory is being written, and right after
//! the swap, while the previous site is being deleted.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::TestSite;

/// Enough pages that writing them takes a while in a debug build.
fn big_site() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write("content/seiten/_index.md", "---\ntitle: Seiten\n---\n");
    for i in 0..120 {
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

/// A small xorshift generator: the test needs spread, not quality.
struct Random(u64);

impl Random {
    fn seeded() -> Random {
        use std::hash::{BuildHasher, RandomState};
        Random(RandomState::new().hash_one(std::process::id()) | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn start_build(site: &TestSite) -> Child {
    Command::new(env!("CARGO_BIN_EXE_konzept"))
        .arg("build")
        .current_dir(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start build")
}

/// Staging directories of builds (ours and killed ones) beside `public/`.
fn staging_dirs(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read site dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.konzept-"))
        .collect()
}

/// Waits until `ready` holds or the build ends; true if it held.
fn wait_until(child: &mut Child, mut ready: impl FnMut() -> bool) -> bool {
    let give_up = Instant::now() + Duration::from_secs(60);
    while Instant::now() < give_up {
        if ready() {
            return true;
        }
        if child.try_wait().expect("poll build").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    false
}

/// When to kill a round's build.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// This long after the start.
    After(Duration),
    /// While the staging directory is written, this long after it appeared.
    Writing(Duration),
    /// Once `public/` holds the new site and the old one is being deleted.
    AfterSwap,
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_site_never_a_mix() {
    let site = big_site();
    let impressum = site.path().join("content/impressum.md");
    let texts = [
        std::fs::read_to_string(&impressum).expect("impressum"),
        "---\ntitle: Impressum\n---\nNeue Fassung.\n".to_owned(),
    ];
    // Without a base URL (one warning): the sitemap and feeds it would add
    // carry the file times to the second, which each round's rewrite of
    // the page changes, so no tree would equal an earlier one.
    let build = || {
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    build();
    let old = site.public_tree();
    site.write("content/impressum.md", &texts[1]);
    let start = Instant::now();
    build();
    let took = start.elapsed();
    let new = site.public_tree();
    assert!(old != new);
    let trees = [old, new];
    let mut random = Random::seeded();
    let seed = random.0;
    let nanos = u64::try_from(took.as_nanos()).unwrap_or(u64::MAX);
    let mut moments: Vec<Moment> = (0..4)
        .map(|_| Moment::After(Duration::from_nanos(random.below(nanos + nanos / 5))))
        .collect();
    moments.extend((0..3).map(|_| Moment::Writing(Duration::from_nanos(random.below(nanos / 3)))));
    moments.extend([Moment::AfterSwap; 2]);
    let (mut writing, mut after_swap) = (0, 0);
    let mut current = 1;
    for (round, moment) in moments.into_iter().enumerate() {
        // Each round builds the other version over whatever is there now.
        let target = 1 - current;
        site.write("content/impressum.md", &texts[target]);
        let mut child = start_build(&site);
        let marker = site.path().join("public/de/impressum/index.html");
        let wanted = if target == 1 {
            "Neue Fassung."
        } else {
            "Beispielseite."
        };
        match moment {
            Moment::After(delay) => std::thread::sleep(delay),
            Moment::Writing(delay) => {
                if wait_until(&mut child, || !staging_dirs(site.path()).is_empty()) {
                    writing += 1;
                    std::thread::sleep(delay);
                }
            }
            Moment::AfterSwap => {
                let swapped = || {
                    !staging_dirs(site.path()).is_empty()
                        && std::fs::read_to_string(&marker).is_ok_and(|t| t.contains(wanted))
                };
                if wait_until(&mut child, swapped) {
                    after_swap += 1;
                }
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        let now = site.public_tree();
        let which = trees.iter().position(|t| *t == now);
        assert!(
            which.is_some(),
            "round {round} (seed {seed:#x}): after a kill at {moment:?}, public/ is neither the old nor the new site"
        );
        current = which.expect("checked");
    }
    // The aimed moments must really have been reached, or the test proves
    // nothing about them (a build too fast to catch would be).
    assert!(
        writing > 0,
        "no kill landed while the staging directory was written"
    );
    assert!(after_swap > 0, "no kill landed after the swap");
    site.build_clean();
    assert_eq!(
        staging_dirs(site.path()),
        Vec::<String>::new(),
        "the next build removed every staging directory"
    );
}
