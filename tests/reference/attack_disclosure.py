"""Attacks a public careboard site as a determined reader would, independently of careboard's code:

  python3 attack_disclosure.py SITE_DIR [--width 5] [--previous EARLIER_SITE_DIR]
                               [--dfe EES_DIR --dfe-authority CODE]

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

With --dfe, the reader also has the DfE's explore-education-statistics files for the authority
(--dfe-authority, its new code): each yearly count the DfE publishes for it (children looked after
on 31 March and with 3 or more placements, starters by need and legal status, ceasings by reason,
missing children and incidents, the OC2 cohort's health and the care leavers' activity and
accommodation) is a sum of the site's cells for that year, mapped from the
DfE's labels by the code lists of domain.md; a DfE `c` says the sum is at least 1. A code the site
shows only inside a combined category ("N2+N3+N6", as categories.csv lists it) is an unknown of
its own, the combined cell their sum, and it is attacked like a suppressed cell. A figure the DfE gives for exactly one of the site's
cells makes that cell known. A cell whose range the DfE's figures alone already make narrower
than the rule (with every cell of the site unknown) is held to what they leave: no publication
of the authority's can make the DfE's safer.

With --previous, the reader also has an earlier edition: a figure that edition published as a
number and this one shows as `c` is taken as unchanged (the reader's best guess; for quarters whose
data did not change it is the truth), so it is known. A cell narrowed only to what the earlier
edition alone already pinned (a category combined now from categories that edition showed apart:
their sum there) is held to that, like the DfE's.

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
        self.latent = set()  # unknowns of the reader's own: codes inside a combined category
        self.dfe_rows = []   # (terms, equal) from the DfE's files, beside the site's figures
        self.dfe_facts = []  # everything the DfE's files say, as rows (for what they alone leave)
        self.from_dfe = 0
        self.from_previous = 0
        self.distrusted = False  # exactness of families not taken from the shown instances
        self.earlier = None
        if previous:
            earlier = self.earlier = Site(previous)
            for key, value in earlier.cell.items():
                if value is not None and key in self.cell and self.cell[key] is None:
                    self.cell[key] = value
                    self.by_measure[key[0]][key[1]][key[2]] = value
                    self.from_previous += 1

    def is_count(self, m):
        g = self.guide.get(m)
        return g is None or g["unit"] in COUNT_UNITS


ONE = ("__one__", ("", ""), "")


class NoTable(RuntimeError):
    """The reader's rows have no whole-number solution: a relation was assumed wrongly."""  # a cell of value 1: the constant of a DfE figure's row

# The DfE's labels for the codes of domain.md's lists (explore-education-statistics files).
DFE_LEGAL_STATUS = {
    "Interim care order": ["C1"], "Full care order": ["C2"], "Freeing order granted": ["D1"],
    "Placement order granted": ["E1"], "Voluntary agreement under S20": ["V2"],
    "Police protection in LA accommodation": ["L1"], "Emergency protection order": ["L2"],
    "Child assessment order and in LA accommodation": ["L3"], "Remand": ["J1"],
    "LA accommodation under PACE 1989": ["J2"], "Sentenced to youth rehabilitation order": ["J3"],
}
DFE_REASON_CEASED = {
    "Adopted": ["E11", "E12"],
    "Left care to live with parents, relatives or other person with no parental responsibility": ["E13"],
    "Accommodation on remand ended": ["E14"], "Age assessment determined child aged 18 or over": ["E15"],
    "Child moved abroad": ["E16"], "Aged 18 (or over) and remained with current carers": ["E17"], "Died": ["E2"],
    "Care taken by another local authority": ["E3"], "Residence order or child arrangement order granted": ["E41"],
    "Special guardianship orders": ["E43", "E44", "E45", "E46", "E47", "E48"],
    "Returned home to live with parents or other person with parental responsibility which was part of the care "
    "planning process": ["E4A"],
    "Returned home to live with parents or other person with parental responsibility which was not part of the "
    "care planning process": ["E4B"],
    "Moved into independent living (with supportive accommodation)": ["E5"],
    "Moved into independent living (with no formalised support)": ["E6"],
    "Transferred to residential care funded by adult social services": ["E7"],
    "Care ceased for any other reason": ["E8"], "Sentenced to custody": ["E9"],
}


