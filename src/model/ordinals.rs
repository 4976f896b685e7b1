//! A guideline's number (`ordinal`) is its name in the concept („Leitlinie
//! 3“): two guidelines with one number would both be shown as it. Each
//! duplicate is an error at its `ordinal` line, naming the file that has
//! the number first (by path) and the first free number.
//!
//! Gaps (1, 2, 4) are fine and not reported: a guideline withdrawn from a
//! concept keeps the others' numbers, which the printed concept and the
//! council's decisions cite; renumbering to close the gap would change
//! what „Leitlinie 4“ means. Zero and implausibly large numbers are the
//! parser's (`parse/kinds/guideline.rs`); translations inherit the number
//! and cannot set their own (`neutral-field`).

use std::collections::BTreeMap;

use super::types::{EntryData, Site};
use crate::diag::{Code, Diagnostic, Diagnostics};

/// Reports every guideline whose ordinal an earlier one (by path) has.
pub(super) fn check(site: &Site, diags: &mut Diagnostics) {
    let mut by_number: BTreeMap<u32, Vec<&super::types::Page>> = BTreeMap::new();
    for entry in &site.entries {
        if let EntryData::Guideline { ordinal: n } = entry.data {
            by_number
                .entry(n)
                .or_default()
                .push(site.page(site.original(entry.id)));
        }
    }
    let free = (1..)
        .find(|n| !by_number.contains_key(n))
        .expect("fewer guidelines than numbers");
    for (n, mut pages) in by_number {
        pages.sort_by(|a, b| a.path.as_str().cmp(b.path.as_str()));
        let (first, rest) = pages.split_first().expect("each number has a page");
        for page in rest {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateOrdinal,
                    format!(
                        "guideline number {n} is taken: content/{} has it already",
                        first.path
                    ),
                )
                .at(page.file, page.spans.value("ordinal"))
                .label(format!("both would be shown as guideline {n}"))
                .secondary(
                    first.file,
                    Some(first.spans.value("ordinal")),
                    "the number first given here",
                )
                .help(format!(
                    "give one of them a number no other guideline has: {free} is the first free one"
                )),
            );
        }
    }
}
