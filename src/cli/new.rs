//! `konzept new`.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::config::{self, Overrides};
use crate::diag::{Code, Diagnostic, Diagnostics, SourceMap};
use crate::ids::{Lang, Slug};
use crate::parse::kinds::{Kind, STATEMENT_STEM};
use crate::scaffold;

/// Options of `konzept new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to create: a guideline (content/leitlinien/), a project (content/projekte/), a contact (content/kontakte/), a page (content/) or the accessibility statement (content/barrierefreiheit.md).
    #[arg(value_enum)]
    pub kind: NewKind,
    /// The file name and id: lowercase letters, digits and `-`, e.g. `sprachcafe`.
    pub slug: String,
    /// The languages to create, comma-separated (default: every language of site.yaml).
    #[arg(long, value_name = "LANGS", value_delimiter = ',')]
    pub lang: Vec<String>,
}

/// The kinds `konzept new` can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    /// A guideline (Leitlinie).
    Guideline,
    /// A project (Projekt).
    Project,
    /// A contact (Kontakt).
    Contact,
    /// A plain page.
    Page,
    /// An edition of the concept (Fortschreibung).
    Edition,
    /// The accessibility statement (`barrierefreiheit`, the one file name
    /// it has).
    Accessibility,
}

impl NewKind {
    /// The kind of page it creates.
    fn kind(self) -> Kind {
        match self {
            NewKind::Guideline => Kind::Guideline,
            NewKind::Project => Kind::Project,
            NewKind::Contact => Kind::Contact,
            NewKind::Page => Kind::Page,
            NewKind::Edition => Kind::Edition,
            NewKind::Accessibility => Kind::Accessibility,
        }
    }
}

impl NewArgs {
    /// Creates the files in the site directory `root` and prints their paths.
    pub fn run(&self, root: &Path) -> ExitCode {
        let mut sources = SourceMap::new();
        let config = match config::resolve(root, &Overrides::default(), &mut sources) {
            Ok(c) => c,
            Err(d) => return usage(&d, &sources),
        };
        let Some(slug) = Slug::parse(&self.slug) else {
            // `aux.md`: the name is asked for without `.md`.
            let name = self.slug.strip_suffix(".md").unwrap_or(&self.slug);
            let d = Diagnostic::error(
                Code::UnsupportedPath,
                format!("`{}` cannot be used as a file name and id", self.slug),
            )
            .help(format!(
                "use `{}`: {}",
                Slug::suggestion(name),
                Slug::rule(name)
            ));
            return usage(&Diagnostics::from(d), &sources);
        };
        if self.kind == NewKind::Accessibility && slug.as_str() != STATEMENT_STEM {
            // The kind is decided by the file name: any other name would be
            // a plain page that rejects the statement's fields.
            let d = Diagnostic::error(
                Code::UnsupportedPath,
                format!(
                    "the accessibility statement is content/{STATEMENT_STEM}.md, not `{}`",
                    self.slug
                ),
            )
            .help(format!("run `konzept new accessibility {STATEMENT_STEM}`"));
            return usage(&Diagnostics::from(d), &sources);
        }
        let mut langs = Vec::new();
        for code in &self.lang {
            match Lang::parse(code.trim()) {
                Some(l) => langs.push(l),
                None => {
                    let d = Diagnostic::error(
                        Code::UnknownLanguage,
                        format!("`{code}` is not a language code"),
                    )
                    .help("write codes such as `de,fr,en`");
                    return usage(&Diagnostics::from(d), &sources);
                }
            }
        }
        if langs.is_empty() {
            langs.clone_from(&config.languages);
        }
        let kind = self.kind.kind();
        let created = scaffold::plan_new(&config, kind, &slug, &langs).and_then(|plan| {
            let written = scaffold::create_files(root, &plan.files)?;
            Ok((written, plan.notes))
        });
        match created {
            Ok((written, notes)) => {
                let mut text = String::new();
                for path in written {
                    let shown = path.strip_prefix(".").unwrap_or(&path);
                    text += &format!("created {}\n", shown.display());
                }
                for note in notes {
                    super::out::eprintln(&note.to_string());
                }
                match super::out::print(&text) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(code) => code,
                }
            }
            Err(d) => usage(&Diagnostics::from(d), &sources),
        }
    }
}

fn usage(diagnostics: &Diagnostics, sources: &SourceMap) -> ExitCode {
    super::report(diagnostics, sources);
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new kind with a section of its own must be creatable: this test
    /// names it until `NewKind` has it.
    #[test]
    fn konzept_new_creates_every_kind_of_entry() {
        for kind in Kind::ALL {
            if kind.section().is_none() && !matches!(kind, Kind::Page | Kind::Accessibility) {
                continue;
            }
            let new = NewKind::from_str(kind.name(), false)
                .unwrap_or_else(|_| panic!("add `{}` to NewKind", kind.name()));
            assert_eq!(new.kind(), *kind);
        }
    }
}
