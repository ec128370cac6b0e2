-- What the platform adds to a run and a node run it ran: the run's event name (the platform
-- names events; the payload stays in `event`), and per node run its platform uuid, parent node
-- run, logs and queue times as a JSON object. NULL for local runs.
ALTER TABLE runs ADD COLUMN event_name TEXT;
ALTER TABLE node_runs ADD COLUMN details TEXT;
