#!/usr/bin/env python3
"""A site of every authority's published figures ([authorities] from = "published",
docs/authorities.md), checked against the DfE's own files, read here independently of careboard.

    check_published_site.py --careboard BIN --ees DIR [--authorities E06000015,E09000007,...]

Builds the site from the real explore-education-statistics files in DIR (../shared/data/ees),
then, reading the files with Python's csv module:

- the site has a folder for every local authority with a figure (a number or c, k, u) in the
  latest year any file publishes, and no other;
- for each authority picked (by default ten across the kinds of authority: a city, London
  boroughs inner and outer, counties, the two smallest, and North Yorkshire, whose code changed
  in 2023), every figure of the rates file (looked after, starting, ceasing, with their rates
  per 10,000), the placement stability file (3 or more placements in the year), the starts
  file (by category of need, and in all) and the ceasings file (in all) is in its data/measures.csv as published, with the same symbol
  where there is no number, and the site has no other figure of those measures for it;
- the same figures are in the site's data/measures.csv, and the overview's CSV of each
  measure's years gives them too, with the rank among every authority that year worked out
  here (1 = the lowest number, ties sharing the lowest rank, quartile = ceil(4 rank / ranked)).

Prints SKIPPED: (and exits 0) when DIR is absent, so a checkout without ../shared says so.
"""

import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile

FILES = {
    "rates": "cla_number_and_rate_per_10k_children.csv",
    "started": "la_cla_who_started_to_be_looked_after_2018_2022.csv",
    "ceased": "la_children_who_ceased_during_the_year_2019_2023.csv",
    "placement_stability": "la_cla_placement_stability.csv",
    "new_placements": "la_cla_during_year_new_placements.csv",
    "health": "la_conviction_health_outcome_cla.csv",
    "care_leavers_activity": "la_care_leavers_activity.csv",
    "care_leavers_accommodation": "la_care_leavers_accommodation_suitability.csv",
    "missing": "la_children_who_were_missing_or_away_2019_2023.csv",
    "social_workers": "la_cla_swcount.csv",
}
PICKED = ["E06000015",  # Derby, a city
          "E09000007",  # Camden, inner London
          "E09000003",  # Barnet, outer London
          "E10000016",  # Kent, a county
          "E06000052",  # Cornwall
          "E08000025",  # Birmingham, the largest metropolitan district
          "E06000053",  # Isles of Scilly, the smallest
          "E09000001",  # City of London
          "E06000065",  # North Yorkshire (E10000023 until 2023)
          "E06000063"]  # Cumberland (from 2023)
SYMBOLS = {"c", "x", "z", "k", "u"}


def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        yield from csv.DictReader(f)


def published(text):
    """A published cell: a float, or its symbol ('low' is the older way of writing k)."""
    t = text.strip().replace(",", "")
    if t.lower() == "low":
        return "k"
    if t in SYMBOLS:
        return t
    return float(t)


def period(year, at_date):
    """The (start, end) of a figure for the year ending 31 March `year`."""
    end = f"{year}-03-31"
    return (end, end) if at_date else (f"{year - 1}-04-01", end)


