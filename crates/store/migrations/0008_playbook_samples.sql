-- What a playbook is tried with when it has no run yet: the test event and pinned results of
-- the template it was created from (JSON text; NULL: none).
ALTER TABLE playbooks ADD COLUMN sample_event TEXT;
ALTER TABLE playbooks ADD COLUMN sample_pins TEXT;
