"""Attacks a public careboard site as a determined reader would, independently of careboard's code:

  python3 attack_disclosure.py SITE_DIR [--width 5] [--previous EARLIER_SITE_DIR]

It reads only what the site publishes: data/measures.csv (the figures, `c` for suppressed),
data/measure-guide.csv (what each measure is) and data/categories.csv (each code's group). From
those and the definitions of ../shared/docs/domain.md it writes down everything it can say about
the counts, as linear equations and inequalities over the suppressed cells:

- a breakdown adds up to the cell the guide says it sums to; a group is the sum of its codes;
- a category of an overlapping breakdown is at most the total it lies within;
- a stock at a period's end is the stock the day before the period began, plus its inflow, less
  its outflow;
- a financial year's flow and its four quarters, a quarter's and its three months (for children,
  counted once however often they appear, the whole is at most the sum of its parts);
- a percentage's numerator is at most its denominator;
- every `c` is at least 1, since zeros are shown (an `x`, not published, may be 0).

A relation is taken as exact when every instance of it the site shows in full adds up; a family
with an instance that does not (children who start twice in a year are one starter of the year
and two of its quarters) is kept as the inequalities that every shown instance satisfies (the
whole at most the sum of the parts, each part at most the whole; a stock at most the one before
plus its inflow and at least the one before less its outflow).

With --previous, the reader also has an earlier edition: a figure that edition published as a
number and this one shows as `c` is taken as unchanged (the reader's best guess; for quarters whose
data did not change it is the truth), so it is known.

It then solves, with HiGHS (scipy.optimize.linprog) and branch and bound where the linear
optimum is fractional, the smallest and largest whole value of every suppressed cell, and fails (exit 1) listing each cell with fewer than `--width` possible values.
"""
import argparse
import csv
import datetime
import math
import os
import sys
from collections import defaultdict

import numpy as np
from scipy.optimize import linprog

COUNT_UNITS = {"children", "events", "staff"}


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def day_before(iso):
    return (datetime.date.fromisoformat(iso) - datetime.timedelta(days=1)).isoformat()


def months_between(start, end):
    s, e = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    return (e.year - s.year) * 12 + e.month - s.month + 1


class Site:
    def __init__(self, site, previous=None):
        data = os.path.join(site, "data")
        rows = read_rows(os.path.join(data, "measures.csv"))
        self.guide = {r["measure"]: r for r in read_rows(os.path.join(data, "measure-guide.csv"))}
        self.groups = {(r["measure"], r["category"]): r["group"] for r in read_rows(os.path.join(data, "categories.csv"))}
        if rows:  # the authority's own rows; other areas' are the DfE's own publication
            rows = [r for r in rows if r["area_code"] == rows[0]["area_code"]]
        self.cell = {}
        self.maybe_zero = set()  # `x`: not published, so possibly 0 (a `c` is at least 1)
        self.by_measure = defaultdict(lambda: defaultdict(dict))
        for r in rows:
            if not self.is_count(r["measure"]):
                continue
            period = (r["period_start"], r["period_end"])
            v = r["value"]
            if v == "x":
                self.maybe_zero.add((r["measure"], period, r["category"]))
            if v in ("c", "x"):
                value = None
            else:
                try:
                    value = float(v)
                except ValueError:
                    continue  # a symbol other than c: not a figure, not a suppressed count
            self.cell[(r["measure"], period, r["category"])] = value
            self.by_measure[r["measure"]][period][r["category"]] = value
        self.from_previous = 0
        if previous:
            earlier = Site(previous)
            for key, value in earlier.cell.items():
                if value is not None and key in self.cell and self.cell[key] is None:
                    self.cell[key] = value
                    self.by_measure[key[0]][key[1]][key[2]] = value
                    self.from_previous += 1

    def is_count(self, m):
        g = self.guide.get(m)
        return g is None or g["unit"] in COUNT_UNITS


