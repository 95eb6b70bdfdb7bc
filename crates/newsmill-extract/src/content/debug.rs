//! `NM_DEBUG` diagnostics: the scores and paths of the blocks considered.

use crate::dom::{AttrName, Dom, NONE};

/// Prints per-block scores to stderr (development aid for the `debug` example).
pub(crate) static DEBUG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub(super) fn path(dom: &Dom, mut i: u32, removed: &[bool]) -> String {
    let mut parts = Vec::new();
    while i != NONE && i != 0 && parts.len() < 12 {
        if let Some(t) = dom.tag(i) {
            let c = dom.attr(i, AttrName::Class).unwrap_or("");
            let id = dom.attr(i, AttrName::Id).unwrap_or("");
            let c: String = c.chars().take(40).collect();
            parts.push(format!(
                "{}{t:?}.{c}#{id}",
                if removed[i as usize] { "!" } else { "" }
            ));
        }
        i = dom.nodes[i as usize].parent;
    }
    parts.reverse();
    parts.join(" > ")
}
