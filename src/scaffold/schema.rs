//! JSON Schemas of every kind's front matter and of `site.yaml`, generated
//! from the raw types the parser deserializes into (never a hand-kept copy).

use std::path::{Path, PathBuf};

use schemars::{Schema, schema_for};

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::parse::kinds::{
    Kind, RawAccessibility, RawContact, RawEdition, RawGuideline, RawPage, RawProject,
    STATEMENT_STEM,
};

/// Every schema: (name, schema with its title), each kind with a schema of
/// its own in [`Kind::ALL`] order, then `site.yaml`. Files are named
/// `<name>.schema.json`.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    let titled = |mut schema: Schema, title: &str| {
        schema.insert("title".to_owned(), title.into());
        schema
    };
    let mut all: Vec<(&'static str, Schema)> = Kind::ALL
        .iter()
        .filter_map(|kind| {
            let title = match (kind.section(), kind) {
                (Some(section), _) => format!("konzept {} front matter ({section}/)", kind.noun()),
                (None, Kind::Accessibility) => {
                    format!("konzept accessibility statement front matter ({STATEMENT_STEM}.md)")
                }
                (None, _) => "konzept page, section and home page front matter".to_owned(),
            };
            Some((kind.name(), titled(front_matter(*kind)?, &title)))
        })
        .collect();
    all.push(("site", titled(Config::file_schema(), "konzept site.yaml")));
    all
}

/// The schema of a kind's front matter; `None` for the kinds that share
/// the plain page's (home page, sections).
fn front_matter(kind: Kind) -> Option<Schema> {
    match kind {
        Kind::Home | Kind::Section => None,
        Kind::Guideline => Some(schema_for!(RawGuideline)),
        Kind::Project => Some(schema_for!(RawProject)),
        Kind::Contact => Some(schema_for!(RawContact)),
        Kind::Accessibility => Some(schema_for!(RawAccessibility)),
        Kind::Edition => Some(schema_for!(RawEdition)),
        Kind::Page => Some(schema_for!(RawPage)),
    }
}

/// Writes every schema into `dir` (created if needed, existing schema files
/// replaced) and returns the paths written.
pub fn write_schemas(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let io = |path: &Path, e: std::io::Error| {
        Diagnostic::error(Code::Io, format!("cannot write {}: {e}", path.display()))
            .help("check that the directory is writable, or choose another with --out")
            .source(e)
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mut written = Vec::new();
    for (name, schema) in schemas() {
        let path = dir.join(format!("{name}.schema.json"));
        let mut text = serde_json::to_string_pretty(&schema)
            .expect("a schema is plain JSON and always serializes");
        text.push('\n');
        std::fs::write(&path, text).map_err(|e| io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}
