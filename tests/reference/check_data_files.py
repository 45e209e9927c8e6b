"""Checks that every CSV careboard writes opens as the ecosystem expects, with no options:

  python3 check_data_files.py SITE_DIR [SITE_DIR ...]
  python3 check_data_files.py --careboard BIN --config FILE [--profile board] [--synth "OPTIONS"]

The second form builds a site and the annual report (HTML only) into a temporary folder first.
For every .csv file under each folder's data/:

- Python's csv module: UTF-8, the header on line 1 (snake_case names, none repeated, no line
  starting with '#'), every row as wide as the header;
- pandas.read_csv with no options (Debian's python3-pandas): the same column names and number of
  rows; in a chart CSV the value column is numeric and the symbol column says why a value is
  missing; every period_start and period_end is an ISO date;
- data/tables.xlsx opens with pandas.read_excel (Debian's python3-openpyxl): a Cover and a
  Contents sheet, a sheet per table with its title in A1, and each chart's sheet holding exactly
  the figures and symbols of its CSV;
- a report's data/report-tables.xlsx: a Cover, a Contents and a sheet per table of report.html,
  in order, each holding exactly that table's figures (at the places shown) and words;
- the open data export (data/open-data/*.csv with its .meta.csv) passes screen_ees.py, this
  folder's independent offline version of the DfE's data screener: every check that fails a file
  (its warnings are not failures). With --fictional-areas, the checks of codes and names against
  the standard geography lookups are set aside, and counted: the demo's areas are in none.

Exit 1 with the problems listed, 0 with a one-line summary.
"""
import argparse
import csv
import datetime
import html.parser
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
CHART_COLUMNS = ["period", "period_start", "period_end", "geographic_level", "area_code", "area_name", "measure",
                 "category", "series", "value", "symbol"]
SYMBOLS = {"c", "x", "z", "k", "u"}


def csv_files(site):
    for root, _, names in os.walk(os.path.join(site, "data")):
        for name in sorted(names):
            if name.endswith(".csv"):
                yield os.path.join(root, name)


def check_with_csv_module(path, rel, problems):
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append(f"{rel}: not UTF-8 ({e})")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("#"):
            problems.append(f"{rel}:{number}: a note line starting with '#'")
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        problems.append(f"{rel}: empty")
        return None
    header = rows[0]
    for name in header:
        if not SNAKE.match(name):
            problems.append(f"{rel}:1: column name {name!r} is not snake_case")
    if len(set(header)) != len(header):
        problems.append(f"{rel}:1: a column name is repeated")
    for number, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            problems.append(f"{rel}:{number}: {len(row)} fields, the header has {len(header)}")
    for column in ("period_start", "period_end"):
        if column in header:
            i = header.index(column)
            for number, row in enumerate(rows[1:], 2):
                try:
                    if row[i]:
                        datetime.date.fromisoformat(row[i])
                except ValueError:
                    problems.append(f"{rel}:{number}: {column} {row[i]!r} is not an ISO date")
    return header, rows[1:]


def check_with_pandas(pd, path, rel, header, rows, problems):
    try:
        frame = pd.read_csv(path)
    except Exception as e:  # noqa: BLE001 - any failure to read is the finding
        problems.append(f"{rel}: pandas.read_csv failed: {e}")
        return
    if list(frame.columns) != header:
        problems.append(f"{rel}: pandas reads the columns {list(frame.columns)[:4]}..., not the header")
    if len(frame) != len(rows):
        problems.append(f"{rel}: pandas reads {len(frame)} rows, the file has {len(rows)}")
    if header == CHART_COLUMNS:
        if not pd.api.types.is_numeric_dtype(frame["value"]):
            problems.append(f"{rel}: pandas reads the value column as {frame['value'].dtype}, not numbers")
        for number, row in enumerate(rows, 2):
            value, symbol = row[9], row[10]
            if (value == "") == (symbol == "") or (symbol and symbol not in SYMBOLS):
                problems.append(f"{rel}:{number}: value {value!r} and symbol {symbol!r}: exactly one is given")
        for column in ("period_start", "period_end"):
            dates = frame[column].dropna()
            if len(dates) and pd.to_datetime(dates, format="%Y-%m-%d", errors="coerce").isna().any():
                problems.append(f"{rel}: pandas finds a {column} that is not an ISO date")