def families(site):
    """Yields (family, [(coef, cell)], kind) where kind is 'sum' (whole = parts), 'stock', 'le'."""
    g_ = site.guide
    for m, g in g_.items():
        if not g["sums_to_measure"]:
            continue
        total_m, total_c = g["sums_to_measure"], g["sums_to_category"] or "Total"
        for p, cats in site.by_measure.get(m, {}).items():
            whole = (total_m, p, total_c)
            if whole not in site.cell:
                continue
            parts = [(m, p, c) for c in cats]
            if g["overlapping"] == "true":
                for part in parts:
                    yield (f"{m} within {total_m}", [(1, part), (-1, whole)], "le")
            else:
                yield (f"{total_m} {total_c} = {m}", (whole, parts), "sum")
    for m, g in g_.items():
        if not g["groups_into"]:
            continue
        for p, cats in site.by_measure.get(m, {}).items():
            for group in site.by_measure.get(g["groups_into"], {}).get(p, {}):
                parts = [(m, p, c) for c in cats if site.groups.get((m, c)) == group]
                yield (f"{g['groups_into']} = groups of {m}", ((g["groups_into"], p, group), parts), "sum")
    for stock, g in g_.items():
        if not g["stock_in"] or not g["stock_out"]:
            continue
        for p in site.by_measure.get(g["stock_in"], {}):
            start, end = p
            before, now = (day_before(start),) * 2, (end, end)
            cells = [(stock, now, "Total"), (stock, before, "Total"), (g["stock_in"], p, "Total"), (g["stock_out"], p, "Total")]
            if all(c in site.cell for c in cells):
                yield (f"{stock} and its flows", cells, "stock")
    for m, periods in site.by_measure.items():
        for (start, end), cats in periods.items():
            if start == end:
                continue
            part_length, wanted = {12: (3, 4), 3: (1, 3)}.get(months_between(start, end), (0, 0))
            if not part_length:
                continue
            parts = [p for p in periods if p[0] != p[1] and start <= p[0] and p[1] <= end and p != (start, end)
                     and months_between(*p) == part_length]
            if len(parts) != wanted:
                continue
            for c in cats:
                cells = [(m, q, c) for q in parts]
                if all(x in site.cell for x in cells):
                    # domain.md: children are counted once in a period however often they appear
                    # in its parts, so a children's flow is only at most its parts' sum.
                    kind = "sum" if site.guide.get(m, {}).get("unit") != "children" else "loose"
                    yield (f"{m}: {part_length}-month parts", ((m, (start, end), c), cells), kind)
    for ratio, g in g_.items():
        if not g["numerator"] or not g["denominator"] or g["denominator"] == "population_0_17" or g["average_of"]:
            continue
        if site.guide.get(ratio, {}).get("unit") != "percent":
            continue
        for p in site.by_measure.get(g["numerator"], {}):
            num = [(g["numerator"], p, c) for c in (g["numerator_categories"].split() or ["Total"])]
            den = [(g["denominator"], p, c) for c in (g["denominator_categories"].split() or ["Total"])]
            less = [(g["denominator_less"], p, "Total")] if g["denominator_less"] else []
            cells = num + den + less
            if all(x in site.cell for x in cells):
                yield (f"{g['numerator']} within {g['denominator']}",
                       [(1, x) for x in num] + [(-1, x) for x in den] + [(1, x) for x in less], "le")


def system(site):
    """The rows (terms, is_equality) a reader can write down, each checked on every shown instance."""
    instances = defaultdict(list)
    for family, cells, kind in families(site):
        instances[(family, kind)].append(cells)
    rows = []

    def known(terms):
        return all(site.cell[x] is not None for _, x in terms)

    def holds(terms, equal):
        s = sum(k * site.cell[x] for k, x in terms)
        return abs(s) < 1e-6 if equal else s <= 1e-6

    for (family, kind), items in instances.items():
        if kind == "le":
            candidates = [[(terms, False)] for terms in items]
        elif kind in ("sum", "loose"):
            candidates = []
            for whole, parts in items:
                exact = [(1, p) for p in parts] + [(-1, whole)]
                loose = [[(-1, p) for p in parts] + [(1, whole)]] + [[(1, p), (-1, whole)] for p in parts]
                candidates.append([(exact, True)] + [(t, False) for t in loose])
        else:  # stock: now, before, in, out
            candidates = []
            for now, before, inflow, outflow in items:
                exact = [(1, now), (-1, before), (-1, inflow), (1, outflow)]
                candidates.append([(exact, True), ([(1, now), (-1, before), (-1, inflow)], False),
                                   ([(1, before), (-1, outflow), (-1, now)], False)])
        # Exact when every shown instance adds up; otherwise the inequalities every shown one meets.
        if kind != "le":
            exact_ok = kind != "loose" and all(holds(c[0][0], True) for c in candidates if known(c[0][0]))
            for c in candidates:
                if exact_ok:
                    rows.append(c[0])
                else:
                    rows.extend(c[1:])
        else:
            for c in candidates:
                rows.extend(c)
    # Inequalities a shown instance breaks are not knowledge: drop the families that have one.
    broken = set()
    for i, (terms, equal) in enumerate(rows):
        if not equal and known(terms) and not holds(terms, False):
            broken.add(i)
    return [r for i, r in enumerate(rows) if i not in broken]


