//! The theme: the embedded default theme with the site's own files laid over
//! it, templates parsed once into one Tera instance.

use std::collections::BTreeMap;

use tera::Tera;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::Sources;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));
}

/// Parsed templates and the static files to copy.
#[derive(Clone)]
pub struct Theme {
    /// All templates, parsed.
    pub tera: Tera,
    /// Static files: path below `static/` and contents.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("statics", &self.statics.keys())
            .finish_non_exhaustive()
    }
}

/// The files of the embedded default theme, by path in the theme.
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    embedded::FILES.iter().copied()
}

/// Builds the theme from the embedded files and the site's overrides.
pub fn load(sources: &Sources) -> Result<Theme, Diagnostics> {
    let mut templates: BTreeMap<String, (String, Option<crate::diag::FileId>)> = BTreeMap::new();
    let mut statics = BTreeMap::new();
    let files = embedded_files()
        .map(|(rel, bytes)| (rel.to_owned(), bytes.to_vec(), None))
        .chain(
            sources
                .theme
                .iter()
                .map(|f| (f.rel.clone(), f.bytes.clone(), f.file)),
        );
    for (rel, bytes, file) in files {
        if let Some(name) = rel.strip_prefix("templates/") {
            let text =
                String::from_utf8(bytes).expect("templates were checked to be UTF-8 when loaded");
            templates.insert(name.to_owned(), (text, file));
        } else if let Some(name) = rel.strip_prefix("static/") {
            statics.insert(name.to_owned(), bytes);
        }
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let raw = templates
        .iter()
        .map(|(name, (text, _))| (name.as_str(), text.as_str()));
    if let Err(e) = tera.add_raw_templates(raw) {
        let own = templates
            .iter()
            .find(|(name, (_, file))| file.is_some() && e.to_string().contains(name.as_str()));
        let mut d = Diagnostic::error(Code::Template, "a template does not parse")
            .help("fix the template's syntax (see https://keats.github.io/tera/docs/ for Tera 2)")
            .source(e);
        if let Some((_, (_, Some(file)))) = own {
            d = d.in_file(*file);
        }
        return Err(Diagnostics::from_iter([d]));
    }
    Ok(Theme { tera, statics })
}
