#!/usr/bin/env python3
"""Offline checker of the DfE "Explore education statistics" (EES) open data standards.

    python3 screen_ees.py DATA.csv [DATA.meta.csv] [--lookups DIR] [--max-per-rule N]

This re-implements, independently and in Python's standard library only, the checks that
the DfE's data screener applies to a data file and its metadata file, as far as they can
be decided from the two files alone. Its sources are the rules of the screener's current
R package `eesyscreener` (one function per check: `check_*` / `precheck_*`, run by
`screen_csv()` in stages), and of the older screener app `dfe-published-data-qa` for the
file-level checks that eesyscreener leaves to its CSV reader. Each rule below names the
screener check it stands for and says whether the screener FAILs or only WARNs on it.

Output: one line per problem,
    FILE:LINE: rule_name: message               (a failure: the screener would reject)
    FILE:LINE: rule_name: warning: message      (a warning: reported, but does not fail)
then a one-line summary. The exit status is 1 if any rule failed, else 0 (warnings alone
give 0). LINE is the physical line in FILE where the record starts (1 = header line);
problems about a whole column or file point at the header or at the metadata row that
defines the column.

Importable: screen(data_path, meta_path=None, lookups_dir=None) -> list[str] returns
the same lines; screen_report(...) returns a Report with structured problems.

Where this differs from running the real screener:
  * The screener stops at the first stage with a failure; this checker runs every rule
    whose inputs are usable, so it can list more problems at once.
  * Geography code/name combinations (check_geog_*_combos) are matched by the screener
    against lookup tables it ships. Country and region lists are small and built in here;
    for local authorities and the other levels only the code *format* is checked, unless
    `--lookups DIR` points at a folder holding the screener's lookup CSVs (country.csv,
    regions.csv, las.csv, lads.csv, pcons.csv, pcon_2024_v2.csv, leps.csv, lsips.csv,
    english_devolved_areas.csv, ward_lad_la_pcon_hierarchy.csv,
    universal_geog_options.csv), in which case exact combinations are checked.
  * Not implemented (they need reference data outside the two files, and only warn):
    check_harmonised_eth_vals, check_harmonised_eth_char_vals (GSS ethnicity lookup),
    check_data_dict_col_name, check_data_dict_fil_item (the EES API data dictionary).
"""

import argparse
import csv
import io
import os
import re
import sys
from collections import Counter, OrderedDict, defaultdict

FAIL = "fail"
WARN = "warning"

# --------------------------------------------------------------------------------------
# Reference values (as used by the screener; see eesyscreener data-raw/ and
# dfe-published-data-qa R/knownVariables.r)
# --------------------------------------------------------------------------------------

REQUIRED_DATA_COLS = ["geographic_level", "time_period", "time_identifier",
                      "country_code", "country_name"]
REQUIRED_META_COLS = ["col_name", "col_type", "label", "indicator_grouping",
                      "indicator_unit", "indicator_dp", "filter_hint",
                      "filter_grouping_column"]
OPTIONAL_META_COLS = ["filter_default", "parent_filter"]