def expected_figures(ees, old_code_of):
    """(old LA code -> {(measure, category, start, end): value}) from the three files checked,
    with the file published later winning where two give the same figure (the rates file's
    starts and ceasings over the starts and ceasings files', docs/benchmarks.md)."""
    out = {}

    def put(row, measure, category, at_date, text, rank):
        if row["geographic_level"] != "Local authority":
            return
        la = row["old_la_code"].strip()
        key = (measure, category) + period(int(row["time_period"]), at_date)
        cells = out.setdefault(la, {})
        if key in cells and cells[key][1] > rank:
            return
        cells[key] = (published(text), rank)

    rates = {"Children looked after on 31 March each year": ("looked_after", True),
             "Children starting to be looked after each year": ("started", False),
             "Children ceasing to be looked after each year": ("ceased", False)}
    for row in read_rows(os.path.join(ees, FILES["rates"])):
        measure, at_date = rates[row["population_type"]]
        put(row, measure, "Total", at_date, row["children_count"], 2025)
        put(row, measure + "_rate_per_10000", "Total", at_date, row["rate_per_10000"], 2025)
    for row in read_rows(os.path.join(ees, FILES["placement_stability"])):
        if row["cla_group"] == "CLA on 31 March" and row["placement_stability"] == "With 3 or more placements during the year":
            put(row, "placements_3_or_more", "Total", True, row["children_count"], 2025)
            put(row, "placements_3_or_more_percent", "Total", True, row["children_percent"], 2025)
    for row in read_rows(os.path.join(ees, FILES["started"])):
        if row["cla_group"] != "Category of need":
            continue
        c = row["characteristic"]
        if c == "Total":
            put(row, "started", "Total", False, row["number"], 2022)
        elif c[:2] in {f"N{i}" for i in range(1, 9)}:
            put(row, "started_by_need", c[:2], False, row["number"], 2022)
            put(row, "started_by_need_percent", c[:2], False, row["percentage"], 2022)
    for row in read_rows(os.path.join(ees, FILES["ceased"])):
        if row["cla_group"] == "Reason episode ceased" and row["characteristic"] == "Total":
            put(row, "ceased", "Total", False, row["number"], 2023)
    return {la: {k: v for k, (v, _) in cells.items()} for la, cells in out.items()}


