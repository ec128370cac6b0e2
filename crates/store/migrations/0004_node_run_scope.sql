-- Inside nested foreach loops, a node runs once per combination of items: `scope` holds the
-- enclosing loops' indices beyond the innermost (`iteration`), as "1.0"; NULL otherwise.
ALTER TABLE node_runs ADD COLUMN scope TEXT;
DROP INDEX node_runs_by_node;
CREATE INDEX node_runs_by_node ON node_runs (run_id, node_id, iteration, scope);
