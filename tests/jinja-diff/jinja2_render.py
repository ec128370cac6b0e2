#!/usr/bin/env python3
"""Reference renderer: the Jinja corpus rendered by Python Jinja2 under the
Sekoia.io playbook semantics.

The Sekoia.io SOAR platform renders every playbook argument with Python
Jinja2 3.x.  The Rust engine (crates/jinja) must produce exactly the same
text, values and error kinds.  This script is the "truth" side of the
differential test: it renders every case of the data-driven corpus
(crates/jinja/tests/corpus/*.json) with real Jinja2.

Usage
-----
    python3 jinja2_render.py CORPUS_DIR            # JSON results on stdout
    python3 jinja2_render.py --check CORPUS_DIR    # compare with each case's "expect"
    python3 jinja2_render.py --bench CORPUS_DIR    # timings (JSON on stdout)
    python3 jinja2_render.py --fill CORPUS_DIR     # write Jinja2's result into cases
                                                   # that have no "expect" yet (authoring aid)

Corpus format: every CORPUS_DIR/*.json file is {"cases": [CASE, ...]} with
    {"name": "unique-kebab-name", "template": "...", "data": {...},
     "strict": false,        # optional: StrictUndefined instead of Undefined
     "typed": false,         # optional: typed rendering (below)
     "expect": {"output": "..."} | {"value": <JSON>} | {"error": "<kind>"},
     "note": "..."}          # optional; names the Python exception for kind "other"
"data" holds the template's variables.  A file may instead share large
documents: {"contexts": {"run": {...}}, "cases": [...]} where a case names one
with "context": "run" (CODE JSON documents shaped like real runs).  --check compares outputs and typed
values exactly (1, 1.0 and true are different values) and errors by kind only.

--bench times every case whose expectation is not an error, except the
time-dependent ones (template mentions time_with_delta): (a) compile and
render, (b) render of an already compiled template; each repeated for about
--budget seconds.  The Rust benchmark must use the same selection.

Results are keyed by case name:
    {"output": str}                                 text rendering
    {"value": <JSON>}                               typed rendering
    {"error": {"kind", "message", "line", "exception"}}

Platform semantics implemented here (see also PLATFORM_FILTERS.md)
------------------------------------------------------------------
* Environment: Jinja2's SandboxedEnvironment with every option at its
  default (autoescape off, keep_trailing_newline=False, trim_blocks and
  lstrip_blocks off).  The platform's exact configuration is not public; it
  runs user-written templates, so the sandbox is the assumption.  For
  ordinary templates the sandbox changes nothing; it only matters for
  private attributes (``x.__class__``) and for range() above 100000 items.
* Undefined: Jinja2's default ``Undefined`` (lenient), or ``StrictUndefined``
  when a case says ``"strict": true``.
* Node ids as dict keys: the playbook context is ``{"node": {"0": ...,
  "12": ...}, "store": {...}}`` and the node ids are STRING keys, as in the
  playbook's JSON.  Jinja2 parses ``node.0`` and ``node[0]`` as a subscript
  with the INTEGER 0, which a dict with string keys does not have.
  PlaybookEnvironment.getitem therefore retries a missing integer key on a
  mapping as its decimal string ("0"), so ``node.0.x``, ``node[0].x``,
  ``node['0'].x`` and ``node.12.rule.name`` all reach the same value.  The
  rule holds for every mapping (``codes.404`` on {"404": 3} gives 3); an
  existing integer key wins; integer subscripts on lists are untouched;
  booleans and floats are never converted.  Attribute access (``x.name``)
  is stock Jinja2: a Python attribute first, then the key, so a key named
  like a dict method (``items``, ``keys``, ``values``, ``get``...) is
  shadowed by the method; ``x['items']`` reaches the key.
* Typed rendering (``"typed": true``): a template that is exactly one
  ``{{ expression }}`` (whitespace around it allowed, nothing else: no other
  text, tag or comment) is evaluated with
  ``env.compile_expression(inner, undefined_to_none=False)`` and keeps its
  type; the value is converted to JSON (tuples and ranges become arrays,
  Markup becomes a string, an Undefined becomes null in lenient mode and an
  "undefined" error in strict mode, anything else that JSON cannot hold is
  rendered as text).  Every other template is rendered as usual and its
  text is the (JSON string) value.

Error kinds
-----------
    syntax          TemplateSyntaxError (bad tag, unclosed {{, bad expression)
    unknown_filter  "No filter named ..." (compile time, or at run time when the
                    filter sits in a conditional branch: Jinja2 defers the check)
    unknown_test    "No test named ..." (same rule)
    undefined       UndefinedError
    type            TypeError
    zero_division   ZeroDivisionError
    value           ValueError (incl. json.JSONDecodeError)
    other           anything else; the corpus names the Python exception in "note"

Only the standard library, Jinja2 (with MarkupSafe) and jsonpath-ng are used
(requirements.txt pins them).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2 import StrictUndefined, Undefined
from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from platform_filters import PLATFORM_FILTERS  # noqa: E402 (the script's own folder)


# --------------------------------------------------------------------------
# Environment
# --------------------------------------------------------------------------


class PlaybookEnvironment(SandboxedEnvironment):
    """Sandboxed Jinja2 environment with the playbook's node-id lookup rule."""

    def getitem(self, obj: Any, argument: Any) -> Any:
        if (
            isinstance(argument, int)
            and not isinstance(argument, bool)
            and isinstance(obj, Mapping)
        ):
            try:
                present = argument in obj
            except TypeError:
                present = True
            if not present:
                as_text = str(argument)
                if as_text in obj:
                    argument = as_text
        return super().getitem(obj, argument)


