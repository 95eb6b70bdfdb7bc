use crate::Counters;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// What one stage did over a run (or a shard of it): the numbers `report.json` is made of.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StageStats {
    /// Documents that entered the stage.
    pub docs_in: u64,
    /// Documents the stage kept.
    pub kept: u64,
    /// Dropped documents by reason.
    pub dropped: BTreeMap<String, u64>,
    /// Wall time spent inside the stage, in seconds.
    pub seconds: f64,
    /// The stage's own event counters.
    pub counters: BTreeMap<String, u64>,
}

impl StageStats {
    /// Records one processed document.
    pub fn record(&mut self, dropped_reason: Option<&str>, elapsed: Duration) {
        self.docs_in += 1;
        self.seconds += elapsed.as_secs_f64();
        match dropped_reason {
            None => self.kept += 1,
            Some(r) => *self.dropped.entry(r.to_string()).or_insert(0) += 1,
        }
    }

    /// Folds a stage's counters in.
    pub fn add_counters(&mut self, counters: &Counters) {
        for (k, v) in counters.iter() {
            *self.counters.entry(k.to_string()).or_insert(0) += v;
        }
    }

    /// Adds another shard's stats to these.
    pub fn merge(&mut self, other: &StageStats) {
        self.docs_in += other.docs_in;
        self.kept += other.kept;
        self.seconds += other.seconds;
        for (k, v) in &other.dropped {
            *self.dropped.entry(k.clone()).or_insert(0) += v;
        }
        for (k, v) in &other.counters {
            *self.counters.entry(k.clone()).or_insert(0) += v;
        }
    }
}

/// Stats of every stage of a pipeline, in pipeline order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatsTable(pub Vec<(String, StageStats)>);

impl StatsTable {
    /// The stats entry for a stage, created at the end if new.
    pub fn entry(&mut self, stage: &str) -> &mut StageStats {
        let i = match self.0.iter().position(|(n, _)| n == stage) {
            Some(i) => i,
            None => {
                self.0.push((stage.to_string(), StageStats::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }

    /// Merges another table in, stage by stage.
    pub fn merge(&mut self, other: &StatsTable) {
        for (name, stats) in &other.0 {
            self.entry(name).merge(stats);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_adds_everything() {
        let mut a = StageStats::default();
        a.record(None, Duration::from_millis(5));
        a.record(Some("x"), Duration::from_millis(5));
        let mut c = Counters::default();
        c.add("fixed", 2);
        a.add_counters(&c);
        let mut b = a.clone();
        b.merge(&a);
        assert_eq!(b.docs_in, 4);
        assert_eq!(b.kept, 2);
        assert_eq!(b.dropped["x"], 2);
        assert_eq!(b.counters["fixed"], 4);
    }

    #[test]
    fn table_keeps_order() {
        let mut t = StatsTable::default();
        t.entry("b").docs_in = 1;
        t.entry("a").docs_in = 2;
        t.entry("b").docs_in += 1;
        assert_eq!(t.0[0].0, "b");
        assert_eq!(t.0[0].1.docs_in, 2);
    }
}
