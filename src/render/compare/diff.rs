//! Two versions aligned: blocks first (an unchanged paragraph is one
//! comparison, not hundreds), then the words of each changed block.
//!
//! The work is bounded so that a hostile or enormous page cannot make a
//! build quadratic: Myers' algorithm costs up to the product of the two
//! lengths when everything differs, so word-level comparison is limited to
//! [`BLOCK_TOKENS`] per block and [`PAGE_TOKENS`] per page, and block
//! alignment to [`PAGE_BLOCKS`]. Beyond them a changed block is shown as
//! replaced (all of the old removed, all of the new added) and the
//! comparison says it was shortened.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::blocks::Block;
use super::tokens::{Class, Token, tokenize, words};
use super::{BlockDiff, Change, Op, Part};

/// Tokens (both versions together) one block pair may have to be compared
/// word by word.
pub(super) const BLOCK_TOKENS: usize = 2_000;
/// Tokens compared word by word in one page, all block pairs together.
pub(super) const PAGE_TOKENS: usize = 20_000;
/// Blocks (both versions together) aligned one by one in a page; beyond,
/// only the unchanged start and end are found.
pub(super) const PAGE_BLOCKS: usize = 4_000;

/// What the comparison of two texts found.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub(super) blocks: Vec<BlockDiff>,
    pub(super) added: usize,
    pub(super) removed: usize,
    /// Whether a limit made some changed blocks show as replaced.
    pub(super) capped: bool,
    /// Word-level tokens still allowed.
    budget: usize,
}

impl Found {
    pub(super) fn new() -> Found {
        Found {
            budget: PAGE_TOKENS,
            ..Found::default()
        }
    }

    /// Aligns the blocks of two versions and compares each changed pair.
    pub(super) fn blocks(&mut self, old: &[Block], new: &[Block]) {
        if old.len() + new.len() > PAGE_BLOCKS {
            self.capped = true;
            let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
            let (old_rest, new_rest) = (&old[start..], &new[start..]);
            let end = old_rest
                .iter()
                .rev()
                .zip(new_rest.iter().rev())
                .take_while(|(a, b)| a == b)
                .count();
            self.same(&old[..start]);
            self.hunk(
                &old_rest[..old_rest.len() - end],
                &new_rest[..new_rest.len() - end],
            );
            self.same(&old_rest[old_rest.len() - end..]);
            return;
        }
        for op in capture_diff_slices(Algorithm::Myers, old, new) {
            match op {
                DiffOp::Equal { old_index, len, .. } => {
                    self.same(&old[old_index..old_index + len]);
                }
                DiffOp::Delete {
                    old_index, old_len, ..
                } => self.hunk(&old[old_index..old_index + old_len], &[]),
                DiffOp::Insert {
                    new_index, new_len, ..
                } => self.hunk(&[], &new[new_index..new_index + new_len]),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => self.hunk(
                    &old[old_index..old_index + old_len],
                    &new[new_index..new_index + new_len],
                ),
            }
        }
    }

    fn same(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.blocks.push(BlockDiff {
                kind: block.kind,
                change: Change::Same,
                parts: vec![Part::new(Op::Same, &block.text)],
            });
        }
    }

    /// Blocks removed and added in one place: paired in order and compared
    /// word by word; what is left over is removed or added whole.
    fn hunk(&mut self, old: &[Block], new: &[Block]) {
        let paired = old.len().min(new.len());
        for (a, b) in old.iter().zip(new) {
            let parts = self.words(&a.text, &b.text);
            self.blocks.push(BlockDiff {
                kind: b.kind,
                change: Change::Changed,
                parts,
            });
        }
        for block in &old[paired..] {
            self.removed += words(&tokenize(&block.text));
            self.blocks.push(BlockDiff {
                kind: block.kind,
                change: Change::Removed,
                parts: vec![Part::new(Op::Removed, &block.text)],
            });
        }
        for block in &new[paired..] {
            self.added += words(&tokenize(&block.text));
            self.blocks.push(BlockDiff {
                kind: block.kind,
                change: Change::Added,
                parts: vec![Part::new(Op::Added, &block.text)],
            });
        }
    }

    /// The parts of a changed text: unchanged runs, and in each changed
    /// place what was removed followed by what was added.
    pub(super) fn words(&mut self, old: &str, new: &str) -> Vec<Part> {
        let (a, b) = (tokenize(old), tokenize(new));
        let size = a.len() + b.len();
        if size > BLOCK_TOKENS || size > self.budget {
            self.capped = true;
            self.removed += words(&a);
            self.added += words(&b);
            return [Part::new(Op::Removed, old), Part::new(Op::Added, new)]
                .into_iter()
                .filter(|p| !p.text.is_empty())
                .collect();
        }
        self.budget -= size;
        let mut runs: Vec<(Op, &[Token])> = Vec::new();
        for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
            let (removed, added, same) = match op {
                DiffOp::Equal { old_index, len, .. } => {
                    (None, None, Some(&a[old_index..old_index + len]))
                }
                DiffOp::Delete {
                    old_index, old_len, ..
                } => (Some(&a[old_index..old_index + old_len]), None, None),
                DiffOp::Insert {
                    new_index, new_len, ..
                } => (None, Some(&b[new_index..new_index + new_len]), None),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => (
                    Some(&a[old_index..old_index + old_len]),
                    Some(&b[new_index..new_index + new_len]),
                    None,
                ),
            };
            if let Some(t) = removed {
                self.removed += words(t);
                runs.push((Op::Removed, t));
            }
            if let Some(t) = added {
                self.added += words(t);
                runs.push((Op::Added, t));
            }
            if let Some(t) = same {
                runs.push((Op::Same, t));
            }
        }
        parts(&runs)
    }
}

/// Runs of tokens as parts: a lone space between two changes joins them
/// (one change `alte Fassung` → `neue Fassung`, not two), and each changed
/// place shows all its removed text before all its added text.
fn parts(runs: &[(Op, &[Token])]) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    for (k, (op, tokens)) in runs.iter().enumerate() {
        let text: String = tokens.iter().map(|t| t.text.as_str()).collect();
        let joins = *op == Op::Same
            && tokens.iter().all(|t| t.class == Class::Space)
            && k > 0
            && runs[k - 1].0 != Op::Same
            && runs.get(k + 1).is_some_and(|r| r.0 != Op::Same);
        match op {
            Op::Removed => removed.push_str(&text),
            Op::Added => added.push_str(&text),
            Op::Same if joins => {
                removed.push_str(&text);
                added.push_str(&text);
            }
            Op::Same => {
                flush(&mut out, &mut removed, &mut added);
                out.push(Part { op: Op::Same, text });
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

fn flush(out: &mut Vec<Part>, removed: &mut String, added: &mut String) {
    for (op, text) in [(Op::Removed, removed), (Op::Added, added)] {
        if !text.is_empty() {
            out.push(Part {
                op,
                text: std::mem::take(text),
            });
        }
    }
}
