//! Aliases across the site: each old path a page lists (`aliases:`,
//! checked for its form in `parse`) must name a file no other output of
//! the build has, compared without case (hosts on case-insensitive file
//! systems serve `/De/Alt/` and `/de/alt/` from one file): not a page's
//! URL (its own included), not a page konzept generates (404 pages, the
//! language chooser, full text, search), not another alias, nothing in
//! the directories of assets, the search index and copied files, and
//! nothing below an edition's page (archived editions and comparison
//! pages live there) or in the history pages' directory.

use std::collections::HashMap;

use super::ids::PageId;
use super::types::{EntryData, Site};
use crate::diag::{Code, Diagnostic, Diagnostics};

/// Directories of `public/` that konzept fills with files of its own.
const RESERVED_DIRS: &[&str] = &["assets", "pagefind", "files"];

/// What already claims a file of `public/`.
enum Owner {
    /// A page's URL.
    Page(PageId),
    /// A file konzept generates, described.
    Generated(String),
    /// An earlier alias.
    Alias(PageId, usize),
}

/// Reports every alias that collides with another output or alias.
pub(super) fn check(site: &Site, diags: &mut Diagnostics) {
    let mut owners: HashMap<String, Owner> = HashMap::new();
    owners.insert(
        "index.html".into(),
        Owner::Generated("the language chooser".into()),
    );
    owners.insert("404.html".into(), Owner::Generated("the 404 page".into()));
    let mut editions: Vec<String> = Vec::new();
    let mut histories: Vec<String> = Vec::new();
    for lang in &site.languages {
        owners.insert(
            format!("{lang}/404.html"),
            Owner::Generated(format!("the {lang} 404 page")),
        );
        for (url, what) in [
            (site.full_text_url(lang), "the full-text page"),
            (site.search_url(lang), "the search page"),
        ] {
            if let Some(url) = url {
                owners.insert(
                    format!("{}index.html", url.to_lowercase()),
                    Owner::Generated(format!("{what} (`/{url}`)")),
                );
            }
        }
        for e in &site.entries {
            let Some(url) = site.url(e.id, lang) else {
                continue;
            };
            let page = site
                .translation(e.id, lang)
                .unwrap_or_else(|| site.original(e.id));
            owners.insert(
                format!("{}index.html", url.to_lowercase()),
                Owner::Page(page),
            );
            if matches!(e.data, EntryData::Edition { .. }) {
                editions.push(url.to_lowercase());
            }
        }
        if let Some(prefix) = site.history_prefix(lang) {
            histories.push(prefix.to_lowercase());
        }
    }
    for page in &site.pages {
        for (i, alias) in page.aliases.iter().enumerate() {
            let key = alias.file.to_lowercase();
            let path = alias.path.to_lowercase();
            let top = path.split('/').next().unwrap_or_default();
            let here = |message: String| {
                Diagnostic::error(Code::DuplicateUrl, message)
                    .at(page.file, alias.span.clone())
                    .label("this alias")
            };
            if RESERVED_DIRS.contains(&top) {
                diags.push(
                    here(format!(
                        "the alias `/{}` is in `/{top}/`, where konzept writes its own files",
                        alias.path
                    ))
                    .help("an alias names an old page of the site; remove this line"),
                );
                continue;
            }
            if let Some(edition) = editions
                .iter()
                .find(|u| path.starts_with(u.as_str()) && path != **u)
            {
                diags.push(
                    here(format!("the alias `/{}` is below the edition page `/{edition}`", alias.path))
                        .help("the pages of archived editions are published below an edition's page; choose another path or remove this line"),
                );
                continue;
            }
            if let Some(prefix) = histories.iter().find(|p| path.starts_with(p.as_str())) {
                diags.push(
                    here(format!("the alias `/{}` is in `/{prefix}`, where the pages' histories are published", alias.path))
                        .help("konzept writes every page's history there; choose another path or remove this line"),
                );
                continue;
            }
            match owners.get(&key) {
                None => {
                    owners.insert(key, Owner::Alias(page.id, i));
                }
                Some(Owner::Page(p))
                    if *p == page.id
                        || site.page(*p).entry == page.entry && site.page(*p).lang == page.lang =>
                {
                    diags.push(
                        here(format!(
                            "the alias `/{}` is this page's own address",
                            alias.path
                        ))
                        .help("an alias is an old address of the page; remove this line"),
                    );
                }
                Some(Owner::Page(p)) => {
                    let other = site.page(*p);
                    diags.push(
                        here(format!(
                            "the alias `/{}` is the address of another page{}",
                            alias.path,
                            case_note(&alias.file, &key)
                        ))
                        .secondary(other.file, Some(other.spans.key("slug")), "this page is published there")
                        .help("a redirect there would hide that page: remove the alias, or give the other page another `slug`"),
                    );
                }
                Some(Owner::Generated(what)) => diags.push(
                    here(format!(
                        "the alias `/{}` is the address of {what}",
                        alias.path
                    ))
                    .help("konzept writes that file itself; remove this line"),
                ),
                Some(Owner::Alias(p, j)) => {
                    let other = site.page(*p);
                    let theirs = &other.aliases[*j];
                    let same = if *p == page.id {
                        "this page"
                    } else {
                        "another page"
                    };
                    diags.push(
                        here(format!(
                            "the alias `/{}` is also an alias of {same}{}",
                            alias.path,
                            case_note(&alias.path, &theirs.path)
                        ))
                        .secondary(other.file, Some(theirs.span.clone()), "the first alias")
                        .help(
                            "one old path can redirect to one page only: keep one of the two lines",
                        ),
                    );
                }
            }
        }
    }
}

/// " (differing only in case …)" when two paths differ in case only.
fn case_note(ours: &str, theirs: &str) -> &'static str {
    if ours == theirs || ours.to_lowercase() != theirs.to_lowercase() {
        ""
    } else {
        " (differing only in case, which hosts on case-insensitive file systems do not tell apart)"
    }
}
