"""Checks a public careboard site's figures for disclosure, independently of careboard's code:

  python3 check_disclosure.py SITE_DIR

It reads only the site's published files: data/measures.csv (the figures), data/measure-guide.csv
(what each measure is: its unit, the cell its categories add up to, the measure its codes group
into, the flows of a stock, what a ratio is made of) and data/categories.csv (each code's group).
From those it builds every relation a reader could use, and checks:

- no count from 1 to 5 appears in data/measures.csv, in any chart CSV (a measure the guide does
  not describe is taken to be a count) or in the open data export's counts;
- no additive relation between published counts has exactly one suppressed cell, so that no `c`
  can be worked back (an `x`, possibly 0, among zeros only works out as 0, a figure published
  anyway): every breakdown against the cell it adds up to, every group against its codes,
  a stock against its flows in successive periods (quarters, years and months), every financial
  year's flow against its four quarters and every quarter's against its three months;
- a ratio is `c` whenever a figure it is made from is, and a figure hidden with a count (a median)
  is `c` wherever that count is.
Exit 1 with the problems listed, 0 with a one-line summary.
"""
import csv
import datetime
import os
import sys
from collections import defaultdict

COUNT_UNITS = {"children", "events", "staff"}


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def day_before(iso):
    return (datetime.date.fromisoformat(iso) - datetime.timedelta(days=1)).isoformat()


def months_between(start, end):
    s, e = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    return (e.year - s.year) * 12 + e.month - s.month + 1


