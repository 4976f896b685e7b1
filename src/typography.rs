//! Locale typography for running text: quotation marks, apostrophes and the
//! French narrow no-break spaces (docs/design.md, "URLs and languages").
//!
//! Straight quotes typed by editors become „…“ ‚…‘ (German), « … » “…”
//! (French, with U+202F inside the guillemets and before `; : ! ?`) and “…”
//! ‘…’ (English and every other language). Code is never touched: the
//! Markdown stage feeds only text events through a [`Typographer`].

use std::borrow::Cow;

/// U+202F NARROW NO-BREAK SPACE.
pub const NNBSP: char = '\u{202F}';

/// The quotation style of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// „…“ and ‚…‘.
    German,
    /// « … » and “…”, with narrow no-break spaces.
    French,
    /// “…” and ‘…’.
    English,
}

impl Style {
    /// The style for a language code (`de`, `de-at`, `fr-ch`, …).
    pub fn for_lang(lang: &str) -> Style {
        match lang.split('-').next().unwrap_or(lang) {
            "de" => Style::German,
            "fr" => Style::French,
            _ => Style::English,
        }
    }

    fn marks(self) -> [&'static str; 4] {
        match self {
            Style::German => ["„", "“", "‚", "‘"],
            Style::French => ["«\u{202F}", "\u{202F}»", "“", "”"],
            Style::English => ["“", "”", "‘", "’"],
        }
    }
}

/// Applies typography to a run of text pieces that belong together (one
/// paragraph, split by inline markup), remembering the previous character
/// across pieces so a quote after `*emphasis*` still closes.
#[derive(Debug, Clone)]
pub struct Typographer {
    style: Style,
    prev: char,
    single_open: bool,
}

impl Typographer {
    /// A typographer at the start of a block.
    pub fn new(style: Style) -> Self {
        Typographer {
            style,
            prev: ' ',
            single_open: false,
        }
    }

    /// Starts a new block (paragraph, heading, list item).
    pub fn reset(&mut self) {
        self.prev = ' ';
        self.single_open = false;
    }

    /// Records that non-text content (inline code, an image) came between
    /// pieces: a quote right after it closes.
    pub fn opaque(&mut self) {
        self.prev = 'x';
    }

    /// Returns `text` with typography applied, borrowed when nothing needs
    /// to change. Most text runs have no quote, apostrophe or (in French)
    /// high punctuation, and every text run of every page passes here, so
    /// those skip the full pass (docs/speed.md).
    pub fn apply<'t>(&mut self, text: &'t str) -> Cow<'t, str> {
        if !self.has_special(text.as_bytes()) {
            // What the full pass would leave: the last character seen.
            if let Some(last) = text.chars().next_back() {
                self.prev = last;
            }
            return Cow::Borrowed(text);
        }
        Cow::Owned(self.apply_marks(text))
    }

    /// Whether `text` holds a byte that may start something
    /// [`apply_marks`](Self::apply_marks) changes. `0xC2` leads `«` and `»`
    /// (and other Latin-1 characters, which merely take the full pass).
    /// memchr's vector search rather than a byte loop, since it scans every
    /// text run of every page (docs/speed.md).
    fn has_special(&self, text: &[u8]) -> bool {
        memchr::memchr2(b'"', b'\'', text).is_some()
            || (self.style == Style::French
                && (memchr::memchr3(b';', b':', b'!', text).is_some()
                    || memchr::memchr2(b'?', 0xC2, text).is_some()))
    }

    fn apply_marks(&mut self, text: &str) -> String {
        let [dq_open, dq_close, sq_open, sq_close] = self.style.marks();
        let mut out = String::with_capacity(text.len() + 8);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let next = chars.peek().copied();
            match c {
                '"' => out.push_str(if opens(self.prev) { dq_open } else { dq_close }),
                '\'' => {
                    if opens(self.prev) && next.is_some_and(|n| !n.is_whitespace()) {
                        self.single_open = true;
                        out.push_str(sq_open);
                    } else if self.single_open && !next.is_some_and(char::is_alphanumeric) {
                        self.single_open = false;
                        out.push_str(sq_close);
                    } else {
                        out.push('’');
                    }
                }
                ';' | ':' | '!' | '?' if self.style == Style::French => {
                    french_high_punctuation(&mut out, self.prev, c, next);
                }
                '«' if self.style == Style::French => {
                    out.push('«');
                    out.push(NNBSP);
                    while chars.peek().is_some_and(|n| *n == ' ' || *n == '\u{A0}') {
                        chars.next();
                    }
                }
                '»' if self.style == Style::French => {
                    trim_spaces(&mut out);
                    if !out.ends_with(NNBSP) {
                        out.push(NNBSP);
                    }
                    out.push('»');
                }
                _ => out.push(c),
            }
            self.prev = out.chars().next_back().unwrap_or(c);
            if self.prev == NNBSP {
                self.prev = c;
            }
        }
        out
    }
}

