#!/usr/bin/env python3
"""Writes crates/jinja/tests/corpus/run_contexts.json: templates as playbooks write them,
rendered against CODE JSON documents shaped like real runs (an alert, an HTTP response, a
VirusTotal report, an event search, a foreach, the store), tens of KB each.

The data is generated from a fixed seed, so the file is the same on every run. Expectations
are then filled by Jinja2 itself:

    python3 tests/jinja-diff/make_run_contexts.py
    python3 tests/jinja-diff/jinja2_render.py --fill crates/jinja/tests/corpus
"""
import json
import os
import random

rng = random.Random(20261207)
HEX = "0123456789abcdef"


def hexs(n):
    return "".join(rng.choice(HEX) for _ in range(n))


def uuid():
    return f"{hexs(8)}-{hexs(4)}-{hexs(4)}-{hexs(4)}-{hexs(12)}"


def ip():
    return ".".join(str(rng.randint(1, 254)) for _ in range(4))


def ts(day, sec):
    return f"2026-11-{day:02d}T{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}.{rng.randint(0, 999999):06d}Z"


ENGINES = ["Bkav", "Lionic", "Elastic", "MicroWorld-eScan", "CAT-QuickHeal", "ALYac", "Malwarebytes",
           "Zillya", "Sangfor", "K7AntiVirus", "Alibaba", "K7GW", "Cybereason", "Arcabit", "BitDefenderTheta",
           "VirIT", "Cyren", "SymantecMobileInsight", "Symantec", "tehtris", "ESET-NOD32", "APEX", "TrendMicro-HouseCall",
           "Avast", "ClamAV", "Kaspersky", "BitDefender", "NANO-Antivirus", "SUPERAntiSpyware", "Tencent", "Trustlook",
           "Emsisoft", "F-Secure", "DrWeb", "VIPRE", "TrendMicro", "McAfee-GW-Edition", "Trapmine", "FireEye",
           "Sophos", "SentinelOne", "GData", "Jiangmin", "Webroot", "Avira", "Antiy-AVL", "Gridinsoft", "Xcitium",
           "Microsoft", "ViRobot", "ZoneAlarm", "Google", "AhnLab-V3", "Acronis", "McAfee", "MAX", "VBA32",
           "Cylance", "Zoner", "Rising", "Yandex", "Ikarus", "MaxSecure", "Fortinet", "AVG", "Cynet", "Panda"]


def alert(i):
    return {
        "uuid": uuid(), "short_id": f"AL{hexs(8).upper()}", "title": f"Suspicious process chain {i}",
        "urgency": {"current_value": rng.randint(10, 95), "criticity": rng.randint(10, 95), "severity": rng.randint(10, 95)},
        "alert_type": {"category": "intrusions", "value": "system-compromise"},
        "status": {"uuid": uuid(), "name": rng.choice(["Pending", "Acknowledged", "Ongoing"]), "description": "The alert is waiting for action"},
        "rule": {"uuid": uuid(), "name": "Suspicious PowerShell Download", "pattern": "process.command_line contains 'iex'", "type": "sigma", "severity": 70},
        "entity": {"uuid": uuid(), "name": "HQ", "community_uuid": uuid()},
        "created_at": ts(30, rng.randint(0, 86399)), "updated_at": ts(30, rng.randint(0, 86399)),
        "first_seen_at": ts(30, rng.randint(0, 86399)), "last_seen_at": ts(30, rng.randint(0, 86399)),
        "occurrences": rng.randint(1, 40), "source": ip(), "target": ip(),
        "assets": [uuid() for _ in range(3)], "similar": rng.randint(0, 9),
        "stix": {"objects": [{"type": "indicator", "id": f"indicator--{uuid()}", "pattern": f"[ipv4-addr:value = '{ip()}']"} for _ in range(4)]},
        "cases": [], "comments": [{"content": f"note {k}", "author": "analyst", "date": ts(30, k * 100)} for k in range(3)],
    }


def event(i):
    return {
        "timestamp": ts(30, i * 37), "event": {"id": uuid(), "category": ["process"], "outcome": rng.choice(["success", "failure"])},
        "source": {"ip": ip(), "port": rng.randint(1024, 65535)}, "destination": {"ip": ip(), "port": rng.choice([22, 80, 443, 3389])},
        "host": {"name": f"ws-{rng.randint(1, 300):03d}", "os": {"family": rng.choice(["windows", "linux"])}},
        "user": {"name": rng.choice(["alice", "bob", "carol", "svc_backup", "administrator"])},
        "process": {"name": rng.choice(["powershell.exe", "cmd.exe", "rundll32.exe", "bash"]), "pid": rng.randint(100, 9999),
                    "command_line": rng.choice(["powershell -enc SQBFAFgA", "cmd /c whoami", "rundll32 shell32.dll", "bash -i"])},
        "sekoiaio": {"intake": {"uuid": uuid(), "dialect": "windows"}, "tags": rng.sample(["lateral", "c2", "recon", "persistence"], 2)},
    }


