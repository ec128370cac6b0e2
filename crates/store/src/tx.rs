//! Transactions, in one place. Every write that touches several rows goes through
//! [`Store::in_transaction`]: all of it lands, or none of it. A run's records are grouped by
//! [`Store::begin`] / [`Store::commit`] between two waits on the outside world; a write made
//! inside such a group is a savepoint of it, so nesting is never an error.

use crate::{Result, Store};

impl Store {
    /// Opens a transaction that groups the next writes (a run's records between two waits on
    /// the outside world); [`Store::commit`] ends it.
    pub fn begin(&mut self) -> Result<()> {
        self.conn.execute_batch("BEGIN")?;
        Ok(())
    }

    /// Ends the transaction [`Store::begin`] opened (nothing when none is open).
    pub fn commit(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(())
    }

    /// Runs `f` atomically: committed when it succeeds, rolled back when it fails.
    pub fn in_transaction<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT store_write")?;
        let result = f(self).and_then(|value| {
            self.conn.execute_batch("RELEASE store_write")?;
            Ok(value)
        });
        if result.is_err() {
            // Whether `f` or the release (the commit, outermost) failed: nothing stays open.
            let _ = self.conn.execute_batch("ROLLBACK TO store_write; RELEASE store_write");
        }
        result
    }
}
