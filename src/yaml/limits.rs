//! Bounds on YAML, checked in one linear pass before the YAML crate sees
//! the text.
//!
//! libyaml (under `serde_yaml`) keeps one "simple key" slot per open flow
//! collection and walks all of them for every token, so `[[[[…` costs time
//! quadratic in its depth: 200,000 `[` ran for minutes. Nothing a site needs
//! nests deeper than a few levels, so nesting beyond [`MAX_DEPTH`] (flow
//! `[`/`{`, block indentation and `- - -` chains together) is refused where
//! it first goes past the bound, and a YAML text longer than [`MAX_BYTES`]
//! is refused whole, which also bounds whatever else the crate does per
//! byte. Anchors and aliases need no bound here: `serde_yaml` refuses
//! alias expansion past its own repetition limit.
//!
//! The pass follows libyaml's tokens closely enough to skip brackets in
//! quoted scalars, plain scalars, comments and block scalars (`|`, `>`), so
//! `title: "Teil [1"` counts nothing.

use std::ops::Range;

/// How deep YAML may nest (flow and block levels together).
pub const MAX_DEPTH: usize = 64;

/// How long one YAML text (front matter, `site.yaml`, a UI strings file)
/// may be.
pub const MAX_BYTES: usize = 1 << 20;

/// What went past a bound, and where (a byte range in the YAML text).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Exceeded {
    /// Nesting deeper than [`MAX_DEPTH`]: the byte that opens level 65.
    Depth(Range<usize>),
    /// More than [`MAX_BYTES`]: the byte past the bound.
    Size(Range<usize>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between tokens: the next byte starts one.
    Start,
    /// Inside a plain (unquoted) scalar.
    Plain,
    /// Inside `"…"`.
    Double,
    /// Inside `'…'`.
    Single,
    /// From `#` to the end of the line.
    Comment,
}

/// The scanner's position in the text.
struct Scan<'a> {
    b: &'a [u8],
    state: State,
    flow: usize,
    /// Indentations of the open block levels, increasing.
    indents: Vec<usize>,
    /// `- ` / `? ` levels opened on the current line before its content.
    chained: usize,
    /// Indentation of the current line.
    line_indent: usize,
    /// Indentation of the line a block-context plain scalar started on.
    plain_indent: usize,
    /// A block scalar: content lines are skipped while indented past this.
    block: Option<BlockScalar>,
    pending_block: Option<BlockScalar>,
}

#[derive(Debug, Clone, Copy)]
struct BlockScalar {
    parent: usize,
    indent: Option<usize>,
}

/// Checks `yaml` against the bounds.
pub(super) fn check(yaml: &str) -> Result<(), Exceeded> {
    if yaml.len() > MAX_BYTES {
        return Err(Exceeded::Size(MAX_BYTES..MAX_BYTES + 1));
    }
    let mut scan = Scan {
        b: yaml.as_bytes(),
        state: State::Start,
        flow: 0,
        indents: Vec::new(),
        chained: 0,
        line_indent: 0,
        plain_indent: 0,
        block: None,
        pending_block: None,
    };
    let mut i = 0;
    while i < scan.b.len() {
        if i == 0 || scan.b[i - 1] == b'\n' {
            i = scan.line_start(i)?;
            if i >= scan.b.len() {
                break;
            }
        }
        i = scan.byte(i)?;
    }
    Ok(())
}

fn blank(c: Option<&u8>) -> bool {
    matches!(c, None | Some(b' ' | b'\t' | b'\r' | b'\n'))
}