fn opens(prev: char) -> bool {
    prev.is_whitespace()
        || matches!(
            prev,
            '(' | '[' | '{' | '—' | '–' | '/' | '-' | '„' | '«' | '“' | '‚'
        )
}

/// French puts a narrow no-break space before `; : ! ?` in prose. Only where
/// the mark ends a word (followed by a space or the end), so `12:30` and
/// `https://` stay as they are.
fn french_high_punctuation(out: &mut String, prev: char, c: char, next: Option<char>) {
    let ends_word =
        next.is_none_or(|n| n.is_whitespace() || matches!(n, ')' | '»' | '"' | '\'' | '!' | '?'));
    let after_word =
        prev.is_alphanumeric() || matches!(prev, ')' | '»' | '”' | '’' | '"' | '*' | '_' | 'x');
    if ends_word && (prev == ' ' || prev == '\u{A0}') && out.ends_with([' ', '\u{A0}']) {
        trim_spaces(out);
        out.push(NNBSP);
    } else if ends_word && after_word && !out.is_empty() {
        out.push(NNBSP);
    }
    out.push(c);
}

fn trim_spaces(out: &mut String) {
    while out.ends_with([' ', '\u{A0}']) {
        out.pop();
    }
}

/// Applies typography to one standalone string (a title, a summary).
///
/// ```
/// use konzept::typography::{smarten, Style};
/// assert_eq!(smarten("Das \"Konzept\"", Style::German), "Das „Konzept“");
/// assert_eq!(smarten("le \"concept\" : oui !", Style::French),
///            "le «\u{202F}concept\u{202F}»\u{202F}: oui\u{202F}!");
/// assert_eq!(smarten("the city's \"concept\"", Style::English), "the city’s “concept”");
/// ```
pub fn smarten(text: &str, style: Style) -> String {
    Typographer::new(style).apply(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_single_quotes_and_apostrophes() {
        assert_eq!(
            smarten("Er sagte 'ja' und geht's", Style::German),
            "Er sagte ‚ja‘ und geht’s"
        );
    }

    #[test]
    fn french_apostrophe_inside_words() {
        assert_eq!(smarten("l'intégration", Style::French), "l’intégration");
    }

    #[test]
    fn french_space_before_punctuation_replaces_a_normal_space() {
        assert_eq!(smarten("Pourquoi ?", Style::French), "Pourquoi\u{202F}?");
        assert_eq!(smarten("Voici : un", Style::French), "Voici\u{202F}: un");
    }

    #[test]
    fn french_keeps_times_and_urls() {
        assert_eq!(smarten("à 12:30", Style::French), "à 12:30");
        assert_eq!(
            smarten("https://example.org", Style::French),
            "https://example.org"
        );
    }

    #[test]
    fn french_typed_guillemets_get_narrow_spaces() {
        assert_eq!(smarten("« oui »", Style::French), "«\u{202F}oui\u{202F}»");
    }

    #[test]
    fn unchanged_text_is_borrowed_and_still_sets_the_context() {
        let mut t = Typographer::new(Style::German);
        assert!(matches!(t.apply("ein Wort"), Cow::Borrowed("ein Wort")));
        // The quote follows a letter, so it closes.
        assert_eq!(t.apply("\" und"), "“ und");
        let mut t = Typographer::new(Style::French);
        assert!(matches!(t.apply("l’été"), Cow::Borrowed(_)));
        assert_eq!(t.apply(" : oui"), "\u{202F}: oui");
    }

    #[test]
    fn quote_after_inline_markup_closes() {
        let mut t = Typographer::new(Style::German);
        let a = t.apply("Das \"");
        t.opaque();
        let b = t.apply("\" ist");
        assert_eq!(format!("{a}code{b}"), "Das „code“ ist");
    }
}
