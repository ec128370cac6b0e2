//! Queries on `runs` and `node_runs`. The engine writes them; here only what every start needs:
//! runs left `running` by a crash become `interrupted`.

use crate::{now, Result, Store};

impl Store {
    /// Marks runs still `running` (the app or CLI died during them) as `interrupted`, with
    /// their running node runs failed. Returns how many runs were marked.
    pub fn mark_interrupted_runs(&mut self) -> Result<usize> {
        let now = now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE node_runs SET status = 'failed', error = 'interrupted: the process stopped during the run', finished_at = ?1
             WHERE status = 'running' AND run_id IN (SELECT id FROM runs WHERE status = 'running')",
            [&now],
        )?;
        let n = tx.execute("UPDATE runs SET status = 'interrupted', finished_at = ?1 WHERE status = 'running'", [&now])?;
        tx.commit()?;
        Ok(n)
    }
}