fn flow_indicator(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

impl Scan<'_> {
    fn depth(&self) -> usize {
        self.flow + self.indents.len() + self.chained
    }

    fn deeper(&self, at: usize) -> Result<(), Exceeded> {
        if self.depth() > MAX_DEPTH {
            Err(Exceeded::Depth(at..at + 1))
        } else {
            Ok(())
        }
    }

    /// Handles indentation and block scalars at a line start; returns where
    /// scanning goes on.
    fn line_start(&mut self, i: usize) -> Result<usize, Exceeded> {
        let indent = self.b[i..].iter().take_while(|&&c| c == b' ').count();
        let rest = &self.b[i + indent..];
        let empty = matches!(rest.first(), None | Some(b'\n' | b'\r'));
        self.block = self.pending_block.take().or(self.block);
        if let Some(block) = &mut self.block {
            let inside = empty
                || match block.indent {
                    Some(n) => indent >= n,
                    None if indent > block.parent => {
                        block.indent = Some(indent);
                        true
                    }
                    None => false,
                };
            if inside {
                return Ok(next_line(self.b, i));
            }
            self.block = None;
        }
        self.chained = 0;
        self.line_indent = indent;
        if self.state == State::Plain
            && self.flow == 0
            && (empty || indent <= self.plain_indent || rest.first() == Some(&b'#'))
        {
            self.state = State::Start;
        }
        if self.flow == 0 && self.state == State::Start && !empty && rest.first() != Some(&b'#') {
            while self.indents.last().is_some_and(|&n| n >= indent) {
                self.indents.pop();
            }
            self.indents.push(indent);
            self.deeper(i + indent)?;
        }
        Ok(i + indent)
    }

    /// Scans one byte (or an escape pair) at `i`; returns where to go on.
    fn byte(&mut self, i: usize) -> Result<usize, Exceeded> {
        let c = self.b[i];
        let next = self.b.get(i + 1);
        match self.state {
            State::Double => match c {
                b'\\' => return Ok(i + 2),
                b'"' => self.state = State::Start,
                _ => {}
            },
            State::Single if c == b'\'' => {
                if next == Some(&b'\'') {
                    return Ok(i + 2);
                }
                self.state = State::Start;
            }
            State::Single => {}
            State::Comment => {
                if c == b'\n' {
                    self.state = State::Start;
                }
            }
            State::Plain => return Ok(self.plain(i, c, next)),
            State::Start => return self.token(i, c, next),
        }
        Ok(i + 1)
    }

    fn plain(&mut self, i: usize, c: u8, next: Option<&u8>) -> usize {
        match c {
            b' ' | b'\t' if next == Some(&b'#') => self.state = State::Comment,
            b':' if blank(next) || (self.flow > 0 && next.is_some_and(|&n| flow_indicator(n))) => {
                self.state = State::Start;
            }
            c if self.flow > 0 && flow_indicator(c) => {
                self.state = State::Start;
                return i;
            }
            _ => {}
        }
        i + 1
    }

    fn token(&mut self, i: usize, c: u8, next: Option<&u8>) -> Result<usize, Exceeded> {
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => {}
            b'#' => self.state = State::Comment,
            b'"' => self.state = State::Double,
            b'\'' => self.state = State::Single,
            b'[' | b'{' => {
                self.flow += 1;
                self.deeper(i)?;
            }
            b']' | b'}' => self.flow = self.flow.saturating_sub(1),
            b',' if self.flow > 0 => {}
            b'-' | b'?' if blank(next) => {
                if self.flow == 0 {
                    self.chained += 1;
                    self.deeper(i)?;
                }
            }
            b':' if blank(next) || self.flow > 0 => {}
            b'|' | b'>' if self.flow == 0 => {
                let parent = self.indents.last().copied().unwrap_or(0) + self.chained;
                let explicit = self.b[i + 1..]
                    .iter()
                    .take_while(|c| !blank(Some(c)))
                    .find(|c| c.is_ascii_digit());
                self.pending_block = Some(BlockScalar {
                    parent: parent.max(self.line_indent),
                    indent: explicit.map(|d| parent + usize::from(d - b'0')),
                });
                self.state = State::Comment;
            }
            b'&' | b'*' | b'!' => {
                let ends = |c: u8| blank(Some(&c)) || (self.flow > 0 && flow_indicator(c));
                let len = self.b[i..].iter().take_while(|&&c| !ends(c)).count();
                return Ok(i + len);
            }
            _ => {
                self.state = State::Plain;
                self.plain_indent = self.line_indent;
            }
        }
        Ok(i + 1)
    }
}

fn next_line(b: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(yaml: &str) -> Option<usize> {
        match check(yaml) {
            Err(Exceeded::Depth(r)) => Some(r.start),
            _ => None,
        }
    }

    #[test]
    fn deep_flow_nesting_is_refused_at_the_first_bracket_past_the_bound() {
        let yaml = format!("tief: {}\n", "[".repeat(200_000));
        assert_eq!(depth_error(&yaml), Some(6 + MAX_DEPTH - 1));
        let yaml = format!("a: {}\n", "{a: ".repeat(100));
        assert!(depth_error(&yaml).is_some());
    }

    #[test]
    fn ordinary_yaml_passes() {
        let yaml = "title: \"Teil [1\"\nsummary: 'it''s [ { ['\ntags: [a, [b, c], {d: e}]\n\
            text: |\n  [[[[ \" '\n  more\nnote: a [b # [[[[\n# [[[[\nlist:\n  - - x\n    - y\n";
        for n in [1, 2] {
            let many = yaml.repeat(n * 200);
            assert_eq!(check(&many), Ok(()), "{n}");
        }
    }

    #[test]
    fn brackets_in_scalars_do_not_hide_real_nesting() {
        let deep = "[".repeat(70);
        for prefix in [
            "a: \"]]]]\"\nb: ",
            "a: ']]]]'\nb: ",
            "a: |\n  ]]]] \"\nb: ",
            "a: x ]]] \"\nb: ",
            "- a: |\n   x\n  b: ",
            "a: [\"]]]\", ']]]', x]\nb: ",
        ] {
            let yaml = format!("{prefix}{deep}\n");
            assert!(depth_error(&yaml).is_some(), "{prefix:?}");
        }
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let chain = format!("a: {}x\n", "- ".repeat(100));
        assert!(depth_error(&chain).is_some());
        let stairs: String = (0..100)
            .map(|n| format!("{}k{n}:\n", " ".repeat(n)))
            .collect();
        assert!(depth_error(&stairs).is_some());
    }

    #[test]
    fn over_a_mebibyte_is_refused() {
        let yaml = format!("a: \"{}\"\n", "x".repeat(MAX_BYTES));
        assert!(matches!(check(&yaml), Err(Exceeded::Size(_))));
    }
}
