//! Reads the crate's sources with `syn` into the facts the architecture rules
//! judge: every reference from code to a crate path (a `use` leaf, a path in
//! an expression, type or pattern, a path inside a macro's tokens), resolved
//! to an absolute module path, and what each module declares at its top
//! level (so that `super::Item` can be followed to where `Item` lives).
//!
//! It parses rather than greps, so doc comments and strings never count, and
//! `use crate::{a::X, b::Y}`, `super::super::`, `self::` and `#[cfg(test)]`
//! modules are read as the compiler reads them. It does not do full name
//! resolution: a path without `crate`, `self` or `super` is an import only
//! when it has two segments or more and the first is a child module of the
//! module the code is in (`pages::render` in `render/mod.rs`). Other bare
//! names (`Lang`, `Card::new`) are only noted per module, so that `mod.rs`
//! using what it re-exports can be told from the re-export itself.

use std::collections::{BTreeMap, BTreeSet};

use syn::visit::{self, Visit};

use super::paths::{token_paths, use_leaves};

/// A module path from the crate root (`["render", "pages"]`); empty for the
/// root. As a target it may end in an item name (`["model", "Lang"]`).
pub(crate) type ModPath = Vec<String>;

/// One reference from code to a path inside the crate.
#[derive(Debug, Clone)]
pub(crate) struct Import {
    /// Where it is, and the path as written (a `use` group written out per
    /// leaf, as `crate::model::Lang`).
    pub place: Place,
    /// The module whose code holds the reference.
    pub from: ModPath,
    /// The absolute path it names (a module, or a module and an item).
    pub target: ModPath,
    /// The name a `use` leaf binds (`None` for a glob or a path in code).
    pub binds: Option<String>,
    /// A `use` glob (`…::*`).
    pub glob: bool,
    /// A `pub use` (any `pub(…)` but `pub(self)`): a re-export.
    pub reexport: bool,
}

/// What one module declares at its top level.
#[derive(Debug, Default)]
pub(crate) struct Module {
    /// Names of the items it defines (`struct`, `fn`, `const`, …).
    pub defines: BTreeSet<String>,
    /// Names its `use` items bind, with the crate path they name (`None`:
    /// outside the crate, as `std::…`).
    pub uses: BTreeMap<String, Option<ModPath>>,
    /// Crate modules it imports with a glob.
    pub globs: Vec<ModPath>,
    /// Bare names its code uses (first segment of a path that is not an
    /// import), with the first place each appears.
    pub bare: BTreeMap<String, Place>,
}

/// A place in the sources: file, line and the path as written there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Place {
    /// The file, as `src/render/mod.rs`.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The path as written.
    pub written: String,
}

/// The scanned crate.
#[derive(Debug, Default)]
pub(crate) struct Crate {
    /// Every module, file-backed or inline.
    pub modules: BTreeMap<ModPath, Module>,
    /// Top-level modules that have their own file or folder in `src/`.
    pub top_level: BTreeSet<String>,
    /// Every reference to a crate path, in file and line order.
    pub imports: Vec<Import>,
    /// Files that did not parse, with the parser's message.
    pub unreadable: Vec<String>,
}

/// Scans `(path, text)` pairs, paths as `src/…/x.rs`; `src/main.rs` (the
/// binary, which reaches the library only as `konzept::`) is skipped.
pub(crate) fn scan(sources: &[(String, String)]) -> Crate {
    let mut krate = Crate::default();
    let mut parsed = Vec::new();
    for (path, text) in sources {
        let Some(module) = module_of_file(path) else {
            continue;
        };
        if let Some(top) = module.first() {
            krate.top_level.insert(top.clone());
        }
        match syn::parse_file(text) {
            Ok(file) => {
                declare(&mut krate.modules, &module, &file.items);
                parsed.push((path.clone(), module, file));
            }
            Err(e) => krate
                .unreadable
                .push(format!("{path}: not Rust that syn reads: {e}")),
        }
    }
    let known: BTreeSet<ModPath> = krate.modules.keys().cloned().collect();
    for (path, module, file) in &parsed {
        let mut reader = Reader {
            file: path,
            current: module.clone(),
            known: &known,
            krate: &mut krate,
        };
        reader.items(&file.items);
    }
    krate
        .imports
        .sort_by(|a, b| (&a.place.file, a.place.line).cmp(&(&b.place.file, b.place.line)));
    krate
}

/// `src/lib.rs` → root, `src/a/mod.rs` and `src/a.rs` → `a`, `src/a/b.rs`
/// → `a::b`, `src/a/tests.rs` → `a::tests`; `None` for `src/main.rs`.
fn module_of_file(path: &str) -> Option<ModPath> {
    let rel = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    if rel == "main" {
        return None;
    }
    let mut parts: ModPath = rel.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    Some(parts)
}

/// Registers `module` and its inline and declared child modules, and the
/// names each defines.
fn declare(modules: &mut BTreeMap<ModPath, Module>, module: &ModPath, items: &[syn::Item]) {
    let mut defines = BTreeSet::new();
    for item in items {
        if let syn::Item::Mod(m) = item {
            let child = child_of(module, &m.ident.to_string());
            modules.entry(child.clone()).or_default();
            if let Some((_, inner)) = &m.content {
                declare(modules, &child, inner);
            }
        } else if let Some(name) = defined_name(item) {
            defines.insert(name);
        }
    }
    modules
        .entry(module.clone())
        .or_default()
        .defines
        .extend(defines);
}