def dfe_figures(folder, authority):
    """(measure, period, codes or None for the Total, value or 'c') for each yearly count the DfE's
    files give for the authority."""
    out = []

    def rows(name):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            return []
        return [r for r in read_rows(path) if r.get("geographic_level") == "Local authority"
                and r.get("new_la_code") == authority]

    def year(r):
        y = int(r["time_period"][:4]) if len(r["time_period"]) == 4 else int(r["time_period"][:4]) + 1
        return (f"{y - 1}-04-01", f"{y}-03-31"), (f"{y}-03-31", f"{y}-03-31")

    def value(v):
        v = v.strip()
        if v == "c":
            return "c"
        try:
            return float(v)
        except ValueError:
            return None

    for r in rows("cla_number_and_rate_per_10k_children.csv"):
        over, at = year(r)
        what = {"Children looked after on 31 March each year": ("looked_after", at),
                "Children starting to be looked after each year": ("started", over),
                "Children ceasing to be looked after each year": ("ceased", over)}.get(r["population_type"])
        if what:
            out.append((what[0], what[1], None, value(r["children_count"])))
    for r in rows("la_cla_who_started_to_be_looked_after.csv"):
        over, _ = year(r)
        c = r["characteristic"]
        if c == "Total":
            out.append(("started", over, None, value(r["number"])))
        elif r["cla_group"] == "Category of need" and c[:2].startswith("N") and c[1:2].isdigit():
            out.append(("started_by_need", over, [c.split(".")[0]], value(r["number"])))
        elif r["cla_group"] == "Legal status" and c in DFE_LEGAL_STATUS:
            out.append(("started_by_legal_status", over, DFE_LEGAL_STATUS[c], value(r["number"])))
    for r in rows("la_children_who_ceased_during_the_year.csv"):
        over, _ = year(r)
        c = r["characteristic"]
        if c == "Total":
            out.append(("ceased", over, None, value(r["number"])))
        elif c in DFE_REASON_CEASED:
            out.append(("ceased_by_reason", over, DFE_REASON_CEASED[c], value(r["number"])))
    for r in rows("la_cla_placement_stability.csv"):
        _, at = year(r)
        what = {"Total children": "looked_after", "With 3 or more placements during the year": "placements_3_or_more"}
        if r["placement_stability"] in what:
            out.append((what[r["placement_stability"]], at, None, value(r["children_count"])))
    activity = {
        "Higher education i.e. studies beyond A level": ("by_activity", "higher_education"),
        "Education other than higher education": ("by_activity", "other_education"),
        "In an apprenticeship": ("by_activity", "apprenticeship"),
        "In training or employment (excl. apprenticeship)": ("by_activity", "training_or_employment"),
        "Not in education, training or employment, owing to illness or disability":
            ("by_activity", "neet_illness_or_disability"),
        "Not in education, training or employment, owing to other reasons": ("by_activity", "neet_other"),
        "Not in education, training or employment, owing to pregnancy or parenting":
            ("by_activity", "neet_pregnancy_or_parenting"),
        "Total in education, employment or training": ("by_activity_group", "eet"),
        "Total not in education, employment or training": ("by_activity_group", "neet"),
        "Total information not known": ("by_activity_group", "not_known"),
        "Total": ("", "Total"),
        "Accommodation considered suitable": ("by_suitability", "suitable"),
        "Accommodation considered unsuitable": ("by_suitability", "unsuitable"),
        "No information": ("by_suitability", "no_information"),
    }
    ages = {"17 to 18 years": "care_leavers_17_to_18", "19 to 21 years": "care_leavers_19_to_21"}
    for name in ("la_care_leavers_activity.csv", "la_care_leavers_accommodation_suitability.csv"):
        for r in rows(name):
            over, _ = year(r)
            what = activity.get(r.get("breakdown", ""))
            base = ages.get(r.get("care_leaver_age", ""))
            if what and base:
                out.append((base + ("_" + what[0] if what[0] else ""), over, [what[1]], value(r["care_leaver_count"])))
    health = {
        "Had their annual health assessment": "oc2_health_assessment",
        "Had their immunisations up to date": "oc2_immunisations",
        "Had their teeth checked by a dentist": "oc2_teeth_check", "Total all ages": "oc2_cohort",
        "Development assessments up to date": "oc2_development_assessment",
        "Total ages 0 to 4 years": "oc2_cohort_0_to_4", "SDQ score was received": "oc2_sdq_received",
        "Total ages 5 to 16 years": "oc2_cohort_5_to_16",
        "Convicted or subject to youth cautions, or youth conditional cautions during the year": "oc2_convicted",
        "Total ages 10 to 17 years": "oc2_cohort_10_to_17",
        "Identified as having a substance misuse problem": "oc2_substance_misuse",
        "Received an intervention for their substance misuse problem": "oc2_intervention_received",
        "Offered intervention but refused it": "oc2_intervention_refused",
    }
    bands = {"SDQ score is normal": "normal", "SDQ score is borderline": "borderline",
             "SDQ score is a cause for concern": "concern"}
    for r in rows("la_conviction_health_outcome_cla.csv"):
        over, _ = year(r)
        b = r.get("breakdown", "")
        if b in health:
            out.append((health[b], over, None, value(r["children_count"])))
        elif b in bands:
            out.append(("oc2_sdq_by_band", over, [bands[b]], value(r["children_count"])))
    for r in rows("la_children_who_were_missing_or_away.csv"):
        over, _ = year(r)
        what = {"Children who had a missing incident during the year": "missing_children",
                "Number of missing incidents during the year": "missing_incidents"}.get(r["CLA_group"])
        if what:
            out.append((what, over, None, value(r["number"])))
    return [f for f in out if f[3] is not None]


