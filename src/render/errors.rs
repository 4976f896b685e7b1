//! Template errors as diagnostics: which template failed on which page,
//! pointing into the site's own template where the error is there, and
//! one report per template bug however many pages it broke.

use std::collections::BTreeMap;

use super::bounded::{MAX_FILE_BYTES, is_output_limit};
use super::theme::{self, Theme};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::model::Page;

/// The error of `template` failing on `page` (none for the pages konzept
/// generates) for readers of `lang`.
pub(super) fn template_error(
    err: tera::Error,
    template: &str,
    page: Option<&Page>,
    lang: &Lang,
    theme: &Theme,
) -> Diagnostic {
    let what = match page {
        Some(p) => format!(
            "template `{template}` failed while rendering content/{} ({lang})",
            p.path
        ),
        None => format!("template `{template}` failed ({lang})"),
    };
    let d = if is_output_limit(&err) {
        Diagnostic::error(
            Code::Limit,
            format!("{what}: it wrote more than {} MiB", MAX_FILE_BYTES >> 20),
        )
        .help(format!(
            "konzept writes at most {} MiB per file; look for a loop in the template that repeats more often than intended (a `range` inside another)",
            MAX_FILE_BYTES >> 20
        ))
    } else {
        Diagnostic::error(Code::Template, what)
            .help("fix the template: a variable it uses may not exist (docs/theme-api.md lists what templates receive)")
    };
    // Point at the site's own template if the error is in one; else at the page.
    let d = match (theme.locate(&theme::chain(&err)), page) {
        (Some((file, span)), _) => d.at(file, span).label("the error is here"),
        (None, Some(p)) => d.in_file(p.file),
        (None, None) => d,
    };
    d.source(err)
}

/// The error of globals that cannot be turned into template values.
pub(super) fn unprepared(e: impl std::error::Error + Send + Sync + 'static) -> Diagnostic {
    Diagnostic::error(
        Code::Template,
        "the site-wide template values could not be prepared",
    )
    .source(e)
}

/// One template bug fails every page that uses it; report it once, with the
/// number of other pages it broke.
pub(super) fn dedupe_template_errors(diags: Vec<Diagnostic>) -> Diagnostics {
    let mut seen: BTreeMap<String, (usize, Diagnostic)> = BTreeMap::new();
    let mut out = Diagnostics::new();
    for d in diags {
        if d.code != Code::Template && d.code != Code::Limit {
            out.push(d);
            continue;
        }
        let key = d
            .source
            .as_deref()
            .map(|e| format!("{}: {e}", d.code))
            .unwrap_or_default();
        seen.entry(key)
            .and_modify(|(n, _)| *n += 1)
            .or_insert((0, d));
    }
    for (_, (others, mut d)) in seen {
        if others > 0 {
            d.message.push_str(&format!(
                " and {others} other page{}",
                if others == 1 { "" } else { "s" }
            ));
        }
        out.push(d);
    }
    out
}
