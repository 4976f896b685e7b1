//! Text into the tokens the comparison aligns: words, runs of whitespace,
//! and single punctuation marks, so that a changed word is shown as that
//! word, and a changed comma as that comma.
//!
//! A word is a run of letters and digits with the combining marks that
//! follow them (text is NFC-normalised first, so „é“ typed either way is
//! one letter). German compounds stay one word (`Integrationskonzept`);
//! a hyphen, an apostrophe or a slash is punctuation of its own, so
//! `Integrations-Konzept` is three tokens.

use unicode_normalization::UnicodeNormalization;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Class {
    /// Letters and digits.
    Word,
    /// One or more spaces (any Unicode whitespace, no-break spaces too).
    Space,
    /// One character that is neither.
    Mark,
}

/// A token: its class and its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Token {
    pub(super) class: Class,
    pub(super) text: String,
}

/// Whether `c` continues a word: a letter, a digit, or a combining mark.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// The combining diacritical mark blocks (NFC leaves the ones without a
/// precomposed letter in place).
fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The tokens of `text`, NFC-normalised; their texts concatenated give the
/// normalised text back.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    for c in text.nfc() {
        let class = if is_word(c) {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Mark
        };
        match tokens.last_mut() {
            // A combining mark after punctuation belongs to it, not to a
            // new word.
            Some(last) if last.class == class && class != Class::Mark => last.text.push(c),
            Some(last) if is_combining(c) => last.text.push(c),
            _ => tokens.push(Token {
                class,
                text: c.to_string(),
            }),
        }
    }
    tokens
}

/// How many words `tokens` hold.
pub(super) fn words(tokens: &[Token]) -> usize {
    tokens.iter().filter(|t| t.class == Class::Word).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_spaces_and_marks_are_tokens_of_their_own() {
        assert_eq!(
            texts("Das Integrationskonzept, 2007 beschlossen."),
            [
                "Das",
                " ",
                "Integrationskonzept",
                ",",
                " ",
                "2007",
                " ",
                "beschlossen",
                "."
            ]
        );
    }

    #[test]
    fn hyphens_and_apostrophes_split_and_french_spaces_are_spaces() {
        assert_eq!(
            texts("l’intégration\u{202F}: Saar-Lor-Lux"),
            [
                "l",
                "’",
                "intégration",
                "\u{202F}",
                ":",
                " ",
                "Saar",
                "-",
                "Lor",
                "-",
                "Lux"
            ]
        );
    }

    #[test]
    fn decomposed_letters_are_composed_and_stay_in_their_word() {
        // „é“ as e + U+0301, and a letter NFC cannot compose (q + U+0301).
        assert_eq!(texts("Cafe\u{301} q\u{301}x"), ["Café", " ", "q\u{301}x"]);
        assert_eq!(words(&tokenize("Cafe\u{301} q\u{301}x")), 2);
    }

    #[test]
    fn the_tokens_give_the_text_back() {
        let text = "Zuwanderung — « accueil »\t\n2012 ∑ 😀 x";
        assert_eq!(texts(text).concat(), text);
    }
}
