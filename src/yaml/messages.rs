//! serde_yaml's errors as diagnostics: the place of the error in the file,
//! its message in editors' words (file lines, plain type names, long values
//! cut), and a hint for the common mistakes (tabs, duplicate keys, unclosed
//! lists, alias bombs, misspelt enum values).

use super::KeySpans;
use crate::diag::{Code, Diagnostic, FileId, did_you_mean};

pub(super) fn yaml_error(
    e: &serde_yaml::Error,
    yaml: &str,
    offset: usize,
    file: FileId,
    code: Code,
    container: &str,
) -> Diagnostic {
    let message = shorten_quoted(&file_lines(&e.to_string(), offset));
    if let Some(key) = duplicate_key(&message) {
        let spans = KeySpans::scan(yaml, offset);
        let second = spans.repeated(yaml, offset, key);
        return Diagnostic::error(code, format!("`{key}` is set twice in {container}"))
            .at(file, second.unwrap_or(spans.whole.clone()))
            .label("set again here")
            .help(format!(
                "keep one of the `{key}` lines and remove the other"
            ));
    }
    // serde_yaml places a control character only by a char position in
    // its message (no line): find it, so the error points at its line.
    let control = message
        .contains("control characters are not allowed")
        .then(|| first_control(yaml))
        .flatten();
    let start = control
        .or_else(|| e.location().map(|l| l.index()))
        .unwrap_or(0)
        .min(yaml.len());
    let end = yaml[start..]
        .find(['\n', '\r'])
        .map_or(yaml.len(), |i| start + i)
        .max(start + usize::from(start < yaml.len()));
    let (title, help) = match code {
        Code::YamlSyntax => {
            let line_start = yaml[..start].rfind('\n').map_or(0, |i| i + 1);
            let line = &yaml[line_start..];
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            let tab = indent.contains('\t') || message.contains("tab character");
            (
                format!("{container} is not valid YAML"),
                syntax_help(&message, tab),
            )
        }
        _ => {
            let field = message.split(':').next().unwrap_or_default().trim();
            let help = match (
                unknown_variant(&message),
                example(field.rsplit('.').next().unwrap_or(field)),
            ) {
                (Some(suggestion), _) => format!("did you mean `{suggestion}`?"),
                // The values an enum takes, which differ between kinds
                // that share a field name (`status`).
                (None, _) if message.contains("unknown variant `") => {
                    let values: Vec<&str> = message
                        .split("expected one of ")
                        .nth(1)
                        .unwrap_or_default()
                        .split('`')
                        .skip(1)
                        .step_by(2)
                        .collect();
                    format!("write one of `{}`", values.join("`, `"))
                }
                (None, Some(ex)) => format!("write it like `{ex}`"),
                (None, None) => "see the field's description in docs/content-format.md".to_owned(),
            };
            (format!("a value in {container} has the wrong form"), help)
        }
    };
    let (label, help) = if control.is_some() {
        (
            "an invisible control character".to_owned(),
            "delete it (it is shown as `\\u{…}`; it usually comes from pasting text out of another program)".to_owned(),
        )
    } else {
        (plain_types(&message), help)
    };
    let d = Diagnostic::error(code, title)
        .at(file, offset + start..offset + end)
        .label(label)
        .help(help);
    match unclosed(&e.to_string(), yaml) {
        Some((at, what)) => d.secondary(file, Some(offset + at..offset + at + 1), what),
        None => d,
    }
}

/// For "… while parsing a flow sequence at line 4 column 7", where the
/// unclosed `[` (or `{`) stands in `yaml`, and a label for it.
fn unclosed(message: &str, yaml: &str) -> Option<(usize, &'static str)> {
    let (what, rest) = if let Some(rest) = message
        .split("while parsing a flow sequence at line ")
        .nth(1)
    {
        ("this `[` is not closed", rest)
    } else {
        let rest = message
            .split("while parsing a flow mapping at line ")
            .nth(1)?;
        ("this `{` is not closed", rest)
    };
    let (line, rest) = rest.split_once(" column ")?;
    let line: usize = line.parse().ok()?;
    let column: usize = rest
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    let line_start = yaml
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let at = yaml
        .get(line_start..)?
        .char_indices()
        .nth(column.checked_sub(1)?)?
        .0
        + line_start;
    matches!(yaml.as_bytes()[at], b'[' | b'{').then_some((at, what))
}

/// The byte offset of the first character YAML does not allow in a
/// document (C0 and C1 controls other than tab, line breaks and NEL).
fn first_control(yaml: &str) -> Option<usize> {
    yaml.char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
        .map(|(i, _)| i)
}

fn syntax_help(message: &str, tab: bool) -> String {
    if tab {
        "YAML does not allow tabs for indentation: indent with spaces, and start top-level fields at the beginning of the line".to_owned()
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        "the values nest or repeat too deeply (brackets, or `&anchors` and `*aliases`): write them out plainly".to_owned()
    } else {
        "check indentation and quoting: a value containing `: ` or starting with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `'`, `\"`, `%`, `@` or a backtick needs quotes".to_owned()
    }
}

