"""Tests of screen_ees.py, the offline checker of the DfE EES open data standards.

Run: cd tests/reference && python3 -m unittest test_screen_ees -v

A small good data/metadata pair (children looked after by placement type, national,
regional and two local authorities) is written to a temporary folder and must pass with
no problem at all. Then, for every rule the checker implements, at least one mutated
pair is written and must be reported under that rule's name, as a failure or (for the
rules the screener only warns on) as a warning that leaves the exit status at 0.
"""

import contextlib
import copy
import csv
import io
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import screen_ees as se  # noqa: E402

DATA_COLS = ["time_period", "time_identifier", "geographic_level", "country_code",
             "country_name", "region_code", "region_name", "old_la_code", "new_la_code",
             "la_name", "placement_group", "placement_type", "children_count",
             "children_percent"]
META_COLS = se.REQUIRED_META_COLS

GEOS = [
    ("National", "", "", "", "", ""),
    ("Regional", "E12000001", "North East", "", "", ""),
    ("Local authority", "E12000001", "North East", "841", "E06000005", "Darlington"),
    ("Local authority", "E12000001", "North East", "805", "E06000001", "Hartlepool"),
]
PLACEMENTS = [("Total", "Total"),
              ("Foster care", "Foster care with relative or friend"),
              ("Foster care", "Foster care other")]


class Pair:
    """A data file and its metadata, as rows of dicts, plus optional byte rewrites."""

    def __init__(self):
        self.cols = list(DATA_COLS)
        self.rows = []
        n = 0
        for level, rc, rn, old, new, la in GEOS:
            for group, ptype in PLACEMENTS:
                n += 1
                self.rows.append(dict(zip(DATA_COLS, [
                    "202324", "Financial year", level, "E92000001", "England", rc, rn,
                    old, new, la, group, ptype, str(100 + 7 * n), "%.1f" % (10 + n / 2)])))
        self.rows[5]["children_count"] = "c"      # GSS symbols are accepted
        self.rows[8]["children_percent"] = "z"
        self.meta_cols = list(META_COLS)
        self.meta = [
            self._m("placement_group", "Filter", "Placement group",
                    filter_hint="Filter by placement group"),
            self._m("placement_type", "Filter", "Placement type",
                    filter_hint="Filter by placement type",
                    filter_grouping_column="placement_group"),
            self._m("children_count", "Indicator", "Number of children",
                    indicator_grouping="Children looked after", indicator_dp="0"),
            self._m("children_percent", "Indicator", "Percentage of children",
                    indicator_grouping="Children looked after", indicator_unit="%",
                    indicator_dp="1"),
        ]
        self.data_name = "cla_placements.csv"
        self.meta_name = "cla_placements.meta.csv"
        self.data_bytes = None   # optional function bytes -> bytes
        self.meta_bytes = None
        self.delimiter = ","

    @staticmethod
    def _m(col_name, col_type, label, **kw):
        row = {c: "" for c in META_COLS}
        row.update(col_name=col_name, col_type=col_type, label=label, **kw)
        return row

    # --- mutation helpers --------------------------------------------------------------

    def set(self, i, col, value):
        self.rows[i][col] = value
        return self

    def where(self, **kw):
        return [r for r in self.rows if all(r[k] == v for k, v in kw.items())]

    def rename(self, old, new, meta=True):
        self.cols = [new if c == old else c for c in self.cols]
        for r in self.rows:
            r[new] = r.pop(old)
        if meta:
            for m in self.meta:
                for f in ("col_name", "filter_grouping_column"):
                    if m[f] == old:
                        m[f] = new
        return self

    def add_col(self, name, value=""):
        if name not in self.cols:
            self.cols.append(name)
        for i, r in enumerate(self.rows):
            r.setdefault(name, value(i) if callable(value) else value)
        return self

    def drop_col(self, name):
        self.cols.remove(name)
        for r in self.rows:
            del r[name]
        return self

    def meta_row(self, name):
        return next(m for m in self.meta if m["col_name"] == name)

    def meta_set(self, _name, **kw):
        self.meta_row(_name).update(kw)
        return self

    def add_meta(self, col_name, col_type, label, **kw):
        self.meta.append(self._m(col_name, col_type, label, **kw))
        return self

    def add_level_row(self, level, keep_region=True, keep_la=False, **values):
        """Append a (Total, Total) row at another geographic level, with its columns."""
        for c in values:
            self.add_col(c)
        row = dict(self.rows[0])
        row["geographic_level"] = level
        if keep_region:
            row.update(region_code="E12000001", region_name="North East")
        if keep_la:
            row.update(old_la_code="841", new_la_code="E06000005", la_name="Darlington")
        row.update(values)
        self.rows.append(row)
        return self

    # --- writing -----------------------------------------------------------------------

    @staticmethod
    def _csv(cols, rows, delimiter=","):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])
        return buf.getvalue().encode("utf-8")

    def write(self, folder):
        data = self._csv(self.cols, self.rows, self.delimiter)
        meta = self._csv(self.meta_cols, self.meta)
        if self.data_bytes:
            data = self.data_bytes(data)
        if self.meta_bytes:
            meta = self.meta_bytes(meta)
        dp = os.path.join(folder, self.data_name)
        mp = os.path.join(folder, self.meta_name)
        with open(dp, "wb") as f:
            f.write(data)
        if meta is not None:
            with open(mp, "wb") as f:
                f.write(meta)
        return dp, mp