def add_dfe(site, folder, authority):
    """Adds what the DfE's figures say to the reader's knowledge (site.dfe_rows, latent cells)."""
    site.cell[ONE] = 1.0
    combined = defaultdict(dict)  # measure -> code -> combined category
    for (m, c) in site.groups:
        if "+" in c:
            for code in c.split("+"):
                combined[m][code] = c
    used = 0
    for measure, period, codes, value in dfe_figures(folder, authority):
        cats = site.by_measure.get(measure, {}).get(period)
        if cats is None:
            continue  # the site does not publish this measure for that year
        terms = []
        for code in (codes or ["Total"]):
            if code in cats:
                terms.append((1, (measure, period, code)))
            elif code in combined.get(measure, {}) and combined[measure][code] in cats:
                whole = (measure, period, combined[measure][code])
                latent = (measure, period, "latent " + code)
                if latent not in site.cell:
                    site.cell[latent] = None
                    site.latent.add(latent)
                    site.maybe_zero.add(latent)
                terms.append((1, latent))
            # else: a category the site does not list has no children in that breakdown
        if not terms:
            continue
        shown = all(site.cell[x] is not None for _, x in terms)
        if value == "c":
            if not (shown and sum(site.cell[x] for _, x in terms) < 1):
                site.dfe_rows.append(([(-1, x) for _, x in terms] + [(1, ONE)], False))
                site.dfe_facts.append(site.dfe_rows[-1])
                used += 1
            continue
        if shown and abs(sum(site.cell[x] for _, x in terms) - value) > 1e-6:
            continue  # the DfE's figure differs from the site's: not taken as true
        site.dfe_facts.append((terms + [(-value, ONE)], True))
        if shown:
            continue  # nothing new beside the site
        if len(terms) == 1 and terms[0][1] not in site.latent:
            site.cell[terms[0][1]] = value  # the DfE gives this very cell
            site.from_dfe += 1
            used += 1
            continue
        site.dfe_rows.append((terms + [(-value, ONE)], True))
        used += 1
    # A combined category is the sum of the unknowns of its codes (for the periods they appear in).
    by_whole = defaultdict(list)
    for (m, p, c) in site.latent:
        by_whole[(m, p, combined[m][c[len("latent "):]])].append((m, p, c))
    for whole, parts in sorted(by_whole.items()):
        members = whole[2].split("+")
        for code in members:
            latent = (whole[0], whole[1], "latent " + code)
            if latent not in site.cell:
                site.cell[latent] = None
                site.latent.add(latent)
                site.maybe_zero.add(latent)
        site.dfe_rows.append(([(1, (whole[0], whole[1], "latent " + code)) for code in members] + [(-1, whole)], True))
        site.dfe_facts.append(site.dfe_rows[-1])
    return used


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


