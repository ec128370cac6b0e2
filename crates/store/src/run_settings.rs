//! Queries on a playbook's run settings (columns of `playbooks`): its rate limit in actions
//! per minute and the time one action may take. `None` means the engine's default.

use crate::{Result, Store};
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn rate_limit(&self, playbook_id: &str) -> Result<Option<u32>> {
        Ok(self.conn.query_row("SELECT rate_limit_per_minute FROM playbooks WHERE id = ?1", [playbook_id], |r| r.get(0)).optional()?.flatten())
    }

    pub fn set_rate_limit(&mut self, playbook_id: &str, limit: Option<u32>) -> Result<()> {
        self.conn.execute("UPDATE playbooks SET rate_limit_per_minute = ?2 WHERE id = ?1", params![playbook_id, limit])?;
        Ok(())
    }

    pub fn action_timeout_seconds(&self, playbook_id: &str) -> Result<Option<u32>> {
        Ok(self.conn.query_row("SELECT action_timeout_seconds FROM playbooks WHERE id = ?1", [playbook_id], |r| r.get(0)).optional()?.flatten())
    }

    pub fn set_action_timeout_seconds(&mut self, playbook_id: &str, seconds: Option<u32>) -> Result<()> {
        self.conn.execute("UPDATE playbooks SET action_timeout_seconds = ?2 WHERE id = ?1", params![playbook_id, seconds])?;
        Ok(())
    }
}