def _lines(b):
    return b.split(b"\n")


def _insert_line(b, after, text):
    ls = _lines(b)
    return b"\n".join(ls[:after] + [text] + ls[after:])


def _drop_last_field(b, line):
    ls = _lines(b)
    ls[line - 1] = ls[line - 1].rsplit(b",", 1)[0]
    return b"\n".join(ls)


def _rename_header(old, new):
    def f(b):
        head, _, rest = b.partition(b"\n")
        return head.replace(old, new) + b"\n" + rest
    return f


def _la(pair, **kw):
    """Set fields on the first local authority row."""
    pair.where(geographic_level="Local authority")[0].update(kw)
    return pair


LONG = ("A very long placement description " * 4).strip()   # > 120 characters

# rule name -> list of (description, mutation, expected severity, only warnings?)
# A mutation takes a Pair and changes it in place.
CASES = {
    # --- file level ---------------------------------------------------------------------
    "file_read": [
        ("unbalanced quote", lambda p: setattr(
            p, "data_bytes", lambda b: b.replace(b"Darlington", b'"Darl"ington', 1)), se.FAIL, False),
        ("metadata file missing", lambda p: setattr(p, "meta_bytes", lambda b: None),
         se.FAIL, False),
        ("not a .csv name", lambda p: (setattr(p, "data_name", "cla.txt"),
                                       setattr(p, "meta_name", "cla.meta.txt")), se.FAIL, False),
    ],
    "utf8": [("latin-1 byte", lambda p: setattr(
        p, "data_bytes", lambda b: b.replace(b"Darlington", b"Darlingt\xf6n", 1)), se.FAIL, False)],
    "file_separator": [("semicolons", lambda p: setattr(p, "delimiter", ";"), se.FAIL, False)],
    "header_row": [
        ("title line above the header", lambda p: setattr(
            p, "data_bytes", lambda b: b"Children looked after, 2024\n" + b), se.FAIL, False),
        ("blank first line", lambda p: setattr(p, "meta_bytes", lambda b: b"\n" + b),
         se.FAIL, False),
    ],
    "duplicate_variable_names": [("two children_count columns", lambda p: setattr(
        p, "data_bytes", _rename_header(b"children_percent", b"children_count")), se.FAIL, False)],
    "col_name_blank": [("trailing comma on every line", lambda p: setattr(
        p, "data_bytes", lambda b: b"\n".join(l + b"," if l else l for l in _lines(b))),
        se.FAIL, False)],
    "row_field_count": [("a short row", lambda p: setattr(
        p, "data_bytes", lambda b: _drop_last_field(b, 4)), se.FAIL, False)],
    "data_empty_rows": [
        ("blank line", lambda p: setattr(p, "data_bytes", lambda b: _insert_line(b, 3, b"")),
         se.FAIL, False),
        ("row of commas", lambda p: setattr(
            p, "data_bytes", lambda b: _insert_line(b, 3, b"," * 13)), se.FAIL, False),
    ],
    "meta_empty_rows": [("row of commas", lambda p: setattr(
        p, "meta_bytes", lambda b: _insert_line(b, 2, b",,,,,,,")), se.FAIL, False)],
    "data_empty_cols": [("all-blank column", lambda p: p.add_col("notes", ""), se.WARN, True)],
    # --- filenames ----------------------------------------------------------------------
    "check_filename_spaces": [("space in names", lambda p: (
        setattr(p, "data_name", "cla placements.csv"),
        setattr(p, "meta_name", "cla placements.meta.csv")), se.FAIL, False)],
    "check_filename_special": [("ampersand in names", lambda p: (
        setattr(p, "data_name", "cla&placements.csv"),
        setattr(p, "meta_name", "cla&placements.meta.csv")), se.FAIL, False)],
    "check_filenames_match": [("unmatched metadata name", lambda p: setattr(
        p, "meta_name", "placements.meta.csv"), se.FAIL, False)],
    # --- pre-check columns --------------------------------------------------------------
    "precheck_col_req_meta": [("no filter_hint column", lambda p: p.meta_cols.remove(
        "filter_hint"), se.FAIL, False)],
    "precheck_col_invalid_meta": [("extra notes column", lambda p: p.meta_cols.append(
        "notes"), se.FAIL, False)],
    "precheck_col_req_data": [("no country_name", lambda p: p.drop_col("country_name"),
                               se.FAIL, False)],
    "precheck_col_to_rows": [("too many metadata rows", lambda p: [
        p.add_meta("extra_%d" % i, "Indicator", "Extra %d" % i, indicator_dp="0")
        for i in range(6)], se.FAIL, False)],
    # --- cross-file ---------------------------------------------------------------------
    "precheck_cross_meta_to_data": [("filter not in data", lambda p: p.add_meta(
        "age_group", "Filter", "Age group"), se.FAIL, False)],
    "precheck_cross_data_to_meta": [("undescribed column", lambda p: p.add_col(
        "extra_breakdown", lambda i: "ab"[i % 2]), se.WARN, True)],
    # --- columns ------------------------------------------------------------------------
    "check_col_names_spaces": [("space in a data column name", lambda p: p.rename(
        "children_count", "children count", meta=False), se.FAIL, False)],
    "check_col_snake_case": [("camelCase", lambda p: p.rename(
        "children_percent", "childrenPercent"), se.WARN, True)],
    "check_col_var_start": [("leading underscore", lambda p: p.rename(
        "children_percent", "_children_percent"), se.WARN, True)],
    "check_col_ind_smushed": [("female in an indicator", lambda p: p.rename(
        "children_count", "female_children_count"), se.FAIL, False)],
    "check_col_var_characteristic": [("characteristic filter", lambda p: p.rename(
        "placement_type", "characteristic"), se.WARN, True)],
    # --- pre-check meta -----------------------------------------------------------------
    "precheck_meta_col_type": [
        ("Measure", lambda p: p.meta_set("children_count", col_type="Measure"), se.FAIL, False),
        ("blank", lambda p: p.meta_set("children_count", col_type=""), se.FAIL, False),
    ],
    "precheck_meta_ob_unit": [("la_name in meta", lambda p: p.add_meta(
        "la_name", "Filter", "Local authority"), se.FAIL, False)],
    "precheck_meta_col_name": [("blank col_name", lambda p: p.meta_set(
        "children_percent", col_name=""), se.FAIL, False)],
    # --- check meta ---------------------------------------------------------------------
    "check_meta_dupe_label": [("same label twice", lambda p: p.meta_set(
        "children_percent", label="Number of children"), se.FAIL, False)],
    "check_meta_fil_grp": [("indicator with a group", lambda p: p.meta_set(
        "children_count", filter_grouping_column="placement_group"), se.FAIL, False)],
    "check_meta_fil_grp_dupe": [("group used twice", lambda p: p.meta_set(
        "children_count", filter_grouping_column="placement_group"), se.FAIL, False)],
    "check_meta_fil_grp_is_fil": [("group without its own row", lambda p: p.meta.remove(
        p.meta_row("placement_group")), se.WARN, True)],
    "check_meta_fil_grp_match": [("group not in data", lambda p: p.meta_set(
        "placement_type", filter_grouping_column="placement_category"), se.FAIL, False)],
    "check_meta_fil_grp_stripped": [("Foster-care vs Foster care", lambda p: p.set(
        5, "placement_group", "Foster-care"), se.FAIL, False)],
    "check_meta_label": [("blank label", lambda p: p.meta_set("children_count", label=""),
                          se.FAIL, False)],
    "check_meta_filter_hint": [("indicator with a hint", lambda p: p.meta_set(
        "children_count", filter_hint="Pick one"), se.FAIL, False)],
    "check_meta_geog_catch": [("filter named like a geography", lambda p: p.rename(
        "placement_type", "school_code"), se.FAIL, False)],
    "check_meta_indicator_dp": [("filter with dp", lambda p: p.meta_set(
        "placement_type", indicator_dp="0"), se.FAIL, False)],
    "check_meta_col_name_spaces": [("space in col_name", lambda p: p.meta_set(
        "children_count", col_name="children count"), se.FAIL, False)],
    "check_meta_col_name_dupe": [("described twice", lambda p: p.add_meta(
        "children_count", "Indicator", "Children (again)", indicator_dp="0"), se.FAIL, False)],
    "check_meta_ind_dp_set": [("no dp", lambda p: p.meta_set(
        "children_count", indicator_dp=""), se.WARN, True)],
    "check_meta_ind_dp_values": [
        ("1.5", lambda p: p.meta_set("children_count", indicator_dp="1.5"), se.FAIL, False),
        ("-1", lambda p: p.meta_set("children_count", indicator_dp="-1"), se.FAIL, False),
        ("one", lambda p: p.meta_set("children_count", indicator_dp="one"), se.FAIL, False),
    ],
    "check_meta_ind_unit": [("filter with a unit", lambda p: p.meta_set(
        "placement_type", indicator_unit="%"), se.FAIL, False)],
    "check_meta_ind_unit_validation": [("percent", lambda p: p.meta_set(
        "children_percent", indicator_unit="percent"), se.FAIL, False)],
    "check_meta_indicator_grouping": [("filter with a grouping", lambda p: p.meta_set(
        "placement_type", indicator_grouping="Children"), se.FAIL, False)],
    # --- time ---------------------------------------------------------------------------
    "precheck_time_period_num": [("2023/24", lambda p: p.set(4, "time_period", "2023/24"),
                                  se.FAIL, False)],
    "precheck_time_id_valid": [
        ("wrong case", lambda p: p.set(4, "time_identifier", "Financial Year"), se.FAIL, False),
        ("blank", lambda p: p.set(4, "time_identifier", ""), se.FAIL, False),
    ],
    "precheck_time_id_mix": [
        ("Academic with Financial year", lambda p: p.set(4, "time_identifier", "Academic year"),
         se.FAIL, False),
        ("Financial year with a quarter", lambda p: p.set(
            4, "time_identifier", "Financial year Q1"), se.FAIL, False),
    ],
    "check_time_period": [
        ("Calendar year with six digits", lambda p: [r.update(time_identifier="Calendar year")
                                                      for r in p.rows], se.FAIL, False),
        ("Financial year with four digits", lambda p: [r.update(time_period="2023")
                                                        for r in p.rows], se.FAIL, False),
    ],
    "check_time_period_six": [("202325", lambda p: p.set(4, "time_period", "202325"),
                               se.FAIL, False)],
    # --- filters ------------------------------------------------------------------------
    "precheck_filter_not_singular": [("one-valued filter", lambda p: (
        p.add_col("data_version", "Final"),
        p.add_meta("data_version", "Filter", "Data version")), se.FAIL, False)],
    "check_filter_defaults": [("no Total", lambda p: [
        r.update(placement_type="All placements") for r in p.where(placement_type="Total")],
        se.WARN, True)],
    "check_filter_group_level": [("hierarchy upside down", lambda p: (
        p.meta_set("placement_type", filter_grouping_column=""),
        p.meta_set("placement_group", filter_grouping_column="placement_type")), se.FAIL, False)],
    "check_filter_item_limit": [("25,001 placement types", lambda p: setattr(p, "rows", [
        dict(p.rows[1], placement_type="Type %d" % i) for i in range(se.FILTER_ITEM_LIMIT + 1)]
        + p.rows[:1]), se.FAIL, False)],
    "check_filter_whitespace": [
        ("trailing space in a filter", lambda p: p.set(2, "placement_type", "Foster care other "),
         se.FAIL, False),
        ("trailing space in a name", lambda p: [r.update(la_name="Darlington ") for r in
                                                p.where(la_name="Darlington")], se.WARN, True),
    ],
    "check_filter_ob_total": [("la_name Total", lambda p: _la(p, la_name="Total"),
                               se.FAIL, False)],
    "check_filter_blanks": [("blank filter cell", lambda p: p.set(4, "placement_type", ""),
                             se.FAIL, False)],
    # --- geography ----------------------------------------------------------------------
    "precheck_geog_level": [("Local Authority", lambda p: p.set(
        8, "geographic_level", "Local Authority"), se.FAIL, False)],
    "precheck_geog_level_present": [("LAD rows without lad columns", lambda p: p.set(
        8, "geographic_level", "Local authority district"), se.FAIL, False)],
    "check_geog_country_combos": [("england", lambda p: p.set(0, "country_name", "england"),
                                   se.FAIL, False)],
    "check_geog_region_combos": [
        ("E12000010", lambda p: p.set(3, "region_code", "E12000010"), se.FAIL, False),
        ("Yorkshire and the Humber", lambda p: [r.update(region_code="E12000003", region_name=
                                                         "Yorkshire and the Humber")
                                                for r in p.where(region_code="E12000001")],
         se.FAIL, False),
    ],
    "check_geog_la_combos": [
        ("malformed new_la_code", lambda p: _la(p, new_la_code="E6000005"), se.FAIL, False),
        ("district code", lambda p: _la(p, new_la_code="E07000026"), se.FAIL, False),
        ("old_la_code not 3 digits", lambda p: _la(p, old_la_code="84"), se.FAIL, False),
    ],
    "check_geog_lad_combos": [("bad lad_code", lambda p: p.add_level_row(
        "Local authority district", lad_code="12345", lad_name="Darlington"), se.FAIL, False)],
    "check_geog_pcon_combos": [("bad pcon_code", lambda p: p.add_level_row(
        "Parliamentary constituency", pcon_code="BAD", pcon_name="Darlington"), se.FAIL, False)],
    "check_geog_lep_combos": [("bad lep code", lambda p: p.add_level_row(
        "Local enterprise partnership", local_enterprise_partnership_code="LEP1",
        local_enterprise_partnership_name="Tees Valley"), se.FAIL, False)],
    "check_geog_lsip_combos": [("bad lsip code", lambda p: p.add_level_row(
        "Local skills improvement plan area", lsip_code="69000031", lsip_name="Tees Valley"),
        se.FAIL, False)],
    "check_geog_eda_combos": [("bad eda code", lambda p: p.add_level_row(
        "English devolved area", english_devolved_area_code="EDA",
        english_devolved_area_name="Tees Valley"), se.FAIL, False)],
    "check_geog_ward_combos": [("ward without a name", lambda p: p.add_level_row(
        "Ward", ward_code="E05001234", ward_name=" "), se.FAIL, False)],
    "check_geog_level_completed": [("LA row without la_name", lambda p: _la(p, la_name=""),
                                    se.FAIL, False)],
    "geog_country_completed": [("LA row without country", lambda p: _la(
        p, country_code="", country_name=""), se.WARN, True)],
    "check_geog_ignored_rows": [
        ("only planning areas", lambda p: [r.update(geographic_level="Planning area")
                                           for r in p.rows], se.FAIL, False),
        ("schools and providers", lambda p: (
            p.add_level_row("School", keep_region=True, keep_la=True, school_urn="100000",
                            school_name="A School", school_laestab="8412000"),
            p.add_level_row("Provider", keep_region=True, keep_la=True,
                            provider_ukprn="10000001", provider_name="A Provider")),
         se.FAIL, False),
    ],
    "check_geog_other_dupes": [("one trust name, two ids", lambda p: (
        p.add_level_row("MAT", keep_region=False, trust_id="1001", trust_name="Alpha Trust"),
        p.add_level_row("MAT", keep_region=False, trust_id="1002", trust_name="Alpha Trust")),
        se.FAIL, False)],
    "check_geog_other_code_dupes": [("one trust id, two names", lambda p: (
        p.add_level_row("MAT", keep_region=False, trust_id="1001", trust_name="Alpha Trust"),
        p.add_level_row("MAT", keep_region=False, trust_id="1001", trust_name="Beta Trust")),
        se.FAIL, False)],
    "check_geog_la_col_present": [("no old_la_code column", lambda p: p.drop_col(
        "old_la_code"), se.FAIL, False)],
    "check_geog_region_col_present": [("no region_name column", lambda p: p.drop_col(
        "region_name"), se.FAIL, False)],
    "check_geog_region_for_la": [("LA rows without region", lambda p: [
        r.update(region_code="", region_name="") for r in
        p.where(geographic_level="Local authority")], se.WARN, True)],
    "check_geog_region_for_lad": [("LAD row without region", lambda p: p.add_level_row(
        "Local authority district", keep_region=False, lad_code="E06000005",
        lad_name="Darlington"), se.WARN, True)],
    "check_geog_na": [("x with a name", lambda p: p.add_level_row(
        "MAT", keep_region=False, trust_id="x", trust_name="Unknown trust"), se.FAIL, False)],
    "check_geog_na_code": [("Not available with a code", lambda p: p.add_level_row(
        "MAT", keep_region=False, trust_id="1003", trust_name="Not available"), se.FAIL, False)],
    "check_geog_overcompleted_cols": [("region on a National row", lambda p: p.set(
        0, "region_code", "E12000001").set(0, "region_name", "North East"), se.FAIL, False)],
    # --- general ------------------------------------------------------------------------
    "check_general_dupes": [("repeated row", lambda p: p.rows.append(dict(p.rows[4])),
                             se.FAIL, False)],
    "check_general_null": [
        ("NA in data", lambda p: p.set(4, "children_count", "NA"), se.FAIL, False),
        ("NULL in meta", lambda p: p.meta_set("placement_type", filter_hint="NULL"),
         se.FAIL, False),
        ("legacy no-data symbol", lambda p: p.set(4, "children_percent", ".."), se.WARN, True),
    ],
    # --- indicators ---------------------------------------------------------------------
    "check_ind_invalid_entry": [
        ("blank indicator", lambda p: p.set(4, "children_count", ""), se.FAIL, False),
        ("obsolete colon", lambda p: p.set(4, "children_count", ":"), se.FAIL, False),
        ("obsolete tilde", lambda p: p.set(4, "children_percent", "~"), se.FAIL, False),
    ],
    "ind_non_numeric": [
        ("k", lambda p: p.set(4, "children_count", "k"), se.WARN, True),
        ("12%", lambda p: p.set(4, "children_percent", "12%"), se.WARN, True),
    ],
    # --- harmonised ---------------------------------------------------------------------
    "check_harmonised_variables": [("ethnic_group", lambda p: p.rename(
        "placement_type", "ethnic_group"), se.FAIL, False)],
    "check_harmonised_eth_char_grp": [("Ethnic group", lambda p: (
        p.rename("placement_group", "characteristic_group"),
        [r.update(characteristic_group="Ethnic group") for r in
         p.where(characteristic_group="Foster care")]), se.FAIL, False)],
    # --- API ----------------------------------------------------------------------------
    "check_api_char_col_name": [("51-character name", lambda p: p.rename(
        "children_percent", "children_percent_" + "z" * 34), se.WARN, True)],
    "check_api_char_col_label": [("101-character label", lambda p: p.meta_set(
        "children_count", label="N" * 101), se.WARN, True)],
    "check_api_char_loc_code": [("31-character trust id", lambda p: p.add_level_row(
        "MAT", keep_region=False, trust_id="1" * 31, trust_name="Long Trust"), se.WARN, True)],
    "check_api_char_filter_items": [("long filter item", lambda p: [
        r.update(placement_type=LONG) for r in p.where(placement_type="Foster care other")],
        se.WARN, True)],
}


class ScreenTestCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def screen(self, pair, **kw):
        dp, mp = pair.write(self.dir)
        return se.screen_report(dp, mp, **kw), dp, mp


class TestGoodPair(ScreenTestCase):
    def test_good_pair_has_no_problems(self):
        rep, _, _ = self.screen(Pair())
        self.assertEqual(rep.lines(), [])
        self.assertFalse(rep.failed)
        # every rule either ran or had nothing to look at
        self.assertEqual(len(rep.rules_checked) + len(rep.rules_skipped), len(se.RULES))

    def test_screen_returns_strings(self):
        dp, mp = Pair().write(self.dir)
        self.assertEqual(se.screen(dp, mp), [])

    def test_default_meta_path(self):
        dp, _ = Pair().write(self.dir)
        self.assertEqual(se.screen(dp), [])
        self.assertEqual(se.default_meta_path("/x/a.csv"), "/x/a.meta.csv")


class TestEveryRuleCanFail(ScreenTestCase):
    def test_every_rule_has_a_case(self):
        names = [name for name, _, _ in se.RULES]
        self.assertEqual(len(names), len(set(names)), "rule names must be unique")
        self.assertEqual(sorted(set(names) - set(CASES)), [], "rules without a failing case")
        self.assertEqual(sorted(set(CASES) - set(names)), [], "cases for unknown rules")

    def test_rule_severities(self):
        for name, severity, _ in se.RULES:
            for desc, _, expected, _ in CASES.get(name, []):
                if expected == se.FAIL:
                    self.assertEqual(severity, se.FAIL, "%s: %s" % (name, desc))

    def test_cases(self):
        for rule_name, cases in CASES.items():
            for desc, mutate, severity, only_warnings in cases:
                with self.subTest(rule=rule_name, case=desc):
                    pair = Pair()
                    mutate(pair)
                    with tempfile.TemporaryDirectory() as d:
                        dp, mp = pair.write(d)
                        rep = se.screen_report(dp, mp)
                    hits = [p for p in rep.problems if p.rule == rule_name]
                    self.assertTrue(hits, "%s not reported; got:\n%s"
                                    % (rule_name, "\n".join(rep.lines())))
                    self.assertIn(severity, {p.severity for p in hits}, "\n".join(rep.lines()))
                    if only_warnings:
                        self.assertFalse(rep.failed, "expected warnings only, got:\n%s"
                                         % "\n".join(rep.lines()))
                    else:
                        self.assertTrue(rep.failed)
                    for p in hits:
                        line = p.format()
                        self.assertTrue(line.startswith("%s:%d: %s: " % (p.path, p.line,
                                                                         rule_name)), line)
                        if p.severity == se.WARN:
                            self.assertIn(": %s: warning: " % rule_name, line)


