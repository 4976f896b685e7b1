//! The editions of the concept ([`Edition`]): the entries of
//! `fortschreibungen/` as a list, oldest adopted first, and the rules
//! across them: exactly one edition is this site's content (`source:
//! current`), and no edition supersedes itself, directly or around a
//! circle.

use super::ids::EntryId;
use super::types::{Edition, EntryData, Site};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Slug;
use crate::parse::kinds::EditionSource;

/// The site's editions in order; reports a missing or second `source:
/// current` and circles of `supersedes`.
pub(super) fn collect(site: &Site, diags: &mut Diagnostics) -> Vec<Edition> {
    let mut editions: Vec<Edition> = site
        .entries
        .iter()
        .filter_map(|e| match &e.data {
            EntryData::Edition {
                adopted,
                status,
                source,
                supersedes,
            } => Some(Edition {
                page: site.original(e.id),
                entry: e.id,
                id: Slug::parse(&e.stem).expect("load invariant: file names are valid slugs"),
                adopted: *adopted,
                status: *status,
                source: source.clone(),
                supersedes: *supersedes,
            }),
            _ => None,
        })
        .collect();
    editions.sort_by(|a, b| {
        (a.adopted.is_none(), a.adopted, a.id.as_str()).cmp(&(
            b.adopted.is_none(),
            b.adopted,
            b.id.as_str(),
        ))
    });
    if !editions.is_empty() {
        check_current(site, &editions, diags);
        check_circles(site, &editions, diags);
    }
    editions
}

fn path(site: &Site, edition: &Edition) -> String {
    format!("content/{}", site.page(edition.page).path)
}

fn check_current(site: &Site, editions: &[Edition], diags: &mut Diagnostics) {
    let current: Vec<&Edition> = editions
        .iter()
        .filter(|e| e.source == EditionSource::Current)
        .collect();
    match current.as_slice() {
        [_] => {}
        [] => {
            let first = site.page(editions[0].page);
            let files: Vec<String> = editions.iter().map(|e| path(site, e)).collect();
            diags.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    "no edition says it is this site's content (`source: current`)",
                )
                .at(first.file, first.spans.key("source"))
                .help(format!(
                    "write `source: current` in the one edition whose text this site publishes; the editions are {}",
                    files.join(", ")
                )),
            );
        }
        [first, rest @ ..] => {
            let page = site.page(first.page);
            let mut d = Diagnostic::error(
                Code::InvalidValue,
                format!(
                    "{} editions say they are this site's content (`source: current`): {}",
                    current.len(),
                    current
                        .iter()
                        .map(|e| path(site, e))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .at(page.file, page.spans.value("source"))
            .label("this one");
            for other in rest {
                let p = site.page(other.page);
                d = d.secondary(p.file, Some(p.spans.value("source")), "and this one");
            }
            diags.push(d.help(
                "keep `source: current` in the edition this site publishes; the others are `source: git` (with `revision:`) or `source: none`",
            ));
        }
    }
}

fn check_circles(site: &Site, editions: &[Edition], diags: &mut Diagnostics) {
    let next = |entry: EntryId| {
        editions
            .iter()
            .find(|e| e.entry == entry)
            .and_then(|e| e.supersedes)
    };
    for edition in editions {
        let mut at = edition.supersedes;
        // A circle is no longer than the list.
        for _ in 0..editions.len() {
            match at {
                Some(e) if e == edition.entry => {
                    let page = site.page(edition.page);
                    diags.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            format!("the edition `{}` supersedes itself", edition.id),
                        )
                        .at(page.file, page.spans.value("supersedes"))
                        .label("following `supersedes` from here leads back here")
                        .help("name the edition this one replaced, an earlier one, or remove `supersedes`"),
                    );
                    break;
                }
                Some(e) => at = next(e),
                None => break,
            }
        }
    }
}