_TERMS = ["Autumn term", "Spring term", "Summer term"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_WEEKS = ["Week %d" % n for n in range(1, 53)]
_FIN_QUARTERS = ["Financial year Q%d" % n for n in range(1, 5)]
_FIN_HALVES = ["Part 1 (April to September)", "Part 2 (October to March)"]

# Families of time identifiers; a file may only mix identifiers from one family.
TIME_ID_FAMILIES = [
    ["Autumn and spring term"], ["Calendar year"], ["Financial year"], ["Academic year"],
    ["Tax year"], ["Reporting year"], _TERMS, _WEEKS, _MONTHS, _FIN_QUARTERS, _FIN_HALVES,
]
ALL_TIME_IDS = {t for fam in TIME_ID_FAMILIES for t in fam}
FOUR_DIGIT_TIME_IDS = {"Calendar year", "Reporting year", *_WEEKS, *_MONTHS}
SIX_DIGIT_TIME_IDS = ALL_TIME_IDS - FOUR_DIGIT_TIME_IDS

# geographic_level -> (code column, name column, secondary code column)
GEOGRAPHY = OrderedDict([
    ("National", ("country_code", "country_name", None)),
    ("Regional", ("region_code", "region_name", None)),
    ("Local authority", ("new_la_code", "la_name", "old_la_code")),
    ("Local authority district", ("lad_code", "lad_name", None)),
    ("RSC region", (None, "rsc_region_lead_name", None)),
    ("Parliamentary constituency", ("pcon_code", "pcon_name", None)),
    ("Local skills improvement plan area", ("lsip_code", "lsip_name", None)),
    ("Local enterprise partnership", ("local_enterprise_partnership_code",
                                      "local_enterprise_partnership_name", None)),
    ("English devolved area", ("english_devolved_area_code",
                               "english_devolved_area_name", None)),
    ("Opportunity area", ("opportunity_area_code", "opportunity_area_name", None)),
    ("Ward", ("ward_code", "ward_name", None)),
    ("MAT", ("trust_id", "trust_name", None)),
    ("Sponsor", ("sponsor_id", "sponsor_name", None)),
    ("School", ("school_urn", "school_name", "school_laestab")),
    ("Provider", ("provider_ukprn", "provider_name", None)),
    ("Institution", ("institution_id", "institution_name", None)),
    ("Planning area", ("planning_area_code", "planning_area_name", None)),
    ("Police force area", ("pfa_code", "pfa_name", None)),
])


def _level_cols(level):
    return [c for c in GEOGRAPHY[level] if c]


GEO_CODE_COLS = [c for lv in GEOGRAPHY.values() for c in (lv[0], lv[2]) if c]
GEO_NAME_COLS = [lv[1] for lv in GEOGRAPHY.values()]
# Observational units: time and geography columns, which must not be in the metadata.
OB_UNITS = ["time_period", "time_identifier", "geographic_level"] + \
    [c for lv in GEOGRAPHY.values() for c in lv if c]
SCH_PROV_NAMES = ["school_name", "provider_name"]

# Column names that look like geography / observational units even though they are not
# the standard names (the screener's potential observational unit pattern).
_OB_PREFIXES = ["country", "sch", "prov", "inst", "estab", "reg", "la", "local", "rsc",
                "pfa", "pcon", "lep", "mca", "oa", "ward", "mat"]
_OB_SUFFIXES = ["name", "code", "urn", "ukprn", "number", "upin", "id"]
_OB_WHOLE = ["laestab", "estab", "sch", "school", "schools", "prov", "provider",
             "providers", "inst", "institution", "institutions", "name", "code", "urn",
             "ukprn", "number", "upin", "id", "region", "la", "lad", "rsc", "pcon", "lep",
             "mca", "oa", "ward", "mat"]
POTENTIAL_OB_UNIT_RE = re.compile(
    "(^(%s).*(%s)$)|(^(%s)$)" % ("|".join(_OB_PREFIXES), "|".join(_OB_SUFFIXES),
                                 "|".join(_OB_WHOLE)), re.IGNORECASE)

# Levels whose columns may legitimately be filled on rows of other levels (a row of a
# level nested inside a geography carries that geography's columns). National columns
# are expected everywhere and never flagged.
_LOW = ["School", "Provider", "Institution"]
COMPATIBLE_LEVELS = {
    "Regional": ["Regional", "Local skills improvement plan area", "Local authority",
                 "Local enterprise partnership", "Opportunity area",
                 "Local authority district", "Parliamentary constituency",
                 "English devolved area", "Ward", *_LOW, "Planning area",
                 "Police force area"],
    "Local authority": ["Local authority", "Parliamentary constituency",
                        "Local authority district", "Ward", *_LOW, "Planning area",
                        "Police force area"],
    "Local authority district": ["Local authority district", "Ward", *_LOW,
                                 "Police force area"],
    "Local skills improvement plan area": ["Local skills improvement plan area",
                                           "Local authority district", *_LOW,
                                           "Planning area"],
    "RSC region": ["RSC region", *_LOW],
    "Parliamentary constituency": ["Parliamentary constituency", *_LOW],
    "Local enterprise partnership": ["Local enterprise partnership", *_LOW],
    "English devolved area": ["English devolved area", *_LOW],
    "Opportunity area": ["Opportunity area", *_LOW],
    "Ward": ["Ward", *_LOW],
    "MAT": ["MAT", *_LOW],
    "Sponsor": ["Sponsor", *_LOW],
    "Planning area": ["Planning area", *_LOW],
    "Police force area": ["Police force area", *_LOW],
    "School": ["School"],
    "Provider": ["Provider"],
    "Institution": ["Institution"],
}

ACCEPTABLE_INDICATOR_UNITS = ["%", "pp", "£", "£m", "numberstring"]
GSS_SYMBOLS = ["x", "z", "c", "low"]          # accepted in indicator cells
LEGACY_GSS_SYMBOLS = ["~", ":"]               # obsolete: fail in indicator cells
NULL_SYMBOLS = ["NULL", "Null", "null", "NA", "na"]
LEGACY_NO_DATA_SYMBOLS = ["N/A", "n/a", ".", "..", "-"]
TOTAL_VALUES = ["Total", "total", "All", "all"]
FILTER_ITEM_LIMIT = 25000
API_LIMIT_LOCATION_CODE = 30
API_LIMIT_COLUMN_NAME = 50
API_LIMIT_COLUMN_LABEL = 100
API_LIMIT_ITEM = 120

# Indicator names containing these suggest filter values folded into indicators.
SMUSHED_SUBSTRINGS = ["male", "female", "asian", "chinese", "indian", "pakistani",
                      "bangladeshi", "black", "african", "caribbean", "white", "roma",
                      "irish", "english", "british", "scottish", "welsh",
                      "northern irish", "arab"]

# Harmonised variables: a column whose name contains one of the search strings must use
# one of the harmonised names.
HARMONISED_SEARCH = ["sen_", "primary_need", "secondary_need", "establishment_type",
                     "provider_type", "school_type", "ethnic"]
HARMONISED_NAMES = ["sen_status", "sen_primary_need", "sen_secondary_need",
                    "sen_provision", "establishment_type", "establishment_type_group",
                    "provider_type", "ethnicity_major", "ethnicity_minor",
                    "ethnicity_detailed", "minority_ethnic"]
ETHNIC_CHAR_GROUPS = ["Ethnicity Major", "Ethnicity Minor", "Ethnicity Detailed",
                      "Minority Ethnic"]

# Built-in geography lookups (GSS codes); "z" entries are the screener's own.
COUNTRIES = {
    ("E92000001", "England"), ("K02000001", "United Kingdom"),
    ("K03000001", "Great Britain"), ("K04000001", "England and Wales"),
    ("N92000002", "Northern Ireland"), ("S92000003", "Scotland"),
    ("W92000004", "Wales"), ("z", "England, Wales and Northern Ireland"),
}
REGIONS = {
    ("E12000001", "North East"), ("E12000002", "North West"),
    ("E12000003", "Yorkshire and The Humber"), ("E12000004", "East Midlands"),
    ("E12000005", "West Midlands"), ("E12000006", "East of England"),
    ("E12000007", "London"), ("E12000008", "South East"), ("E12000009", "South West"),
    ("E13000001", "Inner London"), ("E13000002", "Outer London"),
}
# Values allowed at any geographic level, always with code "z".
UNIVERSAL_GEOG = {("z", n) for n in [
    "Not applicable", "Unknown", "Outside of England", "Outside of the United Kingdom",
    "Outside of England and unknown", "Outside of the United Kingdom and unknown"]}

NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
SNAKE_BAD_CHARS_RE = re.compile(r"[^a-z0-9_]")
GSS_CODE_RE = re.compile(r"^[EKNSW]\d{8}$")
LA_CODE_RE = re.compile(r"^E(06|08|09|10)\d{6}$")
OLD_LA_CODE_RE = re.compile(r"^\d{3}( / \d{3})*$")

# --------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------


class Row:
    __slots__ = ("line", "values")

    def __init__(self, line, values):
        self.line = line
        self.values = values


class Table:
    """One CSV file as the screener's reader would see it, plus facts about its form."""

    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.exists = os.path.isfile(path)
        self.read_error = None        # (line, message) that stopped reading
        self.decode_error_line = None  # first line with bytes that are not UTF-8
        self.header = None
        self.header_line = 1
        self.header_notes = []        # (line, message) about where the header was
        self.rows = []                # non-blank records, padded to the header width
        self.blank_lines = []         # lines of records with every field empty
        self.ragged = []              # (line, field count) for rows of the wrong width
        self.index = {}
        if self.exists:
            self._read()

    def _read(self):
        with open(self.path, "rb") as f:
            raw = f.read()
        if not raw.strip():
            self.read_error = (1, "the file is empty")
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.decode_error_line = raw[:e.start].count(b"\n") + 1
            text = raw.decode("utf-8", errors="replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        records = []
        start = 1
        while True:
            try:
                rec = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                self.read_error = (reader.line_num, "CSV could not be parsed (%s); check "
                                   "the quoting on or before this line" % e)
                break
            records.append((start, rec))
            start = reader.line_num + 1
        if not records:
            self.read_error = (1, "the file has no records")
            return
        hdr_at = 0
        first_line, first = records[0]
        if not any(v.strip() for v in first):
            self.header_notes.append((first_line, "line 1 is blank; the column names "
                                      "must be on line 1"))
            hdr_at = next((i for i, (_, r) in enumerate(records) if any(v.strip() for v in r)),
                          None)
            if hdr_at is None:
                self.read_error = (1, "the file has no column names")
                return
        if not self._looks_like_header(records[hdr_at][1]):
            for i in range(hdr_at + 1, min(len(records), hdr_at + 21)):
                if self._looks_like_header(records[i][1]):
                    self.header_notes.append((
                        records[i][0], "the column names appear on line %d, not line 1; "
                        "lines above them would be read as the header" % records[i][0]))
                    hdr_at = i
                    break
        self.header_line, self.header = records[hdr_at]
        width = len(self.header)
        for line, rec in records[hdr_at + 1:]:
            if not any(v != "" for v in rec):
                self.blank_lines.append(line)
                continue
            if len(rec) != width:
                self.ragged.append((line, len(rec)))
                rec = (rec + [""] * width)[:width]
            self.rows.append(Row(line, rec))
        for i, name in enumerate(self.header):
            self.index.setdefault(name, i)

    @staticmethod
    def _looks_like_header(rec):
        names = set(v.strip().lstrip("\ufeff").strip('"') for v in rec)
        # data header or meta header
        return ({"time_period", "geographic_level"} <= names
                or {"col_name", "col_type"} <= names)

    @property
    def usable(self):
        return self.header is not None

    def has(self, col):
        return col in self.index

    def col(self, col):
        i = self.index[col]
        return [r.values[i] for r in self.rows]

    def get(self, row, col):
        i = self.index.get(col)
        return "" if i is None else row.values[i]


def _load_lookups(folder):
    """Read the screener's geography lookup CSVs from folder, where present."""
    def read(fname):
        p = os.path.join(folder, fname)
        if not os.path.isfile(p):
            return None
        with open(p, encoding="utf-8-sig", newline="") as f:
            # values are trimmed, as the screener's reader (readr) does
            return [{k.strip(): (v or "").strip() for k, v in r.items() if k is not None}
                    for r in csv.DictReader(f)]

    out = {}
    uni = read("universal_geog_options.csv")
    if uni is not None:
        out["universal"] = {(r["code"], r["name"]) for r in uni}
    specs = {
        "country_code": [("country.csv", "country_code", "country_name")],
        "region_code": [("regions.csv", "region_code", "region_name")],
        "lad_code": [("lads.csv", "lad_code", "lad_name")],
        "pcon_code": [("pcons.csv", "pcon_code", "pcon_name"),
                      ("pcon_2024_v2.csv", "PCON24CD", "PCON24NM")],
        "local_enterprise_partnership_code": [
            ("leps.csv", "local_enterprise_partnership_code",
             "local_enterprise_partnership_name")],
        "lsip_code": [("lsips.csv", "lsip_code", "lsip_name")],
        "english_devolved_area_code": [
            ("english_devolved_areas.csv", "english_devolved_area_code",
             "english_devolved_area_name")],
        "ward_code": [("ward_lad_la_pcon_hierarchy.csv", "ward_code", "ward_name")],
    }
    for key, files in specs.items():
        combos = None
        for fname, c, n in files:
            rows = read(fname)
            if rows is not None:
                combos = (combos or set()) | {(r[c], r[n]) for r in rows}
        if combos is not None:
            out[key] = combos
    las = read("las.csv")
    if las is not None:
        out["new_la_code"] = {(r["old_la_code"], r["new_la_code"], r["la_name"])
                              for r in las}
    return out


# --------------------------------------------------------------------------------------
# Problems and the rule registry
# --------------------------------------------------------------------------------------


class Problem:
    __slots__ = ("path", "line", "rule", "severity", "message")

    def __init__(self, path, line, rule, severity, message):
        self.path, self.line, self.rule = path, line, rule
        self.severity, self.message = severity, message

    def format(self):
        if self.severity == WARN:
            return "%s:%d: %s: warning: %s" % (self.path, self.line, self.rule, self.message)
        return "%s:%d: %s: %s" % (self.path, self.line, self.rule, self.message)

    def __repr__(self):
        return "Problem(%r)" % self.format()


class Report:
    def __init__(self, problems, rules_checked, rules_skipped):
        self.problems = problems
        self.rules_checked = rules_checked    # names of rules that ran
        self.rules_skipped = rules_skipped    # names of rules whose inputs were unusable

    @property
    def failed(self):
        return any(p.severity == FAIL for p in self.problems)

    def failed_rules(self):
        return sorted({p.rule for p in self.problems if p.severity == FAIL})

    def warned_rules(self):
        return sorted({p.rule for p in self.problems if p.severity == WARN})

    def lines(self):
        return [p.format() for p in self.problems]


RULES = []   # (name, default severity, method name), in running order


def rule(name, severity=FAIL):
    def deco(fn):
        RULES.append((name, severity, fn.__name__))
        return fn
    return deco


SKIP = object()


def _q(values):
    return ", ".join("'%s'" % v for v in values)


def _first_lines(rows, values):
    """value -> first line on which it occurs, in file order."""
    out = OrderedDict()
    for r, v in zip(rows, values):
        out.setdefault(v, r.line)
    return out


class Screener:
    def __init__(self, data_path, meta_path, lookups_dir=None, max_per_rule=20):
        self.data = Table(data_path)
        self.meta = Table(meta_path)
        self.lookups = _load_lookups(lookups_dir) if lookups_dir else {}
        self.max_per_rule = max_per_rule
        self._current = None
        self._found = []

    # --- reporting helpers -------------------------------------------------------------

    def report(self, table, line, message, severity=None):
        self._found.append(Problem(table.path, line, self._current[0],
                                   severity or self._current[1], message))

    def run(self):
        problems, checked, skipped = [], [], []
        for name, severity, method in RULES:
            self._current = (name, severity)
            self._found = []
            result = getattr(self, method)()
            if result is SKIP:
                skipped.append(name)
                continue
            checked.append(name)
            found = self._found
            if self.max_per_rule and len(found) > self.max_per_rule:
                extra = found[self.max_per_rule]
                more = len(found) - self.max_per_rule
                found = found[:self.max_per_rule] + [Problem(
                    extra.path, extra.line, name, extra.severity,
                    "%d more problem(s) of this kind not shown" % more)]
            problems.extend(found)
        return Report(problems, checked, skipped)

    # --- shared views of the two files -------------------------------------------------

    def data_ok(self, *cols):
        return self.data.usable and all(self.data.has(c) for c in cols)

    def meta_ok(self):
        return self.meta.usable and self.meta.has("col_name") and self.meta.has("col_type")

    def meta_rows(self):
        return self.meta.rows if self.meta_ok() else []

    def mget(self, row, col):
        return self.meta.get(row, col)

    def filters(self):
        return [self.mget(r, "col_name") for r in self.meta_rows()
                if self.mget(r, "col_type") == "Filter"]

    def indicators(self):
        return [self.mget(r, "col_name") for r in self.meta_rows()
                if self.mget(r, "col_type") == "Indicator"]

    def filter_groups(self):
        return [self.mget(r, "filter_grouping_column") for r in self.meta_rows()
                if self.mget(r, "filter_grouping_column") != ""]

    def meta_line_of(self, col):
        """The metadata line that defines or names a column, else the header line."""
        for r in self.meta_rows():
            if self.mget(r, "col_name") == col:
                return r.line
        for r in self.meta_rows():
            if self.mget(r, "filter_grouping_column") == col:
                return r.line
        return self.meta.header_line

    def levels(self):
        return self.data.col("geographic_level") if self.data_ok("geographic_level") else []

    def levels_present(self):
        return list(OrderedDict.fromkeys(self.levels()))

    def sch_prov_special(self):
        """The screener allows school_name / provider_name as the only filter."""
        f, g = self.filters(), self.filter_groups()
        return len(f) == 1 and (f[0] in SCH_PROV_NAMES or (g and g[0] in SCH_PROV_NAMES))

    # ==================================================================================
    # File-level checks
    # ==================================================================================

    # screen_csv() "file_read" (FAIL): the file must exist, be a .csv and be parseable
    # (unbalanced quotes make the screener's CSV reader stop with an error).
    @rule("file_read")
    def r_file_read(self):
        for t in (self.data, self.meta):
            if not t.exists:
                self.report(t, 1, "no file found at %s" % t.path)
                continue
            if not t.name.lower().endswith(".csv"):
                self.report(t, 1, "the file name does not end in .csv, so it is not "
                            "accepted as a CSV file")
            if t.read_error:
                self.report(t, t.read_error[0], t.read_error[1])

    # dfe-published-data-qa preCheck2 `utf8` (FAIL); eesyscreener's reader rejects
    # invalid UTF-8 at "file_read". A UTF-8 byte order mark is accepted.
    @rule("utf8")
    def r_utf8(self):
        if not (self.data.exists or self.meta.exists):
            return SKIP
        for t in (self.data, self.meta):
            if t.decode_error_line:
                self.report(t, t.decode_error_line, "the file is not valid UTF-8 (first "
                            "bad byte on this line); save it with UTF-8 encoding")

    # dfe-published-data-qa fileValidation `file_separator` (FAIL): comma delimited.
    @rule("file_separator")
    def r_file_separator(self):
        if not (self.data.usable or self.meta.usable):
            return SKIP
        for t in (self.data, self.meta):
            if t.usable and len(t.header) == 1:
                h = t.header[0]
                seen = [s for s in ("\t", ";", "|") if s in h]
                self.report(t, t.header_line, "the file does not appear to be comma "
                            "delimited%s" % (" (found %r in the header)" % seen[0]
                                              if seen else ""))

    # No direct screener check: the screener's reader takes line 1 as the header, so a
    # title row or blank first line makes precheck_col_req_data / _req_meta FAIL.
    @rule("header_row")
    def r_header_row(self):
        if not (self.data.usable or self.meta.usable):
            return SKIP
        for t in (self.data, self.meta):
            for line, msg in t.header_notes:
                self.report(t, line, msg)

    # dfe-published-data-qa preCheck1 `duplicate_variable_names` (FAIL).
    @rule("duplicate_variable_names")
    def r_duplicate_variable_names(self):
        if not self.data.usable:
            return SKIP
        for name, n in Counter(self.data.header).items():
            if n > 1 and name != "":
                self.report(self.data, self.data.header_line,
                            "the column name '%s' appears %d times in the data file" % (name, n))

    # No direct screener check (its reader renames a nameless column, e.g. to
    # 'columnN', which then only draws warnings); failed here because every EES column
    # needs a real name.
    @rule("col_name_blank")
    def r_col_name_blank(self):
        if not (self.data.usable or self.meta.usable):
            return SKIP
        for t in (self.data, self.meta):
            if t.usable:
                blanks = [i + 1 for i, n in enumerate(t.header) if n.strip() == ""]
                if blanks:
                    self.report(t, t.header_line, "column(s) at position %s have no name"
                                % ", ".join(map(str, blanks)))

    # screen_csv() "file_read" (FAIL): rows with a different number of fields from the
    # header are rejected by the screener's CSV reader.
    @rule("row_field_count")
    def r_row_field_count(self):
        if not (self.data.usable or self.meta.usable):
            return SKIP
        for t in (self.data, self.meta):
            if t.usable:
                for line, n in t.ragged:
                    self.report(t, line, "this row has %d fields but the header has %d"
                                % (n, len(t.header)))

    # dfe-published-data-qa fileValidation `data_empty_rows` (FAIL).
    @rule("data_empty_rows")
    def r_data_empty_rows(self):
        if not self.data.usable:
            return SKIP
        for line in self.data.blank_lines:
            self.report(self.data, line, "blank row in the data file")

    # dfe-published-data-qa fileValidation `meta_empty_rows` (FAIL).
    @rule("meta_empty_rows")
    def r_meta_empty_rows(self):
        if not self.meta.usable:
            return SKIP
        for line in self.meta.blank_lines:
            self.report(self.meta, line, "blank row in the metadata file")

    # dfe-published-data-qa fileValidation `data_empty_cols` FAILs; eesyscreener has no
    # such check and passes files with an all-blank column, so only WARN here.
    @rule("data_empty_cols", WARN)
    def r_data_empty_cols(self):
        if not self.data.usable or not self.data.rows:
            return SKIP
        for i, name in enumerate(self.data.header):
            if all(r.values[i] == "" for r in self.data.rows):
                self.report(self.data, self.data.header_line,
                            "the column '%s' is empty on every row" % name)

    # ==================================================================================
    # Filenames (eesyscreener screen_filenames)
    # ==================================================================================

    # check_filename_spaces (FAIL), for the data and the metadata file names.
    @rule("check_filename_spaces")
    def r_filename_spaces(self):
        for t in (self.data, self.meta):
            if " " in t.name:
                self.report(t, 1, "there are spaces that need removing in '%s' (filename)"
                            % t.name)

    # check_filename_special (FAIL): only letters, digits, hyphens, underscores.
    @rule("check_filename_special")
    def r_filename_special(self):
        for t in (self.data, self.meta):
            stem = re.sub(r"\.[A-Za-z0-9]+$", "", t.name)
            stem = re.sub(r"\.meta$", "", stem)
            bad = OrderedDict.fromkeys(ch for ch in stem
                                       if not (ch.isalnum() or ch in "-_" or ch.isspace()))
            if bad:
                self.report(t, 1, "special characters need removing from %s (filename): "
                            "%s; filenames must only contain numbers, letters, hyphens or "
                            "underscores" % (t.name, " ".join(bad)))

    # check_filenames_match (FAIL): metadata file named like the data file.
    @rule("check_filenames_match")
    def r_filenames_match(self):
        expected = re.sub(r"\.csv", ".meta.csv", self.data.name, count=1)
        if self.meta.name != expected:
            self.report(self.meta, 1, "the metadata file name is expected to be '%s' for "
                        "the data file '%s'" % (expected, self.data.name))

    # ==================================================================================
    # Pre-check columns
    # ==================================================================================

    # precheck_col_req_meta (FAIL).
    @rule("precheck_col_req_meta")
    def r_col_req_meta(self):
        if not self.meta.usable:
            return SKIP
        missing = [c for c in REQUIRED_META_COLS if not self.meta.has(c)]
        if missing:
            self.report(self.meta, self.meta.header_line, "required metadata column(s) "
                        "missing: %s" % _q(missing))

    # precheck_col_invalid_meta (FAIL).
    @rule("precheck_col_invalid_meta")
    def r_col_invalid_meta(self):
        if not self.meta.usable:
            return SKIP
        allowed = set(REQUIRED_META_COLS + OPTIONAL_META_COLS)
        extra = [c for c in self.meta.header if c not in allowed]
        if extra:
            self.report(self.meta, self.meta.header_line, "invalid metadata column(s): %s; "
                        "allowed are the required columns plus %s"
                        % (_q(extra), _q(OPTIONAL_META_COLS)))

    # precheck_col_req_data (FAIL): time_period, time_identifier, geographic_level,
    # country_code, country_name.
    @rule("precheck_col_req_data")
    def r_col_req_data(self):
        if not self.data.usable:
            return SKIP
        missing = [c for c in REQUIRED_DATA_COLS if not self.data.has(c)]
        if missing:
            self.report(self.data, self.data.header_line, "required data column(s) "
                        "missing: %s" % _q(missing))

    # precheck_col_to_rows (FAIL): no more metadata rows than non-mandatory data columns.
    @rule("precheck_col_to_rows")
    def r_col_to_rows(self):
        if not (self.data.usable and self.meta.usable):
            return SKIP
        data_cols = len(self.data.header) - 5
        if data_cols < len(self.meta.rows):
            self.report(self.meta, self.meta.header_line,
                        "there are more rows in the metadata file (%d) than non-mandatory "
                        "columns in the data file (%d)" % (len(self.meta.rows), data_cols))

    # ==================================================================================
    # Pre-check cross-file
    # ==================================================================================

    # precheck_cross_meta_to_data (FAIL) covers filters and filter groups; the older
    # screener app's meta_to_data_crosscheck (FAIL) covered every col_name, as here.
    @rule("precheck_cross_meta_to_data")
    def r_cross_meta_to_data(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        seen = set()
        for r in self.meta.rows:
            for c in ("col_name", "filter_grouping_column"):
                v = self.mget(r, c)
                if v and v not in seen and not self.data.has(v):
                    seen.add(v)
                    self.report(self.meta, r.line, "'%s' is in the metadata but is not a "
                                "column of the data file" % v)

    # precheck_cross_data_to_meta (WARN): data columns that are not observational units,
    # have more than one value and are not described in the metadata.
    @rule("precheck_cross_data_to_meta", WARN)
    def r_cross_data_to_meta(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        described = set(self.mget(r, "col_name") for r in self.meta.rows) | \
            set(self.filter_groups())
        for name in OrderedDict.fromkeys(self.data.header):
            if name in OB_UNITS or name in described or name == "":
                continue
            if len(set(self.data.col(name))) > 1:
                self.report(self.data, self.data.header_line,
                            "the column '%s' is not an observational unit, has more than "
                            "one value and is not described in the metadata" % name)

    # ==================================================================================
    # Check columns
    # ==================================================================================

    # check_col_names_spaces (FAIL).
    @rule("check_col_names_spaces")
    def r_col_names_spaces(self):
        if not self.data.usable:
            return SKIP
        bad = [n for n in self.data.header if re.search(r"\s", n)]
        if bad:
            self.report(self.data, self.data.header_line, "variable name(s) with spaces "
                        "that need removing: %s" % _q(bad))

    # check_col_snake_case (WARN): only lowercase letters, digits and underscores.
    @rule("check_col_snake_case", WARN)
    def r_col_snake_case(self):
        if not self.data.usable:
            return SKIP
        for n in self.data.header:
            bad = OrderedDict.fromkeys(SNAKE_BAD_CHARS_RE.findall(n))
            if bad and n.strip():
                self.report(self.data, self.data.header_line, "the variable name '%s' is "
                            "not snake_case (invalid characters %s)" % (n, _q(bad)))

    # check_col_var_start (WARN): names start with a lowercase letter.
    @rule("check_col_var_start", WARN)
    def r_col_var_start(self):
        if not self.data.usable:
            return SKIP
        bad = [n for n in self.data.header if n.strip() and not re.match(r"[a-z]", n)]
        if bad:
            self.report(self.data, self.data.header_line, "variable name(s) not starting "
                        "with a lowercase letter: %s" % _q(bad))

    # check_col_ind_smushed (FAIL): indicator names holding filter-like words.
    @rule("check_col_ind_smushed")
    def r_col_ind_smushed(self):
        if not self.meta_ok():
            return SKIP
        for r in self.meta.rows:
            name = self.mget(r, "col_name")
            if self.mget(r, "col_type") == "Indicator":
                hits = [s for s in SMUSHED_SUBSTRINGS if s in name.lower()]
                if hits:
                    self.report(self.meta, r.line, "the indicator '%s' contains '%s', which "
                                "looks like a filter value; pivot the data longer and add a "
                                "filter instead" % (name, hits[0]))

    # check_col_var_characteristic (WARN): 'characteristic' / 'characteristic_group'.
    @rule("check_col_var_characteristic", WARN)
    def r_col_var_characteristic(self):
        if not self.meta_ok():
            return SKIP
        names = {self.mget(r, "col_name") for r in self.meta.rows} | set(self.filter_groups())
        for c in ("characteristic", "characteristic_group"):
            if c in names:
                self.report(self.meta, self.meta_line_of(c), "'%s' is not recommended as a "
                            "field for the EES table tool" % c)

    # ==================================================================================
    # Pre-check meta
    # ==================================================================================

    # precheck_meta_col_type (FAIL): 'Filter' or 'Indicator' (blank is invalid too).
    @rule("precheck_meta_col_type")
    def r_meta_col_type(self):
        if not self.meta_ok():
            return SKIP
        for r in self.meta.rows:
            t = self.mget(r, "col_type")
            if t not in ("Filter", "Indicator"):
                self.report(self.meta, r.line, "invalid col_type '%s'; it must be 'Filter' "
                            "or 'Indicator'" % t)

    # precheck_meta_ob_unit (FAIL): observational units (except school_name and
    # provider_name) must not be in col_name or filter_grouping_column.
    @rule("precheck_meta_ob_unit")
    def r_meta_ob_unit(self):
        if not self.meta_ok():
            return SKIP
        banned = set(OB_UNITS) - set(SCH_PROV_NAMES)
        for r in self.meta.rows:
            for c in ("col_name", "filter_grouping_column"):
                v = self.mget(r, c)
                if v in banned:
                    self.report(self.meta, r.line, "the observational unit '%s' needs "
                                "removing from the metadata file" % v)

    # precheck_meta_col_name (FAIL): col_name completed on every row.
    @rule("precheck_meta_col_name")
    def r_meta_col_name(self):
        if not self.meta_ok():
            return SKIP
        for r in self.meta.rows:
            if self.mget(r, "col_name").strip() == "":
                self.report(self.meta, r.line, "col_name is blank")

    # ==================================================================================
    # Check meta
    # ==================================================================================

    # check_meta_dupe_label (FAIL).
    @rule("check_meta_dupe_label")
    def r_meta_dupe_label(self):
        if not (self.meta_ok() and self.meta.has("label")):
            return SKIP
        seen = {}
        for r in self.meta.rows:
            lab = self.mget(r, "label")
            if lab.strip() == "":
                continue
            if lab in seen:
                self.report(self.meta, r.line, "the label '%s' is also used on line %d"
                            % (lab, seen[lab]))
            else:
                seen[lab] = r.line

    # check_meta_fil_grp (FAIL): indicators have no filter_grouping_column.
    @rule("check_meta_fil_grp")
    def r_meta_fil_grp(self):
        return self._indicator_field_blank("filter_grouping_column")

    # check_meta_fil_grp_dupe (FAIL): each filter group used by one filter only.
    @rule("check_meta_fil_grp_dupe")
    def r_meta_fil_grp_dupe(self):
        if not (self.meta_ok() and self.meta.has("filter_grouping_column")):
            return SKIP
        seen = {}
        for r in self.meta.rows:
            g = self.mget(r, "filter_grouping_column")
            if g == "":
                continue
            if g in seen:
                self.report(self.meta, r.line, "the filter group '%s' is also given on line "
                            "%d" % (g, seen[g]))
            else:
                seen[g] = r.line

    # check_meta_fil_grp_is_fil (WARN): filter groups should have their own col_name row.
    @rule("check_meta_fil_grp_is_fil", WARN)
    def r_meta_fil_grp_is_fil(self):
        if not (self.meta_ok() and self.meta.has("filter_grouping_column")):
            return SKIP
        names = {self.mget(r, "col_name") for r in self.meta.rows}
        for r in self.meta.rows:
            g = self.mget(r, "filter_grouping_column")
            if g and g not in names:
                self.report(self.meta, r.line, "the filter group '%s' should also appear as a "
                            "col_name row in the metadata" % g)

    # check_meta_fil_grp_match (FAIL): filter groups are columns of the data file.
    @rule("check_meta_fil_grp_match")
    def r_meta_fil_grp_match(self):
        if not (self.data.usable and self.meta_ok()
                and self.meta.has("filter_grouping_column")):
            return SKIP
        for r in self.meta.rows:
            g = self.mget(r, "filter_grouping_column")
            if g and not self.data.has(g):
                self.report(self.meta, r.line, "the filter group '%s' is not a column of the "
                            "data file" % g)

    # check_meta_fil_grp_stripped (FAIL): filter group values stay distinct when
    # non-alphanumeric characters are removed.
    @rule("check_meta_fil_grp_stripped")
    def r_meta_fil_grp_stripped(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        for g in OrderedDict.fromkeys(self.filter_groups()):
            if not self.data.has(g):
                continue
            by_stripped = defaultdict(list)
            for v in OrderedDict.fromkeys(self.data.col(g)):
                by_stripped["".join(ch for ch in v if ch.isalnum())].append(v)
            clashes = [vs for vs in by_stripped.values() if len(vs) > 1]
            for vs in clashes:
                self.report(self.meta, self.meta_line_of(g), "the filter group '%s' has "
                            "values that differ only in punctuation or spacing: %s"
                            % (g, _q(vs)))

    # check_meta_label (FAIL): label completed on every row.
    @rule("check_meta_label")
    def r_meta_label(self):
        if not self.meta_ok():
            return SKIP
        for r in self.meta.rows:
            if self.mget(r, "label").strip() == "":
                self.report(self.meta, r.line, "label is blank for '%s'"
                            % self.mget(r, "col_name"))

    # check_meta_filter_hint (FAIL): indicators have no filter_hint.
    @rule("check_meta_filter_hint")
    def r_meta_filter_hint(self):
        return self._indicator_field_blank("filter_hint")

    # check_meta_geog_catch (FAIL): filters that look like geography columns.
    @rule("check_meta_geog_catch")
    def r_meta_geog_catch(self):
        if not self.meta_ok():
            return SKIP
        special = self.sch_prov_special()
        for r in self.meta.rows:
            cands = []
            if self.mget(r, "col_type") == "Filter":
                cands.append(self.mget(r, "col_name"))
            cands.append(self.mget(r, "filter_grouping_column"))
            for c in cands:
                if not c or (special and c in SCH_PROV_NAMES):
                    continue
                if POTENTIAL_OB_UNIT_RE.search(c):
                    self.report(self.meta, r.line, "the filter '%s' appears to be a "
                                "geographic column and should not be in the metadata" % c)

    # check_meta_indicator_dp (FAIL): filters have no indicator_dp.
    @rule("check_meta_indicator_dp")
    def r_meta_indicator_dp(self):
        return self._filter_field_blank("indicator_dp")

    # check_meta_col_name_spaces (FAIL).
    @rule("check_meta_col_name_spaces")
    def r_meta_col_name_spaces(self):
        if not self.meta_ok():
            return SKIP
        for r in self.meta.rows:
            n = self.mget(r, "col_name")
            if n.strip() and re.search(r"\s", n):
                self.report(self.meta, r.line, "the col_name '%s' has spaces" % n)

    # check_meta_col_name_dupe (FAIL): each column described once.
    @rule("check_meta_col_name_dupe")
    def r_meta_col_name_dupe(self):
        if not self.meta_ok():
            return SKIP
        seen = {}
        for r in self.meta.rows:
            n = self.mget(r, "col_name")
            if n.strip() == "":
                continue
            if n in seen:
                self.report(self.meta, r.line, "the col_name '%s' is also described on line "
                            "%d" % (n, seen[n]))
            else:
                seen[n] = r.line

    # check_meta_ind_dp_set (WARN): indicators should state their decimal places.
    @rule("check_meta_ind_dp_set", WARN)
    def r_meta_ind_dp_set(self):
        if not self.meta_ok():
            return SKIP
        for r in self.meta.rows:
            if self.mget(r, "col_type") == "Indicator" and \
                    self.mget(r, "indicator_dp").strip() == "":
                self.report(self.meta, r.line, "the indicator '%s' has no indicator_dp; "
                            "state the number of decimal places" % self.mget(r, "col_name"))

    # check_meta_ind_dp_values (FAIL): indicator_dp blank or a whole number >= 0.
    @rule("check_meta_ind_dp_values")
    def r_meta_ind_dp_values(self):
        if not (self.meta.usable and self.meta.has("indicator_dp")):
            return SKIP
        for r in self.meta.rows:
            v = self.mget(r, "indicator_dp").strip()
            if v == "":
                continue
            ok = bool(NUMBER_RE.match(v)) and float(v) >= 0 and float(v) == int(float(v))
            if not ok:
                self.report(self.meta, r.line, "indicator_dp '%s' must be blank, zero or a "
                            "positive whole number" % v)

    # check_meta_ind_unit (FAIL): filters have no indicator_unit.
    @rule("check_meta_ind_unit")
    def r_meta_ind_unit(self):
        return self._filter_field_blank("indicator_unit")

    # check_meta_ind_unit_validation (FAIL): indicator_unit from the allowed list.
    @rule("check_meta_ind_unit_validation")
    def r_meta_ind_unit_validation(self):
        if not (self.meta_ok() and self.meta.has("indicator_unit")):
            return SKIP
        for r in self.meta.rows:
            u = self.mget(r, "indicator_unit")
            if self.mget(r, "col_type") == "Indicator" and u != "" and \
                    u not in ACCEPTABLE_INDICATOR_UNITS:
                self.report(self.meta, r.line, "invalid indicator_unit '%s'; allowed are "
                            "blank or %s" % (u, _q(ACCEPTABLE_INDICATOR_UNITS)))

    # check_meta_indicator_grouping (FAIL): filters have no indicator_grouping.
    @rule("check_meta_indicator_grouping")
    def r_meta_indicator_grouping(self):
        return self._filter_field_blank("indicator_grouping")

    def _filter_field_blank(self, field):
        return self._type_field_blank("Filter", field)

    def _indicator_field_blank(self, field):
        return self._type_field_blank("Indicator", field)

    def _type_field_blank(self, col_type, field):
        if not (self.meta_ok() and self.meta.has(field)):
            return SKIP
        for r in self.meta.rows:
            v = self.mget(r, field)
            if self.mget(r, "col_type") == col_type and v != "":
                self.report(self.meta, r.line, "%ss should not have a %s value ('%s' given "
                            "for '%s')" % (col_type.lower(), field, v,
                                           self.mget(r, "col_name")))

    # ==================================================================================
    # Pre-check time
    # ==================================================================================

    # precheck_time_period_num (FAIL): time_period is a 4 or 6 digit number.
    @rule("precheck_time_period_num")
    def r_time_period_num(self):
        if not self.data_ok("time_period"):
            return SKIP
        for v, line in _first_lines(self.data.rows, self.data.col("time_period")).items():
            if not re.fullmatch(r"\d{4}(\d{2})?", v):
                self.report(self.data, line, "invalid time_period '%s'; it must be a 4 or 6 "
                            "digit number" % v)

    # precheck_time_id_valid (FAIL): time_identifier from the allowed list.
    @rule("precheck_time_id_valid")
    def r_time_id_valid(self):
        if not self.data_ok("time_identifier"):
            return SKIP
        for v, line in _first_lines(self.data.rows, self.data.col("time_identifier")).items():
            if v not in ALL_TIME_IDS:
                self.report(self.data, line, "time_identifier is blank" if v == "" else
                            "invalid time_identifier '%s'" % v)

    # precheck_time_id_mix (FAIL): all time_identifiers from the family of the first.
    @rule("precheck_time_id_mix")
    def r_time_id_mix(self):
        if not (self.data_ok("time_identifier") and self.data.rows):
            return SKIP
        ids = self.data.col("time_identifier")
        base = ids[0]
        family = next((f for f in TIME_ID_FAMILIES if base in f), None)
        if family is None:
            return None       # precheck_time_id_valid reports the invalid value
        for v, line in _first_lines(self.data.rows, ids).items():
            if v in ALL_TIME_IDS and v not in family:
                self.report(self.data, line, "the time_identifier '%s' cannot be mixed with "
                            "'%s' (line %d); allowed with it: %s"
                            % (v, base, self.data.rows[0].line, _q(family[:4]) +
                               (", ..." if len(family) > 4 else "")))

    # ==================================================================================
    # Pre-check filters
    # ==================================================================================

    # precheck_filter_not_singular (FAIL): every filter has two or more values.
    @rule("precheck_filter_not_singular")
    def r_filter_not_singular(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        for f in OrderedDict.fromkeys(self.filters()):
            if self.data.has(f) and len(set(self.data.col(f))) < 2:
                self.report(self.meta, self.meta_line_of(f), "the filter '%s' has fewer than "
                            "two values and should be removed from the metadata" % f)

    # ==================================================================================
    # Pre-check geography
    # ==================================================================================

    # precheck_geog_level (FAIL): geographic_level from the allowed list.
    @rule("precheck_geog_level")
    def r_geog_level(self):
        if not self.data_ok("geographic_level"):
            return SKIP
        for v, line in _first_lines(self.data.rows, self.levels()).items():
            if v not in GEOGRAPHY:
                self.report(self.data, line, "invalid geographic_level '%s'" % v)

    # precheck_geog_level_present (FAIL): the columns each geographic level present
    # needs (National: country_code/name; Regional: region_code/name; Local authority:
    # new_la_code, la_name, old_la_code; ...). Planning area is exempt.
    @rule("precheck_geog_level_present")
    def r_geog_level_present(self):
        if not self.data_ok("geographic_level"):
            return SKIP
        present = self.levels_present()
        if all(lv == "National" for lv in present):
            return None
        first = _first_lines(self.data.rows, self.levels())
        for lv in present:
            if lv not in GEOGRAPHY or lv == "Planning area":
                continue
            missing = [c for c in _level_cols(lv) if not self.data.has(c)]
            if missing:
                self.report(self.data, first[lv], "'%s' rows are present, so the column(s) "
                            "%s must be in the file" % (lv, _q(missing)))

    # ==================================================================================
    # Check time
    # ==================================================================================

    # check_time_period (FAIL): 4 digits for calendar/reporting years, months and weeks;
    # 6 digits for academic/financial/tax years, terms, financial quarters and halves.
    @rule("check_time_period")
    def r_time_period(self):
        if not self.data_ok("time_period", "time_identifier"):
            return SKIP
        seen = set()
        for r, tp, ti in zip(self.data.rows, self.data.col("time_period"),
                             self.data.col("time_identifier")):
            if not re.fullmatch(r"\d{4}(\d{2})?", tp) or (tp, ti) in seen:
                continue
            seen.add((tp, ti))
            if ti in FOUR_DIGIT_TIME_IDS and len(tp) != 4:
                self.report(self.data, r.line, "time_period '%s' for '%s' must be a four "
                            "digit year such as 2024" % (tp, ti))
            elif ti in SIX_DIGIT_TIME_IDS and len(tp) != 6:
                self.report(self.data, r.line, "time_period '%s' for '%s' must be six "
                            "digits of consecutive years such as 202324" % (tp, ti))

    # check_time_period_six (FAIL): six digit periods are consecutive years (9900 ok).
    @rule("check_time_period_six")
    def r_time_period_six(self):
        if not self.data_ok("time_period"):
            return SKIP
        for v, line in _first_lines(self.data.rows, self.data.col("time_period")).items():
            if re.fullmatch(r"\d{6}", v):
                a, b = int(v[2:4]), int(v[4:6])
                if not (a + 1 == b or (a == 99 and b == 0)):
                    self.report(self.data, line, "six digit time_period '%s' must refer to "
                                "consecutive years, such as 202324" % v)

    # ==================================================================================
    # Check filters
    # ==================================================================================

    # check_filter_defaults (WARN): each filter and filter group has a 'Total' value,
    # or the value named in the metadata's filter_default column.
    @rule("check_filter_defaults", WARN)
    def r_filter_defaults(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        wanted = OrderedDict()
        for r in self.meta.rows:
            if self.mget(r, "col_type") == "Filter":
                wanted[self.mget(r, "col_name")] = (self.mget(r, "filter_default") or "Total",
                                                    r.line)
        for r in self.meta.rows:
            g = self.mget(r, "filter_grouping_column")
            if g and g not in wanted and g not in {self.mget(x, "col_name")
                                                   for x in self.meta.rows}:
                wanted[g] = ("Total", r.line)
        for col, (default, line) in wanted.items():
            if self.data.has(col) and default not in set(self.data.col(col)):
                self.report(self.meta, line, "'%s' has no '%s' value; give a Total or a "
                            "filter_default where applicable" % (col, default))

    # check_filter_group_level (FAIL): a filter group has no more values than its filter.
    @rule("check_filter_group_level")
    def r_filter_group_level(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        for r in self.meta.rows:
            f, g = self.mget(r, "col_name"), self.mget(r, "filter_grouping_column")
            if self.mget(r, "col_type") != "Filter" or not g:
                continue
            if self.data.has(f) and self.data.has(g):
                nf, ng = len(set(self.data.col(f))), len(set(self.data.col(g)))
                if ng > nf:
                    self.report(self.meta, r.line, "the filter group '%s' has more values (%d) "
                                "than its filter '%s' (%d); the hierarchy looks the wrong way "
                                "round" % (g, ng, f, nf))

    # check_filter_item_limit (FAIL): at most 25,000 distinct values per filter / group.
    @rule("check_filter_item_limit")
    def r_filter_item_limit(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        cols = [self.mget(r, "col_name") for r in self.meta.rows
                if self.mget(r, "col_type") != "Indicator"] + self.filter_groups()
        for c in OrderedDict.fromkeys(c for c in cols if c):
            if self.data.has(c):
                n = len(set(self.data.col(c)))
                if n > FILTER_ITEM_LIMIT:
                    self.report(self.meta, self.meta_line_of(c), "'%s' has %d distinct values, "
                                "more than the limit of %d" % (c, n, FILTER_ITEM_LIMIT))

    # check_filter_whitespace (FAIL): filter values without leading/trailing whitespace.
    # The screener means to check geography columns too, but in effect only checks
    # filters; whitespace in geography and filter group values is WARNed here.
    @rule("check_filter_whitespace")
    def r_filter_whitespace(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        filters = [f for f in OrderedDict.fromkeys(self.filters()) if self.data.has(f)]
        if not filters:
            return None
        others = [c for c in OrderedDict.fromkeys(GEO_CODE_COLS + GEO_NAME_COLS +
                                                  self.filter_groups())
                  if self.data.has(c) and c not in filters]
        for cols, sev in ((filters, FAIL), (others, WARN)):
            for c in cols:
                for v, line in _first_lines(self.data.rows, self.data.col(c)).items():
                    if v != v.strip():
                        self.report(self.data, line, "'%s' value %r has leading or trailing "
                                    "whitespace" % (c, v), severity=sev)

    # check_filter_ob_total (FAIL): no 'Total'/'All' in observational unit columns
    # (those cells should be blank), nor in columns that look like them.
    @rule("check_filter_ob_total")
    def r_filter_ob_total(self):
        if not self.data.usable:
            return SKIP
        cols = [c for c in OB_UNITS if c not in SCH_PROV_NAMES and self.data.has(c)]
        cols += [c for c in self.data.header if POTENTIAL_OB_UNIT_RE.search(c)]
        if self.meta_ok() and self.sch_prov_special():
            cols = [c for c in cols if c not in SCH_PROV_NAMES]
        for c in OrderedDict.fromkeys(cols):
            for v, line in _first_lines(self.data.rows, self.data.col(c)).items():
                if v in TOTAL_VALUES:
                    self.report(self.data, line, "the observational unit column '%s' has the "
                                "value '%s'; such cells should be blank" % (c, v))
                    break

    # check_filter_blanks (FAIL): every filter and filter group cell has a value.
    @rule("check_filter_blanks")
    def r_filter_blanks(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        cols = OrderedDict.fromkeys(self.filters() + self.filter_groups())
        for c in cols:
            if self.data.has(c):
                for r, v in zip(self.data.rows, self.data.col(c)):
                    if v == "":
                        self.report(self.data, r.line, "the filter '%s' is blank; every filter "
                                    "cell must have a value" % c)

    # ==================================================================================
    # Check geography
    # ==================================================================================

    def _combos(self, code_col, name_col, extra_col=None):
        """Distinct (extra, code, name) on rows whose code is filled and not 'x', with
        the first line of each, as the screener's combination checks select them."""
        if not self.data_ok(code_col, name_col) or (extra_col and not self.data.has(extra_col)):
            return None
        out = OrderedDict()
        for r in self.data.rows:
            code, name = self.data.get(r, code_col), self.data.get(r, name_col)
            extra = self.data.get(r, extra_col) if extra_col else None
            if code == "" or code == "x" or (extra_col and extra == ""):
                continue
            out.setdefault((extra, code, name), r.line)
        return out

    def _simple_combo_check(self, code_col, name_col, builtin=None):
        combos = self._combos(code_col, name_col)
        if combos is None:
            return SKIP
        universal = self.lookups.get("universal", UNIVERSAL_GEOG)
        valid = self.lookups.get(code_col, builtin)
        for (_, code, name), line in combos.items():
            if (code, name) in universal:
                continue
            if valid is not None:
                if (code, name) not in valid:
                    self.report(self.data, line, "the %s / %s combination '%s' / '%s' is not "
                                "in the standard geography lookup (case sensitive)"
                                % (code_col, name_col, code, name))
            elif not ((code == "z" or GSS_CODE_RE.match(code)) and name.strip()):
                self.report(self.data, line, "'%s' / '%s' does not look like a GSS code and "
                            "name for %s / %s (offline format check; give --lookups for the "
                            "exact lookup)" % (code, name, code_col, name_col))
        return None

    # check_geog_country_combos (FAIL): country code/name pairs from the lookup.
    @rule("check_geog_country_combos")
    def r_geog_country_combos(self):
        return self._simple_combo_check("country_code", "country_name", COUNTRIES)

    # check_geog_region_combos (FAIL): region code/name pairs from the lookup.
    @rule("check_geog_region_combos")
    def r_geog_region_combos(self):
        return self._simple_combo_check("region_code", "region_name", REGIONS)

    # check_geog_la_combos (FAIL): old_la_code / new_la_code / la_name from the LA
    # lookup. Offline, without --lookups, only the form is checked: new_la_code
    # E06/E08/E09/E10 + 6 digits (E07 are districts, absent from the screener's LA
    # lookup), old_la_code 3 digits (or 'x'), la_name filled; 'z' codes for the
    # universal options.
    @rule("check_geog_la_combos")
    def r_geog_la_combos(self):
        combos = self._combos("new_la_code", "la_name", "old_la_code")
        if combos is None:
            return SKIP
        universal = self.lookups.get("universal", UNIVERSAL_GEOG)
        valid = self.lookups.get("new_la_code")
        for (old, new, name), line in combos.items():
            if old == "z" and (new, name) in universal:
                continue
            if valid is not None:
                if (old, new, name) not in valid:
                    self.report(self.data, line, "the old_la_code / new_la_code / la_name "
                                "combination '%s' / '%s' / '%s' is not in the standard LA "
                                "lookup (case sensitive)" % (old, new, name))
                continue
            problems = []
            if new.startswith("E07") and re.fullmatch(r"E07\d{6}", new):
                problems.append("new_la_code '%s' is a district (E07) code, not an upper-tier "
                                "local authority" % new)
            elif not (LA_CODE_RE.match(new) or new == "z"):
                problems.append("new_la_code '%s' is not E06/E08/E09/E10 followed by 6 digits"
                                % new)
            if not (OLD_LA_CODE_RE.match(old) or old in ("x", "z")):
                problems.append("old_la_code '%s' is not a 3 digit code" % old)
            if not name.strip():
                problems.append("la_name is blank")
            if problems:
                self.report(self.data, line, "; ".join(problems) + " (offline format check; "
                            "give --lookups for the exact LA lookup)")

    # check_geog_lad_combos (FAIL): LAD code/name pairs (format only without --lookups).
    @rule("check_geog_lad_combos")
    def r_geog_lad_combos(self):
        return self._simple_combo_check("lad_code", "lad_name")

    # check_geog_pcon_combos (FAIL): parliamentary constituencies (format only offline).
    @rule("check_geog_pcon_combos")
    def r_geog_pcon_combos(self):
        return self._simple_combo_check("pcon_code", "pcon_name")

    # check_geog_lep_combos (FAIL): local enterprise partnerships (format only offline).
    @rule("check_geog_lep_combos")
    def r_geog_lep_combos(self):
        return self._simple_combo_check("local_enterprise_partnership_code",
                                        "local_enterprise_partnership_name")

    # check_geog_lsip_combos (FAIL): LSIP areas (format only offline).
    @rule("check_geog_lsip_combos")
    def r_geog_lsip_combos(self):
        return self._simple_combo_check("lsip_code", "lsip_name")

    # check_geog_eda_combos (FAIL): English devolved areas (format only offline).
    @rule("check_geog_eda_combos")
    def r_geog_eda_combos(self):
        return self._simple_combo_check("english_devolved_area_code",
                                        "english_devolved_area_name")

    # check_geog_ward_combos (FAIL): wards (format only offline).
    @rule("check_geog_ward_combos")
    def r_geog_ward_combos(self):
        return self._simple_combo_check("ward_code", "ward_name")

    # check_geog_level_completed (FAIL): on rows of each level, that level's columns are
    # filled (new_la_code may be blank, for old LAs without one).
    @rule("check_geog_level_completed")
    def r_geog_level_completed(self):
        if not self.data_ok("geographic_level"):
            return SKIP
        for lv in self.levels_present():
            if lv not in GEOGRAPHY or lv == "Planning area":
                continue
            cols = [c for c in _level_cols(lv) if c != "new_la_code" and self.data.has(c)]
            for c in cols:
                for r in self.data.rows:
                    if self.data.get(r, "geographic_level") == lv and self.data.get(r, c) == "":
                        self.report(self.data, r.line, "'%s' is blank on a '%s' row" % (c, lv))

    # Older screener app geography_level_completed FAILed on a blank country_code or
    # country_name on any row; eesyscreener checks them on National rows only (above),
    # so rows of other levels are only WARNed here.
    @rule("geog_country_completed", WARN)
    def r_geog_country_completed(self):
        if not self.data_ok("geographic_level", "country_code", "country_name"):
            return SKIP
        for r in self.data.rows:
            if self.data.get(r, "geographic_level") == "National":
                continue
            blank = [c for c in ("country_code", "country_name") if self.data.get(r, c) == ""]
            if blank:
                self.report(self.data, r.line, "%s blank on a '%s' row"
                            % (" and ".join(blank), self.data.get(r, "geographic_level")))

    # check_geog_ignored_rows (FAIL): a file of only Institution / Planning area rows
    # (ignored by the table tool), or School and Provider rows mixed.
    @rule("check_geog_ignored_rows")
    def r_geog_ignored_rows(self):
        if not (self.data_ok("geographic_level") and self.data.rows):
            return SKIP
        present = set(self.levels())
        line = self.data.rows[0].line
        if present <= {"Institution", "Planning area"}:
            self.report(self.data, line, "the file only has Institution or Planning area rows, "
                        "which the EES table tool ignores; upload it as an ancillary file")
        elif {"School", "Provider"} <= present:
            self.report(self.data, line, "School and Provider rows are mixed in one file")

    def _other_dupes(self, by_name):
        if not self.data_ok("geographic_level"):
            return SKIP
        for lv in ("Opportunity area", "MAT", "Sponsor"):
            code_col, name_col, _ = GEOGRAPHY[lv]
            if lv not in self.levels_present() or not self.data_ok(code_col, name_col):
                continue
            pairs = defaultdict(OrderedDict)
            for r in self.data.rows:
                code, name = self.data.get(r, code_col), self.data.get(r, name_col)
                if self.data.get(r, "geographic_level") != lv or code == "":
                    continue
                key, other = (name, code) if by_name else (code, name)
                pairs[key].setdefault(other, r.line)
            for key, others in pairs.items():
                if len(others) > 1:
                    line = list(others.values())[1]
                    if by_name:
                        self.report(self.data, line, "the %s '%s' has %d different codes: %s"
                                    % (lv, key, len(others), _q(others)))
                    else:
                        self.report(self.data, line, "the %s code '%s' has %d different "
                                    "names: %s" % (lv, key, len(others), _q(others)))
        return None

    # check_geog_other_dupes (FAIL): each Opportunity area / MAT / Sponsor name has one code.
    @rule("check_geog_other_dupes")
    def r_geog_other_dupes(self):
        return self._other_dupes(by_name=True)

    # check_geog_other_code_dupes (FAIL): each such code has one name.
    @rule("check_geog_other_code_dupes")
    def r_geog_other_code_dupes(self):
        return self._other_dupes(by_name=False)

    def _cols_all_or_none(self, level):
        if not self.data.usable:
            return SKIP
        need = _level_cols(level)
        present = [c for c in need if self.data.has(c)]
        missing = [c for c in need if not self.data.has(c)]
        if present and missing:
            self.report(self.data, self.data.header_line, "the %s column(s) %s are missing; "
                        "when any %s column is present all should be" % (
                            level.lower(), _q(missing), level.lower()))
        return None

    # check_geog_la_col_present (FAIL): new_la_code, la_name, old_la_code all or none.
    @rule("check_geog_la_col_present")
    def r_geog_la_col_present(self):
        return self._cols_all_or_none("Local authority")

    # check_geog_region_col_present (FAIL): region_code, region_name all or none.
    @rule("check_geog_region_col_present")
    def r_geog_region_col_present(self):
        return self._cols_all_or_none("Regional")

    def _region_for(self, level):
        if not self.data_ok("geographic_level"):
            return SKIP
        rows = [r for r in self.data.rows if self.data.get(r, "geographic_level") == level]
        if not rows:
            return None
        missing = [c for c in ("region_code", "region_name") if not self.data.has(c)]
        if missing:
            self.report(self.data, self.data.header_line, "%s missing: regional information "
                        "should be given for %s rows" % (_q(missing), level))
            return None
        for r in rows:
            if self.data.get(r, "region_code") == "" or self.data.get(r, "region_name") == "":
                self.report(self.data, r.line, "region_code / region_name blank on a '%s' row"
                            % level)

    # check_geog_region_for_la (WARN): LA rows should give their region.
    @rule("check_geog_region_for_la", WARN)
    def r_geog_region_for_la(self):
        return self._region_for("Local authority")

    # check_geog_region_for_lad (WARN): LAD rows should give their region.
    @rule("check_geog_region_for_lad", WARN)
    def r_geog_region_for_lad(self):
        return self._region_for("Local authority district")

    _NA_LEVELS = ["Opportunity area", "MAT", "Sponsor", "School", "Provider",
                  "Police force area"]

    # check_geog_na (FAIL): a location code 'x' must have the name 'Not available'
    # (Opportunity area, MAT, Sponsor, School, Provider, Police force area).
    @rule("check_geog_na")
    def r_geog_na(self):
        if not self.data_ok("geographic_level"):
            return SKIP
        for lv in self._NA_LEVELS:
            code_col, name_col, _ = GEOGRAPHY[lv]
            if lv in self.levels_present() and self.data_ok(code_col, name_col):
                for r in self.data.rows:
                    name = self.data.get(r, name_col)
                    if self.data.get(r, code_col) == "x" and name not in ("", "Not available"):
                        self.report(self.data, r.line, "%s is 'x' but %s is '%s'; the name for "
                                    "'x' must be 'Not available'" % (code_col, name_col, name))

    # check_geog_na_code (FAIL): the name 'Not available' must have the code 'x'.
    @rule("check_geog_na_code")
    def r_geog_na_code(self):
        if not self.data_ok("geographic_level"):
            return SKIP
        for lv in self._NA_LEVELS:
            code_col, name_col, _ = GEOGRAPHY[lv]
            if lv in self.levels_present() and self.data_ok(code_col, name_col):
                for r in self.data.rows:
                    code = self.data.get(r, code_col)
                    if self.data.get(r, "geographic_level") == lv and \
                            self.data.get(r, name_col) == "Not available" and \
                            code not in ("", "x"):
                        self.report(self.data, r.line, "%s is 'Not available' but %s is '%s'; "
                                    "the code must be 'x'" % (name_col, code_col, code))

    # check_geog_overcompleted_cols (FAIL): a level's columns are blank on rows of
    # levels that do not sit within it (e.g. region_code blank on National rows).
    @rule("check_geog_overcompleted_cols")
    def r_geog_overcompleted_cols(self):
        if not self.data_ok("geographic_level"):
            return SKIP
        present = self.levels_present()
        filters = self.filters()
        groups = self.filter_groups()
        for lv, (code, name, sec) in GEOGRAPHY.items():
            if lv == "National":
                continue
            cols = [c for c in (code, name, sec) if c and self.data.has(c)]
            if lv in ("School", "Provider") and len(filters) == 1 and \
                    (name in filters or name in groups):
                cols = [c for c in cols if c != name]
            incompatible = [p for p in present if p not in COMPATIBLE_LEVELS[lv]]
            for c in cols:
                for r in self.data.rows:
                    if self.data.get(r, "geographic_level") in incompatible and \
                            self.data.get(r, c) != "":
                        self.report(self.data, r.line, "'%s' is filled on a '%s' row; it "
                                    "should be blank there" % (c, self.data.get(
                                        r, "geographic_level")))
                        break

    # ==================================================================================
    # Check general
    # ==================================================================================

    # check_general_dupes (FAIL): no two rows with the same time, geography and filter
    # values (School/Provider/Institution/Planning area rows are left out, unless the
    # file is School-only or Provider-only).
    @rule("check_general_dupes")
    def r_general_dupes(self):
        if not (self.data_ok("geographic_level") and self.meta_ok()):
            return SKIP
        cols = [c for c in OrderedDict.fromkeys(OB_UNITS + self.filters() +
                                                self.filter_groups()) if self.data.has(c)]
        present = set(self.levels())
        if len(present) == 1 and present <= {"School", "Provider"}:
            excluded = {"Institution", "Planning area"}
        else:
            excluded = {"School", "Provider", "Institution", "Planning area"}
        idx = [self.data.index[c] for c in cols]
        seen = {}
        for r in self.data.rows:
            if self.data.get(r, "geographic_level") in excluded:
                continue
            key = tuple(r.values[i] for i in idx)
            if key in seen:
                self.report(self.data, r.line, "duplicate of line %d in its time, geography "
                            "and filter values" % seen[key])
            else:
                seen[key] = r.line

    # check_general_null (FAIL for NULL/NA-like values in either file; WARN for legacy
    # no-data symbols N/A, n/a, ., .., - in the data file).
    @rule("check_general_null")
    def r_general_null(self):
        if not (self.data.usable or self.meta.usable):
            return SKIP
        for t in (self.data, self.meta):
            if not t.usable:
                continue
            for r in t.rows:
                for name, v in zip(t.header, r.values):
                    if v in NULL_SYMBOLS:
                        self.report(t, r.line, "'%s' is '%s'; null or NA symbols are not "
                                    "allowed (use a GSS symbol such as x or z)" % (name, v))
                    elif t is self.data and v in LEGACY_NO_DATA_SYMBOLS:
                        self.report(t, r.line, "'%s' is the legacy no-data symbol '%s'; see "
                                    "the GSS symbols guidance" % (name, v), severity=WARN)

    # ==================================================================================
    # Check indicators
    # ==================================================================================

    # check_ind_invalid_entry (FAIL): no blank indicator cells and no obsolete symbols
    # '~' or ':'.
    @rule("check_ind_invalid_entry")
    def r_ind_invalid_entry(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        for c in OrderedDict.fromkeys(self.indicators()):
            if not self.data.has(c):
                continue
            for r, v in zip(self.data.rows, self.data.col(c)):
                if v == "":
                    self.report(self.data, r.line, "the indicator '%s' is blank; use a GSS "
                                "symbol (x, z, c or low) for missing values" % c)
                elif v in LEGACY_GSS_SYMBOLS:
                    self.report(self.data, r.line, "the indicator '%s' has the obsolete "
                                "symbol '%s'" % (c, v))

    # No screener counterpart (eesyscreener accepts any other text in indicators):
    # WARN when an indicator value is neither a number nor one of the GSS symbols the
    # screener recognises (x, z, c, low). Other GSS symbols such as u, w or k are not
    # among them.
    @rule("ind_non_numeric", WARN)
    def r_ind_non_numeric(self):
        if not (self.data.usable and self.meta_ok()):
            return SKIP
        skip = set(GSS_SYMBOLS + LEGACY_GSS_SYMBOLS + NULL_SYMBOLS + LEGACY_NO_DATA_SYMBOLS)
        skip.add("")
        for c in OrderedDict.fromkeys(self.indicators()):
            if not self.data.has(c):
                continue
            for r, v in zip(self.data.rows, self.data.col(c)):
                if v not in skip and not NUMBER_RE.match(v):
                    self.report(self.data, r.line, "the indicator '%s' has the value '%s', "
                                "which is neither a number nor a GSS symbol (x, z, c, low)"
                                % (c, v))

    # ==================================================================================
    # Check harmonised
    # ==================================================================================

    # check_harmonised_variables (FAIL): SEN, establishment/provider type and ethnicity
    # columns use the harmonised names.
    @rule("check_harmonised_variables")
    def r_harmonised_variables(self):
        if not self.meta_ok():
            return SKIP
        for r in self.meta.rows:
            for c in (self.mget(r, "col_name"), self.mget(r, "filter_grouping_column")):
                if c and c not in HARMONISED_NAMES and \
                        any(s in c.lower() for s in HARMONISED_SEARCH):
                    self.report(self.meta, r.line, "'%s' looks like a harmonised variable; use "
                                "one of the standard names %s" % (c, _q(HARMONISED_NAMES)))

    # check_harmonised_eth_char_grp (FAIL): ethnicity characteristic_group values use the
    # standard labels ('Ethnicity Major', 'Ethnicity Minor', ...).
    @rule("check_harmonised_eth_char_grp")
    def r_harmonised_eth_char_grp(self):
        if not self.data_ok("characteristic_group"):
            return SKIP
        for v, line in _first_lines(self.data.rows, self.data.col("characteristic_group")).items():
            if "ethnic" in v.lower() and not any(s in v for s in ETHNIC_CHAR_GROUPS):
                self.report(self.data, line, "characteristic_group '%s' relates to ethnicity "
                            "but is not one of %s (or one combined with 'and')"
                            % (v, _q(ETHNIC_CHAR_GROUPS)))

    # ==================================================================================
    # Check API (all WARN: they only decide suitability for the EES API)
    # ==================================================================================

    # check_api_char_col_name (WARN): column names up to 50 characters.
    @rule("check_api_char_col_name", WARN)
    def r_api_col_name(self):
        if not self.data.usable:
            return SKIP
        for n in self.data.header:
            if len(n) > API_LIMIT_COLUMN_NAME:
                self.report(self.data, self.data.header_line, "the column name '%s' is longer "
                            "than %d characters" % (n, API_LIMIT_COLUMN_NAME))

    # check_api_char_col_label (WARN): labels up to 100 characters.
    @rule("check_api_char_col_label", WARN)
    def r_api_col_label(self):
        if not (self.meta.usable and self.meta.has("label")):
            return SKIP
        for r in self.meta.rows:
            if len(self.mget(r, "label")) > API_LIMIT_COLUMN_LABEL:
                self.report(self.meta, r.line, "the label is longer than %d characters"
                            % API_LIMIT_COLUMN_LABEL)

    # check_api_char_loc_code (WARN): location codes up to 30 characters.
    @rule("check_api_char_loc_code", WARN)
    def r_api_loc_code(self):
        if not self.data.usable:
            return SKIP
        for c in GEO_CODE_COLS:
            if self.data.has(c):
                for v, line in _first_lines(self.data.rows, self.data.col(c)).items():
                    if len(v) > API_LIMIT_LOCATION_CODE:
                        self.report(self.data, line, "the %s '%s' is longer than %d characters"
                                    % (c, v, API_LIMIT_LOCATION_CODE))

    # check_api_char_filter_items (WARN): filter items and location names up to 120.
    @rule("check_api_char_filter_items", WARN)
    def r_api_filter_items(self):
        if not self.data.usable:
            return SKIP
        cols = OrderedDict.fromkeys((self.filters() + self.filter_groups()
                                     if self.meta_ok() else []) + GEO_NAME_COLS)
        for c in cols:
            if self.data.has(c):
                for v, line in _first_lines(self.data.rows, self.data.col(c)).items():
                    if len(v) > API_LIMIT_ITEM:
                        self.report(self.data, line, "a '%s' value is longer than %d characters"
                                    % (c, API_LIMIT_ITEM))


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


def default_meta_path(data_path):
    if data_path.lower().endswith(".csv"):
        return data_path[:-4] + ".meta.csv"
    return data_path + ".meta.csv"


def screen_report(data_path, meta_path=None, lookups_dir=None, max_per_rule=20):
    if meta_path is None:
        meta_path = default_meta_path(data_path)
    return Screener(data_path, meta_path, lookups_dir, max_per_rule).run()


def screen(data_path, meta_path=None, lookups_dir=None, max_per_rule=20):
    """The problems found, one formatted line each (failures and warnings)."""
    return screen_report(data_path, meta_path, lookups_dir, max_per_rule).lines()


def main(argv=None):
    ap = argparse.ArgumentParser(description="Check an EES data file and its metadata "
                                 "against the DfE screener's rules, offline.")
    ap.add_argument("data", help="data CSV file")
    ap.add_argument("meta", nargs="?", help="metadata CSV file (default: DATA with .csv "
                    "replaced by .meta.csv)")
    ap.add_argument("--lookups", metavar="DIR", help="folder with the screener's geography "
                    "lookup CSVs, for exact code/name combination checks")
    ap.add_argument("--max-per-rule", type=int, default=20, metavar="N",
                    help="show at most N problems per rule (0: all; default 20)")
    args = ap.parse_args(argv)
    rep = screen_report(args.data, args.meta, args.lookups, args.max_per_rule)
    for line in rep.lines():
        print(line)
    failed, warned = rep.failed_rules(), rep.warned_rules()
    print("screen_ees: %d rules checked (%d not applicable): %d failed%s, %d with warnings%s"
          % (len(rep.rules_checked), len(rep.rules_skipped), len(failed),
             " (%s)" % ", ".join(failed) if failed else "", len(warned),
             " (%s)" % ", ".join(warned) if warned else ""))
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