def make_env(strict: bool) -> PlaybookEnvironment:
    env = PlaybookEnvironment(undefined=StrictUndefined if strict else Undefined)
    env.filters.update(PLATFORM_FILTERS)
    return env


# --------------------------------------------------------------------------
# Typed rendering
# --------------------------------------------------------------------------


def single_expression(env: jinja2.Environment, source: str) -> str | None:
    """The expression text when `source` is exactly one {{ ... }}, else None."""
    try:
        tokens = list(env.lex(source))
    except TemplateSyntaxError:
        return None
    inner: list[str] = []
    state = "before"
    for _lineno, kind, text in tokens:
        if state == "before":
            if kind == "data" and not text.strip():
                continue
            if kind == "variable_begin":
                state = "inside"
                continue
            return None
        if state == "inside":
            if kind == "variable_end":
                state = "after"
                continue
            if kind in ("variable_begin", "block_begin", "comment_begin", "raw_begin"):
                return None
            inner.append(text)
            continue
        # after the closing }}
        if kind == "data" and not text.strip():
            continue
        return None
    if state != "after":
        return None
    return "".join(inner)


class _NotJson(Exception):
    pass


def to_json_value(value: Any, strict: bool) -> Any:
    """Convert a Jinja2 value to plain JSON data (for typed rendering)."""
    if isinstance(value, Undefined):
        if strict:
            value._fail_with_undefined_error()
        return None
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):  # Markup is a str subclass
        return str(value)
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if isinstance(k, str):
                key = k
            elif k is None or isinstance(k, (bool, int, float)):
                key = json.dumps(k)  # what json.dumps does with such keys
            else:
                raise _NotJson()
            out[key] = to_json_value(v, strict)
        return out
    if isinstance(value, (list, tuple, range)):
        return [to_json_value(v, strict) for v in value]
    raise _NotJson()


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


def error_kind(exc: BaseException) -> str:
    message = str(exc)
    if isinstance(exc, TemplateSyntaxError) or isinstance(exc, jinja2.TemplateRuntimeError):
        if message.startswith("No filter named"):
            return "unknown_filter"
        if message.startswith("No test named"):
            return "unknown_test"
    if isinstance(exc, TemplateSyntaxError):
        return "syntax"
    if isinstance(exc, UndefinedError):
        return "undefined"
    if isinstance(exc, TypeError):
        return "type"
    if isinstance(exc, ZeroDivisionError):
        return "zero_division"
    if isinstance(exc, ValueError):
        return "value"
    return "other"


