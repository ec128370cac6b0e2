//! Queries on `catalog_modules`: modules imported from a folder or synced from the platform,
//! each stored whole (with its blocks) as JSON.

use crate::{now, Result, Store, StoreError};
use rusqlite::params;
use studio_model::Module;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Import,
    Platform,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Self::Import => "import",
            Self::Platform => "platform",
        }
    }
}

impl Store {
    /// Inserts or replaces modules by uuid, all in one transaction.
    pub fn upsert_modules<'a>(&mut self, modules: impl IntoIterator<Item = &'a Module>, source: Source) -> Result<usize> {
        let now = now();
        self.in_transaction(|s| {
            let mut stmt = s.conn.prepare(
                "INSERT INTO catalog_modules (uuid, name, source, content, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (uuid) DO UPDATE SET name = ?2, source = ?3, content = ?4, imported_at = ?5",
            )?;
            let mut n = 0;
            for module in modules {
                let content = serde_json::to_string(module).expect("a module always serializes");
                stmt.execute(params![module.uuid, module.name, source.as_str(), content, now])?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// Stored modules, by name.
    pub fn stored_modules(&self) -> Result<Vec<Module>> {
        let mut stmt = self.conn.prepare("SELECT uuid, content FROM catalog_modules ORDER BY name, uuid")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut modules = Vec::new();
        for row in rows {
            let (uuid, content) = row?;
            let module = serde_json::from_str(&content).map_err(|e| StoreError::Corrupt { what: "catalogue module", id: uuid, message: e.to_string() })?;
            modules.push(module);
        }
        Ok(modules)
    }

    /// Where each stored module came from (`import` or `platform`) and when (RFC 3339), by uuid.
    pub fn module_origins(&self) -> Result<Vec<(String, String, String)>> {
        let mut stmt = self.conn.prepare("SELECT uuid, source, imported_at FROM catalog_modules")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes a stored module; `false` when none had that uuid.
    pub fn delete_module(&mut self, uuid: &str) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM catalog_modules WHERE uuid = ?1", [uuid])? > 0)
    }
}