def vt_report():
    results = {}
    for name in ENGINES:
        cat = rng.choice(["malicious"] * 2 + ["undetected"] * 5 + ["type-unsupported"])
        results[name] = {"category": cat, "engine_name": name, "engine_version": f"{rng.randint(1, 9)}.{rng.randint(0, 99)}",
                         "result": "Trojan.Generic" if cat == "malicious" else None, "method": "blacklist", "engine_update": "20261130"}
    stats = {k: sum(1 for r in results.values() if r["category"] == k) for k in ["malicious", "undetected", "type-unsupported"]}
    return {"data": {"id": hexs(64), "type": "file", "attributes": {
        "sha256": hexs(64), "sha1": hexs(40), "md5": hexs(32), "size": rng.randint(1000, 900000),
        "names": [f"invoice_{k}.exe" for k in range(4)], "tags": ["peexe", "signed", "overlay"],
        "last_analysis_date": 1764460800, "last_analysis_stats": stats, "last_analysis_results": results,
        "reputation": -rng.randint(0, 80), "total_votes": {"harmless": 1, "malicious": 12}}}}


def run_context():
    events = [event(i) for i in range(60)]
    hosts = [{"ip": ip(), "asn": rng.randint(1000, 64000), "country": rng.choice(["FR", "US", "DE", "NL", "RU"]),
              "score": rng.randint(0, 100), "tags": rng.sample(["tor", "vpn", "scanner", "botnet", "cloud"], 2)} for _ in range(25)]
    return {
        "node": {
            "0": {"alert_uuid": uuid(), "short_id": "ALX4B2C1D", "event_type": "alert-created", "alert": alert(0)},
            "1": alert(1),
            "2": {"status_code": 200, "headers": {"content-type": "application/json", "x-ratelimit-remaining": "58"},
                  "url": "https://intel.example.com/api/v2/hosts", "json": {"items": hosts, "total": len(hosts), "next": None}},
            "3": vt_report(),
            "4": {"events": events, "total": len(events), "took_ms": 412},
            "5": {"default": {"value": hosts[3], "index": 3, "total": len(hosts)}},
            "6": {"comment": {"uuid": uuid(), "content": "Escalated to L2", "created_at": ts(30, 4000)}},
            "7": {"data": [{"id": uuid(), "name": f"asset-{k}", "criticity": rng.randint(1, 100), "owners": ["it"]} for k in range(12)]},
            "8": {"case": {"uuid": uuid(), "short_id": "CA4242", "title": "Intrusion on HQ", "priority": "high"}},
            "9": {"file_path": "/tmp/events-export.json", "count": 60},
            "10": {"error": "HTTP 503 from https://intel.example.com", "status_code": 503},
            "11": {"ips": [h["ip"] for h in hosts], "domains": [f"host{k}.example.net" for k in range(15)]},
        },
        "store": {"seen_alerts": [uuid() for _ in range(30)], "counter": 17, "last_run": ts(29, 100), "analyst": "alice"},
    }


