"""A home for the start-up bench: N playbooks imported through the CLI, and M runs (one
real run through the CLI, copied in SQL so that making them takes seconds, not minutes)."""
import json
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

cli, home, playbooks, runs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
SEKOIA = "92d8bb47-7c51-445d-81de-ae04edbb6f0a"
files = []
with tempfile.TemporaryDirectory() as tmp:
    for i in range(playbooks):
        nodes = {"0": {"type": "trigger", "name": "Alert created", "module_uuid": SEKOIA, "trigger_uuid": "785583cf-4377-43ce-a5fb-f4572eb57456", "outputs": {"default": ["1"]}, "position": {"x": 0, "y": 0}}}
        for n in range(1, 8):
            nodes[str(n)] = {"type": "action", "name": f"Get alert {n}", "module_uuid": SEKOIA, "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a", "arguments": {"uuid": "{{ node.0.alert_uuid }}"}, "outputs": {"default": [str(n + 1)] if n < 7 else []}, "position": {"x": 0, "y": 140 * n}}
        doc = {"uuid": str(uuid.UUID(int=i + 1, version=4)), "name": f"Bench playbook {i:03}", "description": "A chain of eight blocks for the start-up bench", "nodes": nodes}
        path = Path(tmp) / f"pb{i:03}.json"
        path.write_text(json.dumps(doc))
        files.append(str(path))
    subprocess.run([cli, "--home", str(home), "import", *files], check=True, stdout=subprocess.DEVNULL)
    first = json.loads(subprocess.run([cli, "--home", str(home), "--json", "list"], check=True, capture_output=True, text=True).stdout)[0]["id"]
    subprocess.run([cli, "--home", str(home), "run", first, "--mock", "all"], check=True, stdout=subprocess.DEVNULL)
db = sqlite3.connect(home / "studio.db")
run_cols = [r[1] for r in db.execute("PRAGMA table_info(runs)")]
node_cols = [r[1] for r in db.execute("PRAGMA table_info(node_runs)") if r[1] != "id"]
(template_id,) = db.execute("SELECT id FROM runs LIMIT 1").fetchone()
ids = [pid for (pid,) in db.execute("SELECT id FROM playbooks")]
with db:
    for k in range(runs - 1):
        new_id = str(uuid.uuid4())
        cols = ", ".join(run_cols)
        sel = ", ".join("?" if c == "id" else ("?" if c == "playbook_id" else c) for c in run_cols)
        args = [new_id if c == "id" else ids[k % len(ids)] for c in run_cols if c in ("id", "playbook_id")]
        db.execute(f"INSERT INTO runs ({cols}) SELECT {sel} FROM runs WHERE id = ?", (*args, template_id))
        ncols = ", ".join(node_cols)
        nsel = ", ".join("?" if c == "run_id" else c for c in node_cols)
        db.execute(f"INSERT INTO node_runs ({ncols}) SELECT {nsel} FROM node_runs WHERE run_id = ?", (new_id, template_id))
print(f"home {home}: {db.execute('SELECT count(*) FROM playbooks').fetchone()[0]} playbooks, {db.execute('SELECT count(*) FROM runs').fetchone()[0]} runs")
