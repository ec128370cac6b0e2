-- A playbook's tests (the document `<playbook>.tests.json` holds: cases with an event, pins
-- and expectations), as JSON text; NULL: none.
ALTER TABLE playbooks ADD COLUMN tests TEXT;
