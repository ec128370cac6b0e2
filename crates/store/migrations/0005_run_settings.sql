-- The run settings of a playbook beside its rate limit: how long one action may take.
ALTER TABLE playbooks ADD COLUMN action_timeout_seconds INTEGER;
-- The runs list filters by status and origin within a playbook, newest first.
CREATE INDEX runs_by_playbook_status ON runs (playbook_id, status, started_at DESC);
