//! Queries on `settings`: small JSON values by key.

use crate::{Result, Store};
use rusqlite::{params, OptionalExtension};
use serde_json::Value;

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<Value>> {
        let raw: Option<String> = self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?;
        Ok(raw.and_then(|s| serde_json::from_str(&s).ok()))
    }

    pub fn set_setting(&mut self, key: &str, value: &Value) -> Result<()> {
        self.conn.execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2", params![key, value.to_string()])?;
        Ok(())
    }
}
