//! Queries on `playbooks` and `playbook_versions`. A playbook row holds what lists need (so a
//! list never reads documents); each save adds a version holding the whole SPL document.

use crate::{now, Result, Store, StoreError};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use studio_model::Playbook;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaybookRecord {
    pub id: String,
    pub name: String,
    pub description: String,
    pub tags: Vec<String>,
    pub node_count: u32,
    pub version: u32,
    pub remote_uuid: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionInfo {
    pub version: u32,
    pub created_at: String,
    pub summary: String,
    pub node_count: u32,
}

const COLUMNS: &str = "id, name, description, tags, node_count, head_version, remote_uuid, created_at, updated_at";

fn record(row: &Row<'_>) -> rusqlite::Result<PlaybookRecord> {
    let tags: String = row.get(3)?;
    Ok(PlaybookRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        description: row.get(2)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        node_count: row.get(4)?,
        version: row.get(5)?,
        remote_uuid: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

impl Store {
    /// Saves `playbook` as a new version (creating the playbook on its first save). The
    /// playbook's id is its `uuid`, which the caller sets.
    pub fn save_playbook(&mut self, playbook: &Playbook, summary: &str) -> Result<PlaybookRecord> {
        self.write_version(playbook, summary, None)
    }

    /// Saves a designer edit: into the version the edits before it made when the last of them
    /// is less than `pause` old and no run used that version, else as a new version. The
    /// version's summary lists its edits. A version per pause in editing, not per keystroke.
    pub fn save_edit(&mut self, playbook: &Playbook, summary: &str, pause: std::time::Duration) -> Result<PlaybookRecord> {
        let pause = time::Duration::try_from(pause).unwrap_or(time::Duration::ZERO);
        self.write_version(playbook, summary, Some(crate::time_ago(pause)))
    }

    /// Writes a version; `open_after`: an edit, which joins the head version when that one is
    /// an edit version last edited at or after this time.
    fn write_version(&mut self, playbook: &Playbook, summary: &str, open_after: Option<String>) -> Result<PlaybookRecord> {
        let id = playbook.uuid.clone().ok_or_else(|| StoreError::Corrupt { what: "playbook", id: playbook.name().to_owned(), message: "a playbook needs a uuid to be stored".into() })?;
        let content = serde_json::to_string(playbook).expect("a playbook always serializes");
        let tags = serde_json::to_string(playbook.tags()).expect("tags serialize");
        let now = now();
        self.in_transaction(|s| {
            let head: Option<(u32, Option<String>, String)> = s
                .conn
                .query_row("SELECT v.version, v.edited_at, v.summary FROM playbooks p JOIN playbook_versions v ON v.playbook_id = p.id AND v.version = p.head_version WHERE p.id = ?1", [&id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let joins = match (&head, &open_after) {
                (Some((version, Some(edited), _)), Some(cutoff)) if edited >= cutoff => {
                    let ran: bool = s.conn.query_row("SELECT EXISTS (SELECT 1 FROM runs WHERE playbook_id = ?1 AND playbook_version = ?2)", params![id, version], |r| r.get(0))?;
                    !ran
                }
                _ => false,
            };
            let edited_at = open_after.as_ref().map(|_| now.as_str());
            let version = match (&head, joins) {
                (Some(h), true) => h.0,
                (head, _) => head.as_ref().map_or(0, |h| h.0) + 1,
            };
            // The playbook's row first: a version refers to it.
            s.conn.execute(
                "INSERT INTO playbooks (id, name, description, tags, node_count, head_version, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                 ON CONFLICT (id) DO UPDATE SET name = ?2, description = ?3, tags = ?4, node_count = ?5,
                     head_version = ?6, updated_at = ?7",
                params![id, playbook.name(), playbook.description(), tags, playbook.nodes.len() as u32, version, now],
            )?;
            match head.filter(|_| joins) {
                Some((_, _, old)) => s.conn.execute(
                    "UPDATE playbook_versions SET content = ?3, summary = ?4, edited_at = ?5 WHERE playbook_id = ?1 AND version = ?2",
                    params![id, version, content, merged_summary(&old, summary), now],
                )?,
                None => s.conn.execute(
                    "INSERT INTO playbook_versions (playbook_id, version, created_at, summary, content, edited_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, version, now, summary, content, edited_at],
                )?,
            };
            Ok(())
        })?;
        self.playbook_record(&id)
    }

    pub fn playbook_record(&self, id: &str) -> Result<PlaybookRecord> {
        self.conn.query_row(&format!("SELECT {COLUMNS} FROM playbooks WHERE id = ?1"), [id], record).optional()?.ok_or_else(|| StoreError::NotFound { what: "playbook", id: id.to_owned() })
    }

    /// Playbooks, most recently updated first. Reads no document.
    pub fn list_playbooks(&self) -> Result<Vec<PlaybookRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM playbooks ORDER BY updated_at DESC, id"))?;
        let rows = stmt.query_map([], record)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The document of a version (the head when `version` is `None`).
    pub fn playbook_content(&self, id: &str, version: Option<u32>) -> Result<Playbook> {
        let record = self.playbook_record(id)?;
        let version = version.unwrap_or(record.version);
        let content: String = self
            .conn
            .query_row("SELECT content FROM playbook_versions WHERE playbook_id = ?1 AND version = ?2", params![id, version], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "version", id: format!("{id} v{version}") })?;
        serde_json::from_str(&content).map_err(|e| StoreError::Corrupt { what: "playbook", id: id.to_owned(), message: e.to_string() })
    }

    pub fn history(&self, id: &str) -> Result<Vec<VersionInfo>> {
        self.playbook_record(id)?;
        let mut stmt = self.conn.prepare(
            "SELECT version, created_at, summary, (SELECT count(*) FROM json_each(content, '$.nodes'))
             FROM playbook_versions WHERE playbook_id = ?1 ORDER BY version DESC",
        )?;
        let rows = stmt.query_map([id], |r| Ok(VersionInfo { version: r.get(0)?, created_at: r.get(1)?, summary: r.get(2)?, node_count: r.get(3)? }))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Makes an old version the head again, as a new version (history is never rewritten).
    pub fn restore_version(&mut self, id: &str, version: u32) -> Result<PlaybookRecord> {
        let playbook = self.playbook_content(id, Some(version))?;
        self.save_playbook(&playbook, &format!("restored version {version}"))
    }

    pub fn delete_playbook(&mut self, id: &str) -> Result<()> {
        let n = self.conn.execute("DELETE FROM playbooks WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "playbook", id: id.to_owned() });
        }
        Ok(())
    }

    /// The local playbook pushed to (or pulled from) a platform playbook.
    pub fn playbook_by_remote_uuid(&self, remote_uuid: &str) -> Result<Option<PlaybookRecord>> {
        Ok(self.conn.query_row(&format!("SELECT {COLUMNS} FROM playbooks WHERE remote_uuid = ?1 ORDER BY updated_at DESC LIMIT 1"), [remote_uuid], record).optional()?)
    }

    pub fn set_remote_uuid(&mut self, id: &str, remote_uuid: &str) -> Result<()> {
        self.conn.execute("UPDATE playbooks SET remote_uuid = ?2 WHERE id = ?1", params![id, remote_uuid])?;
        Ok(())
    }
}

/// Longest summary kept for a version of edits.
const MAX_SUMMARY: usize = 240;

/// A version's summary with one more edit: each distinct edit once, in order; past the
/// length limit the rest are counted.
fn merged_summary(old: &str, edit: &str) -> String {
    let (listed, more) = match old.rsplit_once(" (+") {
        Some((listed, count)) if count.ends_with(" more)") => (listed, count.trim_end_matches(" more)").parse::<u32>().unwrap_or(0)),
        _ => (old, 0),
    };
    if listed.split("; ").any(|s| s == edit) {
        return old.to_owned();
    }
    if more > 0 || listed.len() + edit.len() + 2 > MAX_SUMMARY {
        return format!("{listed} (+{} more)", more + 1);
    }
    format!("{listed}; {edit}")
}
