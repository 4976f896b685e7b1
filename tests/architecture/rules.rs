//! The two rules of the architecture test, judged on a scanned crate:
//! top-level modules import only modules below them in the layer table, and
//! the submodules of the listed folders import each other without a cycle.
//! Each finding is one line (or one block for a cycle) that names the file,
//! the line and the path as written, so the message is the to-do list.

use std::collections::{BTreeMap, BTreeSet};

use super::scan::{Crate, Import, ModPath, Place, child_of};

/// The layer table: groups of top-level module names, lowest first.
pub(crate) type Layers = [(&'static str, &'static [&'static str])];

/// The name the layer table gives the crate root (items of `src/lib.rs`).
pub(crate) const ROOT: &str = "crate";

/// The node that stands for a folder's `mod.rs` in the cycle rule.
const MOD_RS: &str = "mod.rs";

/// Every violation in `krate`: unreadable files, top-level modules missing
/// from `layers`, upward imports, and cycles inside `cycle_free` folders
/// (as `render` or `model/link`).
pub(crate) fn check(krate: &Crate, layers: &Layers, cycle_free: &[&str]) -> Vec<String> {
    let mut found = krate.unreadable.clone();
    found.extend(upward_imports(krate, layers));
    for folder in cycle_free {
        let folder: ModPath = folder.split('/').map(str::to_owned).collect();
        found.extend(cycles(krate, &folder));
    }
    found
}

/// The top-level module a path belongs to: its first segment if that has a
/// file or folder in `src/`, otherwise the crate root (`crate::build`,
/// `crate::Failure`, an inline module of `lib.rs`).
pub(crate) fn top_level<'a>(krate: &Crate, path: &'a ModPath) -> &'a str {
    match path.first() {
        Some(first) if krate.top_level.contains(first) => first,
        _ => ROOT,
    }
}

fn upward_imports(krate: &Crate, layers: &Layers) -> Vec<String> {
    let order: Vec<&str> = layers
        .iter()
        .flat_map(|(_, names)| names.iter().copied())
        .collect();
    let rank = |name: &str| order.iter().position(|n| *n == name);
    let mut found: Vec<String> = krate
        .top_level
        .iter()
        .filter(|name| rank(name).is_none())
        .map(|name| {
            format!(
                "src/{name}: `{name}` is not in the layer table: add `{name}` to the layer table"
            )
        })
        .collect();
    let mut seen = BTreeSet::new();
    for import in &krate.imports {
        let (from, to) = (
            top_level(krate, &import.from),
            top_level(krate, &import.target),
        );
        let (Some(from_rank), Some(to_rank)) = (rank(from), rank(to)) else {
            continue;
        };
        if to_rank <= from_rank || !seen.insert(&import.place) {
            continue;
        }
        let chain = chain(layers, from, to);
        found.push(format!(
            "{}: `{}` — {from} may not import {to} ({to} comes after {from}: {chain})",
            at(&import.place),
            import.place.written
        ));
    }
    found
}

/// The layer groups from the lower to the higher of `a` and `b`, as
/// `config → load → parse → model → render → write`.
fn chain(layers: &Layers, a: &str, b: &str) -> String {
    let group = |name: &str| layers.iter().position(|(_, names)| names.contains(&name));
    let (ga, gb) = (group(a).unwrap_or(0), group(b).unwrap_or(0));
    let names: Vec<&str> = layers[ga.min(gb)..=ga.max(gb)]
        .iter()
        .flat_map(|(_, names)| names.iter().copied())
        .collect();
    names.join(" → ")
}

fn at(place: &Place) -> String {
    format!("{}:{}", place.file, place.line)
}

/// One import of each edge between the nodes of `folder`.
type Edges<'a> = BTreeMap<(String, String), &'a Place>;

fn cycles(krate: &Crate, folder: &ModPath) -> Vec<String> {
    let mut edges = Edges::new();
    for import in &krate.imports {
        if is_facade(folder, import) {
            facade_uses(krate, folder, import, &mut edges);
            continue;
        }
        let (Some(from), Some(to)) = (
            node_from(folder, &import.from),
            node_to(krate, folder, &import.target, 0),
        ) else {
            continue;
        };
        if from != to {
            edges.entry((from, to)).or_insert(&import.place);
        }
    }
    components(&edges)
        .iter()
        .map(|scc| describe(folder, scc, &edges))
        .collect()
}

/// A `pub use` in the folder's own `mod.rs`: the façade, not a use.
fn is_facade(folder: &ModPath, import: &Import) -> bool {
    import.reexport && import.from == *folder
}

/// Edges from `mod.rs` to a child for the names a façade line re-exports
/// that `mod.rs` (or its tests) then uses in code.
fn facade_uses<'a>(krate: &'a Crate, folder: &ModPath, import: &Import, edges: &mut Edges<'a>) {
    let Some(to) = node_to(krate, folder, &import.target, 0).filter(|to| to != MOD_RS) else {
        return;
    };
    let names: Vec<&String> = match (&import.binds, import.glob) {
        (Some(name), false) => vec![name],
        _ => krate
            .modules
            .get(&import.target)
            .map(|m| m.defines.iter().collect())
            .unwrap_or_default(),
    };
    let tests = child_of(folder, "tests");
    for module in [folder, &tests]
        .into_iter()
        .filter_map(|m| krate.modules.get(m))
    {
        for place in names.iter().filter_map(|name| module.bare.get(*name)) {
            edges
                .entry((MOD_RS.to_owned(), to.clone()))
                .or_insert(place);
        }
    }
}

