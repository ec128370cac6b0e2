//! Queries on `module_configurations`. A configuration keeps its non-secret values and, for
//! each secret field, the name of the vault entry holding it. The secret itself never comes
//! here: the type has no place for it.

use crate::{now, Result, Store, StoreError};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModuleConfiguration {
    pub id: String,
    pub module_uuid: String,
    pub name: String,
    /// Non-secret fields.
    pub values: Map<String, Value>,
    /// Secret field → vault entry name.
    pub secret_refs: BTreeMap<String, String>,
    pub created_at: String,
    pub updated_at: String,
}

pub struct NewModuleConfiguration<'a> {
    pub module_uuid: &'a str,
    pub name: &'a str,
    pub values: Map<String, Value>,
    pub secret_refs: BTreeMap<String, String>,
}

fn configuration(row: &Row<'_>) -> rusqlite::Result<ModuleConfiguration> {
    let values: String = row.get(3)?;
    let refs: String = row.get(4)?;
    Ok(ModuleConfiguration {
        id: row.get(0)?,
        module_uuid: row.get(1)?,
        name: row.get(2)?,
        values: serde_json::from_str(&values).unwrap_or_default(),
        secret_refs: serde_json::from_str(&refs).unwrap_or_default(),
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

const COLUMNS: &str = "id, module_uuid, name, value_json, secret_refs, created_at, updated_at";

impl Store {
    pub fn create_module_configuration(&mut self, new: NewModuleConfiguration<'_>) -> Result<ModuleConfiguration> {
        let id = uuid::Uuid::new_v4().to_string();
        let now = now();
        self.conn.execute(
            "INSERT INTO module_configurations (id, module_uuid, name, value_json, secret_refs, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![id, new.module_uuid, new.name, Value::Object(new.values).to_string(), serde_json::to_string(&new.secret_refs).expect("refs serialize"), now],
        )?;
        self.module_configuration(&id)
    }

    pub fn module_configuration(&self, id: &str) -> Result<ModuleConfiguration> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} FROM module_configurations WHERE id = ?1"), [id], configuration)
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "module configuration", id: id.to_owned() })
    }

    pub fn set_secret_refs(&mut self, id: &str, refs: &BTreeMap<String, String>) -> Result<()> {
        let n = self.conn.execute("UPDATE module_configurations SET secret_refs = ?2, updated_at = ?3 WHERE id = ?1", params![id, serde_json::to_string(refs).expect("refs serialize"), now()])?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "module configuration", id: id.to_owned() });
        }
        Ok(())
    }

    pub fn delete_module_configuration(&mut self, id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM module_configurations WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Configurations of one module (all modules when `module_uuid` is `None`), by name.
    pub fn module_configurations(&self, module_uuid: Option<&str>) -> Result<Vec<ModuleConfiguration>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {COLUMNS} FROM module_configurations WHERE ?1 IS NULL OR module_uuid = ?1 ORDER BY name"))?;
        let rows = stmt.query_map([module_uuid], configuration)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
