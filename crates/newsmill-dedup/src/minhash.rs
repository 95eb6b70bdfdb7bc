//! MinHash signatures, LSH band keys and containment anchors: the candidate keys of near-dup.

use crate::text::{combine, mix64};

/// Key namespace of the exact-duplicate key (a document's normalized-text hash).
pub const EXACT_NAMESPACE: u64 = 0xe7ac_7000_0000_0001;
/// Key namespace of anchors (hash-sampled shingles).
pub const ANCHOR_NAMESPACE: u64 = 0xa5c4_0000_0000_0002;

/// `bands * rows` hash permutations of the form `a*x + b` (mod 2^64) with odd `a`, drawn from a
/// seed so that every task of a run computes the same signatures.
#[derive(Debug, Clone)]
pub struct MinHasher {
    a: Vec<u64>,
    b: Vec<u64>,
    bands: usize,
    rows: usize,
}

impl MinHasher {
    /// Permutations for `bands` bands of `rows` rows.
    pub fn new(bands: usize, rows: usize, seed: u64) -> Self {
        let n = bands * rows;
        let mut s = seed;
        let mut next = || {
            s = s.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix64(s)
        };
        let mut a = Vec::with_capacity(n);
        let mut b = Vec::with_capacity(n);
        for _ in 0..n {
            a.push(next() | 1);
            b.push(next());
        }
        MinHasher { a, b, bands, rows }
    }

    /// Number of permutations.
    pub fn len(&self) -> usize {
        self.a.len()
    }

    /// True when there are no permutations (LSH disabled).
    pub fn is_empty(&self) -> bool {
        self.a.is_empty()
    }

    /// The signature of a shingle set (duplicates in `shingles` do not matter), into `sig`.
    pub fn signature(&self, shingles: &[u64], sig: &mut Vec<u64>) {
        sig.clear();
        sig.resize(self.a.len(), u64::MAX);
        for &x in shingles {
            for ((s, &a), &b) in sig.iter_mut().zip(&self.a).zip(&self.b) {
                let v = a.wrapping_mul(x).wrapping_add(b);
                if v < *s {
                    *s = v;
                }
            }
        }
    }

    /// One key per band: documents that agree on all `rows` values of a band share its key.
    pub fn band_keys(&self, sig: &[u64], out: &mut Vec<u64>) {
        if sig.len() != self.bands * self.rows || self.rows == 0 {
            return;
        }
        for (band, chunk) in sig.chunks(self.rows).enumerate() {
            let mut h = mix64(band as u64 + 1);
            for &v in chunk {
                h = combine(h, v);
            }
            out.push(h);
        }
    }
}

/// Anchor keys: shingles among the first `max_pos` whose hash is divisible by `rate`. Sampling by
/// value (not position) picks the same shingles in every copy, so a brief that holds 40 of its
/// story's shingles shares about 40/`rate` anchors with it whatever surrounds it.
pub fn anchor_keys(shingles: &[u64], rate: u32, max_pos: usize, out: &mut Vec<u64>) {
    if rate == 0 {
        return;
    }
    let start = out.len();
    for &s in shingles.iter().take(max_pos) {
        if mix64(s ^ ANCHOR_NAMESPACE).is_multiple_of(rate as u64) {
            out.push(combine(ANCHOR_NAMESPACE, s));
        }
    }
    out[start..].sort_unstable();
    let mut seen = start;
    for i in start..out.len() {
        if i == start || out[i] != out[seen - 1] {
            out[seen] = out[i];
            seen += 1;
        }
    }
    out.truncate(seen);
}

/// The exact-duplicate candidate key of a normalized-text hash.
pub fn exact_key(exact: u64) -> u64 {
    combine(EXACT_NAMESPACE, exact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_sets_share_bands_and_disjoint_do_not() {
        let m = MinHasher::new(14, 8, 7);
        let a: Vec<u64> = (0..400u64).map(mix64).collect();
        let mut b = a.clone();
        b[10] = 1;
        let c: Vec<u64> = (1000..1400u64).map(mix64).collect();
        let (mut sa, mut sb, mut sc) = (Vec::new(), Vec::new(), Vec::new());
        m.signature(&a, &mut sa);
        m.signature(&b, &mut sb);
        m.signature(&c, &mut sc);
        let (mut ka, mut kb, mut kc) = (Vec::new(), Vec::new(), Vec::new());
        m.band_keys(&sa, &mut ka);
        m.band_keys(&sb, &mut kb);
        m.band_keys(&sc, &mut kc);
        assert_eq!(ka.len(), 14);
        assert!(ka.iter().filter(|k| kb.contains(k)).count() >= 10);
        assert_eq!(ka.iter().filter(|k| kc.contains(k)).count(), 0);
        // Agreement rate of single values estimates Jaccard.
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count();
        assert!(agree > 100);
    }

    #[test]
    fn anchors_of_a_prefix_are_anchors_of_the_whole() {
        let full: Vec<u64> = (0..300u64).map(mix64).collect();
        let mut a_full = Vec::new();
        let mut a_brief = Vec::new();
        anchor_keys(&full, 8, 256, &mut a_full);
        anchor_keys(&full[..40], 8, 256, &mut a_brief);
        assert!(!a_brief.is_empty());
        assert!(a_brief.iter().all(|k| a_full.contains(k)));
        // Roughly one in eight of the first 256.
        assert!((15..50).contains(&a_full.len()), "{}", a_full.len());
    }
}