def system(site, trust_shown=True):
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
            exact_ok = trust_shown and kind != "loose" and all(holds(c[0][0], True) for c in candidates if known(c[0][0]))
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


def ranges(rows, value_of, lower_of, targets):
    """The smallest and largest whole value of each target cell over the tables that satisfy
    `rows` ((terms, equal): sum of coef * cell = 0 or <= 0), where value_of(cell) is a known
    cell's value (None: unknown, at least lower_of(cell)). {cell: (low, high or None)}."""
    unknown = sorted({x for terms, _ in rows for _, x in terms if value_of(x) is None} |
                     {x for x in targets if value_of(x) is None})
    index = {x: i for i, x in enumerate(unknown)}
    # Rows over unknown cells only, with known cells moved to the constant side.
    matrix = []
    for terms, equal in rows:
        coefs, constant = defaultdict(float), 0.0
        for k, x in terms:
            if value_of(x) is None:
                coefs[index[x]] += k
            else:
                constant += k * value_of(x)
        coefs = {j: k for j, k in coefs.items() if k != 0}
        if coefs:
            matrix.append((coefs, -constant, equal))
    # Components of unknown cells joined by rows.
    parent = list(range(len(unknown)))

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
    for j in range(len(unknown)):
        members[find(j)].append(j)
    comp_rows = defaultdict(list)
    for r in matrix:
        comp_rows[find(next(iter(r[0])))].append(r)
    wanted = {index[x] for x in targets if x in index}
    out = {}
    for root, cols in members.items():
        if not any(j in wanted for j in cols):
            continue
        local = {j: i for i, j in enumerate(cols)}
        n = len(cols)
        if not comp_rows[root]:
            for j in cols:
                out[unknown[j]] = (lower_of(unknown[j]), None)
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
                  bounds=[(lower_of(unknown[j]), None) for j in cols], method="highs-ds",
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
                raise NoTable("the reader's system has no whole-number table: a relation assumed wrongly")
            return sign * best
        for j in cols:
            if j not in wanted:
                continue
            i = local[j]
            low, high = solve(i, 1), solve(i, -1)
            out[unknown[j]] = (low, high)
    return out


