-- How a run was made (mock mode, pinned results, rate limit), so a rerun repeats it.
ALTER TABLE runs ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
CREATE INDEX node_runs_by_start ON node_runs (started_at);
