use crate::phases::{decisions_path, Decision};
use crate::text::lines;
use newsmill_core::{Cluster, Counters, Doc, Error, IoContext, Outcome, Result, ShardApply};
use serde_json::{Map, Value};
use std::fs::File;
use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};

/// The dedup result for one shard, applied document by document in the runner's final pass.
///
/// Streams the shard's decisions file, so memory does not grow with the shard. Documents must come
/// in the order the shard source gave them; each decision names its document and a mismatch is an
/// error rather than a silent misattribution.
pub struct ShardDecisions {
    path: PathBuf,
    lines: Lines<BufReader<File>>,
    line_no: usize,
}

impl ShardDecisions {
    /// Opens the decisions the `dedup-cluster` phase wrote for `shard`.
    pub fn open(work_dir: &Path, shard: usize) -> Result<Self> {
        let path = decisions_path(work_dir, shard);
        let f = File::open(&path).at("opening dedup decisions", &path)?;
        Ok(ShardDecisions {
            path,
            lines: BufReader::new(f).lines(),
            line_no: 0,
        })
    }

    /// Applies the next decision to `doc`: removes its boilerplate lines into `doc.removed`
    /// (reason `site_boilerplate`), sets `doc.cluster`, and returns `Drop` with reason
    /// `exact_duplicate` or `near_duplicate` and details `duplicate_of` and `cluster` for copies
    /// that are not their cluster's original (unless the run tags instead of dropping).
    pub fn apply(&mut self, doc: &mut Doc) -> Result<Outcome> {
        self.line_no += 1;
        let Some(line) = self.lines.next() else {
            let detail = format!(
                "no decision for document {} (more documents than the dedup run saw)",
                doc.id
            );
            return Err(Error::corrupt(&self.path, detail));
        };
        let line = line.at("reading", &self.path)?;
        let d: Decision = serde_json::from_str(&line)
            .map_err(|e| Error::corrupt(&self.path, format!("line {}: {e}", self.line_no)))?;
        if d.id != doc.id {
            let detail = format!(
                "line {}: decision is for document {} but got {} (documents out of order?)",
                self.line_no, d.id, doc.id
            );
            return Err(Error::corrupt(&self.path, detail));
        }
        if !d.removed.is_empty() {
            remove_lines(doc, &d.removed);
        }
        let cluster = Cluster {
            id: d.cluster,
            size: d.size,
            original: d.original,
        };
        doc.cluster = Some(cluster.clone());
        Ok(match d.drop {
            None => Outcome::Keep,
            Some(reason) => {
                let mut details = Map::new();
                details.insert(
                    "duplicate_of".into(),
                    Value::String(cluster.original.clone()),
                );
                details.insert("cluster".into(), serde_json::to_value(&cluster)?);
                Outcome::drop_with(reason, details)
            }
        })
    }
}

impl ShardApply for ShardDecisions {
    fn apply(&mut self, doc: &mut Doc, _: &mut Counters) -> Result<(&'static str, Outcome)> {
        let outcome = ShardDecisions::apply(self, doc)?;
        let stage = match &outcome {
            Outcome::Drop(r) if r.reason.starts_with("exact") => "exact_dedup",
            Outcome::Drop(_) => "near_dedup",
            Outcome::Keep => "",
        };
        Ok((stage, outcome))
    }
}

/// Removes the lines at `indices` (sorted, as [`lines`] numbers them) into `doc.removed`.
fn remove_lines(doc: &mut Doc, indices: &[usize]) {
    let mut kept: Vec<&str> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    let mut ri = 0;
    for (i, l) in lines(&doc.text).enumerate() {
        while ri < indices.len() && indices[ri] < i {
            ri += 1;
        }
        if ri < indices.len() && indices[ri] == i {
            removed.push(l.trim().to_string());
        } else {
            kept.push(l);
        }
    }
    // Drop the blank lines a removed block leaves at the ends.
    while kept.first().is_some_and(|l| l.trim().is_empty()) {
        kept.remove(0);
    }
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    let text = kept.join("\n");
    doc.text = text;
    for r in removed {
        doc.remove_line(r, "site_boilerplate");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_lines_moves_lines_to_removed() {
        let mut d = Doc::new("a", "Site\r\n\r\nBody one\nBody two\r\nFooter");
        remove_lines(&mut d, &[0, 4]);
        assert_eq!(d.text, "Body one\nBody two");
        assert_eq!(d.removed.len(), 2);
        assert_eq!(d.removed[0].text, "Site");
        assert_eq!(d.removed[1].reason, "site_boilerplate");
        // Out-of-range indices are ignored.
        let mut d = Doc::new("b", "x\ny");
        remove_lines(&mut d, &[1, 7]);
        assert_eq!(d.text, "x");
    }
}
