//! An attacker's review of issue 15 (boundary, output, hangs): holes found
//! in the merged code, each with the variation that got through.

#![cfg(unix)]

mod common;

use common::TestSite;

/// A cloned site may hold a symbolic link where the output's lock file
/// goes (`.public.konzept.lock`, beside `public/`): opening it with
/// `O_CREAT` would create (or open for writing) whatever it points to.
#[test]
fn a_lock_file_that_is_a_link_is_not_followed() {
    let outside = tempfile::tempdir().expect("temporary directory");
    let existing = outside.path().join("authorized_keys");
    std::fs::write(&existing, "bleibt").expect("write");
    let missing = outside.path().join("neu.txt");
    for target in [&missing, &existing] {
        let site = TestSite::fixture("minimal");
        site.symlink(&target.display().to_string(), ".public.konzept.lock");
        let run = site.build();
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            run.stderr.contains("cannot lock") && run.stderr.contains("symbolic link"),
            "{}",
            run.stderr
        );
        assert!(!missing.exists(), "the link's target was created");
        assert_eq!(std::fs::read_to_string(&existing).expect("read"), "bleibt");
        assert!(!site.exists("public"), "something was written");
    }
}
