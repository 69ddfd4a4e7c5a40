#!/usr/bin/env python3
"""Compare two ecosystem count tables (site, code, name, severity, count).

Prints per rule the total before and after and the change, then per site the
rows that changed. Used by `scripts/ecosystem.sh --diff`.
"""
import collections
import sys


def load(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5:
                continue
            site, code, name, severity, count = parts[:5]
            rows[(site, code, name, severity)] = int(count)
    return rows


before, after = load(sys.argv[1]), load(sys.argv[2])
totals = collections.defaultdict(lambda: [0, 0])
for (site, code, name, severity), n in before.items():
    if code.startswith("PL") or code == "CRASH":
        totals[(code, name, severity)][0] += n
for (site, code, name, severity), n in after.items():
    if code.startswith("PL") or code == "CRASH":
        totals[(code, name, severity)][1] += n
print(f"{'rule':<8} {'name':<30} {'severity':<8} {'before':>7} {'after':>7} {'change':>7}")
for key in sorted(totals, key=lambda k: -max(totals[k])):
    b, a = totals[key]
    print(f"{key[0]:<8} {key[1]:<30} {key[2]:<8} {b:>7} {a:>7} {a - b:>+7}")
print()
for key in sorted(set(before) | set(after)):
    b, a = before.get(key, 0), after.get(key, 0)
    if a != b:
        print(f"{key[0]:<14} {key[1]:<8} {key[2]:<30} {key[3]:<8} {b:>7} -> {a:>7}")
