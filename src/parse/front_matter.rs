//! Front matter: the YAML between a Markdown file's `---` lines, cut off
//! its body. Reading the YAML is [`crate::yaml`]'s job.

use crate::diag::{Code, Diagnostic, FileId};
use crate::yaml::line_spans;

/// A Markdown file cut into its YAML and its body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the file.
    pub yaml_offset: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Splits `text` at its `---` lines. Accepts CRLF line endings.
pub fn split(text: &str, file: FileId) -> Result<Split<'_>, Diagnostic> {
    let mut lines = line_spans(text);
    let Some(first) = lines.next() else {
        return Err(Diagnostic::error(Code::FrontMatter, "the file is empty")
            .at(file, 0..0)
            .help(
                "start the file with front matter: a line `---`, `title: …`, and a closing `---`",
            ));
    };
    if text[first.clone()].trim_end() != "---" {
        return Err(
            Diagnostic::error(Code::FrontMatter, "the file has no front matter")
                .at(file, first.start..first.end.min(first.start + 40))
                .label("expected `---` on the first line")
                .help("start the file with a line `---`, then `title: …`, then a closing `---`"),
        );
    }
    let yaml_offset = first.end + 1;
    for line in lines {
        let content = text[line.clone()].trim_end();
        if content == "---" || content == "..." {
            let body_offset = (line.end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_offset.min(line.start)..line.start],
                yaml_offset: yaml_offset.min(line.start),
                body: &text[body_offset..],
                body_offset,
            });
        }
    }
    Err(
        Diagnostic::error(Code::FrontMatter, "the front matter is not closed")
            .at(file, first.start..first.start + 3)
            .label("opened here, never closed")
            .help("add a line `---` after the last front-matter field"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceMap;

    fn file() -> FileId {
        SourceMap::new().add("x.md".into(), "".into())
    }

    #[test]
    fn split_accepts_crlf() {
        let text = "---\r\ntitle: A\r\n---\r\nBody\r\n";
        let s = split(text, file()).unwrap();
        assert_eq!(s.yaml.trim_end(), "title: A");
        assert_eq!(s.body, "Body\r\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let e = split("---\ntitle: A\nBody\n", file()).unwrap_err();
        assert_eq!(e.code, Code::FrontMatter);
        assert!(e.help.unwrap().contains("---"));
    }
}
