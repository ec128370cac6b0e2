-- A node run is updated by (run, node, iteration) as its state changes.
CREATE INDEX node_runs_by_node ON node_runs (run_id, node_id, iteration);
