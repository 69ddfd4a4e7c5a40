#!/usr/bin/env python3
"""Summarize one postlint JSON report for scripts/ecosystem.sh.

Reads the report on standard input and prints tab-separated rows:
`site  code  name  severity  count`, one per rule and severity, plus a
`site  files  -  -  N` row and a `site  errors/warnings` pair.
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
print(f"{site}\tskipped\t-\t-\t{summary['skipped']}")
for (code, name, severity), n in sorted(counts.items()):
    print(f"{site}\t{code}\t{name}\t{severity}\t{n}")
