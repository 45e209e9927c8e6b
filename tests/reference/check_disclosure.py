"""Checks a public careboard site's figures for disclosure, independently of careboard's code:

  python3 check_disclosure.py SITE_DIR

- no count from 1 to 5 appears in data/measures.csv or in any chart CSV;
- no additive relation between published counts has exactly one suppressed cell (so no `c` can
  be worked back): every breakdown against its total, every group against its codes, fostering
  providers against the foster group, and looked after / started / ceased across successive
  quarters (docs/disclosure.md);
- a percentage or rate is `c` whenever its numerator or denominator is.
Exit 1 with the problems listed, 0 with a one-line summary.
"""
import csv
import os
import sys
from collections import defaultdict

PERCENTS = {  # ratio -> (numerator measure/categories, denominator measure/categories)
    "placements_3_or_more_percent": (("placements_3_or_more", ["Total"]), ("looked_after", ["Total"])),
    "reviews_in_timescale_percent": (("reviews_in_timescale", ["Total"]), ("reviews_held", ["Total"])),
    "reviews_participation_percent": (("reviews_by_participation", ["PN1", "PN2", "PN3", "PN4", "PN5", "PN6"]),
                                      ("reviews_by_participation", ["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"])),
    "looked_after_rate_per_10000": (("looked_after", ["Total"]), ("looked_after", ["Total"])),
}
LOOKED_AFTER_BREAKDOWNS = ["looked_after_by_legal_status", "looked_after_by_legal_status_group",
                           "looked_after_by_placement", "looked_after_by_placement_group", "looked_after_by_provider",
                           "looked_after_by_age", "looked_after_by_sex", "looked_after_by_ethnicity"]
LS_GROUPS = {"C1": "care_orders", "C2": "care_orders", "E1": "placement_order", "D1": "placement_order",
             "V2": "voluntary_s20", "L1": "detained_for_protection", "L2": "detained_for_protection",
             "L3": "detained_for_protection", "J1": "youth_justice", "J2": "youth_justice", "J3": "youth_justice"}


