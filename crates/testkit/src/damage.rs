//! Seeded damage for robustness runs: bytes flipped, cut, copied, or replaced by pieces that
//! matter to JSON and Jinja. The same seed gives the same inputs, so a failure replays.

/// xorshift64*: small and seeded.
pub struct Rng(pub u64);

impl Rng {
    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
    }
}

const INTERESTING: &[&[u8]] = &[b"{", b"}", b"[", b"]", b"\"", b",", b":", b"null", b"-1e999", b"\\u0000", b"\xff", b"\"nodes\"", b"{{", b"0"];

/// One to four random edits of `doc`.
pub fn damage(rng: &mut Rng, doc: &[u8]) -> Vec<u8> {
    let mut out = doc.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 if at < out.len() => out[at] = rng.below(256) as u8,
            1 if at < out.len() => {
                let end = (at + 1 + rng.below(40)).min(out.len());
                out.drain(at..end);
            }
            2 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, piece.iter().copied());
            }
            _ => {
                let end = (at + rng.below(60)).min(out.len());
                let copy = out[at.min(end)..end].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, copy);
            }
        }
    }
    out
}

/// How many inputs a robustness run checks: the variable `name`, else `default`.
pub fn count(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}
