//! The paths a piece of syntax names, as written: the leaves of a `use`
//! tree (a group written out per leaf) and the `a::b::c` runs in a macro's
//! tokens, which `syn` leaves unparsed. Each comes with its line, so that a
//! finding can point at it.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// One leaf of a `use` tree: `use crate::{a::X, b::*}` has two.
pub(crate) struct Leaf {
    /// The segments from the tree's root, as `["crate", "a", "X"]`.
    pub segments: Vec<String>,
    /// 1-based line of the leaf's last identifier (or its `*`).
    pub line: usize,
    /// The name it binds (`X`, the `as` name, the module for `self`); `None`
    /// for a glob.
    pub binds: Option<String>,
    /// A glob: `segments` name the module.
    pub glob: bool,
}

/// The leaves of a `use` tree.
pub(crate) fn use_leaves(tree: &syn::UseTree) -> Vec<Leaf> {
    let mut leaves = Vec::new();
    flatten(tree, &mut Vec::new(), &mut leaves);
    leaves
}

fn flatten(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Leaf>) {
    let leaf = |segments: Vec<String>, ident: &proc_macro2::Ident, binds: String| Leaf {
        segments,
        line: ident.span().start().line,
        binds: Some(binds),
        glob: false,
    };
    let with = |prefix: &[String], name: &syn::Ident| [prefix, &[name.to_string()]].concat();
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) if n.ident == "self" => {
            let module = prefix.last().cloned().unwrap_or_default();
            out.push(leaf(prefix.clone(), &n.ident, module));
        }
        syn::UseTree::Name(n) => {
            out.push(leaf(with(prefix, &n.ident), &n.ident, n.ident.to_string()))
        }
        syn::UseTree::Rename(r) => {
            out.push(leaf(with(prefix, &r.ident), &r.ident, r.rename.to_string()))
        }
        syn::UseTree::Glob(g) => out.push(Leaf {
            segments: prefix.clone(),
            line: g.star_token.span.start().line,
            binds: None,
            glob: true,
        }),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| flatten(t, prefix, out)),
    }
}

/// A path found in a macro's tokens.
pub(crate) struct TokenPath {
    /// The segments, `$crate` kept as one.
    pub segments: Vec<String>,
    /// 1-based line of its first identifier.
    pub line: usize,
    /// Followed by `(…)`: a call, so a lone lowercase name is a function.
    pub called: bool,
}

/// Every `a :: b :: c` run of identifiers in `tokens` and its nested
/// groups; a run after `::` (a leading `::`, a turbofish) is not a start.
pub(crate) fn token_paths(tokens: TokenStream) -> Vec<TokenPath> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        let after_colons = i >= 2 && is_colon(&trees[i - 1]) && is_colon(&trees[i - 2]);
        let dollar = matches!(&trees[i], TokenTree::Punct(p) if p.as_char() == '$');
        let start = if dollar { i + 1 } else { i };
        match (&trees[i], trees.get(start)) {
            (TokenTree::Group(g), _) => found.extend(token_paths(g.stream())),
            (_, Some(TokenTree::Ident(first))) if !after_colons => {
                let name = if dollar {
                    format!("${first}")
                } else {
                    first.to_string()
                };
                let mut segments = vec![name];
                let mut j = start + 1;
                while let (Some(a), Some(b), Some(TokenTree::Ident(next))) =
                    (trees.get(j), trees.get(j + 1), trees.get(j + 2))
                {
                    if !(is_joint_colon(a) && is_colon(b)) {
                        break;
                    }
                    segments.push(next.to_string());
                    j += 3;
                }
                let called = matches!(trees.get(j),
                    Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis);
                found.push(TokenPath {
                    segments,
                    line: first.span().start().line,
                    called,
                });
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

fn is_colon(tree: &TokenTree) -> bool {
    matches!(tree, TokenTree::Punct(p) if p.as_char() == ':')
}

fn is_joint_colon(tree: &TokenTree) -> bool {
    matches!(tree, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
}
