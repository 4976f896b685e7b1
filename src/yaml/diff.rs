//! Which top-level keys two versions of a YAML mapping set differently:
//! for `serve`, which patches an edit of front matter only if every key
//! that changed is a text field.

use serde_yaml::{Mapping, Value};

use super::limits;

/// The keys whose values differ between the mappings `old` and `new`
/// (set in one and not the other, or set to different values), sorted;
/// `None` if either is not a mapping with string keys within the bounds
/// of `limits.rs`. Formatting, comments and key order do not count.
pub fn changed_keys(old: &str, new: &str) -> Option<Vec<String>> {
    let (old, new) = (mapping(old)?, mapping(new)?);
    let mut keys = Vec::new();
    for (key, value) in &old {
        if new.get(key) != Some(value) {
            keys.push(key.as_str()?.to_owned());
        }
    }
    for key in new.keys() {
        if !old.contains_key(key) {
            keys.push(key.as_str()?.to_owned());
        }
    }
    keys.sort();
    Some(keys)
}

/// `yaml` read as a mapping (empty YAML is an empty one).
fn mapping(yaml: &str) -> Option<Mapping> {
    limits::check(yaml).ok()?;
    match serde_yaml::from_str(yaml).ok()? {
        Value::Mapping(m) => Some(m),
        Value::Null => Some(Mapping::new()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_keys_with_other_values_count() {
        let old = "title: Ziel\nweight: 2\nsummary: Kurz\n";
        let new = "# neu\nweight: 2\ntitle: \"Ziel\"\ngoal: x\n";
        assert_eq!(
            changed_keys(old, new),
            Some(vec!["goal".to_owned(), "summary".to_owned()])
        );
        assert_eq!(changed_keys(old, old), Some(Vec::new()));
        assert_eq!(changed_keys(old, "- a\n"), None);
        assert_eq!(changed_keys(old, "1: a\n"), None);
    }
}
