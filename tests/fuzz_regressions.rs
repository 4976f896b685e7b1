//! Replays every input under `fuzz/regressions/<target>/` (inputs a fuzzer
//! once crashed konzept with, minimised) and `fuzz/corpus/<target>/` (the
//! seed corpus) through the same harness the fuzz targets run, so the fixes
//! stay guarded on machines that cannot fuzz.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["regressions", "corpus"] {
        let dir = root.join(dir).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.expect("dir entry").path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).expect("read input");
            let name = path.display().to_string();
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                panic!("{name} panicked again");
            }
            count += 1;
        }
    }
    assert!(count > 0, "no inputs for {target}");
}

#[test]
fn front_matter_inputs_do_not_crash() {
    replay("front_matter", harness::front_matter);
}

#[test]
fn markdown_inputs_do_not_crash() {
    replay("markdown", harness::markdown);
}

#[test]
fn site_yaml_inputs_do_not_crash() {
    replay("site_yaml", harness::site_yaml);
}

#[test]
fn renderer_inputs_do_not_crash() {
    replay("renderer", harness::renderer);
}
