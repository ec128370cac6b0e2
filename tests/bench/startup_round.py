"""One round of the start-up bench: start the app, wait for the window to be shown with the
start page (the app writes the times to the result file), idle 10 s, read the PSS of the app
and its children, stop it, print a line."""
import json
import os
import subprocess
import sys
import time

app, result = sys.argv[1], sys.argv[2]
proc = subprocess.Popen([app], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 30
while time.time() < deadline and os.path.getsize(result) == 0:
    time.sleep(0.05)
times = json.loads(open(result).read() or "{}")
time.sleep(10)


def children(pid):
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    out.append(int(entry))
            except OSError:
                pass
    return out + [g for c in out for g in children(c)]


def pss_kib(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("Pss:"))


def name(pid):
    with open(f"/proc/{pid}/comm") as f:
        return f.read().strip()


parts = {}
for pid in [proc.pid, *children(proc.pid)]:
    try:
        parts[f"{name(pid)}[{pid}]"] = pss_kib(pid)
    except OSError:
        pass
proc.terminate()
proc.wait(timeout=10)
total = sum(parts.values())
detail = ", ".join(f"{k} {v / 1024:.0f} MB" for k, v in sorted(parts.items(), key=lambda kv: -kv[1]))
print(f"window shown after {times.get('process_ms', float('nan')):.0f} ms (page {times.get('page_ms', float('nan')):.0f} ms); PSS after 10 s idle {total / 1024:.0f} MB ({detail})")