def main(site):
    data = os.path.join(site, "data")
    rows = read_rows(os.path.join(data, "measures.csv"))
    guide = {r["measure"]: r for r in read_rows(os.path.join(data, "measure-guide.csv"))}
    groups = {(r["measure"], r["category"]): r["group"] for r in read_rows(os.path.join(data, "categories.csv"))}
    # The authority's own figures: rows for other areas are figures the DfE has already
    # published (docs/benchmarks.md), which need no further protection.
    if rows:
        rows = [r for r in rows if r["area_code"] == rows[0]["area_code"]]
    cell = {}
    by_measure = defaultdict(lambda: defaultdict(dict))  # measure -> (start, end) -> category -> value
    for r in rows:
        period = (r["period_start"], r["period_end"])
        cell[(r["measure"], period, r["category"])] = r["value"]
        by_measure[r["measure"]][period][r["category"]] = r["value"]
    problems = []

    def is_count(m):
        g = guide.get(m)
        return g is None or g["unit"] in COUNT_UNITS  # fail closed: unknown measures are counts

    def is_small(v):
        try:
            x = float(v)
        except ValueError:
            return False
        return 0 < x <= 5

    for (m, p, c), v in cell.items():
        if is_count(m) and is_small(v):
            problems.append(f"measures.csv: {m} {c} {p} = {v} is a count of 1 to 5")
    for name in sorted(os.listdir(data)):
        if name in ("measures.csv", "measure-guide.csv", "categories.csv") or not name.endswith(".csv"):
            continue
        if name.startswith("benchmark-"):
            continue  # rates, percentages and ranks beside published figures (docs/benchmarks.md)
        # A chart CSV: a row per figure, naming its measure (docs/data-files.md).
        for row in read_rows(os.path.join(data, name)):
            if is_count(row["measure"]) and is_small(row["value"]):
                problems.append(f"data/{name}: a count of 1 to 5 ({row['value']}) of {row['measure']} "
                                f"{row['category']} in {row['period']}")
    for name in sorted(os.listdir(os.path.join(data, "open-data"))) if os.path.isdir(os.path.join(data, "open-data")) else []:
        if name.endswith(".meta.csv") or not name.endswith(".csv"):
            continue
        for row in read_rows(os.path.join(data, "open-data", name)):
            for column in ("children_count", "events_count", "staff_count"):
                if is_small(row[column]):
                    problems.append(f"data/open-data/{name}: a count of 1 to 5 ({row[column]}) of {row['measure']} "
                                    f"{row['breakdown']} in {row['time_period']} {row['time_identifier']}")

    def value(m, p, c):
        return cell.get((m, p, c))

    relations = []  # (cells, why)
    for m, g in guide.items():
        if not g["sums_to_measure"] or g["overlapping"] == "true":
            continue
        for p, cats in by_measure.get(m, {}).items():
            total = (g["sums_to_measure"], g["sums_to_category"] or "Total")
            relations.append(([(total[0], p, total[1])] + [(m, p, c) for c in cats], f"{total[0]} {total[1]} = {m}"))
    for m, g in guide.items():
        if not g["groups_into"]:
            continue
        for p, cats in by_measure.get(m, {}).items():
            for group in by_measure.get(g["groups_into"], {}).get(p, {}):
                parts = [(m, p, c) for c in cats if groups.get((m, c)) == group]
                relations.append(([(g["groups_into"], p, group)] + parts, f"{g['groups_into']} {group} = its codes"))
    for stock, g in guide.items():
        if not g["stock_in"] or not g["stock_out"]:
            continue
        for p in by_measure.get(g["stock_in"], {}):
            start, end = p
            before = (day_before(start),) * 2
            now = (end, end)
            if before not in by_measure.get(stock, {}):
                continue  # the stock before the first period is not published: nothing to solve
            relations.append(([(stock, now, "Total"), (stock, before, "Total"), (g["stock_in"], p, "Total"),
                               (g["stock_out"], p, "Total")], f"{stock} and its flows over {start} to {end}"))
    # A financial year's flow and its quarters, and a quarter's flow and its months: the shorter
    # flows inside the longer one's dates.
    for m, periods in by_measure.items():
        if not is_count(m):
            continue
        for (start, end), cats in periods.items():
            if start == end:
                continue
            length = months_between(start, end)
            part_length, parts_wanted = {12: (3, 4), 3: (1, 3)}.get(length, (0, 0))
            if not part_length:
                continue
            parts = [p for p in periods if p != (start, end) and p[0] != p[1] and start <= p[0] and p[1] <= end
                     and months_between(*p) == part_length]
            if len(parts) != parts_wanted:
                continue
            for c in cats:
                relations.append(([(m, (start, end), c)] + [(m, q, c) for q in parts], f"{m} {c}: {start} to {end}"))

    checked = 0
    for cells, why in relations:
        values = [value(*x) for x in cells]
        values = [v for v in values if v is not None]
        if len(values) > 1 and sum(v in ("c", "x") for v in values) == 1:
            # An `x` (not published, possibly 0) whose relation shows only zeros works out as 0:
            # a zero, which is published anyway.
            if "x" in values and all(float(v) == 0 for v in values if v not in ("c", "x")):
                continue
            problems.append(f"{why} at {cells[0][1]}: exactly one suppressed cell among {len(values)}")
        checked += 1

    def known(measure, cats, p):
        # A sum of categories is known when none is hidden, or when the breakdown's total and
        # every category outside the sum are shown (the sum is then the total less those).
        if not cats:
            return value(measure, p, "Total") not in ("c",)
        if all(value(measure, p, c) != "c" for c in cats):
            return True
        g = guide.get(measure, {})
        total = g.get("sums_to_measure")
        if not total or value(total, p, g.get("sums_to_category") or "Total") in (None, "c"):
            return False
        outside = [c for c in by_measure[measure][p] if c not in cats]
        return all(value(measure, p, c) != "c" for c in outside)

    for ratio, g in guide.items():
        if not g["numerator"]:
            continue
        for p, cats in by_measure.get(ratio, {}).items():
            if cats.get("Total") == "c":
                continue
            parts = [(g["numerator"], g["numerator_categories"].split())]
            if g["denominator"] and g["denominator"] != "population_0_17":
                parts.append((g["denominator"], g["denominator_categories"].split()))
            if g["denominator_less"]:
                parts.append((g["denominator_less"], []))
            # A year's average of a figure at its quarter ends (iro_caseload_average) is made from
            # those quarter ends.
            periods = [p]
            if g.get("average_of") == "quarter_ends":
                periods = [q for q in by_measure.get(g["numerator"], {}) if p[0] <= q[0] and q[1] <= p[1]
                           and q[0] == q[1] and q[1][5:] in ("06-30", "09-30", "12-31", "03-31")]
            for m, want in parts:
                for q in periods:
                    if not known(m, want, q):
                        problems.append(f"{ratio} at {p} is shown although {m} at {q}, which it is made from, is suppressed")
    for m, g in guide.items():
        if not g["hidden_with"]:
            continue
        for p, cats in by_measure.get(m, {}).items():
            if cats.get("Total") != "c" and value(g["hidden_with"], p, "Total") == "c":
                problems.append(f"{m} at {p} is shown although {g['hidden_with']} is suppressed")

    suppressed = sum(v == "c" for v in cell.values())
    if problems:
        print("\n".join(problems[:40]))
        print(f"{len(problems)} disclosure problems")
        return 1
    print(f"disclosure checks passed: {len(cell)} figures, {suppressed} suppressed, {checked} relations checked")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
