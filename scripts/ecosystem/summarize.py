#!/usr/bin/env python3
"""Summarize one postlint JSON report for scripts/ecosystem.sh.

Reads the report on standard input and prints tab-separated rows:
`site  code  name  severity  count`, one per rule and severity, plus
`site  files  -  -  N`, `skipped` and `generator` rows and a `site  errors/warnings` pair.
"""
import collections
import json
import sys

site = sys.argv[1]
try:
    report = json.load(sys.stdin)
except json.JSONDecodeError as err:
    print(f"{site}\tCRASH\t-\t-\t1\t# no JSON report: {err}")
    sys.exit(0)
counts = collections.Counter(
    (d["code"], d["name"], d["severity"]) for d in report["diagnostics"]
)
summary = report["summary"]
print(f"{site}\tfiles\t-\t-\t{summary['files']}")
# Every file not checked as a post: without front matter, a template, a
# file the generator does not render, or a test fixture of the repository.
skipped = summary["skipped"] + sum(
    summary.get(k, 0) for k in ("skipped_templates", "skipped_ignored", "skipped_fixtures")
)
print(f"{site}\tskipped\t-\t-\t{skipped}")
# The generator detected, as a row of count 1 so that a change shows in --diff.
generator = summary.get("generator") or (
    f"{summary['sites']}-sites" if summary.get("sites", 0) > 1 else "none"
)
print(f"{site}\tgenerator\t{generator}\t-\t1")
for (code, name, severity), n in sorted(counts.items()):
    print(f"{site}\t{code}\t{name}\t{severity}\t{n}")
