//! MinHash signatures, LSH band keys and containment anchors: the candidate keys of near-dup.

use crate::text::{combine, mix64};

/// Key namespace of the exact-duplicate key (a document's normalized-text hash).
pub const EXACT_NAMESPACE: u64 = 0xe7ac_7000_0000_0001;
/// Key namespace of anchors (hash-sampled shingles).
pub const ANCHOR_NAMESPACE: u64 = 0xa5c4_0000_0000_0002;

/// MinHash signatures of `bands * rows` values, drawn from a seed so that every task of a run
/// computes the same ones.
///
/// Two estimators with the same collision probability (the Jaccard similarity): classic
/// `bands * rows` permutations `a*x + b` (mod 2^64), one multiply per shingle and value; or one
/// permutation hashing with optimal densification (Shrivastava, ICML 2017), one hash per shingle,
/// which is what makes signatures cost less than tokenizing.
#[derive(Debug, Clone)]
pub struct MinHasher {
    a: Vec<u64>,
    b: Vec<u64>,
    bands: usize,
    rows: usize,
    seed: u64,
    one_permutation: bool,
}

impl MinHasher {
    /// A hasher for `bands` bands of `rows` rows; `one_permutation` picks the estimator.
    pub fn new(bands: usize, rows: usize, seed: u64, one_permutation: bool) -> Self {
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
        MinHasher {
            a,
            b,
            bands,
            rows,
            seed,
            one_permutation,
        }
    }

    /// True when there are no permutations (LSH disabled).
    pub fn is_empty(&self) -> bool {
        self.a.is_empty()
    }

    /// The signature of a shingle set (duplicates in `shingles` do not matter), into `sig`.
    pub fn signature(&self, shingles: &[u64], sig: &mut Vec<u64>) {
        if self.one_permutation {
            self.signature_oph(shingles, sig);
            return;
        }
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

    /// One permutation hashing: each shingle's hash picks a bin and competes for its minimum;
    /// empty bins borrow the value of a bin chosen by a hash of (bin, attempt), the same for every
    /// document, which keeps the collision probability equal to the Jaccard similarity.
    fn signature_oph(&self, shingles: &[u64], sig: &mut Vec<u64>) {
        let k = self.a.len();
        sig.clear();
        sig.resize(k, u64::MAX);
        if k == 0 {
            return;
        }
        // Which bins got a value: a bitset, on the stack for up to 1,024 bins (the configuration
        // allows no more).
        let mut stack = [0u64; 16];
        let mut heap = Vec::new();
        let filled: &mut [u64] = if k <= 1024 {
            &mut stack
        } else {
            heap.resize(k.div_ceil(64), 0);
            &mut heap
        };
        let is_filled = |f: &[u64], i: usize| f[i / 64] >> (i % 64) & 1 == 1;
        // Shingle hashes are already uniform: one multiply (a bijection) is enough to draw the
        // bin (high bits) and the value (the rest) for this seed.
        let mul = self.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        for &x in shingles {
            let h = (x ^ self.seed).wrapping_mul(mul);
            let bin = (((h >> 32) * k as u64) >> 32) as usize;
            let v = h.rotate_left(32);
            // Branch-free: whether a shingle lowers a bin's minimum is a coin flip at first.
            sig[bin] = sig[bin].min(v);
            filled[bin / 64] |= 1 << (bin % 64);
        }
        if filled.iter().all(|&f| f == 0) {
            return;
        }
        for i in 0..k {
            if is_filled(filled, i) {
                continue;
            }
            let mut attempt = 0u64;
            loop {
                let j = (mix64(self.seed ^ ((i as u64) << 32) ^ attempt) % k as u64) as usize;
                if is_filled(filled, j) {
                    sig[i] = sig[j];
                    break;
                }
                attempt += 1;
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
    let rate = u64::from(rate);
    // A mask instead of a division for the usual power-of-two rates (same test).
    let mask = rate.is_power_of_two().then(|| rate - 1);
    for &s in shingles.iter().take(max_pos) {
        let h = mix64(s ^ ANCHOR_NAMESPACE);
        let hit = match mask {
            Some(m) => h & m == 0,
            None => h.is_multiple_of(rate),
        };
        if hit {
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
        let m = MinHasher::new(14, 8, 7, false);
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
    fn one_permutation_estimates_jaccard_and_fills_short_texts() {
        let m = MinHasher::new(16, 8, 7, true);
        let a: Vec<u64> = (0..400u64).map(mix64).collect();
        let b: Vec<u64> = (100..500u64).map(mix64).collect(); // Jaccard 300/500 = 0.6
        let (mut sa, mut sb) = (Vec::new(), Vec::new());
        m.signature(&a, &mut sa);
        m.signature(&b, &mut sb);
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64 / 128.0;
        assert!((0.45..0.75).contains(&agree), "{agree}");
        // Three shingles still give a full signature, and the same one for the same set.
        m.signature(&a[..3], &mut sa);
        assert!(sa.iter().all(|&v| v != u64::MAX));
        m.signature(&a[..3], &mut sb);
        assert_eq!(sa, sb);
        m.signature(&[], &mut sa);
        assert!(sa.iter().all(|&v| v == u64::MAX));
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
        // Rates that are not powers of two sample too.
        let mut a6 = Vec::new();
        anchor_keys(&full, 6, 256, &mut a6);
        assert!((25..65).contains(&a6.len()), "{}", a6.len());
    }
}
