//! The architecture test: reads `src/` with `syn` and fails, naming each
//! import (file:line, the path as written, and why), when a module imports
//! one above it or the submodules of a folder import each other in a circle.
//!
//! Rule 1, one-way layers. A top-level module of `src/` may import only
//! modules EARLIER in this table (lowest first); an import of itself is free:
//!
//! | layer        | modules, in order                                            |
//! |--------------|--------------------------------------------------------------|
//! | leaves       | `diag`, `escape`, `urlpath`, `dates`, `typography`, `ids`, `yaml`, `osfs`, `sitefs` |
//! | stages       | `config`, `load`, `parse`, `model`, `render`, `write`        |
//! | crate root   | `crate`: the items of `src/lib.rs` itself (`crate::prepare`, `crate::Failure`) |
//! | applications | `scaffold`, `check`, `serve`, `cli`                          |
//!
//! A module of `src/` missing from the table is an error of its own ("add `x`
//! to the layer table"); `src/main.rs`, the binary, reaches the library only
//! through `konzept::` and is not read.
//!
//! Rule 2, no cycles inside a folder. Between the submodules of each folder
//! in [`CYCLE_FREE`], `mod.rs` is a node of its own and a nested folder
//! (`model/link/`) is one node. `super::Item` leads to the node that defines
//! `Item`: `mod.rs` if it is defined there, the sibling if `mod.rs` only
//! imports or re-exports it (`pub use sib::Item`, `pub use sib::*`). A
//! `pub use child::…` line in `mod.rs` is the façade, not a use; `mod.rs`
//! using a child's item in its code is. A child's `use super::*` (outside
//! its own tests, where `super` is the child itself) leads to `mod.rs`.
//!
//! What counts as an import: `use` trees (groups, globs, `self::`,
//! `super::super::`), paths in code (`crate::parse::slugify(x)`,
//! `crate::model::Lang::parse`), paths in any macro's tokens (`format!`,
//! `matches!`, `$crate::…` in `macro_rules!`), `#[cfg(test)]` modules and
//! `tests.rs` files. Doc comments, attributes and strings do not.

#[path = "architecture/paths.rs"]
mod paths;
#[path = "architecture/rules.rs"]
mod rules;
#[path = "architecture/scan.rs"]
mod scan;

use std::collections::BTreeSet;
use std::path::Path;

/// Rule 1's table (see the module docs), lowest first.
#[rustfmt::skip]
const LAYERS: &rules::Layers = &[
    ("leaves",       &["diag", "escape", "urlpath", "dates", "typography", "ids", "yaml", "osfs", "sitefs"]),
    ("stages",       &["config", "load", "parse", "model", "render", "write"]),
    ("crate root",   &[rules::ROOT]),
    ("applications", &["scaffold", "check", "serve", "cli"]),
];

/// Rule 2's folders: no import cycle between their submodules.
const CYCLE_FREE: &[&str] = &[
    "model",
    "render",
    "render/chart",
    "parse/markdown",
    "dates",
    "load",
];

