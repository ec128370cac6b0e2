//! The per-playbook rate limit: before an action starts, the actions this playbook started
//! in the last 60 seconds (across all its runs in this process, plus those a previous process
//! recorded) are counted; at the limit the action fails.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Actions per minute when a playbook sets no limit of its own.
pub const DEFAULT_ACTIONS_PER_MINUTE: u32 = 120;

const WINDOW: Duration = Duration::from_secs(60);

#[derive(Default)]
pub struct RateLimiter {
    starts: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records starts that happened `ago` before now (from the store, at run start).
    pub fn seed(&self, playbook: &str, ago: impl IntoIterator<Item = Duration>) {
        let now = Instant::now();
        let mut starts = self.starts.lock().unwrap_or_else(|p| p.into_inner());
        let q = starts.entry(playbook.to_owned()).or_default();
        let mut seeded: Vec<Instant> = ago.into_iter().filter(|d| *d < WINDOW).filter_map(|d| now.checked_sub(d)).collect();
        seeded.sort();
        for t in seeded {
            if !q.contains(&t) {
                q.push_back(t);
            }
        }
        q.make_contiguous().sort();
    }

    /// Counts one more start, or says how many started in the last minute when the limit is
    /// reached (the action must not start).
    pub fn try_start(&self, playbook: &str, limit: u32) -> Result<(), usize> {
        let now = Instant::now();
        let mut starts = self.starts.lock().unwrap_or_else(|p| p.into_inner());
        let q = starts.entry(playbook.to_owned()).or_default();
        while q.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
            q.pop_front();
        }
        if q.len() >= limit as usize {
            return Err(q.len());
        }
        q.push_back(now);
        Ok(())
    }
}

pub fn message(count: usize, limit: u32) -> String {
    format!("rate limited: {count} actions started in the last minute (limit {limit})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_counts_starts_of_the_last_minute_per_playbook() {
        let rl = RateLimiter::new();
        rl.seed("p", [Duration::from_secs(10), Duration::from_secs(90)]);
        assert_eq!(rl.try_start("p", 3), Ok(()));
        assert_eq!(rl.try_start("p", 3), Ok(()));
        assert_eq!(rl.try_start("p", 3), Err(3), "the 10 s-old start counts, the 90 s-old one does not");
        assert_eq!(rl.try_start("other", 3), Ok(()));
        assert_eq!(message(3, 3), "rate limited: 3 actions started in the last minute (limit 3)");
    }
}