fn defined_name(item: &syn::Item) -> Option<String> {
    let ident = match item {
        syn::Item::Const(i) => &i.ident,
        syn::Item::Enum(i) => &i.ident,
        syn::Item::Fn(i) => &i.sig.ident,
        syn::Item::Static(i) => &i.ident,
        syn::Item::Struct(i) => &i.ident,
        syn::Item::Trait(i) => &i.ident,
        syn::Item::TraitAlias(i) => &i.ident,
        syn::Item::Type(i) => &i.ident,
        syn::Item::Union(i) => &i.ident,
        syn::Item::Macro(i) => i.ident.as_ref()?,
        _ => return None,
    };
    Some(ident.to_string())
}

/// `module` with `name` appended.
pub(crate) fn child_of(module: &ModPath, name: &str) -> ModPath {
    let mut child = module.clone();
    child.push(name.to_owned());
    child
}

/// Resolves a path as written in module `current` to an absolute path:
/// `crate::`, `$crate::`, `self::`, `super::` (repeated), or a first segment
/// that is a child module of `current`. `None`: not a crate path.
pub(crate) fn resolve(
    current: &ModPath,
    segments: &[String],
    known: &BTreeSet<ModPath>,
) -> Option<ModPath> {
    let first = segments.first()?;
    let mut base = match first.as_str() {
        "crate" | "$crate" => ModPath::new(),
        "self" | "super" => current.clone(),
        name if known.contains(&child_of(current, name)) => current.clone(),
        _ => return None,
    };
    let mut rest = match first.as_str() {
        "crate" | "$crate" | "self" => &segments[1..],
        _ => segments,
    };
    while let Some(("super", tail)) = rest.split_first().map(|(s, t)| (s.as_str(), t)) {
        base.pop()?;
        rest = tail;
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// Walks one file, keeping track of the module the code is in.
struct Reader<'a> {
    file: &'a str,
    current: ModPath,
    known: &'a BTreeSet<ModPath>,
    krate: &'a mut Crate,
}

impl Reader<'_> {
    fn items(&mut self, items: &[syn::Item]) {
        for item in items {
            self.visit_item(item);
        }
    }

    fn module(&mut self) -> &mut Module {
        self.krate.modules.entry(self.current.clone()).or_default()
    }

    /// Records a path found in code (not in a `use`). A lone lowercase name
    /// is a bare use only when called (`changed(x)`): otherwise it may be a
    /// local variable (`let entries = …`) that shares a re-exported name.
    fn reference(&mut self, segments: Vec<String>, line: usize, called: bool) {
        let place = Place {
            file: self.file.to_owned(),
            line,
            written: segments.join("::"),
        };
        let single = segments.len() == 1;
        match resolve(&self.current, &segments, self.known).filter(|_| !single) {
            Some(target) => self.push(Import {
                place,
                from: self.current.clone(),
                target,
                binds: None,
                glob: false,
                reexport: false,
            }),
            None if single && !called && !segments[0].starts_with(char::is_uppercase) => {}
            None => {
                let first = segments[0].clone();
                self.module().bare.entry(first).or_insert(place);
            }
        }
    }

    fn push(&mut self, import: Import) {
        self.krate.imports.push(import);
    }
}

fn is_reexport(vis: &syn::Visibility) -> bool {
    match vis {
        syn::Visibility::Public(_) => true,
        syn::Visibility::Restricted(r) => !r.path.is_ident("self"),
        syn::Visibility::Inherited => false,
    }
}

impl<'ast> Visit<'ast> for Reader<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if let Some((_, items)) = &m.content {
            self.current.push(m.ident.to_string());
            self.items(items);
            self.current.pop();
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if u.leading_colon.is_some() {
            return;
        }
        let reexport = is_reexport(&u.vis);
        for leaf in use_leaves(&u.tree) {
            let target = resolve(&self.current, &leaf.segments, self.known);
            let module = self.module();
            match (&leaf.binds, &target) {
                (Some(name), _) => {
                    module.uses.insert(name.clone(), target.clone());
                }
                (None, Some(t)) => module.globs.push(t.clone()),
                (None, None) => {}
            }
            let Some(target) = target else { continue };
            let glob = if leaf.glob { "::*" } else { "" };
            let written = format!("{}{glob}", leaf.segments.join("::"));
            self.push(Import {
                place: Place {
                    file: self.file.to_owned(),
                    line: leaf.line,
                    written,
                },
                from: self.current.clone(),
                target,
                binds: leaf.binds,
                glob: leaf.glob,
                reexport,
            });
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        visit::visit_path(self, path);
        if path.leading_colon.is_some() {
            return;
        }
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if let Some(first) = path.segments.first() {
            self.reference(segments, first.ident.span().start().line, false);
        }
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        visit::visit_expr_call(self, call);
        if let syn::Expr::Path(callee) = &*call.func
            && let Some(name) = callee.path.get_ident()
        {
            self.reference(vec![name.to_string()], name.span().start().line, true);
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        visit::visit_macro(self, mac);
        for path in token_paths(mac.tokens.clone()) {
            self.reference(path.segments, path.line, path.called);
        }
    }

    /// Attributes are documentation and configuration: not imports.
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    /// `pub(in crate::model)` names where an item is visible, not a use.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}
}