def attack(site, width):
    rows = system(site) + site.dfe_rows
    # Every unknown, a combined code's too: one given away by a combined figure and the DfE's
    # figures for the others is as much a disclosure as a cell.
    hidden = sorted(x for x, v in site.cell.items() if v is None)
    try:
        found = ranges(rows, site.cell.get, lambda x: 0 if x in site.maybe_zero else 1, hidden)
    except NoTable:
        # A family taken as exact because every instance the site shows adds up does not hold
        # where it hides more: every family is kept as the inequalities that always hold.
        site.distrusted = True
        rows = system(site, trust_shown=False) + site.dfe_rows
        found = ranges(rows, site.cell.get, lambda x: 0 if x in site.maybe_zero else 1, hidden)
    narrow, unbounded, held = [], 0, 0  # held: to what an earlier edition or the DfE alone leaves
    for x in hidden:
        low, high = found.get(x, (None, None))
        if high is None:
            unbounded += 1
        elif high - low + 1 < width:
            narrow.append((x, low, high))
    if narrow and site.earlier:
        # A figure the earlier edition already pinned on its own is not this edition's doing: a
        # category combined now (V2+L1+L2+J1) from categories that edition showed apart (V2 and
        # L1+L2+J1) is their sum there.
        earlier = site.earlier
        earlier_rows = system(earlier)
        kept = []
        for x, low, high in narrow:
            m, p, cat = x
            codes = set(cat.split("+"))
            parts = [(m, p, c) for c in earlier.by_measure.get(m, {}).get(p, {}) if set(c.split("+")) <= codes]
            if sorted(code for _, _, c in parts for code in c.split("+")) != sorted(codes):
                kept.append((x, low, high))
                continue
            whole = (m, p, "whole " + cat)
            earlier.cell[whole] = None
            rows_now = earlier_rows + [([(1, y) for y in parts] + [(-1, whole)], True)]
            before = ranges(rows_now, earlier.cell.get, lambda y: 0 if y in earlier.maybe_zero or y == whole else 1,
                            [whole])
            del earlier.cell[whole]
            b_low, b_high = before.get(whole, (None, None))
            if b_high is not None and high - low >= min(width - 1, b_high - b_low):
                held += 1
            else:
                kept.append((x, low, high))
        narrow = kept
    if narrow and site.dfe_rows:
        # What the DfE's figures alone leave of each: with the relations every reader knows (the
        # definitions) but every figure of the site unknown, at least 0. Rows within six
        # relations of the cell (fewer rows leave a range no narrower).
        structure = system(site, trust_shown=not site.distrusted)
        every = structure + site.dfe_facts
        rows_of = defaultdict(list)
        for i, (terms, _) in enumerate(every):
            for _, y in terms:
                rows_of[y].append(i)
        alone = {}
        for x, _, _ in narrow:
            near, frontier, picked = {x}, [x], set()
            for _ in range(6):
                nxt = []
                for y in frontier:
                    for i in rows_of[y]:
                        if i in picked:
                            continue
                        picked.add(i)
                        for _, z in every[i][0]:
                            if z not in near and z != ONE:
                                near.add(z)
                                nxt.append(z)
                frontier = nxt
            alone.update(ranges([every[i] for i in sorted(picked)], lambda y: 1.0 if y == ONE else None,
                                lambda y: 0, [x]))
        kept = []
        for x, low, high in narrow:
            a_low, a_high = alone.get(x, (None, None))
            if a_high is not None and high - low >= min(width - 1, a_high - a_low):
                held += 1
            else:
                kept.append((x, low, high))
        narrow = kept
    return hidden, narrow, unbounded, len(rows), held


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--width", type=int, default=5)
    ap.add_argument("--previous")
    ap.add_argument("--dfe", help="a folder of the DfE's explore-education-statistics files")
    ap.add_argument("--dfe-authority", help="the authority's new code in them (E06000015)")
    args = ap.parse_args()
    site = Site(args.site, args.previous)
    dfe_used = 0
    if args.dfe:
        if not args.dfe_authority:
            ap.error("--dfe needs --dfe-authority")
        dfe_used = add_dfe(site, args.dfe, args.dfe_authority)
        if dfe_used == 0:
            print(f"attack: the DfE's files in {args.dfe} give no figure of {args.dfe_authority} that the site publishes")
            return 1
    hidden, narrow, unbounded, rows, held = attack(site, args.width)
    for (m, p, c), low, high in narrow:
        print(f"{m} {c} {p[0]} to {p[1]}: {low} to {high}" if p[0] != p[1] else f"{m} {c} at {p[0]}: {low} to {high}")
    if narrow:
        print(f"attack: {len(narrow)} of {len(hidden)} suppressed counts narrowed to fewer than {args.width} values")
        return 1
    print(f"attack: {len(hidden)} suppressed counts, {rows} relations; none narrower than {args.width} values "
          f"({unbounded} with no upper limit; {site.from_previous} known from the earlier edition"
          + (f"; {dfe_used} figures of the DfE's read, {site.from_dfe} suppressed counts known from them"
             if args.dfe else "") + f"; {held} held to what the earlier edition or the DfE's figures alone leave)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
