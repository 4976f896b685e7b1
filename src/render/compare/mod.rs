//! What changed between two versions of a page, word by word, as
//! accessible, printable HTML (issue 17, "What changed").
//!
//! A version is its blocks ([`blocks`]: the plain text of each heading,
//! paragraph and list item of the page's HTML body) and the front-matter
//! fields readers see (title, summary, …, labelled in the reader's
//! language). [`compare`] aligns blocks, then compares each changed block
//! word by word (`tokens.rs`: words, spaces and punctuation, Unicode-aware)
//! with the `similar` crate, within limits (`diff.rs`): a hostile page
//! cannot make it quadratic, it is shown as replaced blocks with a note.
//!
//! [`Comparison::html`] marks additions with `<ins>` and removals with
//! `<del>`, each opened by a visually hidden label in the reader's language
//! ("Eingefügt:", "Entfernt:") and a visible marker (`+`, `−`) that also
//! prints: the change is never told by colour alone. Old content is
//! untrusted: every text is escaped.

mod blocks;
mod diff;
mod html;
mod tokens;

pub use blocks::{Block, BlockKind, blocks};

/// What a run of text is in the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// In both versions.
    Same,
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
}

/// A run of text and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Unchanged, added or removed.
    pub op: Op,
    /// The text, as readers read it (not escaped).
    pub text: String,
}

impl Part {
    fn new(op: Op, text: &str) -> Part {
        Part {
            op,
            text: text.to_owned(),
        }
    }
}

/// What happened to a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Unchanged.
    Same,
    /// New in the newer version.
    Added,
    /// Gone from the newer version.
    Removed,
    /// In both, with words changed.
    Changed,
}

/// One block of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockDiff {
    /// What the block is (the newer version's kind for a changed block).
    pub kind: BlockKind,
    /// What happened to it.
    pub change: Change,
    /// Its text in runs.
    pub parts: Vec<Part>,
}

/// A front-matter field as readers see it in both versions (`None`: the
/// version does not have it).
#[derive(Debug, Clone)]
pub struct Field {
    /// Its label in the reader's language ("Titel").
    pub label: String,
    /// The older version's value.
    pub old: Option<String>,
    /// The newer version's value.
    pub new: Option<String>,
}

/// A field whose value changed.
#[derive(Debug, Clone)]
pub struct FieldDiff {
    /// Its label in the reader's language.
    pub label: String,
    /// Its value in runs.
    pub parts: Vec<Part>,
}

/// Two versions of a page compared.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The changed front-matter fields, in the order given.
    pub fields: Vec<FieldDiff>,
    /// The text, block by block, unchanged blocks included.
    pub blocks: Vec<BlockDiff>,
    /// Words added (fields and text).
    pub added: usize,
    /// Words removed (fields and text).
    pub removed: usize,
    /// Whether a limit made some changed blocks show as replaced whole.
    pub capped: bool,
}

/// The hidden labels that open each change, in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    /// Before added text ("Eingefügt:").
    pub added: &'a str,
    /// Before removed text ("Entfernt:").
    pub removed: &'a str,
}

/// Compares the older version (`old` blocks) with the newer (`new`), and
/// the fields.
pub fn compare(old: &[Block], new: &[Block], fields: &[Field]) -> Comparison {
    let mut found = diff::Found::new();
    let mut changed = Vec::new();
    for field in fields.iter().filter(|f| f.old != f.new) {
        let parts = found.words(
            field.old.as_deref().unwrap_or(""),
            field.new.as_deref().unwrap_or(""),
        );
        changed.push(FieldDiff {
            label: field.label.clone(),
            parts,
        });
    }
    found.blocks(old, new);
    Comparison {
        fields: changed,
        blocks: found.blocks,
        added: found.added,
        removed: found.removed,
        capped: found.capped,
    }
}

impl Comparison {
    /// Whether anything differs.
    pub fn is_changed(&self) -> bool {
        !self.fields.is_empty() || self.blocks.iter().any(|b| b.change != Change::Same)
    }

    /// The text as HTML: blocks as headings (level 2 and below), paragraphs
    /// and lists, changes as labelled `<ins>`/`<del>`, everything escaped.
    pub fn html(&self, labels: Labels<'_>) -> String {
        html::blocks(&self.blocks, labels)
    }

    /// The changed fields as a description list (empty if none changed).
    pub fn fields_html(&self, labels: Labels<'_>) -> String {
        html::fields(&self.fields, labels)
    }
}

#[cfg(test)]
mod tests;