class TestDetails(ScreenTestCase):
    def test_line_number_of_a_row_problem(self):
        pair = Pair().set(4, "placement_type", "")    # 5th data row: line 6
        rep, dp, _ = self.screen(pair)
        lines = [l for l in rep.lines() if ": check_filter_blanks: " in l]
        self.assertEqual(len(lines), 1)
        self.assertTrue(lines[0].startswith("%s:6: check_filter_blanks: " % dp), lines[0])

    def test_line_number_of_a_meta_problem(self):
        pair = Pair().meta_set("children_percent", indicator_unit="percent")   # meta line 5
        rep, _, mp = self.screen(pair)
        self.assertIn("%s:5: check_meta_ind_unit_validation: " % mp, "\n".join(rep.lines()))

    def test_line_number_after_a_multiline_field(self):
        pair = Pair().set(0, "placement_type", "Total\nall").set(4, "placement_type", "")
        rep, dp, _ = self.screen(pair)
        self.assertIn("%s:7: check_filter_blanks: " % dp, "\n".join(rep.lines()))

    def test_gss_symbols_accepted(self):
        pair = Pair()
        for i, sym in enumerate(se.GSS_SYMBOLS):
            pair.set(i, "children_count", sym)
        rep, _, _ = self.screen(pair)
        self.assertEqual(rep.lines(), [])

    def test_old_la_code_can_be_blank_where_screener_allows(self):
        # the screener skips LA combinations without an old_la_code, but an LA row
        # still needs one (check_geog_level_completed)
        rep, _, _ = self.screen(_la(Pair(), old_la_code=""))
        self.assertEqual(rep.failed_rules(), ["check_geog_level_completed"])

    def test_new_la_code_may_be_blank(self):
        rep, _, _ = self.screen(_la(Pair(), new_la_code=""))
        self.assertEqual(rep.lines(), [])

    def test_universal_geography_options(self):
        rep, _, _ = self.screen(_la(Pair(), old_la_code="z", new_la_code="z",
                                    la_name="Outside of England"))
        self.assertEqual(rep.lines(), [])

    def test_bom_is_accepted(self):
        pair = Pair()
        pair.data_bytes = lambda b: b"\xef\xbb\xbf" + b
        rep, _, _ = self.screen(pair)
        self.assertEqual(rep.lines(), [])

    def test_crlf_is_accepted(self):
        pair = Pair()
        pair.data_bytes = lambda b: b.replace(b"\n", b"\r\n")
        rep, _, _ = self.screen(pair)
        self.assertEqual(rep.lines(), [])

    def test_max_per_rule(self):
        pair = Pair()
        for r in pair.rows:
            r["placement_type"] = ""
        dp, mp = pair.write(self.dir)
        rep = se.screen_report(dp, mp, max_per_rule=3)
        hits = [p for p in rep.problems if p.rule == "check_filter_blanks"]
        self.assertEqual(len(hits), 4)
        self.assertIn("9 more problem(s)", hits[-1].message)

    def test_lookups_folder(self):
        lookups = os.path.join(self.dir, "lookups")
        os.mkdir(lookups)
        with open(os.path.join(lookups, "las.csv"), "w", encoding="utf-8") as f:
            f.write("new_la_code,la_name,old_la_code\n"
                    "E06000005,Darlington ,841\nE06000001,Hartlepool,805\n")
        data_dir = os.path.join(self.dir, "data")
        os.mkdir(data_dir)
        dp, mp = Pair().write(data_dir)
        self.assertEqual(se.screen(dp, mp, lookups_dir=lookups), [])
        dp, mp = _la(Pair(), la_name="Darlington Borough").write(data_dir)
        lines = se.screen(dp, mp, lookups_dir=lookups)
        self.assertTrue(any(": check_geog_la_combos: " in l for l in lines), lines)
        self.assertEqual(se.screen(dp, mp), [])    # the format alone is fine