def error_line(exc: BaseException) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if isinstance(exc, TemplateSyntaxError) and lineno:
        return lineno
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def exception_name(exc: BaseException) -> str:
    """Python exception name, qualified by its module unless it is a builtin."""
    cls = type(exc)
    if cls.__module__ == "builtins":
        return cls.__qualname__
    return f"{cls.__module__}.{cls.__qualname__}"


def error_result(exc: BaseException) -> dict:
    message = getattr(exc, "message", None) or str(exc)
    return {
        "error": {
            "kind": error_kind(exc),
            "message": message,
            "line": error_line(exc),
            "exception": exception_name(exc),
        }
    }


# --------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------


def load_corpus(corpus_dir: str) -> list[tuple[str, dict]]:
    files = sorted(f for f in os.listdir(corpus_dir) if f.endswith(".json"))
    if not files:
        raise SystemExit(f"no *.json corpus file in {corpus_dir}")
    cases: list[tuple[str, dict]] = []
    seen: dict[str, str] = {}
    for name in files:
        path = os.path.join(corpus_dir, name)
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        for case in doc["cases"]:
            case_name = case["name"]
            if case_name in seen:
                raise SystemExit(f"duplicate case name {case_name!r} in {name} and {seen[case_name]}")
            seen[case_name] = name
            cases.append((name, with_data(doc, case)))
    return cases


def with_data(doc: dict, case: dict) -> dict:
    """The case with its variables: its own "data", or the shared context it names."""
    if "context" in case:
        return dict(case, data=doc["contexts"][case["context"]])
    return case


class Renderer:
    def __init__(self) -> None:
        self.envs = {False: make_env(False), True: make_env(True)}

    def prepare(self, case: dict):
        """Compile a case: returns a zero-argument callable producing the result."""
        env = self.envs[bool(case.get("strict", False))]
        source = case["template"]
        data = case.get("data", {})
        if case.get("typed", False):
            inner = single_expression(env, source)
            if inner is not None:
                expr = env.compile_expression(inner, undefined_to_none=False)
                strict = bool(case.get("strict", False))

                def run_typed():
                    value = expr(**data)
                    try:
                        return {"value": to_json_value(value, strict)}
                    except _NotJson:
                        return {"value": str(value)}

                return run_typed
        template = env.from_string(source)
        if case.get("typed", False):
            # Not a single expression: typed rendering yields the text, as a JSON string.
            return lambda: {"value": template.render(**data)}
        return lambda: {"output": template.render(**data)}

    def render(self, case: dict) -> dict:
        try:
            return self.prepare(case)()
        except Exception as exc:  # noqa: BLE001 - every failure is a result
            return error_result(exc)


def matches_expectation(result: dict, expect: dict) -> bool:
    if "error" in expect:
        return "error" in result and result["error"]["kind"] == expect["error"]
    if "output" in expect:
        return result.get("output", None) == expect["output"] and "output" in result
    if "value" in expect:
        return "value" in result and _json_equal(result["value"], expect["value"])
    return False


