//! Scaffolding: the files `konzept new` and `konzept init` create, and the
//! JSON Schemas `konzept schema` writes.
//!
//! Templates come from the kinds' field tables and schemas from the raw
//! front-matter types, so neither can drift from the parser. Creating files
//! never overwrites: every target is checked before the first is written.

pub mod ci;
mod eject;
mod schema;
mod site;
mod template;
mod words;

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::ids::{Lang, Slug};
use crate::parse::kinds::Kind;

pub use eject::{EjectError, eject, theme_templates};
pub use schema::{schemas, write_schemas};
pub use site::init;
pub use template::{CONTACT_PLACEHOLDER, Entry};
pub use words::Wording;

/// The files `konzept new` would create, and notes for the editor.
#[derive(Debug)]
pub struct Plan {
    /// (path relative to the site root, text), default language first.
    pub files: Vec<(String, String)>,
    /// Things the editor must do by hand (e.g. fill in a contact id).
    pub notes: Vec<String>,
}

/// Plans a new entry of `kind` in `langs` for the site of `config`.
/// Fails (a usage error) on a language the site does not have, or on a
/// translation whose default-language file neither exists nor is requested.
pub fn plan_new(
    config: &Config,
    kind: Kind,
    slug: &Slug,
    langs: &[Lang],
) -> Result<Plan, Diagnostic> {
    for lang in langs {
        if config.paused.contains(lang) {
            return Err(Diagnostic::error(
                Code::UnknownLanguage,
                format!("`{lang}` is paused (site.yaml `paused_languages`)"),
            )
            .help(format!(
                "leave `{lang}` out of `--lang`, or remove it from `paused_languages` to publish it again"
            )));
        }
        if !config.languages.contains(lang) {
            let known: Vec<&str> = config.languages.iter().map(Lang::as_str).collect();
            return Err(Diagnostic::error(
                Code::UnknownLanguage,
                format!("`{lang}` is not a language of this site"),
            )
            .help(format!(
                "choose from {} (site.yaml `languages`)",
                known.join(", ")
            )));
        }
    }
    let root = &config.root;
    let contacts = ids(&root.join("content/kontakte"));
    let guidelines = ids(&root.join("content/leitlinien"));
    let contact = pick_contact(config, &contacts);
    let entry = Entry {
        kind,
        slug,
        default_lang: &config.default_lang,
        site_langs: &config.languages,
        contact,
        guideline: guidelines.first().map(String::as_str),
        ordinal: next_ordinal(&root.join("content/leitlinien"), &guidelines),
        wording: Wording::New,
    };
    let original = entry.path(&config.default_lang);
    if !langs.contains(&config.default_lang) && !root.join(&original).exists() {
        return Err(Diagnostic::error(
            Code::OrphanTranslation,
            format!("{original} does not exist, so a translation would have no original"),
        )
        .help(format!(
            "add `{}` to --lang, or create the original first",
            config.default_lang
        )));
    }
    let mut notes = Vec::new();
    if kind == Kind::Project && contact.is_none() {
        notes.push(format!(
            "note: no contact found in content/kontakte/; replace `contact: {CONTACT_PLACEHOLDER}` in {original} with a contact's id (create one with `konzept new contact <id>`)"
        ));
    }
    if langs.contains(&config.default_lang) {
        notes.push(format!(
            "note: {original} is a draft (`draft: true`), left out of `build` and `check`: remove `draft: true` when the page is ready"
        ));
    }
    let mut ordered: Vec<&Lang> = langs.iter().collect();
    ordered.sort_by_key(|l| *l != &config.default_lang);
    ordered.dedup();
    let mut files: Vec<(String, String)> = ordered
        .into_iter()
        .map(|lang| (entry.path(lang), entry.render(lang)))
        .collect();
    if kind == Kind::Indicator && langs.contains(&config.default_lang) {
        // The data file, header only: the data will follow.
        let csv = format!("{}/{slug}.csv", entry.dir());
        notes.push(format!(
            "note: the data go into {csv}, one row per period: `2024,12.5` (docs/indicators.md)"
        ));
        files.push((csv, "period,value\n".to_owned()));
    }
    Ok(Plan { files, notes })
}

/// `zib` if it exists (the Saarbrücken office), else the site's footer
/// contact, else the first contact by id.
fn pick_contact<'a>(config: &'a Config, contacts: &'a [String]) -> Option<&'a str> {
    let has = |id: &str| contacts.iter().any(|c| c == id);
    if has("zib") {
        return Some("zib");
    }
    if let Some(c) = config.contact.as_ref().filter(|c| has(&c.id)) {
        return Some(&c.id);
    }
    contacts.first().map(String::as_str)
}

/// The first guideline number none of the guidelines `ids` in `dir` has
/// (drafts included): after 1, 2, 4 a new guideline is 3, never a second 4
/// (`duplicate-ordinal`). A file whose number does not read counts as none.
fn next_ordinal(dir: &Path, ids: &[String]) -> u32 {
    let taken: Vec<u32> = ids
        .iter()
        .filter_map(|id| std::fs::read_to_string(dir.join(format!("{id}.md"))).ok())
        .filter_map(|text| {
            let file = crate::diag::SourceMap::new().add(String::new(), text.as_str().into());
            let split = crate::parse::front_matter::split(&text, file).ok()?;
            crate::yaml::field::<u32>(split.yaml, "ordinal")
        })
        .collect();
    (1..=u32::MAX)
        .find(|n| !taken.contains(n))
        .unwrap_or(u32::MAX)
}

/// The ids (file names) of the default-language entries in `dir`, sorted.
fn ids(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".md").map(str::to_owned))
        .filter(|stem| !stem.contains('.') && !stem.starts_with('_'))
        .collect();
    out.sort();
    out
}

/// Writes `files` below `root`, creating directories. Refuses, writing
/// nothing, if any of them exists or if a directory on the way is a
/// symbolic link (a site's `content -> ~/elsewhere` would lead the write
/// out of the site). Returns the paths written.
pub fn create_files(root: &Path, files: &[(String, String)]) -> Result<Vec<PathBuf>, Diagnostic> {
    if let Some(link) = files.iter().find_map(|(rel, _)| linked_dir(root, rel)) {
        return Err(Diagnostic::error(
            Code::OutsideSite,
            format!("{link} is a symbolic link; nothing was written"),
        )
        .help(format!(
            "konzept writes new files only inside the site's directory: replace `{link}` with a directory"
        )));
    }
    if let Some((rel, _)) = files.iter().find(|(rel, _)| root.join(rel).exists()) {
        return Err(Diagnostic::error(
            Code::Io,
            format!("{rel} already exists; nothing was written"),
        )
        .help("choose another slug, or delete or rename the existing file"));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(&path, e))?;
        }
        // `create_new` closes the gap between the check above and the write.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .map_err(|e| io_error(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// The first directory on the way from `root` to the file `rel` that is a
/// symbolic link, as a path from `root`.
fn linked_dir(root: &Path, rel: &str) -> Option<String> {
    let parent = Path::new(rel).parent()?;
    let mut at = PathBuf::new();
    for part in parent.components() {
        at.push(part);
        match root.join(&at).symlink_metadata() {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Some(at.display().to_string().replace('\\', "/"));
            }
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("cannot write {}: {e}", path.display()))
        .help("check that the directory exists and is writable")
        .source(e)
}
