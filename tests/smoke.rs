//! Smoke test of the test helper itself.

mod common;
use common::TestSite;

#[test]
fn minimal_fixture_builds_clean() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    assert!(site.exists("de/projekte/projekt/index.html"));
}