def place_group(code):
    if code in ("U1", "U2", "U3", "U4", "U5", "U6"):
        return "foster"
    if code in ("A3", "A4", "A5", "A6"):
        return "adoption"
    if code == "P1":
        return "placed_with_parents"
    if code in ("P2", "H5", "K3"):
        return "independent_living"
    if code in ("K1", "K2"):
        return "secure_and_childrens_homes"
    if code in ("R1", "R2", "R3", "R5", "S1", "P3"):
        return "other_residential"
    return "other"


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def main(site):
    rows = read_rows(os.path.join(site, "data", "measures.csv"))
    # The authority's own figures: rows for other areas are figures the DfE has already
    # published (docs/benchmarks.md), which need no further protection.
    if rows:
        rows = [r for r in rows if r["area_code"] == rows[0]["area_code"]]
    cell = {}
    by_measure = defaultdict(lambda: defaultdict(dict))  # measure -> period_end -> category -> value
    for r in rows:
        cell[(r["measure"], r["period_end"], r["category"])] = r["value"]
        by_measure[r["measure"]][r["period_end"]][r["category"]] = r["value"]
    problems = []
    # Counts of children (or of their reviews and escalations): everything but ratios, rates,
    # medians and staff numbers, which are not counts of people.
    not_counts = set(PERCENTS) | {"iro_fte", "iro_caseload", "escalation_days_to_resolve_median",
                                  "escalations_per_100_looked_after", "escalations_resolved_within_20_days_percent"}
    counts = {m for m in by_measure if m not in not_counts}

    def is_small(v):
        try:
            x = float(v)
        except ValueError:
            return False
        return 0 < x <= 5

    for (m, p, c), v in cell.items():
        if m in counts and is_small(v):
            problems.append(f"measures.csv: {m} {c} {p} = {v} is a count of 1 to 5")
    for name in sorted(os.listdir(os.path.join(site, "data"))):
        if name == "measures.csv" or not name.endswith(".csv"):
            continue
        with open(os.path.join(site, "data", name), encoding="utf-8") as fh:
            lines = [l for l in fh if not l.startswith("#")]
        if name[:-4] in {"looked-after-rate", "placement-stability", "reviews-in-timescale", "participation-rate",
                         "escalations-timeliness", "escalation-days", "escalations-per-100", "iro-caseload"}:
            continue  # ratios, rates, medians: not counts
        if name.startswith("benchmark-"):
            continue  # rates, percentages and ranks beside published figures (docs/benchmarks.md)
        for row in csv.reader(lines[1:]):
            for v in row[3:]:
                if is_small(v):
                    problems.append(f"data/{name}: a count of 1 to 5 ({v}) in {row[1]}")

    relations = []
    periods = sorted(by_measure.get("looked_after", {}).keys())
    for p in periods:
        for b in LOOKED_AFTER_BREAKDOWNS:
            relations.append(((("looked_after", "Total"),), tuple((b, c) for c in by_measure[b][p]), p, b))
        for total, b in [("started", "started_by_need"), ("started", "started_by_legal_status"),
                         ("ceased", "ceased_by_reason"), ("reviews_held", "reviews_by_participation")]:
            relations.append((((total, "Total"),), tuple((b, c) for c in by_measure[b][p]), p, b))
        for b in ["escalations_by_route", "escalations_by_route_type", "escalations_by_stage", "escalations_by_team"]:
            if by_measure.get(b, {}).get(p):
                relations.append(((("escalations_raised", "Total"),), tuple((b, c) for c in by_measure[b][p]), p, b))
        if by_measure.get("escalations_resolved_by_level", {}).get(p):
            relations.append(((("escalations_resolved", "Total"),),
                              tuple(("escalations_resolved_by_level", c) for c in by_measure["escalations_resolved_by_level"][p]),
                              p, "escalations by level"))
        fost = by_measure["looked_after_fostering_by_provider"][p]
        if fost:
            relations.append(((("looked_after_by_placement_group", "foster"),),
                              tuple(("looked_after_fostering_by_provider", c) for c in fost), p, "fostering"))
        for g in by_measure["looked_after_by_legal_status_group"][p]:
            parts = tuple(("looked_after_by_legal_status", c) for c in by_measure["looked_after_by_legal_status"][p]
                          if LS_GROUPS.get(c, "other") == g)
            relations.append(((("looked_after_by_legal_status_group", g),), parts, p, "ls group " + g))
        for g in by_measure["looked_after_by_placement_group"][p]:
            parts = tuple(("looked_after_by_placement", c) for c in by_measure["looked_after_by_placement"][p]
                          if place_group(c if c != "not_recorded" else "") == g)
            relations.append(((("looked_after_by_placement_group", g),), parts, p, "placement group " + g))

    def value(m, p, c):
        # flows are keyed by their period_end too
        return cell.get((m, p, c))

    checked = 0
    for totals, parts, p, why in relations:
        cells = [value(m, p, c) for m, c in totals + parts]
        cells = [v for v in cells if v is not None]
        if len(cells) > 1 and sum(v == "c" for v in cells) == 1:
            problems.append(f"{why} at {p}: exactly one suppressed cell among {len(cells)}")
        checked += 1
    for i in range(1, len(periods)):
        p, before = periods[i], periods[i - 1]
        cells = [value("looked_after", p, "Total"), value("looked_after", before, "Total"),
                 value("started", p, "Total"), value("ceased", p, "Total")]
        cells = [v for v in cells if v is not None]
        if len(cells) > 1 and sum(v == "c" for v in cells) == 1:
            problems.append(f"looked after / started / ceased at {p}: exactly one suppressed cell")
        checked += 1

    totals_of = {"reviews_by_participation": "reviews_held"}

    def known(measure, cats, p):
        # A sum of categories is known when none is hidden, or when the breakdown's total and
        # every category outside the sum are shown (the sum is then the total less those).
        if all(value(measure, p, c) != "c" for c in cats):
            return True
        total = totals_of.get(measure)
        if total is None or value(total, p, "Total") in (None, "c"):
            return False
        outside = [c for c in by_measure[measure][p] if c not in cats]
        return all(value(measure, p, c) != "c" for c in outside)

    for ratio, ((nm, ncats), (dm, dcats)) in PERCENTS.items():
        for p, cats in by_measure.get(ratio, {}).items():
            if cats.get("Total") != "c" and not (known(nm, ncats, p) and known(dm, dcats, p)):
                problems.append(f"{ratio} at {p} is shown although a figure it is made from is suppressed")
    for ratio, num, den in [("escalations_resolved_within_20_days_percent", "escalations_resolved_within_20_days",
                             "escalations_resolved"),
                            ("escalation_days_to_resolve_median", "escalations_resolved", "escalations_resolved")]:
        for p, cats in by_measure.get(ratio, {}).items():
            if cats.get("Total") != "c" and "c" in (value(num, p, "Total"), value(den, p, "Total")):
                problems.append(f"{ratio} at {p} is shown although a figure it is made from is suppressed")

    suppressed = sum(v == "c" for v in cell.values())
    if problems:
        print("\n".join(problems[:40]))
        print(f"{len(problems)} disclosure problems")
        return 1
    print(f"disclosure checks passed: {len(cell)} figures, {suppressed} suppressed, {checked} relations checked")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
