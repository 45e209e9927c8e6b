#!/usr/bin/env python3
"""Writes the Hugo comparison site's content and data from a careboard site of published figures.

    make_content.py CAREBOARD_SITE HUGO_PROJECT

From CAREBOARD_SITE/data/measures.csv (the same rows careboard's pages show): data/figures.json
(each area's rows, England's by measure, category and period, and each measure's latest rows for
ranking), and a content page for each of careboard's pages of an authority (its index, comparison
and topic pages) and for each measure of its overview. bench/run.sh times `hugo` on the result.
"""
import csv
import json
import os
import sys

PAGES = ["index", "how-we-compare", "health", "care-leavers", "missing"]


def topic_of(measure):
    if measure.startswith("oc2_"):
        return "health"
    if measure.startswith("care_leavers"):
        return "care-leavers"
    if "missing" in measure or "away" in measure:
        return "missing"
    return "how-we-compare"


def main():
    site, project = sys.argv[1], sys.argv[2]
    areas, england, latest = {}, {}, {}
    with open(os.path.join(site, "data", "measures.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            r = {"measure": row["measure"], "category": row["category"], "start": row["period_start"],
                 "end": row["period_end"], "value": row["value"], "topic": topic_of(row["measure"])}
            areas.setdefault(row["area_code"], []).append(r)
            if row["area_code"] == "E92000001":
                england[f"{r['measure']}|{r['category']}|{r['end']}"] = r["value"]
            elif row["area_code"].startswith("E0") and row["category"] == "Total":
                by_area = latest.setdefault(row["measure"], {})
                if row["area_code"] not in by_area or by_area[row["area_code"]]["end"] < r["end"]:
                    try:
                        number = float(r["value"])
                    except ValueError:
                        number = -1.0
                    by_area[row["area_code"]] = {"area": row["area_code"], "end": r["end"], "value": r["value"], "number": number}
    os.makedirs(os.path.join(project, "data"), exist_ok=True)
    with open(os.path.join(project, "data", "figures.json"), "w", encoding="utf-8") as f:
        json.dump({"areas": areas, "england": england,
                   "measures": {m: list(v.values()) for m, v in latest.items()}}, f)
    authorities = [d for d in os.listdir(site) if os.path.isfile(os.path.join(site, d, "index.html"))
                   and d != "overview"]
    pages = 0
    for code in sorted(authorities):
        for page in PAGES:
            if not os.path.isfile(os.path.join(site, code, page + ".html")):
                continue
            os.makedirs(os.path.join(project, "content", code), exist_ok=True)
            # Not index.md, which Hugo takes for a bundle of the folder.
            name = "summary" if page == "index" else page
            with open(os.path.join(project, "content", code, name + ".md"), "w", encoding="utf-8") as f:
                f.write(f'---\ntitle: "{code}"\nkind: authority\narea: "{code}"\ntopic: "{page if page != "index" else "how-we-compare"}"\n---\n')
            pages += 1
    os.makedirs(os.path.join(project, "content", "overview"), exist_ok=True)
    for measure in sorted(latest):
        with open(os.path.join(project, "content", "overview", measure + ".md"), "w", encoding="utf-8") as f:
            f.write(f'---\ntitle: "{measure}"\nkind: measure\nmeasure: "{measure}"\n---\n')
        pages += 1
    print(f"{pages} pages for {len(authorities)} authorities and {len(latest)} measures")


if __name__ == "__main__":
    main()
