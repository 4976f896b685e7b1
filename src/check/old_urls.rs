//! Old URLs that lead nowhere now: a version of a content file an earlier
//! commit had (the git history read in-process by `load`, bounded to the
//! last [`MAX_PAST_COMMITS`] commits of the first-parent line) published a
//! URL that no current page and no alias serves: the file was renamed,
//! moved or removed, or its `slug:` changed. `check` warns with the old
//! path and the `aliases:` line to add, naming the page it most likely
//! became: the same file (a changed slug), the current file with the same
//! text (a rename without edits), else the file of the same name in
//! another section, else the closest name in its section ("did you mean").

use std::collections::HashSet;

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::ids::Lang;
use crate::load::{INDEX, MAX_PAST_COMMITS, PastFile, Sources, past_files};
use crate::model::Site;
use crate::yaml;

/// The warnings for every old URL that leads nowhere.
pub(super) fn check(site: &Site, config: &Config, sources: &Sources) -> Diagnostics {
    let past = past_files(&config.root, &|_| true);
    let mut diags = Diagnostics::new();
    if past.is_empty() {
        return diags;
    }
    let mut served: HashSet<String> = HashSet::new();
    for lang in &site.languages {
        for e in &site.entries {
            if let Some(url) = site.url(e.id, lang) {
                served.insert(url.to_lowercase());
            }
        }
        served.extend(site.full_text_url(lang).map(str::to_lowercase));
        served.extend(site.search_url(lang).map(str::to_lowercase));
    }
    for page in &site.pages {
        served.extend(page.aliases.iter().map(|a| a.path.to_lowercase()));
    }
    let mut warned = HashSet::new();
    for file in &past {
        let Some(old) = Old::of(file, site, config) else {
            continue;
        };
        if served.contains(&old.url.to_lowercase()) || !warned.insert(old.url.clone()) {
            continue;
        }
        diags.push(warning(file, &old, site, sources));
    }
    diags
}

/// What an old file was: its section, name, language and URL.
struct Old {
    section: Option<String>,
    stem: String,
    lang: Lang,
    url: String,
}

impl Old {
    /// The URL the file had, with today's section slugs and its own
    /// `slug:`; `None` for the home page and names konzept never read.
    fn of(file: &PastFile, site: &Site, config: &Config) -> Option<Old> {
        let rel = file.path.strip_prefix("content/")?.strip_suffix(".md")?;
        let (section, name) = match rel.split_once('/') {
            Some((s, n)) if !n.contains('/') => (Some(s.to_owned()), n),
            Some(_) => return None,
            None => (None, rel),
        };
        let (stem, lang) = match name.rsplit_once('.') {
            Some((stem, l)) => (
                stem,
                config.languages.iter().find(|c| c.as_str() == l)?.clone(),
            ),
            None => (name, config.default_lang.clone()),
        };
        if section.is_none() && stem == INDEX {
            return None;
        }
        let own = slug_of(&file.text).unwrap_or_else(|| match (&section, stem) {
            (Some(s), INDEX) => s.clone(),
            _ => stem.to_owned(),
        });
        let section_slug = |s: &str| {
            site.entries
                .iter()
                .find(|e| e.stem == INDEX && e.section.as_ref().is_some_and(|x| x.as_str() == s))
                .and_then(|e| site.url(e.id, &lang))
                .map(|u| {
                    u.trim_end_matches('/')
                        .rsplit('/')
                        .next()
                        .unwrap_or(s)
                        .to_owned()
                })
                .unwrap_or_else(|| s.to_owned())
        };
        let url = match (&section, stem) {
            (Some(_), INDEX) | (None, _) => format!("{lang}/{own}/"),
            (Some(s), _) => format!("{lang}/{}/{own}/", section_slug(s)),
        };
        Some(Old {
            section,
            stem: stem.to_owned(),
            lang,
            url,
        })
    }
}

/// The `slug:` of a file's front matter, if it sets one.
fn slug_of(text: &str) -> Option<String> {
    let rest = text.strip_prefix("---")?;
    let end = rest.find("\n---")?;
    yaml::field::<String>(&rest[..end], "slug").map(|s| s.trim().to_owned())
}

fn warning(file: &PastFile, old: &Old, site: &Site, sources: &Sources) -> Diagnostic {
    let in_lang = || site.pages.iter().filter(|p| p.lang == old.lang);
    let section_of = |p: &crate::model::Page| {
        site.entry(p.entry)
            .section
            .as_ref()
            .map(|s| s.as_str().to_owned())
    };
    let renamed = in_lang()
        .find(|p| {
            sources.pages.iter().any(|s| {
                s.file == p.file && !file.text.is_empty() && s.text.starts_with(&file.text)
            })
        })
        .or_else(|| in_lang().find(|p| site.entry(p.entry).stem == old.stem))
        .or_else(|| {
            let same: Vec<&crate::model::Page> =
                in_lang().filter(|p| section_of(p) == old.section).collect();
            let name = did_you_mean(
                &old.stem,
                same.iter().map(|p| site.entry(p.entry).stem.as_str()),
            )?;
            same.into_iter().find(|p| site.entry(p.entry).stem == name)
        });
    let line = format!("aliases: [/{}]", old.url);
    let d = Diagnostic::warning(
        Code::OldUrl,
        format!(
            "`/{}` ({} in commit {}) leads nowhere now",
            old.url, file.path, file.commit
        ),
    );
    match renamed {
        Some(page) => d.in_file(page.file).help(format!(
            "if this page replaced it, add `{line}` to its front matter (content/{}), so old links and printed QR codes keep working",
            page.path
        )),
        None => d.help(format!(
            "add `{line}` to the front matter of the page that replaced it, so old links and printed QR codes keep working (the last {MAX_PAST_COMMITS} commits are read)"
        )),
    }
}
