-- A version made of designer edits stays open while the edits keep coming: `edited_at` is
-- the time of its last edit (NULL for versions made otherwise: created, imported, restored,
-- pulled). An edit within the pause updates that version instead of adding one.
ALTER TABLE playbook_versions ADD COLUMN edited_at TEXT;