def _json_equal(a: Any, b: Any) -> bool:
    """Equality that keeps int/float/bool apart (1 != 1.0 != True here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a.keys()) == list(b.keys()) and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def expectation_of(result: dict) -> dict:
    if "error" in result:
        return {"error": result["error"]["kind"]}
    return dict(result)


# --------------------------------------------------------------------------
# Modes
# --------------------------------------------------------------------------


def mode_render(corpus_dir: str) -> int:
    renderer = Renderer()
    out = {case["name"]: renderer.render(case) for _f, case in load_corpus(corpus_dir)}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def mode_check(corpus_dir: str) -> int:
    renderer = Renderer()
    passed = failed = 0
    for file_name, case in load_corpus(corpus_dir):
        result = renderer.render(case)
        expect = case.get("expect")
        if expect is not None and matches_expectation(result, expect):
            passed += 1
            continue
        failed += 1
        print(f"MISMATCH {file_name}::{case['name']}")
        print(f"  template: {case['template']!r}")
        print(f"  expected: {json.dumps(expect, ensure_ascii=False)}")
        print(f"  jinja2:   {json.dumps(result, ensure_ascii=False)}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def dump_corpus(doc: dict) -> str:
    """Corpus layout: one case per block, one field per line (diff-friendly)."""
    blocks = []
    head = ""
    if "contexts" in doc:
        head = f'  "contexts": {json.dumps(doc["contexts"], indent=1, ensure_ascii=False)},\n'
    for case in doc["cases"]:
        fields = [f"      {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in case.items()]
        blocks.append("    {\n" + ",\n".join(fields) + "\n    }")
    return '{\n' + head + '  "cases": [\n' + ",\n".join(blocks) + "\n  ]\n}\n"


def mode_fill(corpus_dir: str) -> int:
    """Authoring aid: store Jinja2's result in every case lacking "expect"."""
    renderer = Renderer()
    files = sorted(f for f in os.listdir(corpus_dir) if f.endswith(".json"))
    filled = 0
    for name in files:
        path = os.path.join(corpus_dir, name)
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        changed = False
        for case in doc["cases"]:
            if "expect" in case:
                continue
            result = renderer.render(with_data(doc, case))
            case["expect"] = expectation_of(result)
            if "error" in result and result["error"]["kind"] == "other":
                case.setdefault("note", result["error"]["exception"])
            changed = True
            filled += 1
        if changed:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(dump_corpus(doc))
    print(f"filled {filled} case(s)", file=sys.stderr)
    return 0


def _time_rounds(fn, budget: float) -> tuple[int, float]:
    """Run fn() repeatedly for about `budget` seconds: (rounds, seconds)."""
    fn()  # warm-up
    rounds = 0
    start = time.perf_counter()
    while True:
        fn()
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= budget:
            return rounds, elapsed


def mode_bench(corpus_dir: str, budget: float) -> int:
    """Two sets, timed apart: the corpus's own cases, and the cases rendered against a
    shared run context (the engine's hot path)."""
    renderer = Renderer()
    cases = [case for _f, case in load_corpus(corpus_dir)
             if "error" not in (case.get("expect") or {})]
    # Keep only the cases that really succeed (and are not time-dependent).
    usable = []
    for case in cases:
        if "time_with_delta" in case["template"]:
            continue
        if "error" not in renderer.render(case):
            usable.append(case)
    report = bench_set(renderer, [c for c in usable if "context" not in c], budget)
    report["runs"] = bench_set(renderer, [c for c in usable if "context" in c], budget)
    report["jinja2"] = jinja2.__version__
    report["python"] = sys.version.split()[0]
    print(json.dumps(report))
    return 0


def bench_set(renderer, usable: list, budget: float) -> dict:
    def compile_and_render_all():
        for case in usable:
            renderer.prepare(case)()

    compiled = [renderer.prepare(case) for case in usable]

    def render_all():
        for run in compiled:
            run()

    r1, t1 = _time_rounds(compile_and_render_all, budget)
    r2, t2 = _time_rounds(render_all, budget)
    n = len(usable)
    return {
        "cases": n,
        "compile_render_us_per_case": round(t1 / (r1 * n) * 1e6, 3),
        "render_us_per_case": round(t2 / (r2 * n) * 1e6, 3),
        "rounds": {"compile_render": r1, "render": r2},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="compare with each case's expect")
    group.add_argument("--bench", action="store_true", help="time compile+render and render")
    group.add_argument("--fill", action="store_true", help="write missing expectations")
    parser.add_argument("--budget", type=float, default=2.5,
                        help="seconds per --bench measurement (default 2.5)")
    parser.add_argument("corpus_dir")
    args = parser.parse_args(argv)
    if args.check:
        return mode_check(args.corpus_dir)
    if args.bench:
        return mode_bench(args.corpus_dir, args.budget)
    if args.fill:
        return mode_fill(args.corpus_dir)
    return mode_render(args.corpus_dir)


if __name__ == "__main__":
    sys.exit(main())
