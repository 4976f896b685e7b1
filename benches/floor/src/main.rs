//! The floor of `benches/bench.py`: the least work any generator must do
//! for a corpus, against which konzept and Hugo are measured.
//!
//! usage: `konzept-floor CONTENT_DIR OUT_DIR`
//!
//! It reads every `.md` file below `CONTENT_DIR`, drops the front matter
//! unparsed, turns the CommonMark body into HTML with pulldown-cmark (the
//! extensions konzept enables) and writes one `index.html` per file at the
//! path konzept would use without translated slugs
//! (`<lang>/<dir>/<stem>/index.html`), in parallel with rayon. The
//! directory per page is part of the floor: konzept and Hugo both publish
//! pretty URLs, and on ext4 a `mkdir` costs about as much as a file.
//! No templates, no links, no checks, no staging directory.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: konzept-floor CONTENT_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    let content = Path::new(content);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let result = files.par_iter().try_for_each(|path| {
        let rel = path
            .strip_prefix(content)
            .expect("walkdir yields paths below its root");
        convert(path, &Path::new(out).join(target(rel)))
    });
    match result {
        Ok(()) => {
            println!("floor: {} files", files.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `projekte/ibis.fr.md` → `fr/projekte/ibis/index.html`; `_index` files
/// become their directory's `index.html`.
fn target(rel: &Path) -> PathBuf {
    let name = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let (stem, lang) = match name.rsplit_once('.') {
        Some((stem, lang)) => (stem, lang),
        None => (name, "de"),
    };
    let mut path = PathBuf::from(lang);
    if let Some(dir) = rel.parent() {
        path.push(dir);
    }
    if stem != "_index" {
        path.push(stem);
    }
    path.join("index.html")
}

fn convert(source: &Path, target: &Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(source)?;
    let body = strip_front_matter(&text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(body, options));
    std::fs::create_dir_all(target.parent().expect("targets are below OUT_DIR"))?;
    std::fs::write(target, out)
}

fn strip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}
