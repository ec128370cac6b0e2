"""One round of the start-up bench: start the app, wait for the window to be shown with the
start page (the app writes the times to the result file), idle 10 s, read the PSS of the app
and its children, stop it, print a line."""
import json
import os
import subprocess
import sys
import time

from pss import describe, tree_pss

app, result = sys.argv[1], sys.argv[2]
proc = subprocess.Popen([app], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 30
while time.time() < deadline and os.path.getsize(result) == 0:
    time.sleep(0.05)
times = json.loads(open(result).read() or "{}")
time.sleep(10)


parts = tree_pss(proc.pid)
proc.terminate()
proc.wait(timeout=10)
print(f"window shown after {times.get('process_ms', float('nan')):.0f} ms (page {times.get('page_ms', float('nan')):.0f} ms); PSS after 10 s idle {describe(parts)}")
