"""The memory floor of the web engine itself: WebKitGTK's own MiniBrowser showing a one-line
page, its PSS (with its web and network processes) after 10 s idle, with the same renderer
setting as the app's where there is no GPU. No app on WebKitGTK can use less than this."""
import os
import subprocess
import sys
import time

from pss import describe, tree_pss

browser = sys.argv[1]
env = dict(os.environ)
if not any(e.startswith("renderD") for e in (os.listdir("/dev/dri") if os.path.isdir("/dev/dri") else [])):
    env.setdefault("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
proc = subprocess.Popen([browser, "data:text/html,<h1>Playbooks</h1><p>One line.</p>"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(10)
parts = tree_pss(proc.pid)
proc.terminate()
proc.wait(timeout=10)
print(f"WebKitGTK's MiniBrowser on a one-line page: PSS after 10 s idle {describe(parts)}")