#[test]
fn src_imports_only_downwards_and_without_cycles() {
    let krate = scan::scan(&read_src());
    let mut found = rules::check(&krate, LAYERS, CYCLE_FREE);
    for (_, names) in LAYERS {
        let absent = names
            .iter()
            .filter(|n| **n != rules::ROOT && !krate.top_level.contains(**n));
        found.extend(
            absent.map(|n| {
                format!("the layer table lists `{n}`, which src/ does not have: create src/{n} or remove it from the table")
            }),
        );
    }
    assert!(
        found.is_empty(),
        "{} architecture violations (the rules are at the top of tests/architecture.rs):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_scan_reads_every_module_and_many_imports() {
    let krate = scan::scan(&read_src());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut listed = BTreeSet::new();
    for entry in std::fs::read_dir(&root).expect("src/ is readable") {
        let entry = entry.expect("src/ is listable");
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().expect("file type").is_dir();
        let module = match name.strip_suffix(".rs") {
            Some("lib" | "main") => continue,
            Some(module) => module.to_owned(),
            None if is_dir => name,
            None => continue,
        };
        listed.insert(module);
    }
    assert_eq!(
        krate.top_level, listed,
        "the scan must see every module in src/"
    );
    assert!(krate.unreadable.is_empty(), "{:?}", krate.unreadable);
    let edges: BTreeSet<(&str, &str)> = krate
        .imports
        .iter()
        .map(|i| {
            (
                rules::top_level(&krate, &i.from),
                rules::top_level(&krate, &i.target),
            )
        })
        .filter(|(from, to)| from != to)
        .collect();
    assert!(
        krate.imports.len() > 300,
        "only {} imports",
        krate.imports.len()
    );
    assert!(
        edges.len() > 50,
        "only {} edges between top-level modules: {edges:?}",
        edges.len()
    );
    for module in &listed {
        assert!(
            edges
                .iter()
                .any(|(from, to)| from == module || to == module),
            "no import of or by {module}"
        );
    }
}

/// Every `.rs` file under `src/`, as (`src/…` with `/`, text), sorted.
fn read_src() -> Vec<(String, String)> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("src/ is readable")
            .map(|e| e.expect("src/ is listable"))
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{rel}/{name}");
            if entry.file_type().expect("file type").is_dir() {
                walk(&entry.path(), &path, out);
            } else if name.ends_with(".rs") {
                out.push((
                    path,
                    std::fs::read_to_string(entry.path()).expect("source is UTF-8"),
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "src",
        &mut out,
    );
    out
}

/// The findings for a synthetic crate given as (path, text) pairs.
fn findings(files: &[(&str, &str)]) -> Vec<String> {
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    rules::check(&scan::scan(&sources), LAYERS, CYCLE_FREE)
}

const STAGES: &str = "config → load → parse → model → render → write";

#[test]
fn an_upward_import_is_named_with_file_line_path_and_reason() {
    let found = findings(&[
        (
            "src/lib.rs",
            "pub mod config; pub mod diag; pub mod model;\npub fn prepare() {}\n",
        ),
        ("src/diag/mod.rs", "pub struct Diagnostic;\n"),
        (
            "src/model/mod.rs",
            "mod ids;\npub use ids::Lang;\npub fn assemble() { crate::prepare() }\n",
        ),
        (
            "src/model/ids.rs",
            "pub struct Lang;\nfn f() -> super::super::config::Config { todo!() }\n",
        ),
        (
            "src/config/mod.rs",
            "//! Config.\nuse crate::{diag::Diagnostic,\n    model::Lang};\npub struct Config;\n",
        ),
        (
            "src/main.rs",
            "use konzept::cli; fn main() { crate::x(); }\n",
        ),
    ]);
    assert_eq!(
        found,
        [
            format!(
                "src/config/mod.rs:3: `crate::model::Lang` — config may not import model (model comes after config: {STAGES})"
            ),
            format!(
                "src/model/mod.rs:3: `crate::prepare` — model may not import crate (crate comes after model: {STAGES} → crate)"
            ),
        ],
        "model → config is downward; main.rs is not read"
    );
}

#[test]
fn a_module_missing_from_the_table_is_named() {
    let found = findings(&[
        ("src/lib.rs", "pub mod utils;\n"),
        ("src/utils.rs", "pub fn f() {}\n"),
    ]);
    assert_eq!(
        found,
        ["src/utils: `utils` is not in the layer table: add `utils` to the layer table"]
    );
}

#[test]
fn a_cycle_inside_render_names_its_modules_and_one_import_of_each_edge() {
    let found = findings(&[
        ("src/lib.rs", "pub mod render;\n"),
        (
            "src/render/mod.rs",
            "mod contact;\nmod context;\nmod pages;\n",
        ),
        (
            "src/render/context.rs",
            "pub struct Card;\npub fn card() -> Card {\n    self::super::contact::build()\n}\n",
        ),
        (
            "src/render/contact.rs",
            "use super::context::{self, Card};\npub fn build() -> Card { context::card() }\n",
        ),
        (
            "src/render/pages.rs",
            "use super::contact;\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
        ),
    ]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let expected = "src/render/: import cycle between contact, context (one import of each edge; \
         remove imports until no cycle is left):\n    \
         contact → context: src/render/contact.rs:1: `super::context`\n    \
         context → contact: src/render/context.rs:3: `self::super::contact::build`";
    assert_eq!(found[0], expected);
}

#[test]
fn a_nested_folder_is_one_node_and_super_item_leads_to_its_definition() {
    let found = findings(&[
        ("src/lib.rs", "pub mod model;\n"),
        (
            "src/model/mod.rs",
            "mod link;\nmod site;\nmod ids;\npub use ids::Slug;\npub struct Page;\n",
        ),
        ("src/model/ids.rs", "pub struct Slug;\n"),
        (
            "src/model/site.rs",
            "use super::Slug;\npub struct Key;\nfn f() { super::link::resolve() }\n",
        ),
        (
            "src/model/link/mod.rs",
            "mod markdown;\npub fn resolve() {}\n",
        ),
        (
            "src/model/link/markdown.rs",
            "use super::super::{Page, Slug, site::Key};\n",
        ),
    ]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("src/model/: import cycle between link, site"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("link → site: src/model/link/markdown.rs:1: `super::super::site::Key`"),
        "{}",
        found[0]
    );
    assert!(
        !found[0].contains("ids"),
        "Slug is re-exported from ids, which imports nothing: {}",
        found[0]
    );
}

/// `src/parse/mod.rs` for the macro test (lines 5, 7 and 10 import).
const PARSE_WITH_MACROS: &str = r#"//! Mentions crate::write::Out in a doc comment.
/// And [`crate::write::Out`] here.
pub fn f() -> String {
    let s = "crate::write::Out";
    format!("{s}{:?}", crate::model::Slug)
}
macro_rules! m { () => { $crate::render::x() } }
#[cfg(test)]
mod tests {
    fn g() { assert!(matches!(super::super::model::Kind::A, _)); }
}
"#;

#[test]
fn an_import_inside_a_macro_counts_and_docs_and_strings_do_not() {
    let found = findings(&[
        (
            "src/lib.rs",
            "pub mod parse; pub mod model; pub mod render; pub mod write;\n",
        ),
        ("src/model/mod.rs", "pub struct Slug; pub enum Kind { A }\n"),
        ("src/render/mod.rs", "pub fn x() {}\n"),
        ("src/write/mod.rs", "pub struct Out;\n"),
        ("src/parse/mod.rs", PARSE_WITH_MACROS),
    ]);
    let why = |to: &str| format!("parse may not import {to} ({to} comes after parse: {STAGES})");
    assert_eq!(
        found,
        [
            format!(
                "src/parse/mod.rs:5: `crate::model::Slug` — {}",
                why("model")
            ),
            format!(
                "src/parse/mod.rs:7: `$crate::render::x` — {}",
                why("render")
            ),
            format!(
                "src/parse/mod.rs:10: `super::super::model::Kind::A` — {}",
                why("model")
            ),
        ]
    );
}

#[test]
fn a_glob_reexport_leads_to_the_sibling_and_is_not_a_use_itself() {
    let render = |mod_rs: &'static str| {
        findings(&[
            ("src/lib.rs", "pub mod render;\n"),
            ("src/render/mod.rs", mod_rs),
            (
                "src/render/a.rs",
                "pub struct Card;\npub fn make() -> Card { super::entry(); Card }\n",
            ),
            (
                "src/render/b.rs",
                "pub fn f() {\n    let _ = super::Card;\n}\n",
            ),
        ])
    };
    let facade = "mod a;\nmod b;\npub use a::*;\npub use b::f;\npub fn entry() {\n    let make = 1;\n    let _ = make;\n}\n";
    assert_eq!(
        render(facade),
        Vec::<String>::new(),
        "a → mod.rs and b → a; the façade, and a local named like a re-exported fn, are no use"
    );
    let found = render("mod a;\nmod b;\npub use a::*;\npub fn entry() {\n    let _ = Card;\n}\n");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("between a, mod.rs"), "{}", found[0]);
    assert!(
        found[0].contains("a → mod.rs: src/render/a.rs:2: `super::entry`"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("mod.rs → a: src/render/mod.rs:5: `Card`"),
        "{}",
        found[0]
    );
    let found = render("mod a;\nmod b;\npub use a::*;\nfn entry() { b::f() }\n");
    assert!(
        found[0].contains("b → a: src/render/b.rs:2: `super::Card`"),
        "the glob leads to a: {found:#?}"
    );
}