class TestCommandLine(ScreenTestCase):
    def run_main(self, args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = se.main(args)
        return rc, out.getvalue().splitlines()

    def test_good_exits_0_with_summary(self):
        dp, mp = Pair().write(self.dir)
        rc, lines = self.run_main([dp, mp])
        self.assertEqual(rc, 0)
        self.assertEqual(len(lines), 1)
        self.assertRegex(lines[0], r"^screen_ees: \d+ rules checked .*: 0 failed, 0 with warnings$")

    def test_warnings_only_exit_0(self):
        pair = Pair().meta_set("children_count", indicator_dp="")
        dp, mp = pair.write(self.dir)
        rc, lines = self.run_main([dp])
        self.assertEqual(rc, 0)
        self.assertIn("%s:4: check_meta_ind_dp_set: warning: " % mp, lines[0])

    def test_bad_exits_1(self):
        pair = Pair().set(4, "children_count", "")
        dp, mp = pair.write(self.dir)
        rc, lines = self.run_main([dp, mp])
        self.assertEqual(rc, 1)
        self.assertTrue(lines[0].startswith("%s:6: check_ind_invalid_entry: " % dp), lines[0])
        self.assertIn("1 failed (check_ind_invalid_entry)", lines[-1])

    def test_script_runs_as_a_program(self):
        dp, mp = Pair().set(4, "time_period", "202325").write(self.dir)
        proc = subprocess.run([sys.executable, os.path.join(HERE, "screen_ees.py"), dp],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        self.assertIn(": check_time_period_six: ", proc.stdout)


if __name__ == "__main__":
    unittest.main()