def attack(site, width):
    rows = system(site)
    hidden = sorted(x for x, v in site.cell.items() if v is None)
    index = {x: i for i, x in enumerate(hidden)}
    # Rows over hidden cells only, with shown cells moved to the constant side.
    matrix = []
    for terms, equal in rows:
        coefs, constant = defaultdict(float), 0.0
        for k, x in terms:
            if site.cell[x] is None:
                coefs[index[x]] += k
            else:
                constant += k * site.cell[x]
        coefs = {j: k for j, k in coefs.items() if k != 0}
        if coefs:
            matrix.append((coefs, -constant, equal))
    # Components of hidden cells joined by rows.
    parent = list(range(len(hidden)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for coefs, _, _ in matrix:
        js = list(coefs)
        for j in js[1:]:
            a, b = find(js[0]), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    members = defaultdict(list)
    for j in range(len(hidden)):
        members[find(j)].append(j)
    comp_rows = defaultdict(list)
    for r in matrix:
        comp_rows[find(next(iter(r[0])))].append(r)

    narrow, unbounded = [], 0
    for root, cols in members.items():
        local = {j: i for i, j in enumerate(cols)}
        n = len(cols)
        if not comp_rows[root]:
            unbounded += n
            continue
        A_eq, b_eq, A_ub, b_ub = [], [], [], []
        for coefs, rhs, equal in comp_rows[root]:
            row = np.zeros(n)
            for j, k in coefs.items():
                row[local[j]] = k
            (A_eq if equal else A_ub).append(row)
            (b_eq if equal else b_ub).append(rhs)
        lp = dict(A_eq=np.array(A_eq) if A_eq else None, b_eq=np.array(b_eq) if b_eq else None,
                  A_ub=np.array(A_ub) if A_ub else None, b_ub=np.array(b_ub) if b_ub else None,
                  bounds=[(0 if hidden[j] in site.maybe_zero else 1, None) for j in cols], method="highs-ds",
                  # Debian's scipy 1.10 HiGHS aborts (std::length_error) when presolve meets some
                  # unbounded programs; the simplex alone is fast enough for these.
                  options={"presolve": False})

        def solve(i, sign):
            # The linear program, then branch and bound on a fractional cell until the best whole
            # solution is proved (HiGHS's own MIP in Debian's scipy aborts on some of these).
            c = np.zeros(n)
            c[i] = sign
            best = None
            nodes = [list(lp["bounds"])]
            explored = 0
            while nodes:
                bounds = nodes.pop()
                res = linprog(c, **{**lp, "bounds": bounds})
                if res.status == 3:
                    return None  # unbounded
                if res.status == 2:
                    continue  # this branch has no table
                if res.status != 0:
                    raise RuntimeError(f"the reader's system could not be solved: {res.message}")
                explored += 1
                value = math.ceil(res.fun - 1e-6)  # no whole solution in this branch does better
                if best is not None and value >= best:
                    continue
                fractional = [k for k in range(n) if abs(res.x[k] - round(res.x[k])) > 1e-6]
                if not fractional:
                    best = round(res.fun)
                    continue
                if explored > 2000:
                    raise RuntimeError("branch and bound did not finish")
                k = fractional[0]
                lo, hi = bounds[k]
                down, up = list(bounds), list(bounds)
                down[k] = (lo, math.floor(res.x[k]))
                up[k] = (math.ceil(res.x[k]), hi)
                nodes += [up, down]
            if best is None:
                raise RuntimeError("the reader's system has no whole-number table: a relation assumed wrongly")
            return sign * best
        for j in cols:
            i = local[j]
            low, high = solve(i, 1), solve(i, -1)
            if high is None:
                unbounded += 1
                continue
            if high - low + 1 < width:
                narrow.append((hidden[j], low, high))
    return hidden, narrow, unbounded, len(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--width", type=int, default=5)
    ap.add_argument("--previous")
    args = ap.parse_args()
    site = Site(args.site, args.previous)
    hidden, narrow, unbounded, rows = attack(site, args.width)
    for (m, p, c), low, high in narrow:
        print(f"{m} {c} {p[0]} to {p[1]}: {low} to {high}" if p[0] != p[1] else f"{m} {c} at {p[0]}: {low} to {high}")
    if narrow:
        print(f"attack: {len(narrow)} of {len(hidden)} suppressed counts narrowed to fewer than {args.width} values")
        return 1
    print(f"attack: {len(hidden)} suppressed counts, {rows} relations; none narrower than {args.width} values "
          f"({unbounded} with no upper limit; {site.from_previous} known from the earlier edition)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