def measures_rows(path, area):
    rows = {}
    for row in read_rows(path):
        if row["area_code"] == area:
            v = row["value"]
            rows[(row["measure"], row["category"], row["period_start"], row["period_end"])] = v if v in SYMBOLS else float(v)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--careboard", required=True)
    ap.add_argument("--ees", required=True)
    ap.add_argument("--authorities", default=",".join(PICKED))
    args = ap.parse_args()
    args.ees = os.path.abspath(args.ees)
    if not os.path.isfile(os.path.join(args.ees, FILES["rates"])):
        print(f"SKIPPED: {args.ees} is absent (../shared is not beside this checkout)")
        return 0

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "careboard.toml")
        site = os.path.join(tmp, "site")
        with open(config, "w", encoding="utf-8") as f:
            f.write('[output]\ntitle = "Children looked after in England"\n[authorities]\nname = "England"\nfrom = "published"\n'
                    '[benchmarks]\nsource = "DfE, Children looked after in England"\n')
            f.write(f'neighbour_model = "{os.path.join(args.ees, "sn_model_2025_wide.csv")}"\n')
            for kind, name in FILES.items():
                f.write(f'{kind} = "{os.path.join(args.ees, name)}"\n')
        run = subprocess.run([args.careboard, "build", "--quiet", "--config", config, "--out", site],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr)
            print("FAIL: careboard build exited", run.returncode)
            return 1

        # The authorities: every LA with a number (or c, k, u) in the latest year of any file.
        latest, current, codes = 0, set(), {}
        for name in FILES.values():
            for row in read_rows(os.path.join(args.ees, name)):
                if row["geographic_level"] != "Local authority":
                    continue
                year = int(row["time_period"])
                la = row["old_la_code"].strip()
                if year >= codes.get(la, ("", 0))[1]:
                    codes[la] = (row["new_la_code"].strip(), year)
                values = [v for k, v in row.items() if k in ("children_count", "number", "rate_per_10000", "children_percent",
                                                           "percentage") and v is not None]
                known = any(v.strip() not in ("x", "z", "") for v in values)
                if year > latest:
                    latest, current = year, set()
                if year == latest and known:
                    current.add(la)
        folders = {d for d in os.listdir(site) if os.path.isfile(os.path.join(site, d, "index.html"))}
        wanted = {codes[la][0] for la in current}
        if folders != wanted:
            problems.append(f"authority folders: {len(folders)}, expected {len(wanted)}; missing {sorted(wanted - folders)[:5]}, "
                            f"extra {sorted(folders - wanted)[:5]}")
        print(f"{len(folders)} authority folders, {len(wanted)} local authorities with a figure in {latest}")

        expected = expected_figures(args.ees, codes)
        old_of = {new: la for la, (new, _) in codes.items()}
        combined = {}
        for row in read_rows(os.path.join(site, "data", "measures.csv")):
            combined.setdefault(row["area_code"], []).append(row)
        checked = 0
        measures_checked = {"looked_after", "started", "ceased", "looked_after_rate_per_10000", "started_rate_per_10000",
                            "ceased_rate_per_10000", "placements_3_or_more", "placements_3_or_more_percent",
                            "started_by_need", "started_by_need_percent"}
        for code in args.authorities.split(","):
            la = old_of.get(code)
            if la is None:
                problems.append(f"{code}: not an authority of the files")
                continue
            want = expected.get(la, {})
            got = {k: v for k, v in measures_rows(os.path.join(site, code, "data", "measures.csv"), code).items()
                   if k[0] in measures_checked}
            for key, value in sorted(want.items()):
                if key not in got:
                    problems.append(f"{code}: {key} is published as {value} and missing from its measures.csv")
                elif got[key] != value:
                    problems.append(f"{code}: {key} is {got[key]} in its measures.csv, published {value}")
                checked += 1
            for key in sorted(set(got) - set(want)):
                problems.append(f"{code}: {key} = {got[key]} is in its measures.csv and not published")
            rows = {(r["measure"], r["category"], r["period_start"], r["period_end"]): r["value"] for r in combined.get(code, [])}
            for key, value in want.items():
                v = rows.get(key)
                if v is None or (v if v in SYMBOLS else float(v)) != value:
                    problems.append(f"{code}: {key} is {v} in the site's data/measures.csv, published {value}")
            print(f"{code} ({la}): {len(want)} published figures compared")

        # The overview: each year's figures and ranks among every authority, worked out here.
        for measure in ("looked_after_rate_per_10000", "placements_3_or_more_percent", "started"):
            by_year = {}
            for la, cells in expected.items():
                if codes[la][0] not in folders:
                    continue
                for (m, cat, start, end), v in cells.items():
                    if m == measure and cat == "Total":
                        by_year.setdefault(end, {})[codes[la][0]] = v
            path = os.path.join(site, "overview", "data", measure + "-years.csv")
            rows = list(read_rows(path))
            for row in rows:
                figures = by_year.get(row["period_end"], {})
                want = figures.get(row["area_code"])
                got = row["value"] if row["value"] else row["symbol"]
                got = got if got in SYMBOLS else float(got)
                if want is None:
                    if got != "x":
                        problems.append(f"{path}: {row['area_code']} {row['period_end']} is {got}, published nothing")
                    continue
                if got != want:
                    problems.append(f"{path}: {row['area_code']} {row['period_end']} is {got}, published {want}")
                numbers = [v for v in figures.values() if not isinstance(v, str)]
                if isinstance(want, str):
                    if row["rank"]:
                        problems.append(f"{path}: {row['area_code']} {row['period_end']} ({want}) is ranked")
                    continue
                rank = 1 + sum(1 for v in numbers if v < want)
                quartile = math.ceil(4 * rank / len(numbers))
                if (row["rank"], row["ranked"], row["quartile"]) != (str(rank), str(len(numbers)), str(quartile)):
                    problems.append(f"{path}: {row['area_code']} {row['period_end']}: rank {row['rank']} of {row['ranked']}, "
                                    f"quartile {row['quartile']}; expected {rank} of {len(numbers)}, quartile {quartile}")
                checked += 1
            print(f"overview/data/{measure}-years.csv: {len(rows)} rows compared")

    for p in problems[:40]:
        print("FAIL:", p)
    if problems:
        print(f"{len(problems)} problems")
        return 1
    print(f"OK: {checked} figures as published")
    return 0


if __name__ == "__main__":
    sys.exit(main())