/// The node of `folder` that code in module `from` belongs to.
fn node_from(folder: &ModPath, from: &ModPath) -> Option<String> {
    let rest = from.strip_prefix(folder.as_slice())?;
    match rest.first().map(String::as_str) {
        None | Some("tests") => Some(MOD_RS.to_owned()),
        Some(child) => Some(child.to_owned()),
    }
}

/// The node of `folder` that defines what `target` names, following
/// `mod.rs`'s imports and globs for `super::Item`; `None` outside `folder`.
fn node_to(krate: &Crate, folder: &ModPath, target: &ModPath, depth: usize) -> Option<String> {
    let rest = target.strip_prefix(folder.as_slice())?;
    let Some(first) = rest.first() else {
        return Some(MOD_RS.to_owned());
    };
    let child = child_of(folder, first);
    if first == "tests" {
        return Some(MOD_RS.to_owned());
    }
    if krate.modules.contains_key(&child) {
        return Some(first.clone());
    }
    let module = krate.modules.get(folder)?;
    if module.defines.contains(first) || depth > 8 {
        return Some(MOD_RS.to_owned());
    }
    if let Some(imported) = module.uses.get(first) {
        return node_to(krate, folder, imported.as_ref()?, depth + 1);
    }
    let from_glob = module.globs.iter().find(|glob| {
        krate
            .modules
            .get(*glob)
            .is_some_and(|m| m.defines.contains(first) || m.uses.contains_key(first))
    });
    match from_glob {
        Some(glob) => node_to(krate, folder, glob, depth + 1),
        None => Some(MOD_RS.to_owned()),
    }
}

/// The strongly connected components with more than one node.
fn components(edges: &Edges) -> Vec<BTreeSet<String>> {
    let nodes: BTreeSet<&String> = edges.keys().flat_map(|(a, b)| [a, b]).collect();
    let reach = |start: &String| {
        let mut seen = BTreeSet::from([start.clone()]);
        let mut todo = vec![start.clone()];
        while let Some(node) = todo.pop() {
            for (_, next) in edges.keys().filter(|(a, _)| *a == node) {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut found: Vec<BTreeSet<String>> = Vec::new();
    for node in &nodes {
        let scc: BTreeSet<String> = reached[node]
            .iter()
            .filter(|other| reached[other].contains(*node))
            .cloned()
            .collect();
        if scc.len() > 1 && !found.contains(&scc) {
            found.push(scc);
        }
    }
    found
}

fn describe(folder: &ModPath, scc: &BTreeSet<String>, edges: &Edges) -> String {
    let members: Vec<&str> = scc.iter().map(String::as_str).collect();
    let mut text = format!(
        "src/{}/: import cycle between {} (one import of each edge; remove imports until no cycle is left):",
        folder.join("/"),
        members.join(", ")
    );
    for ((from, to), place) in edges
        .iter()
        .filter(|((a, b), _)| scc.contains(a) && scc.contains(b))
    {
        text.push_str(&format!(
            "\n    {from} → {to}: {}: `{}`",
            at(place),
            place.written
        ));
    }
    text
}