/// For serde_yaml's "duplicate entry with key \"title\"", the key.
pub(super) fn duplicate_key(message: &str) -> Option<&str> {
    let rest = message.split("duplicate entry with key \"").nth(1)?;
    rest.split('"').next().filter(|k| !k.is_empty())
}

/// serde quotes the offending value in its messages; a pasted paragraph
/// would fill the terminal, so quoted text longer than 40 characters is
/// cut in the middle.
fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(512));
    let mut parts = message.split('"');
    let mut quoted = false;
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push('"');
        quoted = !quoted;
        let chars = part.chars().count();
        if quoted && chars > 40 {
            out.extend(part.chars().take(20));
            out.push('…');
            out.extend(part.chars().skip(chars - 15));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// serde_yaml's message with the position of the error itself removed (the
/// caret shows it) and every other "at line N" counted in lines of the file:
/// front matter starts on line 2, after the opening `---`.
fn file_lines(message: &str, offset: usize) -> String {
    let shift = usize::from(offset > 0);
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    let mut first = true;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        rest = &rest[i + " at line ".len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let line: usize = rest[..digits].parse().unwrap_or(0);
        rest = &rest[digits..];
        let column = rest
            .strip_prefix(" column ")
            .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
        let tail = if column > 0 {
            &rest[" column ".len()..][column..]
        } else {
            rest
        };
        if first {
            first = false;
        } else {
            out.push_str(&format!(" at line {}", line + shift));
            if column > 0 {
                out.push_str(&rest[..(" column ".len() + column)]);
            }
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// For serde's "unknown variant `runing`, expected one of `planned`, …",
/// the closest expected variant.
fn unknown_variant(message: &str) -> Option<String> {
    let rest = message.split("unknown variant `").nth(1)?;
    let (given, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    did_you_mean(given, expected.iter().copied()).map(str::to_owned)
}

/// An example line for a field, for hints on wrongly typed values.
fn example(field: &str) -> Option<&'static str> {
    Some(match field {
        "ordinal" => "ordinal: 3",
        "weight" => "weight: 10",
        "draft" => "draft: true",
        "updated" => "updated: 2026-11-25",
        "start" | "end" => "start: 2024-03",
        "ongoing" => "ongoing: true",
        "duration" => "duration: { start: 2024-03, ongoing: true }",
        "status" => "status: running",
        "participants" | "fields_of_action" | "districts" => "participants: [Verein A, Verein B]",
        "guidelines" => "guidelines: [teilhabe, vielfalt]",
        "languages" => "languages: [de, fr, tr]",
        "hours" | "days" | "opens" | "closes" => {
            "hours: [{ days: [mo, tu, we, th, fr], opens: \"08:30\", closes: \"12:00\" }]"
        }
        "full_text" => "full_text: [konzept, leitlinien, projekte]",
        "search" => "search: true",
        "postal_code" => "postal_code: \"66104\"",
        "missing_translations" => "missing_translations: fallback",
        "menu" | "footer" => "menu: [leitlinien, projekte]",
        "markdown" => "markdown: { raw_html: escape }",
        "raw_html" => "raw_html: escape",
        _ => return None,
    })
}

/// Rust type names in serde's messages, in editors' words.
fn plain_types(message: &str) -> String {
    message
        .replace("expected u32", "expected a whole number")
        .replace("expected i32", "expected a whole number")
        .replace("expected a sequence", "expected a list")
        .replace("a boolean", "`true` or `false`")
        .replace("invalid type: ", "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceMap;

    fn file() -> FileId {
        SourceMap::new().add("x.md".into(), "".into())
    }

    #[test]
    fn yaml_positions_are_counted_in_file_lines() {
        let m = "did not find expected ',' at line 3 column 1, while parsing a flow sequence at line 1 column 8";
        assert_eq!(
            file_lines(m, 4),
            "did not find expected ',', while parsing a flow sequence at line 2 column 8"
        );
    }

    #[test]
    fn unknown_variants_get_a_suggestion() {
        let m =
            "status: unknown variant `runing`, expected one of `planned`, `running`, `completed`";
        assert_eq!(unknown_variant(m).as_deref(), Some("running"));
    }

    #[test]
    fn long_quoted_values_are_shortened() {
        let long = "x".repeat(1000);
        let m = shorten_quoted(&format!(
            "weight: invalid type: string \"{long}\", expected i32"
        ));
        assert!(m.len() < 100, "{m}");
        assert!(m.ends_with("\", expected i32"));
        assert_eq!(shorten_quoted("a \"kurz\" b"), "a \"kurz\" b");
    }

    #[test]
    fn a_duplicate_key_points_at_its_second_line() {
        let yaml = "title: A\nsummary: x\ntitle: B\n";
        let e = serde_yaml::from_str::<serde_yaml::Value>(yaml).unwrap_err();
        let d = yaml_error(&e, yaml, 4, file(), Code::YamlSyntax, "the front matter");
        assert_eq!(d.message, "`title` is set twice in the front matter");
        assert_eq!(d.location.unwrap().span, Some(4 + 20..4 + 25));
    }
}
