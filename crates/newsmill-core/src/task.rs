use serde::{Deserialize, Serialize};

/// One unit of scheduled work: a phase of a run, split `world_size` ways, this being part `rank`.
///
/// A task maps its share of the inputs to its own output files, written under a temporary name,
/// renamed, then marked done, so any scheduler (the local runner, Slurm arrays, Ray) can run, rerun
/// or skip it with the same code and no shared state.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Task {
    /// Phase name (`process`, `dedup-signatures`, `finalize`, ...).
    pub phase: String,
    /// This task's index, `0..world_size`.
    pub rank: usize,
    /// How many tasks the phase is split into.
    pub world_size: usize,
}

impl Task {
    /// A task of a phase.
    pub fn new(phase: impl Into<String>, rank: usize, world_size: usize) -> Self {
        assert!(
            world_size > 0 && rank < world_size,
            "rank must be < world_size"
        );
        Task {
            phase: phase.into(),
            rank,
            world_size,
        }
    }

    /// Whether the item with this index (an input file, a shard) belongs to this task.
    pub fn owns(&self, index: usize) -> bool {
        index % self.world_size == self.rank
    }

    /// A file-name-safe label, `process-00003-of-00008`.
    pub fn label(&self) -> String {
        format!("{}-{:05}-of-{:05}", self.phase, self.rank, self.world_size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_owned_exactly_once() {
        for world in 1..5 {
            for i in 0..20 {
                let owners = (0..world)
                    .filter(|&r| Task::new("p", r, world).owns(i))
                    .count();
                assert_eq!(owners, 1);
            }
        }
    }
}
