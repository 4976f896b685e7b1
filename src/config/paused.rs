//! `paused_languages` of `site.yaml`: languages whose files are kept but
//! not published. A paused language is taken out of the site's languages,
//! so nothing is made for it (pages, `hreflang`, the language switcher,
//! sitemap, feeds, search) and its UI strings are not needed; `load` skips
//! its files and counts them.

use std::ops::Range;

use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::ids::Lang;
use crate::yaml::KeySpans;

/// Checks each paused code against `langs` and the default language, and
/// takes the paused languages out of `langs`. `at` is the text of
/// `site.yaml`, where its keys stand, and its file.
pub(super) fn resolve(
    codes: Vec<String>,
    langs: &mut Vec<Lang>,
    default_lang: Option<&Lang>,
    at: (&str, &KeySpans, FileId),
    diags: &mut Diagnostics,
) -> Vec<Lang> {
    let (text, spans, file) = at;
    let place = |code: &str| -> Range<usize> { spans.item(text, "paused_languages", code) };
    let mut paused: Vec<Lang> = Vec::new();
    for code in codes {
        let Some(lang) = langs.iter().find(|l| l.as_str() == code).cloned() else {
            if paused.iter().any(|l| l.as_str() == code) {
                diags.push(
                    Diagnostic::error(
                        Code::Config,
                        format!("`{code}` is listed twice in `paused_languages`"),
                    )
                    .at(file, spans.nth_item(text, "paused_languages", &code, 1))
                    .help("list each language once"),
                );
                continue;
            }
            let d = super::unknown_lang(&code, place(&code), file, langs);
            let misspelt = d
                .help
                .as_deref()
                .is_some_and(|h| h.starts_with("did you mean"));
            diags.push(if misspelt {
                d
            } else {
                d.help(format!(
                    "a paused language must also be listed in `languages`: add `{code}` there \
                     (its files are kept, not published)"
                ))
            });
            continue;
        };
        if Some(&lang) == default_lang {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!("`{code}` is the default language and cannot be paused"),
                )
                .at(file, place(&code))
                .help(format!(
                    "every page is written in `{code}` first; remove `{code}` from `paused_languages`, \
                     or make another language `default_language`"
                )),
            );
            continue;
        }
        langs.retain(|l| *l != lang);
        paused.push(lang);
    }
    paused
}
