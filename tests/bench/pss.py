"""The proportional memory (PSS) of a process and all its descendants, per process."""
import os


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


def tree_pss(pid):
    """`{"name[pid]": KiB}` for the process and its descendants still alive."""
    parts = {}
    for p in [pid, *children(pid)]:
        try:
            parts[f"{name(p)}[{p}]"] = pss_kib(p)
        except OSError:
            pass
    return parts


def describe(parts):
    total = sum(parts.values())
    detail = ", ".join(f"{k} {v / 1024:.0f} MB" for k, v in sorted(parts.items(), key=lambda kv: -kv[1]))
    return f"{total / 1024:.0f} MB ({detail})"
