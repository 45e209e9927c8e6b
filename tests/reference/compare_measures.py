#!/usr/bin/env python3
"""Compare two measures.csv files exactly.

Usage: python3 compare_measures.py A.csv B.csv

The files must have the same header and the same rows in the same order; values are compared
as strings (so `12.0` and `12` differ). A row's key is (area_code, period_start, period_end,
measure, category). Up to 30 differences are printed: header differences, rows missing from B,
extra rows in B, differing values, repeated keys and rows in a different order. Exit status 1
on any difference, 0 when identical (then it prints `measures identical: N rows`).
A BOM and CRLF line endings are tolerated (they are not measure differences).
"""

import csv
import sys

MAX_SHOWN = 30
KEY_COLUMNS = ["area_code", "period_start", "period_end", "measure", "category"]


def read_measures(path):
    with open(path, "r", encoding="utf-8-sig", newline="") as fh:
        # Lines starting with '#' are notes (the symbols key, "not for publication").
        rows = [r for r in csv.reader(line for line in fh if not line.startswith("#")) if r]
    if not rows:
        return [], []
    return rows[0], rows[1:]


def key_and_value(header, row):
    """(key tuple, value string) for a row, using the column positions of the header."""
    idx = {c: i for i, c in enumerate(header)}

    def col(name):
        i = idx.get(name)
        return row[i] if i is not None and i < len(row) else ""
    return tuple(col(c) for c in KEY_COLUMNS), col("value")


def fmt_key(key):
    return ",".join(key)


def compare(path_a, path_b, out=None):
    """Print the differences; return the number found (0 when identical)."""
    out = out or sys.stdout
    header_a, rows_a = read_measures(path_a)
    header_b, rows_b = read_measures(path_b)
    diffs = []

    if header_a != header_b:
        diffs.append(f"header differs: A={','.join(header_a)!r} B={','.join(header_b)!r}")

    keyed_a = [key_and_value(header_a, r) for r in rows_a]
    keyed_b = [key_and_value(header_b, r) for r in rows_b]
    for name, keyed in (("A", keyed_a), ("B", keyed_b)):
        seen = set()
        for k, _ in keyed:
            if k in seen:
                diffs.append(f"repeated key in {name}: {fmt_key(k)}")
            seen.add(k)
    value_a = dict(keyed_a)
    value_b = dict(keyed_b)

    for k, v in keyed_a:
        if k not in value_b:
            diffs.append(f"missing from B: {fmt_key(k)} (A value {v})")
    for k, v in keyed_b:
        if k not in value_a:
            diffs.append(f"extra in B: {fmt_key(k)} (B value {v})")
    for k, v in keyed_a:
        if k in value_b and value_b[k] != v:
            diffs.append(f"value differs: {fmt_key(k)}: A={v} B={value_b[k]}")

    # Order: the keys both files hold must come in the same order.
    common_a = [k for k, _ in keyed_a if k in value_b]
    common_b = [k for k, _ in keyed_b if k in value_a]
    if common_a != common_b:
        shown = 0
        for i, (ka, kb) in enumerate(zip(common_a, common_b)):
            if ka != kb:
                diffs.append(f"order differs at shared row {i + 1}: A has {fmt_key(ka)}, "
                             f"B has {fmt_key(kb)}")
                shown += 1
                if shown >= 5:
                    break
        if shown == 0:
            diffs.append("order differs (repeated keys)")
    elif not diffs and len(rows_a) != len(rows_b):
        diffs.append(f"row counts differ: A={len(rows_a)} B={len(rows_b)}")

    if diffs:
        print(f"measures differ: {len(diffs)} difference(s) between A={path_a} and B={path_b}",
              file=out)
        for d in diffs[:MAX_SHOWN]:
            print("  " + d, file=out)
        if len(diffs) > MAX_SHOWN:
            print(f"  ... and {len(diffs) - MAX_SHOWN} more", file=out)
    else:
        print(f"measures identical: {len(rows_a)} rows", file=out)
    return len(diffs)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if compare(argv[0], argv[1]) else 0


if __name__ == "__main__":
    sys.exit(main())
