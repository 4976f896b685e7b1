//! The theme: the embedded default theme with the site's own files laid over
//! it, templates parsed once into one Tera instance.

use std::collections::BTreeMap;
use std::ops::Range;

use tera::Tera;

use super::theme_settings as settings;
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::load::Sources;

/// Parsed templates and the static files to copy.
#[derive(Clone)]
pub struct Theme {
    /// All templates, parsed.
    pub tera: Tera,
    /// Static files: path below `static/` and contents.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The site's own `static/` files: path from the site (`static/logo.svg`)
    /// and contents.
    pub site_statics: BTreeMap<String, Vec<u8>>,
    /// The site's own templates (by template name), for pointing errors at them.
    overrides: BTreeMap<String, (FileId, String)>,
}

impl Theme {
    /// Where a Tera error points, if that is one of the site's own templates:
    /// Tera reports `--> page.html:5:9`; this finds the file and byte range.
    pub fn locate(&self, error: &str) -> Option<(FileId, Range<usize>)> {
        let at = error.split("--> ").skip(1).find_map(|rest| {
            let place = rest.split_whitespace().next()?;
            let mut parts = place.rsplitn(3, ':');
            let col: usize = parts.next()?.parse().ok()?;
            let line: usize = parts.next()?.parse().ok()?;
            let name = parts.next()?;
            self.overrides
                .get(name)
                .map(|(file, text)| (*file, text, line, col))
        });
        let (file, text, line, col) = at?;
        let line_start = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let start = text[line_start..]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_start, |(i, _)| line_start + i);
        Some((file, start..(start + 1).min(text.len()).max(start)))
    }
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("statics", &self.statics.keys())
            .finish_non_exhaustive()
    }
}

/// The files of the embedded default theme, by path in the theme (held by
/// `load`, which also reads the theme's UI strings).
pub use crate::load::embedded_files;

/// Builds the theme from the embedded files and the site's overrides, with
/// the accent `site.yaml` sets (`settings.rs`).
pub fn load(sources: &Sources, config: &Config) -> Result<Theme, Diagnostics> {
    let mut templates: Templates = BTreeMap::new();
    let mut statics = BTreeMap::new();
    let shadowed = settings::shadowed(sources, config, embedded_files());
    if !shadowed.is_empty() {
        return Err(shadowed);
    }
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
    settings::apply_accent(&mut statics, config);
    let site_statics = sources
        .site_static
        .iter()
        .map(|f| (f.rel.clone(), f.bytes.clone()))
        .collect();
    let cycles = cycles(&templates);
    if !cycles.is_empty() {
        return Err(cycles);
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let raw = templates
        .iter()
        .map(|(name, (text, _))| (name.as_str(), text.as_str()));
    let overrides: BTreeMap<String, (FileId, String)> = templates
        .iter()
        .filter_map(|(name, (text, file))| Some((name.clone(), ((*file)?, text.clone()))))
        .collect();
    if let Err(e) = tera.add_raw_templates(raw) {
        let theme = Theme {
            tera: Tera::new(),
            statics: BTreeMap::new(),
            site_statics: BTreeMap::new(),
            overrides,
        };
        let mut d = Diagnostic::error(Code::Template, "a template does not parse")
            .help("fix the template's syntax (Tera 2: https://keats.github.io/tera/docs/)");
        if let Some((file, span)) = theme
            .locate(&format!("{e:#}"))
            .or_else(|| theme.locate(&chain(&e)))
        {
            d = d.at(file, span);
        }
        return Err(Diagnostics::from(d.source(e)));
    }
    Ok(Theme {
        tera,
        statics,
        site_statics,
        overrides,
    })
}

/// The templates `text` names in `include`, `extends` and `import` tags,
/// with the byte range of each name (inside its quotes).
fn references(text: &str) -> Vec<(&str, Range<usize>)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find("{%").map(|i| at + i) {
        at = open + 2;
        let tag = text[at..].trim_start_matches(['-', '+']).trim_start();
        let Some(rest) = ["include", "extends", "import"]
            .iter()
            .find_map(|k| tag.strip_prefix(k))
            .filter(|r| r.starts_with(char::is_whitespace))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        else {
            continue;
        };
        let start = text.len() - rest.len() + 1;
        if let Some(len) = text[start..].find(quote) {
            found.push((&text[start..start + len], start..start + len));
        }
    }
    found
}

type Templates = BTreeMap<String, (String, Option<FileId>)>;

/// Reports every chain of `include`/`extends`/`import` that leads back to
/// where it started, at the tag in the site's own template that closes it:
/// Tera's own message names neither file nor line.
fn cycles(templates: &Templates) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut done = std::collections::BTreeSet::new();
    let mut reported = std::collections::BTreeSet::new();
    for start in templates.keys() {
        let mut path = Vec::new();
        walk(start, templates, &mut path, &mut done, &mut |cycle| {
            let mut key: Vec<&str> = cycle.to_vec();
            key.sort_unstable();
            if reported.insert(key.join("\n")) {
                diags.extend(cycle_error(cycle, templates));
            }
        });
    }
    diags
}

/// Depth-first from `name`; calls `found` with each cycle (its names in
/// order, the first repeated at the end).
fn walk<'t>(
    name: &'t str,
    templates: &'t Templates,
    path: &mut Vec<&'t str>,
    done: &mut std::collections::BTreeSet<&'t str>,
    found: &mut dyn FnMut(&[&'t str]),
) {
    if let Some(i) = path.iter().position(|n| *n == name) {
        let mut cycle = path[i..].to_vec();
        cycle.push(name);
        found(&cycle);
        return;
    }
    if done.contains(name) {
        return;
    }
    let Some((key, (text, _))) = templates.get_key_value(name) else {
        return;
    };
    path.push(key);
    for (target, _) in references(text) {
        if let Some((target, _)) = templates.get_key_value(target) {
            walk(target, templates, path, done, found);
        }
    }
    path.pop();
    done.insert(key);
}

/// One diagnostic for a cycle, at the site's own tag(s) in it.
fn cycle_error(cycle: &[&str], templates: &Templates) -> Diagnostics {
    let chain = cycle.join(" → ");
    let mut diags = Diagnostics::new();
    for pair in cycle.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let Some((text, Some(file))) = templates.get(from) else {
            continue;
        };
        let Some((_, span)) = references(text).into_iter().find(|(t, _)| *t == to) else {
            continue;
        };
        diags.push(
            Diagnostic::error(
                Code::Template,
                format!("the templates include each other in a circle: {chain}"),
            )
            .at(*file, span)
            .label(format!("`{to}` leads back to `{from}`"))
            .help(format!(
                "remove this tag, or the tag further along the chain that leads back to `{from}`"
            )),
        );
        break;
    }
    diags
}

/// An error and all its causes as one text.
pub(crate) fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        text.push('\n');
        text.push_str(&cause.to_string());
        next = cause.source();
    }
    text
}
