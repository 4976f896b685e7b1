//! JSON Schemas of every kind's front matter and of `site.yaml`, generated
//! from the raw types the parser deserializes into (never a hand-kept copy).

use std::path::{Path, PathBuf};

use schemars::{Schema, schema_for};

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::parse::kinds::{RawContact, RawGuideline, RawPage, RawProject};

/// Every schema: (name, what it describes, schema). Files are named
/// `<name>.schema.json`.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    let titled = |mut schema: Schema, title: &str| {
        schema.insert("title".to_owned(), title.into());
        schema
    };
    vec![
        (
            "guideline",
            titled(
                schema_for!(RawGuideline),
                "konzept guideline front matter (leitlinien/)",
            ),
        ),
        (
            "project",
            titled(
                schema_for!(RawProject),
                "konzept project front matter (projekte/)",
            ),
        ),
        (
            "contact",
            titled(
                schema_for!(RawContact),
                "konzept contact front matter (kontakte/)",
            ),
        ),
        (
            "page",
            titled(
                schema_for!(RawPage),
                "konzept page, section and home page front matter",
            ),
        ),
        ("site", titled(Config::file_schema(), "konzept site.yaml")),
    ]
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