TEMPLATES = [
    ("alert-uuid", "{{ node.0.alert_uuid }}", True),
    ("alert-title-upper", "{{ node.1.title | upper }}", False),
    ("urgency-number", "{{ node.1.urgency.current_value }}", True),
    ("urgency-band", "{% if node.1.urgency.current_value >= 70 %}urgent{% elif node.1.urgency.current_value >= 40 %}high{% else %}low{% endif %}", False),
    ("rule-name-subscript", "{{ node[1]['rule']['name'] }}", True),
    ("entity-name-quoted", "Alert {{ node.1.short_id }} on {{ node.1.entity.name }} ({{ node.1.rule.name }})", False),
    ("status-name-cmp", "{{ node.1.status.name == 'Pending' }}", True),
    ("vt-malicious", "{{ node.3.data.attributes.last_analysis_stats.malicious }}", True),
    ("vt-verdict", "{{ 'malicious' if node.3.data.attributes.last_analysis_stats.malicious > 5 else 'clean' }}", True),
    ("vt-engines-flagged", "{{ node.3.data.attributes.last_analysis_results.values() | selectattr('category', 'equalto', 'malicious') | map(attribute='engine_name') | join(', ') }}", True),
    ("vt-engines-count", "{{ node.3.data.attributes.last_analysis_results.values() | selectattr('category', 'equalto', 'malicious') | list | length }}", True),
    ("vt-names-first", "{{ node.3.data.attributes.names | first }}", True),
    ("http-status-ok", "{{ node.2.status_code == 200 }}", True),
    ("http-ips-join", "{{ node.2.json['items'] | map(attribute='ip') | join(',') }}", True),
    ("http-high-score", "{{ node.2.json['items'] | selectattr('score', 'gt', 80) | map(attribute='ip') | list }}", True),
    ("http-countries-unique", "{{ node.2.json['items'] | map(attribute='country') | unique | sort | list }}", True),
    ("http-loop-lines", "{% for h in node.2.json['items'] %}{{ h.ip }} {{ h.country }} {{ h.score }}\n{% endfor %}", False),
    ("http-loop-filtered", "{% for h in node.2.json['items'] if 'tor' in h.tags %}{{ loop.index }}. {{ h.ip }}{% if not loop.last %}; {% endif %}{% endfor %}", False),
    ("events-total", "{{ node.4.total }}", True),
    ("events-users", "{{ node.4.events | map(attribute='user.name') | unique | list }}", True),
    ("events-failures", "{{ node.4.events | selectattr('event.outcome', 'equalto', 'failure') | list | length }}", True),
    ("events-table", "{% for e in node.4.events[:20] %}| {{ e.timestamp }} | {{ e.host.name }} | {{ e.process.name }} | {{ e.source.ip }} -> {{ e.destination.ip }}:{{ e.destination.port }} |\n{% endfor %}", False),
    ("events-first-cmd", "{{ node.4.events[0].process.command_line }}", True),
    ("events-ports-sum", "{{ node.4.events | sum(attribute='destination.port') }}", True),
    ("events-groupby-host", "{% for g in node.4.events | groupby('host.os.family') %}{{ g.grouper }}={{ g.list | length }} {% endfor %}", False),
    ("foreach-value", "{{ node.5.default.value.ip }}", True),
    ("foreach-progress", "{{ node.5.default.index + 1 }}/{{ node.5.default.total }}", True),
    ("comment-uuid", "{{ node.6.comment.uuid }}", True),
    ("assets-critical", "{{ node.7.data | selectattr('criticity', 'ge', 50) | map(attribute='name') | list }}", True),
    ("assets-max-criticity", "{{ node.7.data | map(attribute='criticity') | max }}", True),
    ("case-link", "https://app.sekoia.io/operations/cases/{{ node.8.case.short_id }}", True),
    ("error-text", "{{ node.10.error }}", True),
    ("ips-count", "{{ node.11.ips | length }}", True),
    ("ips-in-store", "{{ node.0.alert_uuid in store.seen_alerts }}", True),
    ("store-counter", "{{ store.counter + 1 }}", True),
    ("store-append", "{{ store.seen_alerts + [node.0.alert_uuid] }}", True),
    ("domains-replace", "{{ node.11.domains | join(' ') | replace('.example.net', '') }}", True),
    ("tojson-rule", "{{ node.1.rule | tojson }}", True),
    ("tojson-stats", "{{ node.3.data.attributes.last_analysis_stats | tojson }}", False),
    ("dict-literal", "{{ {'uuid': node.1.uuid, 'urgency': node.1.urgency.current_value, 'assets': node.1.assets} }}", True),
    ("comments-join", "{{ node.1.comments | map(attribute='content') | join(' / ') }}", True),
    ("set-and-print", "{% set a = node.1 %}{{ a.short_id }}: {{ a.title }} [{{ a.alert_type.category }}/{{ a.alert_type.value }}] {{ a.occurrences }}x", False),
    ("format-summary", "{{ '%s has %d occurrences' % (node.1.short_id, node.1.occurrences) }}", True),
    ("default-missing", "{{ node.1.missing_field | default('n/a') }}", True),
    ("is-defined", "{{ node.10.error is defined and node.2.status_code == 200 }}", True),
    ("markdown-report", "## {{ node.1.title }}\n\n- Urgency: {{ node.1.urgency.current_value }}\n- Rule: {{ node.1.rule.name }}\n- VT: {{ node.3.data.attributes.last_analysis_stats.malicious }}/{{ node.3.data.attributes.last_analysis_results | length }}\n{% for a in node.7.data[:5] %}- {{ a.name }} ({{ a.criticity }})\n{% endfor %}", False),
    ("stix-patterns", "{{ node.1.stix.objects | map(attribute='pattern') | list }}", True),
    ("jsonpath-ips", "{{ node.2.json | jsonpath('$.items[*].ip') | length }}", True),
]


def main():
    out = {"contexts": {"run": run_context()}, "cases": []}
    for name, template, typed in TEMPLATES:
        case = {"name": f"run-{name}", "template": template, "context": "run"}
        if typed:
            case["typed"] = True
        out["cases"].append(case)
    path = os.path.join(os.path.dirname(__file__), "../../crates/jinja/tests/corpus/run_contexts.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    print(f"{len(out['cases'])} cases, context {len(json.dumps(out['contexts']['run']))} bytes -> {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
