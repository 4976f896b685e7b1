//! The loader of an archived edition: `content/` as a git revision has it
//! (read in-process, `history/revision.rs`), classified as the current
//! site's files are, with every problem a warning (`archived-content`)
//! rather than an error: old content never fails today's build
//! (docs/editions.md § Archived editions).

use std::sync::Arc;

use super::classify::classify;
use super::history::revision;
use super::types::{I18nSource, Sources};
use crate::config::Config;
use crate::dates::Timestamp;
use crate::diag::{Code, Diagnostic, Diagnostics, Severity, SourceMap};

/// An archived edition's files, loaded.
#[derive(Debug)]
pub struct AtRevision {
    /// Its Markdown files (their display paths are `<revision>:content/…`,
    /// as `git show` names them) and today's UI strings (`i18n`: the theme
    /// is today's, and so are its words).
    pub sources: Sources,
    /// The commit the revision names (full hex).
    pub commit: String,
    /// The commit's time.
    pub time: Timestamp,
}

/// Loads `content/` of the site at `config.root` as `revision` has it.
/// Files that cannot be placed are left out with an `archived-content`
/// warning each; `Err` is one warning saying why nothing could be read.
pub fn at_revision(
    config: &Config,
    i18n: &[I18nSource],
    revision: &str,
    map: &mut SourceMap,
) -> Result<(AtRevision, Diagnostics), Diagnostic> {
    let read = revision::read(&config.root, revision).map_err(|reason| {
        Diagnostic::warning(
            Code::ArchivedContent,
            format!(
                "the revision `{revision}` cannot be read: {reason}; its edition is not published"
            ),
        )
        .help("name a tag, branch or commit of the site's repository in the edition's `revision:`")
    })?;
    let mut warnings = Diagnostics::new();
    for skipped in &read.skipped {
        warnings.push(
            Diagnostic::warning(
                Code::ArchivedContent,
                format!("{revision}:{} {}; it is left out of the archived edition", skipped.path, skipped.reason),
            )
            .help("nothing to do: archived editions publish only the Markdown files of their revision"),
        );
    }
    let mut sources = Sources::default();
    let mut tally = super::classify::Tally::default();
    for (path, bytes) in read.files {
        let Some(rel) = path.strip_prefix("content/").filter(|r| r.ends_with(".md")) else {
            // Images and other files of old editions are not published.
            continue;
        };
        let display = format!("{revision}:{path}");
        let mut found = Diagnostics::new();
        let (file, text) = match map.add_bytes(display, bytes) {
            Ok(added) => added,
            Err(d) => {
                warnings.push(lenient(d, revision));
                continue;
            }
        };
        let page = classify(rel, file, Arc::clone(&text), config, &mut tally, &mut found);
        for d in found {
            warnings.push(lenient(d, revision));
        }
        sources.pages.extend(page);
    }
    let mut found = Diagnostics::new();
    // An edition's files in a paused language are left out like today's.
    tally.finish(config, &mut found);
    for d in found {
        warnings.push(lenient(d, revision));
    }
    sources
        .pages
        .sort_by(|a, b| a.path.as_str().cmp(b.path.as_str()));
    sources.i18n = i18n.to_vec();
    Ok((
        AtRevision {
            sources,
            commit: read.commit,
            time: read.time,
        },
        warnings,
    ))
}

/// A problem of an archived edition's content as today's build reports it:
/// an `archived-content` warning with the problem's place, naming the
/// revision, and what became of it (`what`: "the page is left out").
pub fn lenient_as(mut d: Diagnostic, revision: &str, what: &str) -> Diagnostic {
    if d.severity == Severity::Error || d.code != Code::ArchivedContent {
        d.message = format!("{revision}: {} ({}): {what}", d.message, d.code.as_str());
    }
    d.severity = Severity::Warning;
    d.code = Code::ArchivedContent;
    d.help = Some(
        "nothing to do: the archived edition keeps its text as it was; today's build reads it leniently (docs/editions.md)"
            .to_owned(),
    );
    d
}

fn lenient(d: Diagnostic, revision: &str) -> Diagnostic {
    lenient_as(d, revision, "the file is left out of the archived edition")
}