# The screener's checks of code and name against the standard geography lookups: a fictional
# authority or region (the demo's, careboard synth's) fails them by design.
GEOGRAPHY_LOOKUPS = ("check_geog_region_combos", "check_geog_la_combos", "check_geog_country_combos")


def check_workbook(pd, site, problems):
    """data/tables.xlsx, read with pandas (and Debian's openpyxl): a Cover and a Contents sheet
    first, then a sheet per table listed in Contents, each with its title in A1, its header in
    row 3, and, for a chart's table, exactly the figures and symbols of the chart's CSV."""
    path = os.path.join(site, "data", "tables.xlsx")
    if not os.path.exists(path):
        return 0
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None)
    except Exception as e:  # noqa: BLE001 - any failure to read is the finding
        problems.append(f"data/tables.xlsx: pandas.read_excel failed: {e}")
        return 0
    names = list(sheets)
    if names[:2] != ["Cover", "Contents"]:
        problems.append(f"data/tables.xlsx: the first sheets are {names[:2]}, not Cover and Contents")
        return 0
    listed = [str(v) for v in sheets["Contents"].iloc[2:, 0]]
    if listed != names[2:]:
        problems.append("data/tables.xlsx: Contents does not list every table sheet in order")
    csvs = {name[:-4][:31]: os.path.join(site, "data", name) for name in os.listdir(os.path.join(site, "data"))
            if name.endswith(".csv")}
    compared = 0
    for name in names[2:]:
        frame = sheets[name]
        if frame.shape[0] < 3 or not isinstance(frame.iloc[0, 0], str) or not frame.iloc[0, 0]:
            problems.append(f"data/tables.xlsx: sheet {name}: no title in A1 and header in row 3")
            continue
        if name not in csvs:
            continue
        cells = frame.iloc[3:, 1:].values.ravel()
        numbers = sorted(round(float(v), 6) for v in cells if isinstance(v, (int, float)) and not pd.isna(v))
        symbols = sorted(str(v) for v in cells if isinstance(v, str))
        with open(csvs[name], encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        want_numbers = sorted(round(float(r["value"]), 6) for r in rows if r["value"])
        want_symbols = sorted(r["symbol"] for r in rows if r["symbol"])
        if numbers != want_numbers or symbols != want_symbols:
            problems.append(f"data/tables.xlsx: sheet {name} does not hold the figures of {os.path.basename(csvs[name])}")
        compared += 1
    if compared == 0:
        problems.append("data/tables.xlsx: no sheet matched a chart CSV")
    return compared


class _Tables(html.parser.HTMLParser):
    """Every <table> of a page, in order: its body rows as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self._row, self._cell, self._in_body = [], None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def _shown(text):
    """A table cell as the spreadsheet should hold it: "1,234" and "48%" as numbers, the rest text."""
    t = text.replace(",", "")
    if t.endswith("%"):
        t = t[:-1]
    try:
        return float(t), (len(t) - t.index(".") - 1) if "." in t else 0
    except ValueError:
        return text, None


def check_report_workbook(pd, report, problems):
    """data/report-tables.xlsx: a Cover and a Contents sheet, then Table_1, Table_2, ... one per
    table of report.html in its order, each holding that table's body exactly: its numbers (at
    the places the report shows) and its words and symbols."""
    path = os.path.join(report, "data", "report-tables.xlsx")
    page = os.path.join(report, "report.html")
    if not os.path.exists(path) or not os.path.exists(page):
        return 0
    parser = _Tables()
    with open(page, encoding="utf-8") as fh:
        parser.feed(fh.read())
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None)
    except Exception as e:  # noqa: BLE001 - any failure to read is the finding
        problems.append(f"data/report-tables.xlsx: pandas.read_excel failed: {e}")
        return 0
    names = list(sheets)
    want = ["Cover", "Contents"] + [f"Table_{i + 1}" for i in range(len(parser.tables))]
    if names != want:
        problems.append(f"data/report-tables.xlsx: sheets {names[:4]}... ({len(names)}), not Cover, Contents and "
                        f"one per table of report.html ({len(parser.tables)})")
        return 0
    compared = 0
    for name, table in zip(names[2:], parser.tables):
        frame = sheets[name]
        body = frame.iloc[3:, :].values.tolist()
        if len(body) != len(table):
            problems.append(f"data/report-tables.xlsx: {name} has {len(body)} rows, the report's table {len(table)}")
            continue
        for got_row, want_row in zip(body, table):
            for got, text in zip(got_row, want_row):
                value, places = _shown(text)
                if places is None:
                    ok = str(got) == text or (text == "" and pd.isna(got))  # an empty cell
                else:
                    ok = isinstance(got, (int, float)) and round(float(got), places) == round(value, places)
                if not ok:
                    problems.append(f"data/report-tables.xlsx: {name}: {got!r} where the report shows {text!r}")
                    break
        compared += 1
    return compared


def check_sites(sites, fictional=False):
    try:
        import pandas as pd
    except ImportError:
        print("pandas is not installed: scripts/setup.sh installs Debian's python3-pandas")
        return 1
    sys.path.insert(0, HERE)
    try:
        import screen_ees
    except ImportError:
        screen_ees = None
    problems, files, screened, expected = [], 0, 0, 0
    for site in sites:
        for path in csv_files(site):
            rel = os.path.relpath(path, site)
            files += 1
            found = []
            checked = check_with_csv_module(path, rel, found)
            if checked:
                check_with_pandas(pd, path, rel, *checked, found)
            problems += found[:5] + ([f"{rel}: and {len(found) - 5} more problems"] if len(found) > 5 else [])
            if screen_ees and "open-data" in rel and not rel.endswith(".meta.csv"):
                screened += 1
                meta = path[:-4] + ".meta.csv"
                for problem in screen_ees.screen(path, meta):
                    if ": warning: " in problem:
                        continue  # the screener's warnings do not stop a file being published
                    if fictional and any(f": {rule}: " in problem for rule in GEOGRAPHY_LOOKUPS):
                        expected += 1  # a fictional area is in no geography lookup
                        continue
                    problems.append(f"screener: {problem}")
    sheets = sum(check_workbook(pd, site, problems) for site in sites)
    report_sheets = sum(check_report_workbook(pd, site, problems) for site in sites)
    if files == 0:
        problems.append("no CSV file found under " + ", ".join(sites))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problems in {files} CSV files")
        return 1
    print(f"data files passed: {files} CSV files opened with csv and pandas"
          + (f", {screened} screened" if screen_ees else ", no screener (screen_ees.py absent)")
          + (f" ({expected} lookup failures of fictional areas set aside)" if expected else "")
          + f"; {sheets} spreadsheet tables matched their CSVs"
          + (f", {report_sheets} matched the report's tables" if report_sheets else ""))
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sites", nargs="*")
    ap.add_argument("--careboard")
    ap.add_argument("--config")
    ap.add_argument("--profile", default="public")
    ap.add_argument("--synth")
    ap.add_argument("--fictional-areas", action="store_true",
                    help="the areas are fictional: set aside the screener's geography lookup failures")
    args = ap.parse_args()
    if not args.careboard:
        return check_sites(args.sites, args.fictional_areas)
    with tempfile.TemporaryDirectory() as tmp:
        common = ["--quiet", "--profile", args.profile]
        if args.synth:
            data = os.path.join(tmp, "data")
            subprocess.run([args.careboard, "synth", "--out", data] + shlex.split(args.synth), check=True,
                           stdout=subprocess.DEVNULL)
            common += ["--data", data]
        if args.config:
            common += ["--config", args.config]
        site, report = os.path.join(tmp, "site"), os.path.join(tmp, "report")
        for cmd in ([args.careboard, "build", "--out", site] + common,
                    [args.careboard, "report", "--no-pdf", "--out", report] + common):
            built = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
            if built.returncode != 0:
                print(" ".join(cmd[:2]) + " failed:\n" + built.stderr)
                return 1
        return check_sites([site, report], args.fictional_areas)


if __name__ == "__main__":
    sys.exit(main())
