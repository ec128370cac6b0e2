//! Queries on a playbook's run settings (columns of `playbooks`): its rate limit in actions
//! per minute and the time one action may take (`None` means the engine's default), and the
//! sample it is tried with before its first run (a template's test event and pins), and its
//! tests.

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

    /// Keeps what the playbook is tried with before its first run (its template's test).
    pub fn set_playbook_sample(&mut self, playbook_id: &str, event: &serde_json::Value, pins: &serde_json::Value) -> Result<()> {
        self.conn.execute("UPDATE playbooks SET sample_event = ?2, sample_pins = ?3 WHERE id = ?1", params![playbook_id, event.to_string(), pins.to_string()])?;
        Ok(())
    }

    /// The playbook's sample event and pins, when it has one.
    pub fn playbook_sample(&self, playbook_id: &str) -> Result<Option<(serde_json::Value, serde_json::Value)>> {
        let row: Option<(Option<String>, Option<String>)> =
            self.conn.query_row("SELECT sample_event, sample_pins FROM playbooks WHERE id = ?1", [playbook_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        let Some((Some(event), pins)) = row else { return Ok(None) };
        let parse = |text: &str| serde_json::from_str(text).map_err(|e| crate::StoreError::Corrupt { what: "playbook sample", id: playbook_id.to_owned(), message: e.to_string() });
        Ok(Some((parse(&event)?, pins.as_deref().map(parse).transpose()?.unwrap_or_default())))
    }

    /// The playbook's tests document, when it has one.
    pub fn playbook_tests(&self, playbook_id: &str) -> Result<Option<serde_json::Value>> {
        let text: Option<Option<String>> = self.conn.query_row("SELECT tests FROM playbooks WHERE id = ?1", [playbook_id], |r| r.get(0)).optional()?;
        let Some(text) = text else { return Err(crate::StoreError::NotFound { what: "playbook", id: playbook_id.to_owned() }) };
        text.map(|t| serde_json::from_str(&t).map_err(|e| crate::StoreError::Corrupt { what: "playbook tests", id: playbook_id.to_owned(), message: e.to_string() })).transpose()
    }

    pub fn set_playbook_tests(&mut self, playbook_id: &str, tests: &serde_json::Value) -> Result<()> {
        let changed = self.conn.execute("UPDATE playbooks SET tests = ?2 WHERE id = ?1", params![playbook_id, tests.to_string()])?;
        if changed == 0 {
            return Err(crate::StoreError::NotFound { what: "playbook", id: playbook_id.to_owned() });
        }
        Ok(())
    }
}
