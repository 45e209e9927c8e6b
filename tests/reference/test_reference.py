"""Tests of the reference implementation (measures_reference.py) and of compare_measures.py.

Run: python3 -m unittest discover -s tests/reference

Every expected value below is worked out by hand from docs/definitions.md; the comments show
the working. Fixtures are tiny SSDA903 CSV files written to a temporary folder.
"""

import contextlib
import csv
import io
import os
import subprocess
import sys
import tempfile
import unittest
from datetime import date
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import compare_measures  # noqa: E402
import measures_reference as ref  # noqa: E402

HEADER_COLS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODE_COLS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]
REVIEW_COLS = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]


def write_csv(path, columns, rows, bom=False, crlf=False):
    """rows: lists of strings in `columns` order (shorter rows are padded with empties)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(list(r) + [""] * (len(columns) - len(r)))
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        fh.write(buf.getvalue())


def ep(child, decom, rne, ls, cin, place, provider, dec="", rec=""):
    return [child, decom, rne, ls, cin, place, provider, dec, rec]


def period_key(ps, pe):
    """A quarter's rows (counts at a date and flows) are keyed by the quarter's end; a
    financial year's flow rows (1 April - 31 March) by the year's label, e.g. "2023-24"; a
    month's flow rows (its first to its last day) by the month's label, e.g. "2023-04". A
    year's counts at a date are its quarter 4's rows (definitions: one row serves both); a
    month's counts at a date are keyed by its last day, like a quarter's."""
    if ps[5:] == "04-01" and pe[5:] == "03-31" and int(pe[:4]) == int(ps[:4]) + 1:
        return f"{ps[:4]}-{pe[2:4]}"
    if ps != pe and ps[:7] == pe[:7]:
        return ps[:7]
    return pe


def as_table(rows):
    """(measure, period key, category) -> value, the period key as period_key(); asserts
    that no key is written twice."""
    table = {}
    for area, ps, pe, measure, cat, value in rows:
        key = (measure, period_key(ps, pe), cat)
        assert key not in table, key
        table[key] = value
    return table


def categories(rows, measure, period):
    """The categories of a measure's rows for one period (a quarter end or a year label)."""
    return [r[4] for r in rows if r[3] == measure and period_key(r[1], r[2]) == period]


Q1, Q2, Q3, Q4 = "2023-06-30", "2023-09-30", "2023-12-31", "2024-03-31"  # 2023-24 quarter ends
FY = "2023-24"  # the financial year's flow rows (period_key)

# The measure order of definitions' measures.csv table.
MEASURE_ORDER = [
    "looked_after", "looked_after_rate_per_10000", "looked_after_by_legal_status",
    "looked_after_by_legal_status_group", "looked_after_by_placement",
    "looked_after_by_placement_group", "looked_after_by_provider",
    "looked_after_fostering_by_provider", "looked_after_by_age", "looked_after_by_sex",
    "looked_after_by_ethnicity", "looked_after_by_ethnic_code", "placements_3_or_more",
    "placements_3_or_more_percent", "long_term_cohort", "long_term_same_placement",
    "long_term_stability_percent", "started", "started_by_need", "started_by_legal_status",
    "started_by_age", "started_by_sex", "started_by_ethnicity", "started_by_placement_group",
    "started_occasions", "ceased", "ceased_by_reason", "ceased_by_reason_group",
    "reviews_held", "reviews_in_timescale", "reviews_in_timescale_percent",
    "reviews_timescale_not_assessed", "reviews_by_sequence", "reviews_in_timescale_by_sequence",
    "reviews_children_assessed", "reviews_children_all_in_timescale",
    "reviews_children_all_in_timescale_percent", "reviews_short_break",
    "reviews_by_participation", "reviews_participation_percent",
    # adoptions come from the episodes alone (D32): counts of 0, and a mean only where a child was
    "adopted", "adoption_days_care_to_moving_in", "adoption_children_care_to_moving_in"]


# ============================================================================================
# Bank holidays, dates, rounding
# ============================================================================================

# England and Wales bank holidays as published by GOV.UK (www.gov.uk/bank-holidays), 2018-2025,
# and 2012 (Diamond Jubilee year).
PUBLISHED_BANK_HOLIDAYS = {
    2012: ["2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05",
           "2012-08-27", "2012-12-25", "2012-12-26"],
    2018: ["2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27",
           "2018-12-25", "2018-12-26"],
    2019: ["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26",
           "2019-12-25", "2019-12-26"],
    2020: ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31",
           "2020-12-25", "2020-12-28"],
    2021: ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30",
           "2021-12-27", "2021-12-28"],
    2022: ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
           "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"],
    2023: ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
           "2023-08-28", "2023-12-25", "2023-12-26"],
    2024: ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
           "2024-12-25", "2024-12-26"],
    2025: ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
           "2025-12-25", "2025-12-26"],
}


class TestBankHolidays(unittest.TestCase):
    def test_whole_years_match_published_lists(self):
        for year, days in PUBLISHED_BANK_HOLIDAYS.items():
            with self.subTest(year=year):
                self.assertEqual(sorted(ref.bank_holidays(year)),
                                 sorted(date.fromisoformat(d) for d in days))

    def test_named_days(self):
        cases = [
            ("2020-05-08", True),   # early May moved to Friday (VE Day)
            ("2020-05-04", False),  # ... so the first Monday was a working day
            ("2022-06-02", True),   # spring holiday moved to Thursday
            ("2022-06-03", True),   # Platinum Jubilee
            ("2022-05-30", False),  # last Monday of May 2022: not a holiday
            ("2022-09-19", True),   # State Funeral
            ("2023-05-08", True),   # Coronation
            ("2021-12-27", True),   # Christmas (Sat) substitute
            ("2021-12-28", True),   # Boxing Day (Sun) substitute
            ("2022-12-26", True),   # Boxing Day (Mon)
            ("2022-12-27", True),   # Christmas (Sun) substitute
            ("2020-12-28", True),   # Boxing Day (Sat) substitute
            ("2022-01-03", True),   # New Year (Sat) substitute
            ("2023-01-02", True),   # New Year (Sun) substitute
            ("2012-06-05", True),   # Diamond Jubilee
            ("2012-05-28", False),  # spring moved to 4 June 2012
        ]
        for d, expected in cases:
            with self.subTest(day=d):
                day = date.fromisoformat(d)
                self.assertEqual(day in ref.bank_holidays(day.year), expected)

    def test_easter(self):
        for d in ["2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09",
                  "2024-03-31", "2025-04-20", "2038-04-25", "2008-03-23"]:
            day = date.fromisoformat(d)
            self.assertEqual(ref.easter_sunday(day.year), day)


class TestDateHelpers(unittest.TestCase):
    def test_add_months(self):
        cases = [
            ("2023-01-31", 3, "2023-04-30"),  # 31 Jan + 3 months = 30 April
            ("2024-01-31", 3, "2024-04-30"),
            ("2023-08-31", 6, "2024-02-29"),  # leap year: last day of February
            ("2022-08-31", 6, "2023-02-28"),
            ("2023-11-15", 3, "2024-02-15"),
            ("2023-03-31", -12, "2022-03-31"),
        ]
        for d, n, expected in cases:
            with self.subTest(d=d, n=n):
                self.assertEqual(ref.add_months(date.fromisoformat(d), n),
                                 date.fromisoformat(expected))

    def test_first_review_due_across_bank_holidays(self):
        # Start Thu 6 Apr 2023 (start day not counted). Fri 7 Good Friday, Mon 10 Easter
        # Monday. Tue 11 - Fri 14: 1-4; 17-21: 5-9; 24-28: 10-14; Mon 1 May early May holiday;
        # 2-5 May: 15-18; Mon 8 May Coronation; Tue 9: 19; Wed 10 May: 20.
        self.assertEqual(ref.first_review_due(date(2023, 4, 6)), date(2023, 5, 10))
        # Start Fri 16 Dec 2022: 19-23 Dec: 1-5; 26, 27 Dec holidays; 28-30: 6-8; Mon 2 Jan
        # 2023 holiday; 3-6 Jan: 9-12; 9-13: 13-17; 16, 17, 18 Jan: 18-20.
        self.assertEqual(ref.first_review_due(date(2022, 12, 16)), date(2023, 1, 18))
        # Start Wed 3 Jan 2024: 4, 5: 1-2; 8-12: 3-7; 15-19: 8-12; 22-26: 13-17; 29, 30, 31: 18-20.
        self.assertEqual(ref.first_review_due(date(2024, 1, 3)), date(2024, 1, 31))

    def test_age(self):
        dob = date(2008, 2, 29)
        self.assertEqual(ref.age_in_years(dob, date(2025, 2, 28)), 17)  # 29 Feb -> 28 Feb
        self.assertEqual(ref.age_in_years(dob, date(2025, 2, 27)), 16)
        self.assertEqual(ref.age_in_years(dob, date(2024, 2, 28)), 15)  # leap year: 29th
        self.assertEqual(ref.age_in_years(dob, date(2024, 2, 29)), 16)
        self.assertEqual(ref.age_in_years(date(2007, 6, 30), date(2023, 6, 30)), 16)  # on the day
        self.assertEqual(ref.age_in_years(date(2007, 6, 30), date(2023, 6, 29)), 15)

    def test_dates_and_quarters(self):
        self.assertEqual(ref.parse_date("05/04/2023"), date(2023, 4, 5))
        self.assertEqual(ref.parse_date("2023-04-05"), date(2023, 4, 5))
        self.assertIsNone(ref.parse_date(" "))
        with self.assertRaises(ref.BadDate):
            ref.parse_date("31/02/2023")
        q = ref.parse_quarter("2024-25 Q4")
        self.assertEqual((q.start, q.end), (date(2025, 1, 1), date(2025, 3, 31)))
        window = ref.window_quarters(q, 12)
        self.assertEqual(window[0].label, "2022-23 Q1")
        self.assertEqual(window[0].start, date(2022, 4, 1))
        self.assertEqual(ref.quarter_ending_on_or_before(date(2024, 3, 31)).label, "2023-24 Q4")
        self.assertEqual(ref.quarter_ending_on_or_before(date(2024, 3, 30)).label, "2023-24 Q3")


class TestRounding(unittest.TestCase):
    def test_half_away_from_zero_one_decimal(self):
        self.assertEqual(ref.percent(1, 16), "6.3")    # 6.25 -> 6.3 (banker's would give 6.2)
        self.assertEqual(ref.percent(1, 80), "1.3")    # 1.25
        self.assertEqual(ref.percent(2, 3), "66.7")    # 66.666...
        self.assertEqual(ref.percent(1, 6), "16.7")
        self.assertEqual(ref.percent(3, 8), "37.5")
        self.assertEqual(ref.percent(0, 4), "0.0")
        self.assertEqual(ref.percent(5, 5), "100.0")
        self.assertEqual(ref.one_decimal(Fraction(5 * 10000, 1600)), "31.3")  # 31.25
        self.assertEqual(ref.one_decimal(Fraction(1, 20)), "0.1")             # 0.05
        self.assertEqual(ref.one_decimal(Fraction(4999, 100000)), "0.0")      # 0.04999


# ============================================================================================
# Children looked after, stability, flows
# ============================================================================================

# Children (window 2023-24 Q1-Q4, one undated return):
#  A  starts 10/04/2023, DEC 30/06/2023 E13: DEC = quarter end, so NOT looked after at 30 Jun;
#     ceased in Q1.
#  B  short breaks only (V3 open, V4 start): never counted.
#  C  starts twice in Q2 (03/07 N4 V2, ceases 20/07 E4A; again 15/08 N1 C1): started once
#     with N4/V2; ceased once in Q2 (E4A).
#  D  20/10/2022 S C2 U4 PR1, X1 on 15/10/2023 into P C2 U5 PR5: the X1 is not a ceasing.
#  E  three placements: S 01/01/2022 U4 -> X1 01/05/2023 -> P U4 -> X1 01/09/2023 -> T K2 ->
#     X1 01/11/2023 -> L (legal status change only: not a placement).
#  F  no header row; starts 01/02/2024 J1 N6 R5 PR3.
#  G  empty LS/CIN/PLACE/PROVIDER (not_recorded), SEX U, DOB 29/02/2008, ETHNIC empty; started
#     01/03/2023 (before the window).
#  H  starts 01/06/2023 (N5 C2 P1 PR0), ceases 10/01/2024 E13, starts again 20/01/2024,
#     ceases 25/02/2024 E41: ceased once in Q4 with the last reason E41. ETHNIC XXXX.
#  I  RNE B (not a start) 01/10/2023, unknown LS ZZ, U2 with unknown provider PR9, born 2000.
FLOW_HEADERS = [
    ["A", "1", "01/05/2010", "WBRI"],
    ["B", "2", "01/01/2015", "WBRI"],
    ["C", "2", "2020-07-01", "BAFR"],
    ["D", "1", "15/10/2022", "MWBC"],
    ["E", "M", "30/06/2007", "AIND"],
    ["G", "U", "29/02/2008", ""],
    ["H", "F", "01/01/2012", "XXXX"],
    ["I", "1", "01/01/2000", "OOTH"],
]
FLOW_EPISODES = [
    ep("A", "10/04/2023", "S", "C1", "N1", "U4", "PR1", "30/06/2023", "E13"),
    ep("B", "01/01/2023", "S", "V3", "N2", "U4", "PR1"),
    ep("B", "01/05/2023", "S", "V4", "N2", "U4", "PR1"),
    ep("C", "03/07/2023", "S", "V2", "N4", "U6", "PR4", "20/07/2023", "E4A"),
    ep("C", "15/08/2023", "S", "C1", "N1", "K2", "PR4"),
    ep("D", "20/10/2022", "S", "C2", "N1", "U4", "PR1", "15/10/2023", "X1"),
    ep("D", "15/10/2023", "P", "C2", "N1", "U5", "PR5"),
    ep("E", "01/01/2022", "S", "E1", "N1", "U4", "PR1", "01/05/2023", "X1"),
    ep("E", "01/05/2023", "P", "E1", "N1", "U4", "PR1", "01/09/2023", "X1"),
    ep("E", "01/09/2023", "T", "E1", "N1", "K2", "PR2", "01/11/2023", "X1"),
    ep("E", "01/11/2023", "L", "E1", "N1", "K2", "PR2"),
    ep("F", "01/02/2024", "S", "J1", "N6", "R5", "PR3"),
    ep("G", "01/03/2023", "S", "", "", "", ""),
    ep("H", "01/06/2023", "S", "C2", "N5", "P1", "PR0", "10/01/2024", "E13"),
    ep("H", "20/01/2024", "S", "C2", "N5", "P1", "PR0", "25/02/2024", "E41"),
    ep("I", "01/10/2023", "B", "ZZ", "N2", "U2", "PR9"),
]


class FixtureCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def run_ref(self, window_end, quarters, population=None, data_dir=None):
        rows, _ = ref.run(data_dir or self.dir, "E09000099", window_end, quarters, population)
        return rows


class TestNoReviewsTable(FixtureCase):
    def test_no_review_rows_without_a_reviews_table(self):
        # D43: a pooled regional file often has no reviews table: no reviews_* rows at all.
        write_csv(os.path.join(self.dir, "header.csv"), HEADER_COLS, FLOW_HEADERS)
        write_csv(os.path.join(self.dir, "episodes.csv"), EPISODE_COLS, FLOW_EPISODES)
        measures = {r[3] for r in self.run_ref("2023-24 Q4", 4)}
        self.assertIn("looked_after", measures)
        self.assertFalse([m for m in measures if m.startswith("reviews_")])
        # An empty reviews table is a table: its reviews are zero.
        write_csv(os.path.join(self.dir, "reviews.csv"), REVIEW_COLS, [])
        with_table = as_table(self.run_ref("2023-24 Q4", 4))
        self.assertEqual(with_table[("reviews_held", Q4, "Total")], "0")


class TestLookedAfterAndFlows(FixtureCase):
    def setUp(self):
        super().setUp()
        write_csv(os.path.join(self.dir, "header.csv"), HEADER_COLS, FLOW_HEADERS)
        write_csv(os.path.join(self.dir, "episodes.csv"), EPISODE_COLS, FLOW_EPISODES)
        write_csv(os.path.join(self.dir, "reviews.csv"), REVIEW_COLS, [])
        self.rows = self.run_ref("2023-24 Q4", 4, population=1600)
        self.t = as_table(self.rows)

    def test_looked_after(self):
        # 30/06: D, E, G, H (A's DEC = 30/06 so not looked after; B short breaks; C, F, I later)
        # 30/09: C, D, E, G, H.   31/12: C, D, E, G, H, I.   31/03: C, D, E, F, G, I (H ceased).
        for d, n in [(Q1, "4"), (Q2, "5"), (Q3, "6"), (Q4, "6")]:
            self.assertEqual(self.t[("looked_after", d, "Total")], n)

    def test_rate(self):
        # population 1600: 4/1600*10000 = 25.0; 5 -> 31.25 -> 31.3 (half away); 6 -> 37.5
        for d, v in [(Q1, "25.0"), (Q2, "31.3"), (Q3, "37.5"), (Q4, "37.5")]:
            self.assertEqual(self.t[("looked_after_rate_per_10000", d, "Total")], v)
        no_pop = self.run_ref("2023-24 Q4", 4)
        self.assertFalse([r for r in no_pop if r[3] == "looked_after_rate_per_10000"])

    def test_legal_status(self):
        # Categories met in the window: C1 C2 E1 J1 ZZ(unknown) not_recorded.
        # 30/06: D C2, E E1, G -, H C2.  30/09: + C C1.  31/12: + I ZZ.  31/03: F J1, no H.
        for d in (Q1, Q2, Q3, Q4):
            self.assertEqual(categories(self.rows, "looked_after_by_legal_status", d),
                             ["C1", "C2", "E1", "J1", "ZZ", "not_recorded"])
        expected = {Q1: ["0", "2", "1", "0", "0", "1"], Q2: ["1", "2", "1", "0", "0", "1"],
                    Q3: ["1", "2", "1", "0", "1", "1"], Q4: ["1", "1", "1", "1", "1", "1"]}
        for d, values in expected.items():
            got = [r[5] for r in self.rows
                   if r[3] == "looked_after_by_legal_status" and r[2] == d]
            self.assertEqual(got, values, d)
        # groups: 31/03: care_orders C, D = 2; placement_order E; youth_justice F;
        # other: I (ZZ) and G (empty LS), decision D4.
        self.assertEqual(categories(self.rows, "looked_after_by_legal_status_group", Q4),
                         ["care_orders", "placement_order", "youth_justice", "other"])
        self.assertEqual([self.t[("looked_after_by_legal_status_group", Q4, c)] for c in
                          ["care_orders", "placement_order", "youth_justice", "other"]],
                         ["2", "1", "1", "2"])
        self.assertEqual(self.t[("looked_after_by_legal_status_group", Q1, "care_orders")], "2")
        self.assertEqual(self.t[("looked_after_by_legal_status_group", Q1, "other")], "1")  # G, empty LS

    def test_placement_and_provider(self):
        # Codes met: U2 (I), U4 (D, E), U5 (D after X1), P1 (H), K2 (C, E), R5 (F), empty (G).
        self.assertEqual(categories(self.rows, "looked_after_by_placement", Q1),
                         ["U2", "U4", "U5", "P1", "K2", "R5", "not_recorded"])
        # 30/06: U4 D,E; P1 H; not_recorded G.
        self.assertEqual([self.t[("looked_after_by_placement", Q1, c)] for c in
                          ["U2", "U4", "U5", "P1", "K2", "R5", "not_recorded"]],
                         ["0", "2", "0", "1", "0", "0", "1"])
        # 31/12: U2 I; U5 D; P1 H; K2 C, E; not_recorded G.
        self.assertEqual([self.t[("looked_after_by_placement", Q3, c)] for c in
                          ["U2", "U4", "U5", "P1", "K2", "R5", "not_recorded"]],
                         ["1", "0", "1", "1", "2", "0", "1"])
        # groups at 31/03: foster I, D = 2; placed_with_parents 0 (H gone); secure/homes C, E
        # = 2; other_residential F (R5) = 1; other G (empty PLACE, decision D4).
        self.assertEqual(categories(self.rows, "looked_after_by_placement_group", Q4),
                         ["foster", "placed_with_parents", "secure_and_childrens_homes",
                          "other_residential", "other"])
        self.assertEqual([self.t[("looked_after_by_placement_group", Q4, c)] for c in
                          ["foster", "placed_with_parents", "secure_and_childrens_homes",
                           "other_residential", "other"]], ["2", "0", "2", "1", "1"])
        # providers met: PR0 H, PR1 D/E, PR2 E, PR3 F, PR4 C, PR5 D, PR9 I (unknown), empty G.
        self.assertEqual(categories(self.rows, "looked_after_by_provider", Q2),
                         ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5", "PR9", "not_recorded"])
        # 30/09: PR0 H, PR1 D, PR2 E, PR4 C, not_recorded G.
        self.assertEqual([self.t[("looked_after_by_provider", Q2, c)] for c in
                          ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5", "PR9", "not_recorded"]],
                         ["1", "1", "1", "0", "1", "0", "0", "1"])
        # fostering: 30/06 D, E in U4 with PR1: in_house 2. 31/12: D U5 PR5 agency, I U2 PR9
        # other. (G has no placement code, so is not fostered.)
        self.assertEqual(categories(self.rows, "looked_after_fostering_by_provider", Q1),
                         ["in_house", "agency", "other"])
        self.assertEqual([self.t[("looked_after_fostering_by_provider", d, c)]
                          for d in (Q1, Q3) for c in ["in_house", "agency", "other"]],
                         ["2", "0", "0", "0", "1", "1"])

    def test_age_sex_ethnicity(self):
        # Ages. 30/06/2023: D 0 (under_1), E 16 (birthday on the day), G 15, H 11.
        # 31/12/2023: C 3, D 1, E 16, G 15, H 11, I 23.
        # 31/03/2024: C 3, D 1, E 16, F unknown (no header), G 16 (29 Feb 2024), I 24.
        self.assertEqual(categories(self.rows, "looked_after_by_age", Q1),
                         ["under_1", "1_to_4", "10_to_15", "16_and_over", "unknown"])
        self.assertEqual([self.t[("looked_after_by_age", Q1, c)] for c in
                          ["under_1", "1_to_4", "10_to_15", "16_and_over", "unknown"]],
                         ["1", "0", "2", "1", "0"])
        self.assertEqual([self.t[("looked_after_by_age", Q3, c)] for c in
                          ["under_1", "1_to_4", "10_to_15", "16_and_over", "unknown"]],
                         ["0", "2", "2", "2", "0"])
        self.assertEqual([self.t[("looked_after_by_age", Q4, c)] for c in
                          ["under_1", "1_to_4", "10_to_15", "16_and_over", "unknown"]],
                         ["0", "2", "0", "3", "1"])
        # Sex at 31/03: male D (1), E (M), I (1); female C (2); unknown F (no header), G (U).
        self.assertEqual(categories(self.rows, "looked_after_by_sex", Q4),
                         ["male", "female", "unknown"])
        self.assertEqual([self.t[("looked_after_by_sex", Q4, c)] for c in
                          ["male", "female", "unknown"]], ["3", "1", "2"])
        # Ethnicity: white never occurs (A, B never looked after at a quarter end).
        # 31/03: mixed D, asian E, black C, other I, not_known F (no header), G (empty).
        self.assertEqual(categories(self.rows, "looked_after_by_ethnicity", Q1),
                         ["mixed", "asian", "black", "other", "not_known"])
        self.assertEqual([self.t[("looked_after_by_ethnicity", Q4, c)] for c in
                          ["mixed", "asian", "black", "other", "not_known"]],
                         ["1", "1", "1", "1", "2"])
        # 30/06: H's unknown code XXXX and G's empty code are both not_known.
        self.assertEqual(self.t[("looked_after_by_ethnicity", Q1, "not_known")], "2")

    def test_placement_stability(self):
        # E's placements in the 12 months to D: 1 for the episode open at Y = D - 1 year, plus
        # episodes with DECOM in (Y, D] and RNE S/P/T/B/U (definitions, "Placement stability"):
        #  30/06/2023: S open at 30/06/2022 (1) + P 01/05/2023; T starts later -> 2: no.
        #  30/09/2023: S open at 30/09/2022 + P + T -> 3: yes.
        #  31/12/2023: S open at 31/12/2022 + P + T; L 01/11/2023 is not a new placement -> 3.
        #  31/03/2024: S open at 31/03/2023 (DEC 01/05/2023) + P + T -> 3: yes.
        # Nobody else reaches 3: C 2 (two starts), D 2 (S open at Y, then P), others 1 or 2.
        # The year 2023-24 has no rows of its own: its 31 March figure is the Q4 row.
        for d, n, pct in [(Q1, "0", "0.0"), (Q2, "1", "20.0"), (Q3, "1", "16.7"),
                          (Q4, "1", "16.7")]:
            self.assertEqual(self.t[("placements_3_or_more", d, "Total")], n)
            self.assertEqual(self.t[("placements_3_or_more_percent", d, "Total")], pct)
        self.assertEqual([r[1:3] for r in self.rows if r[3] == "placements_3_or_more"],
                         [(Q1, Q1), (Q2, Q2), (Q3, Q3), (Q4, Q4)])

    def test_started(self):
        # Q1: A (N1 C1), H (N5 C2); B's V4 start ignored.  Q2: C once, first occasion N4 V2.
        # Q3: none (D's P and I's B are not starts).  Q4: F (N6 J1), H again (N5 C2).
        for d, n in [(Q1, "2"), (Q2, "1"), (Q3, "0"), (Q4, "2")]:
            self.assertEqual(self.t[("started", d, "Total")], n)
        self.assertEqual(categories(self.rows, "started_by_need", Q3), ["N1", "N4", "N5", "N6"])
        self.assertEqual([self.t[("started_by_need", d, c)] for d in (Q1, Q2, Q3, Q4)
                          for c in ["N1", "N4", "N5", "N6"]],
                         ["1", "0", "1", "0", "0", "1", "0", "0",
                          "0", "0", "0", "0", "0", "0", "1", "1"])
        self.assertEqual(categories(self.rows, "started_by_legal_status", Q2),
                         ["C1", "C2", "V2", "J1"])
        self.assertEqual([self.t[("started_by_legal_status", Q2, c)] for c in
                          ["C1", "C2", "V2", "J1"]], ["0", "0", "1", "0"])

    def test_ceased(self):
        # Q1: A E13 (E's X1 not counted).  Q2: C E4A.  Q3: none (D's and E's X1).
        # Q4: H once, last reason E41 (E13 on 10/01 was earlier).
        for d, n in [(Q1, "1"), (Q2, "1"), (Q3, "0"), (Q4, "1")]:
            self.assertEqual(self.t[("ceased", d, "Total")], n)
        self.assertEqual(categories(self.rows, "ceased_by_reason", Q1), ["E13", "E41", "E4A"])
        self.assertEqual([self.t[("ceased_by_reason", d, c)] for d in (Q1, Q2, Q3, Q4)
                          for c in ["E13", "E41", "E4A"]],
                         ["1", "0", "0", "0", "0", "1", "0", "0", "0", "0", "1", "0"])

    def test_year_started_and_occasions(self):
        # Year 2023-24 (01/04/2023 - 31/03/2024): children with an RNE S episode in the year:
        # A (10/04), C (03/07 and 15/08), F (01/02/2024), H (01/06/2023 and 20/01/2024) -> 4,
        # not the quarters' sum 2 + 1 + 0 + 2 = 5: H starts in Q1 and again in Q4 and counts
        # once in the year. B's V4 start is a short break; G started 01/03/2023, before it.
        self.assertEqual(self.t[("started", FY, "Total")], "4")
        # Occasions count episodes: Q1 A, H = 2; Q2 C twice = 2; Q3 0; Q4 F, H = 2;
        # year A + C x2 + F + H x2 = 6.
        self.assertEqual([self.t[("started_occasions", d, "Total")] for d in (Q1, Q2, Q3, Q4, FY)],
                         ["2", "2", "0", "2", "6"])
        # Need and legal status of each child's first start in the year: A N1 C1, C N4 V2
        # (03/07), F N6 J1, H N5 C2 (01/06/2023).
        self.assertEqual([self.t[("started_by_need", FY, c)] for c in ["N1", "N4", "N5", "N6"]],
                         ["1", "1", "1", "1"])
        self.assertEqual(categories(self.rows, "started_by_legal_status", FY),
                         ["C1", "C2", "V2", "J1"])
        self.assertEqual([self.t[("started_by_legal_status", FY, c)]
                          for c in ["C1", "C2", "V2", "J1"]], ["1", "1", "1", "1"])

    def test_who_started(self):
        # Age at the first starting episode's DECOM: A (DOB 01/05/2010) on 10/04/2023 is 12
        # (birthday not yet) -> 10_to_15; C (01/07/2020) on 03/07/2023 is 3 -> 1_to_4;
        # F no header -> unknown; H (01/01/2012) on 01/06/2023 is 11, on 20/01/2024 12 ->
        # 10_to_15 both times.
        ages = ["1_to_4", "10_to_15", "unknown"]
        self.assertEqual(categories(self.rows, "started_by_age", Q3), ages)
        self.assertEqual({d: [self.t[("started_by_age", d, c)] for c in ages]
                          for d in (Q1, Q2, Q3, Q4, FY)},
                         {Q1: ["0", "2", "0"], Q2: ["1", "0", "0"], Q3: ["0", "0", "0"],
                          Q4: ["0", "1", "1"], FY: ["1", "2", "1"]})
        # Sex: A 1 male, C 2 female, F no header unknown, H F female.
        sexes = ["male", "female", "unknown"]
        self.assertEqual({d: [self.t[("started_by_sex", d, c)] for c in sexes]
                          for d in (Q1, Q2, Q4, FY)},
                         {Q1: ["1", "1", "0"], Q2: ["0", "1", "0"], Q4: ["0", "1", "1"],
                          FY: ["1", "2", "1"]})
        # Ethnicity: A WBRI white, C BAFR black, F (no header) and H (XXXX) not_known.
        groups = ["white", "black", "not_known"]
        self.assertEqual(categories(self.rows, "started_by_ethnicity", FY), groups)
        self.assertEqual([self.t[("started_by_ethnicity", FY, c)] for c in groups],
                         ["1", "1", "2"])
        # Placement on entry: A U4 foster; C's first episode U6 foster (not the K2 of its
        # second start); F R5 other_residential; H P1 placed_with_parents.
        places = ["foster", "placed_with_parents", "other_residential"]
        self.assertEqual(categories(self.rows, "started_by_placement_group", Q1), places)
        self.assertEqual({d: [self.t[("started_by_placement_group", d, c)] for c in places]
                          for d in (Q1, Q2, Q3, Q4, FY)},
                         {Q1: ["1", "1", "0"], Q2: ["1", "0", "0"], Q3: ["0", "0", "0"],
                          Q4: ["0", "1", "1"], FY: ["2", "1", "1"]})

    def test_ceased_year_and_reason_groups(self):
        # Year: A (30/06/2023 E13), C (20/07/2023 E4A), H (last 25/02/2024 E41; its E13 of
        # 10/01/2024 is earlier) -> 3; D's and E's X1 are not ceasings.
        self.assertEqual(self.t[("ceased", FY, "Total")], "3")
        self.assertEqual([self.t[("ceased_by_reason", FY, c)] for c in ["E13", "E41", "E4A"]],
                         ["1", "1", "1"])
        # Groups: E13 other, E4A returned_home, E41 child_arrangements_order; in the groups'
        # order child_arrangements_order, returned_home, other.
        groups = ["child_arrangements_order", "returned_home", "other"]
        self.assertEqual(categories(self.rows, "ceased_by_reason_group", Q3), groups)
        self.assertEqual({d: [self.t[("ceased_by_reason_group", d, c)] for c in groups]
                          for d in (Q1, Q2, Q3, Q4, FY)},
                         {Q1: ["0", "0", "1"], Q2: ["0", "1", "0"], Q3: ["0", "0", "0"],
                          Q4: ["1", "0", "0"], FY: ["1", "1", "1"]})
        self.assertEqual(ref.reason_group("E17"), "staying_put")
        self.assertEqual(ref.reason_group("E47"), "special_guardianship")
        self.assertEqual(ref.reason_group("E12"), "adopted")
        self.assertEqual(ref.reason_group("E6"), "independent_living")
        self.assertEqual(ref.reason_group("E9"), "other")
        self.assertEqual(ref.reason_group("E99"), "other")  # an unknown code

    def test_ethnic_code(self):
        # 30/06: D MWBC, E AIND, G empty (not_recorded), H XXXX (an unknown code).
        # 31/03: C BAFR, D MWBC, E AIND, F no header row and G empty (not_recorded), I OOTH.
        # Order: the ETHNIC list (MWBC, AIND, BAFR, OOTH), unknown codes, then not_recorded.
        cats = ["MWBC", "AIND", "BAFR", "OOTH", "XXXX", "not_recorded"]
        self.assertEqual(categories(self.rows, "looked_after_by_ethnic_code", Q1), cats)
        self.assertEqual([self.t[("looked_after_by_ethnic_code", Q1, c)] for c in cats],
                         ["1", "1", "0", "0", "1", "1"])
        self.assertEqual([self.t[("looked_after_by_ethnic_code", Q4, c)] for c in cats],
                         ["1", "1", "1", "1", "0", "2"])

    def test_year_counts_at_a_date_are_the_q4_rows(self):
        # A year's 31 March figures are its quarter 4's rows, written once (definitions).
        date_measures = [m for m in MEASURE_ORDER if m.startswith(("looked_after",
                                                                   "placements_"))]
        for m in date_measures:
            with self.subTest(measure=m):
                rows = [r for r in self.rows if r[3] == m]
                self.assertTrue(rows)
                self.assertTrue(all(r[1] == r[2] for r in rows))          # start = end
                self.assertEqual(sorted({r[2] for r in rows}), [Q1, Q2, Q3, Q4])
                at_q4 = [r[4] for r in rows if r[2] == Q4]
                self.assertEqual(len(at_q4), len(set(at_q4)))             # once each
        self.assertEqual([r[1:] for r in self.rows if r[3] == "looked_after" and r[2] == Q4],
                         [(Q4, Q4, "looked_after", "Total", "6")])

    def test_year_breakdown_rows_follow_the_quarters(self):
        # Within a measure: the four quarters' rows, then the year's, each in category order.
        rows = [r for r in self.rows if r[3] == "started_by_need"]
        self.assertEqual([(period_key(r[1], r[2]), r[4]) for r in rows],
                         [(d, c) for d in (Q1, Q2, Q3, Q4, FY)
                          for c in ["N1", "N4", "N5", "N6"]])

    def test_row_format_and_order(self):
        seen = []
        for r in self.rows:
            if not seen or seen[-1] != r[3]:
                seen.append(r[3])
        # No reviews at all: no percentages (denominator 0), no sequence or participation
        # categories. Nobody's period of care started on or before D minus 30 months (the
        # earliest, E's, starts 01/01/2022, after 30/09/2021), so the long-term cohort is 0
        # throughout: no long_term_stability_percent.
        expected = [m for m in MEASURE_ORDER if m not in (
            "long_term_stability_percent", "reviews_in_timescale_percent", "reviews_by_sequence",
            "reviews_in_timescale_by_sequence", "reviews_children_all_in_timescale_percent",
            "reviews_by_participation", "reviews_participation_percent",
            "adoption_days_care_to_moving_in")]
        self.assertEqual(seen, expected)
        # periods ascending within a measure; date measures start = end; flows span quarter
        self.assertEqual([list(r[1:3]) for r in self.rows if r[3] == "looked_after"],
                         [[Q1, Q1], [Q2, Q2], [Q3, Q3], [Q4, Q4]])
        # ... then the financial year 2023-24 (its four quarters are in the window): a flow
        # over 1 April - 31 March after the quarters; a count at a date has no extra row.
        self.assertEqual([list(r[1:3]) for r in self.rows if r[3] == "started"],
                         [["2023-04-01", Q1], ["2023-07-01", Q2], ["2023-10-01", Q3],
                          ["2024-01-01", Q4], ["2023-04-01", Q4]])
        self.assertTrue(all(r[0] == "E09000099" for r in self.rows))
        self.assertEqual(self.t[("reviews_held", Q1, "Total")], "0")


# ============================================================================================
# Reviews: periods of care, timescales, participation
# ============================================================================================

# Window 2023-24 Q1 .. 2024-25 Q1 (5 quarters).
#  R1  S 06/04/2023 (Thu): first review due 10/05/2023 (see TestDateHelpers).
#      10/05/2023 PN1 in; 10/08/2023 PN0 in (due 10/05 + 3m = 10/08); 11/02/2024 PN7 late
#      (due 10/08/2023 + 6m = 10/02/2024).
#  R2  S 06/04/2023: 11/05/2023 PN2 late (due 10/05); 11/08/2023 PN3 in (due 11/05 + 3m,
#      counted from the first review's own date); 11/02/2024 empty code in (due 11/02/2024).
#  R3  S 03/01/2024 (Wed): first due 31/01/2024. 31/01/2024 PN1 in; 30/04/2024 PN1 in
#      (31 Jan + 3 months = 30 April).
#  R3B S 03/01/2024: 31/01/2024 PN4 in; 01/05/2024 PN6 late (due 30/04/2024).
#  R4  period starts with RNE P 01/01/2022 (start not observed): 15/05/2023 PN1 not
#      assessed; 15/08/2023 PN1 in (due 15/08); 16/02/2024 PN1 late (due 15/02/2024).
#  R5  S 01/04/2022 - 01/06/2023 E13, then S 01/09/2023 (Fri) open. 10/07/2023 PN5 lies
#      outside every period: not assessed. 29/09/2023 PN5: first review of the new period,
#      due 20 working days after 01/09 (4-8 Sep 1-5, 11-15 6-10, 18-22 11-15, 25-29 16-20)
#      = 29/09/2023: in.
#  R6  short breaks only (V3 open from 01/01/2023): 01/06/2023 PN5 lies in no period of care
#      but within the V3 episode: a short-break review, not held (definitions, "Short-break
#      reviews").
#  R8  S 03/04/2023 (Mon), X1 20/04/2023, P 20/04/2023 open: one period (DECOM 20/04 on or
#      before the previous DEC 20/04). Due: 4-6 Apr 1-3; 7, 10 Apr Easter; 11-14 4-7; 17-21
#      8-12; 24-28 13-17; 1 May holiday; 2, 3, 4 May 18-20 -> 04/05/2023. 04/05/2023 PN7 in.
REVIEW_EPISODES = [
    ep("R1", "06/04/2023", "S", "C1", "N1", "U4", "PR1"),
    ep("R2", "06/04/2023", "S", "C1", "N1", "U4", "PR1"),
    ep("R3", "03/01/2024", "S", "C1", "N1", "U4", "PR1"),
    ep("R3B", "03/01/2024", "S", "C1", "N1", "U4", "PR1"),
    ep("R4", "01/01/2022", "P", "C2", "N1", "U4", "PR1"),
    ep("R5", "01/04/2022", "S", "C2", "N1", "U4", "PR1", "01/06/2023", "E13"),
    ep("R5", "01/09/2023", "S", "C2", "N1", "U4", "PR1"),
    ep("R6", "01/01/2023", "S", "V3", "N2", "U4", "PR1"),
    ep("R8", "03/04/2023", "S", "C1", "N1", "U4", "PR1", "20/04/2023", "X1"),
    ep("R8", "20/04/2023", "P", "C1", "N1", "U5", "PR1"),
]
REVIEWS = [
    ["R1", "", "10/05/2023", "PN1"], ["R1", "", "10/08/2023", "PN0"],
    ["R1", "", "11/02/2024", "PN7"],
    ["R2", "", "11/05/2023", "PN2"], ["R2", "", "11/08/2023", "PN3"],
    ["R2", "", "11/02/2024", ""],
    ["R3", "", "31/01/2024", "PN1"], ["R3", "", "30/04/2024", "PN1"],
    ["R3B", "", "31/01/2024", "PN4"], ["R3B", "", "01/05/2024", "PN6"],
    ["R4", "", "15/05/2023", "PN1"], ["R4", "", "15/08/2023", "PN1"],
    ["R4", "", "16/02/2024", "PN1"],
    ["R5", "", "10/07/2023", "PN5"], ["R5", "", "29/09/2023", "PN5"],
    ["R6", "", "01/06/2023", "PN5"],
    ["R8", "", "04/05/2023", "PN7"],
]
Q5 = "2024-06-30"


class TestPopulationByYear(unittest.TestCase):
    """Decision D42: the rate's population from the published files, year by year."""

    def test_ons_mid_year_is_the_next_financial_year_and_a_later_file_wins(self):
        with tempfile.TemporaryDirectory() as tmp:
            place = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
                     "region_name,old_la_code,")
            with open(os.path.join(tmp, "rates.csv"), "w") as fh:
                fh.write(place + "la_name,new_la_code,population_type,population_estimate,children_count,"
                                 "rate_per_10000\n"
                                 "2023,Reporting year,Local authority,E92000001,England,E1,R,902,B,E06000902,"
                                 "Children looked after on 31 March each year,30000,90,30\n"
                                 "2024,Reporting year,Local authority,E92000001,England,E1,R,902,B,E06000902,"
                                 "Children looked after on 31 March each year,31000,93,30\n")
            with open(os.path.join(tmp, "ons.csv"), "w") as fh:
                fh.write(place + "new_la_code,la_name,age_group,population_estimate\n"
                                 "2023,Reporting year,Local authority,E92000001,England,E1,R,902,E06000902,B,"
                                 "Children aged 0 to 17 years,31500\n"
                                 "2024,Reporting year,Local authority,E92000001,England,E1,R,902,E06000902,B,"
                                 "Children aged 0 to 17 years,32000\n"
                                 "2024,Reporting year,Local authority,E92000001,England,E1,R,902,E06000902,B,"
                                 "Children aged 0 to 4 years,9000\n"
                                 "2024,Reporting year,Local authority,E92000001,England,E1,R,903,E06000903,C,"
                                 "Children aged 0 to 17 years,1\n")
            config = os.path.join(tmp, "careboard.toml")
            got = ref.benchmark_populations(config, {"rates": "rates.csv", "population": "ons.csv"}, "E06000902")
            # 2023 from the rates file alone; mid-2023 (2024) from the ONS, whose latest year (2025)
            # is later than the rates file's; mid-2024 is 2024-25's.
            self.assertEqual(got, {2023: Fraction(30000), 2024: Fraction(31500), 2025: Fraction(32000)})
            self.assertEqual(ref.benchmark_populations(config, {"rates": "rates.csv"}, "902"),
                             {2023: Fraction(30000), 2024: Fraction(31000)})


class TestReviews(FixtureCase):
    def setUp(self):
        super().setUp()
        write_csv(os.path.join(self.dir, "header.csv"), HEADER_COLS, [])
        write_csv(os.path.join(self.dir, "episodes.csv"), EPISODE_COLS, REVIEW_EPISODES)
        write_csv(os.path.join(self.dir, "reviews.csv"), REVIEW_COLS, REVIEWS)
        self.rows = self.run_ref("2024-25 Q1", 5)
        self.t = as_table(self.rows)

    def test_statuses(self):
        model = ref.Model(ref.load(self.dir))
        st = {(c, d.isoformat()): s for (c, d), s in model.review_status.items()}
        expected = {
            ("R1", "2023-05-10"): "in", ("R1", "2023-08-10"): "in",
            ("R1", "2024-02-11"): "late",
            ("R2", "2023-05-11"): "late", ("R2", "2023-08-11"): "in",
            ("R2", "2024-02-11"): "in",
            ("R3", "2024-01-31"): "in", ("R3", "2024-04-30"): "in",
            ("R3B", "2024-01-31"): "in", ("R3B", "2024-05-01"): "late",
            ("R4", "2023-05-15"): "not_assessed", ("R4", "2023-08-15"): "in",
            ("R4", "2024-02-16"): "late",
            ("R5", "2023-07-10"): "not_assessed", ("R5", "2023-09-29"): "in",
            ("R6", "2023-06-01"): "short_break",
            ("R8", "2023-05-04"): "in",
        }
        self.assertEqual(st, expected)
        # Place in the period of care (definitions, "By sequence"): R4's period is not
        # observed, so its first visible review is not_assessed and the rest are `later`;
        # R5's review outside every period is not_assessed; R6's short-break review has none.
        seq = {(c, d.isoformat()): s for (c, d), s in model.review_sequence.items()}
        self.assertEqual(seq, {
            ("R1", "2023-05-10"): "first", ("R1", "2023-08-10"): "second",
            ("R1", "2024-02-11"): "later",
            ("R2", "2023-05-11"): "first", ("R2", "2023-08-11"): "second",
            ("R2", "2024-02-11"): "later",
            ("R3", "2024-01-31"): "first", ("R3", "2024-04-30"): "second",
            ("R3B", "2024-01-31"): "first", ("R3B", "2024-05-01"): "second",
            ("R4", "2023-05-15"): "not_assessed", ("R4", "2023-08-15"): "later",
            ("R4", "2024-02-16"): "later",
            ("R5", "2023-07-10"): "not_assessed", ("R5", "2023-09-29"): "first",
            ("R6", "2023-06-01"): None,
            ("R8", "2023-05-04"): "first",
        })
        # The short-break review is not a review outside every period: no warning for it.
        self.assertFalse([w for w in model.data.warnings if "R6" in w])

    def test_quarter_counts(self):
        # The percentage is in timescale over held minus not assessed (definitions).
        # Q1 (Apr-Jun 2023): R1 10/05 in, R2 11/05 late, R4 15/05 n/a, R8 04/05 in; R6 01/06
        #    is a short-break review, not held -> held 4, in 2, not assessed 1: 2/3 = 66.7%.
        # Q2: R1 10/08 in, R2 11/08 in, R4 15/08 in, R5 10/07 n/a, R5 29/09 in -> held 5, in 4,
        #    n/a 1: 4/4 = 100.0% (the not-assessed review no longer lowers it; it was 80.0).
        # Q3: nothing -> 0, 0, no percentage row, 0.
        # Q4: R1 11/02 late, R2 11/02 in, R3 31/01 in, R3B 31/01 in, R4 16/02 late -> 5, 3, 0:
        #    3/5 = 60.0%.
        # 2024-25 Q1: R3 30/04 in, R3B 01/05 late -> 2, 1, 0: 50.0%.
        # Year 2023-24 (Q1-Q4 of the window): held 4+5+0+5 = 14, in 2+4+0+3 = 9, n/a 2:
        #    9/12 = 75.0%.
        expected = {Q1: ("4", "2", "66.7", "1"), Q2: ("5", "4", "100.0", "1"),
                    Q3: ("0", "0", None, "0"), Q4: ("5", "3", "60.0", "0"),
                    Q5: ("2", "1", "50.0", "0"), "2023-24": ("14", "9", "75.0", "2")}
        for d, (held, in_time, pct, na) in expected.items():
            with self.subTest(quarter_end=d):
                self.assertEqual(self.t[("reviews_held", d, "Total")], held)
                self.assertEqual(self.t[("reviews_in_timescale", d, "Total")], in_time)
                self.assertEqual(self.t.get(("reviews_in_timescale_percent", d, "Total")), pct)
                self.assertEqual(self.t[("reviews_timescale_not_assessed", d, "Total")], na)
        # R6's short-break review: Q1 and the year.
        self.assertEqual([self.t[("reviews_short_break", d, "Total")]
                          for d in (Q1, Q2, Q3, Q4, Q5, "2023-24")],
                         ["1", "0", "0", "0", "0", "1"])

    def test_participation(self):
        cats = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7", "not_recorded"]
        self.assertEqual(categories(self.rows, "reviews_by_participation", Q3), cats)
        # Q1: PN1 R1, R4; PN2 R2; PN7 R8 -> 3 of 4 = 75.0 (R6's PN5 is a short-break review,
        #     not held, so not in the participation either)
        # Q2: PN0 R1 (left out), PN1 R4, PN3 R2, PN5 R5 x2 -> 4 of 4 = 100.0
        # Q4: PN1 R3, R4; PN4 R3B; PN7 R1; empty R2 (left out) -> 3 of 4 = 75.0
        # Q5: PN1 R3, PN6 R3B -> 2 of 2 = 100.0
        expected = {Q1: ["0", "2", "1", "0", "0", "0", "0", "1", "0"],
                    Q2: ["1", "1", "0", "1", "0", "2", "0", "0", "0"],
                    Q3: ["0"] * 9,
                    Q4: ["0", "2", "0", "0", "1", "0", "0", "1", "1"],
                    Q5: ["0", "1", "0", "0", "0", "0", "1", "0", "0"]}
        for d, values in expected.items():
            self.assertEqual([self.t[("reviews_by_participation", d, c)] for c in cats], values)
        for d, pct in [(Q1, "75.0"), (Q2, "100.0"), (Q3, None), (Q4, "75.0"), (Q5, "100.0")]:
            self.assertEqual(self.t.get(("reviews_participation_percent", d, "Total")), pct)

    def test_periods_of_care(self):
        model = ref.Model(ref.load(self.dir))
        self.assertEqual(ref.periods_of_care(model.care_eps["R8"]),
                         [(date(2023, 4, 3), None, True)])
        self.assertEqual(ref.periods_of_care(model.care_eps["R5"]),
                         [(date(2022, 4, 1), date(2023, 6, 1), True),
                          (date(2023, 9, 1), None, True)])
        self.assertEqual(ref.periods_of_care(model.care_eps["R4"]),
                         [(date(2022, 1, 1), None, False)])
        self.assertNotIn("R6", model.care_eps)  # short breaks make no period


# ============================================================================================
# Financial years: reviews (short breaks, not assessed, sequence, by child), stability
# ============================================================================================

# Window 2023-24 Q1-Q4 (so the year 2023-24 is a period too); one undated return, so every
# period starting with RNE S is observed.
#  OB  S Mon 03/04/2023, open. First review due 04/05/2023 (see R8 above).
#      04/05/2023 PN1 first, in; 04/08/2023 PN1 second, due 04/05 + 3m = 04/08: in;
#      05/02/2024 PN1 later, due 04/08/2023 + 6m = 04/02/2024: late.
#  LT  S Thu 06/04/2023, open. First due 10/05/2023 (TestDateHelpers).
#      11/05/2023 PN2 first, late; 20/06/2023 PN2 second, due 11/05 + 3m = 11/08: in.
#  NA  one period from RNE P 01/01/2022 (start not observed). 15/05/2023 PN1 not assessed;
#      15/08/2023 PN1 later (6 months after the first visible one: due 15/11/2023): in.
#  SB  short break V3 01/04/2023 - 30/04/2023 and no other episode. 30/04/2023 PN5 lies within
#      it (REVIEW <= DEC): a short-break review. 01/05/2023 PN6 lies in no period and no short
#      break: held, not assessed, a warning.
#  SB2 short break V4 from 01/03/2024, open. 15/03/2024 PN3: a short-break review.
#  L1  S 01/01/2022 C1 U4 -> X1 01/02/2023 -> L 01/02/2023 C2 U4 (legal status only) -> X1
#      01/06/2023 -> P 01/06/2023 U5 -> X1 01/10/2023 -> P 01/10/2023 U6, open.
#  N   overlapping episodes (a data-quality warning): S 01/01/2023 U4, P 01/02/2023 U5 and
#      P 01/06/2023 U6, all open.
YEAR_EPISODES = [
    ep("OB", "03/04/2023", "S", "C1", "N1", "U4", "PR1"),
    ep("LT", "06/04/2023", "S", "C1", "N1", "U4", "PR1"),
    ep("NA", "01/01/2022", "P", "C2", "N1", "U4", "PR1"),
    ep("SB", "01/04/2023", "S", "V3", "N2", "U4", "PR1", "30/04/2023", "E13"),
    ep("SB2", "01/03/2024", "S", "V4", "N2", "U4", "PR1"),
    ep("L1", "01/01/2022", "S", "C1", "N1", "U4", "PR1", "01/02/2023", "X1"),
    ep("L1", "01/02/2023", "L", "C2", "N1", "U4", "PR1", "01/06/2023", "X1"),
    ep("L1", "01/06/2023", "P", "C2", "N1", "U5", "PR1", "01/10/2023", "X1"),
    ep("L1", "01/10/2023", "P", "C2", "N1", "U6", "PR1"),
    ep("N", "01/01/2023", "S", "C2", "N1", "U4", "PR1"),
    ep("N", "01/02/2023", "P", "C2", "N1", "U5", "PR1"),
    ep("N", "01/06/2023", "P", "C2", "N1", "U6", "PR1"),
]
YEAR_REVIEWS = [
    ["OB", "", "04/05/2023", "PN1"], ["OB", "", "04/08/2023", "PN1"],
    ["OB", "", "05/02/2024", "PN1"],
    ["LT", "", "11/05/2023", "PN2"], ["LT", "", "20/06/2023", "PN2"],
    ["NA", "", "15/05/2023", "PN1"], ["NA", "", "15/08/2023", "PN1"],
    ["SB", "", "30/04/2023", "PN5"], ["SB", "", "01/05/2023", "PN6"],
    ["SB2", "", "15/03/2024", "PN3"],
]
PERIODS = (Q1, Q2, Q3, Q4, FY)


class TestYearReviewsAndStability(FixtureCase):
    def setUp(self):
        super().setUp()
        write_csv(os.path.join(self.dir, "header.csv"), HEADER_COLS, [])
        write_csv(os.path.join(self.dir, "episodes.csv"), EPISODE_COLS, YEAR_EPISODES)
        write_csv(os.path.join(self.dir, "reviews.csv"), REVIEW_COLS, YEAR_REVIEWS)
        self.rows, self.data = ref.run(self.dir, "E1", "2023-24 Q4", 4)
        self.t = as_table(self.rows)

    def totals(self, measure):
        return [self.t.get((measure, d, "Total")) for d in PERIODS]

    def test_statuses_and_sequence(self):
        model = ref.Model(ref.load(self.dir))
        got = {(c, d.isoformat()): (s, model.review_sequence[(c, d)])
               for (c, d), s in model.review_status.items()}
        self.assertEqual(got, {
            ("OB", "2023-05-04"): ("in", "first"), ("OB", "2023-08-04"): ("in", "second"),
            ("OB", "2024-02-05"): ("late", "later"),
            ("LT", "2023-05-11"): ("late", "first"), ("LT", "2023-06-20"): ("in", "second"),
            ("NA", "2023-05-15"): ("not_assessed", "not_assessed"),
            ("NA", "2023-08-15"): ("in", "later"),
            ("SB", "2023-04-30"): ("short_break", None),
            ("SB", "2023-05-01"): ("not_assessed", "not_assessed"),
            ("SB2", "2024-03-15"): ("short_break", None),
        })
        warned = [w for w in model.data.warnings if "outside every period" in w]
        self.assertEqual(len(warned), 1)
        self.assertIn("SB: review 2023-05-01", warned[0])

    def test_short_break_reviews(self):
        # Q1: SB 30/04/2023; Q4: SB2 15/03/2024; the year: both. Never held.
        self.assertEqual(self.totals("reviews_short_break"), ["1", "0", "0", "1", "2"])

    def test_held_in_timescale_and_percent(self):
        # Q1: OB 04/05 in, LT 11/05 late, LT 20/06 in, NA 15/05 n/a, SB 01/05 n/a (SB 30/04 is
        #     a short-break review) -> held 5, in 2, not assessed 2: 2 / (5 - 2) = 66.7%
        #     (over held it would have been 2/5 = 40.0%).
        # Q2: OB 04/08 in, NA 15/08 in -> 2, 2, 0: 100.0%.
        # Q3: nothing: no percentage row.
        # Q4: OB 05/02 late (SB2 15/03 short break) -> 1, 0, 0: 0.0%.
        # Year: held 8, in 4, not assessed 2: 4/6 = 66.7% (not from the quarters' figures).
        self.assertEqual(self.totals("reviews_held"), ["5", "2", "0", "1", "8"])
        self.assertEqual(self.totals("reviews_in_timescale"), ["2", "2", "0", "0", "4"])
        self.assertEqual(self.totals("reviews_timescale_not_assessed"),
                         ["2", "0", "0", "0", "2"])
        self.assertEqual(self.totals("reviews_in_timescale_percent"),
                         ["66.7", "100.0", None, "0.0", "66.7"])

    def test_by_sequence(self):
        seq = ["first", "second", "later", "not_assessed"]
        self.assertEqual(categories(self.rows, "reviews_by_sequence", Q3), seq)
        # Q1: first OB 04/05, LT 11/05; second LT 20/06; not_assessed NA 15/05, SB 01/05.
        # Q2: second OB 04/08; later NA 15/08.  Q4: later OB 05/02.
        # Year: first 2, second 2, later 2, not assessed 2 (= held 8).
        self.assertEqual({d: [self.t[("reviews_by_sequence", d, c)] for c in seq]
                          for d in PERIODS},
                         {Q1: ["2", "1", "0", "2"], Q2: ["0", "1", "1", "0"],
                          Q3: ["0", "0", "0", "0"], Q4: ["0", "0", "1", "0"],
                          FY: ["2", "2", "2", "2"]})
        # In timescale: Q1 first OB, second LT; Q2 second OB, later NA; Q4 none (OB late).
        # Year: first 1, second 2, later 1 (= in timescale 4).
        in_seq = ["first", "second", "later"]
        self.assertEqual(categories(self.rows, "reviews_in_timescale_by_sequence", FY), in_seq)
        self.assertEqual({d: [self.t[("reviews_in_timescale_by_sequence", d, c)]
                              for c in in_seq] for d in PERIODS},
                         {Q1: ["1", "1", "0"], Q2: ["0", "1", "1"], Q3: ["0", "0", "0"],
                          Q4: ["0", "0", "0"], FY: ["1", "2", "1"]})

    def test_by_child(self):
        # Q1: OB (in) all in time; LT (late, in) not; NA and SB only not-assessed reviews, so
        #     not counted -> assessed 2, all in 1: 50.0%.
        # Q2: OB (in), NA (in) -> 2, 2: 100.0%.   Q3: 0, 0, no percentage row.
        # Q4: OB (late) -> 1, 0: 0.0%.
        # Year: OB (in, in, late) not all; LT (late, in) not all; NA (in; its not-assessed
        #     review does not count) all -> 3, 1: 33.3%. (The quarters' 2 + 2 + 0 + 1 = 5
        #     children are not the year's 3.)
        self.assertEqual(self.totals("reviews_children_assessed"), ["2", "2", "0", "1", "3"])
        self.assertEqual(self.totals("reviews_children_all_in_timescale"),
                         ["1", "2", "0", "0", "1"])
        self.assertEqual(self.totals("reviews_children_all_in_timescale_percent"),
                         ["50.0", "100.0", None, "0.0", "33.3"])

    def test_participation_leaves_out_short_break_reviews(self):
        # Held reviews only: PN1 OB x3, NA x2; PN2 LT x2; PN6 SB 01/05. SB's PN5 and SB2's
        # PN3 are short-break reviews, so PN3 and PN5 never occur.
        cats = ["PN1", "PN2", "PN6"]
        self.assertEqual(categories(self.rows, "reviews_by_participation", FY), cats)
        self.assertEqual({d: [self.t[("reviews_by_participation", d, c)] for c in cats]
                          for d in PERIODS},
                         {Q1: ["2", "2", "1"], Q2: ["2", "0", "0"], Q3: ["0", "0", "0"],
                          Q4: ["1", "0", "0"], FY: ["5", "2", "1"]})
        self.assertEqual(self.totals("reviews_participation_percent"),
                         ["100.0", "100.0", None, "100.0", "100.0"])

    def test_placement_stability(self):
        # Looked after at every quarter end: OB, LT, NA, L1, N (5); SB, SB2 short breaks.
        # Placements in the 12 months to D, Y = D - 1 year: 1 if an episode is open at Y, plus
        # episodes with DECOM in (Y, D] and RNE S/P/T/B/U.
        #  L1 30/06/2023: S open at 30/06/2022 + P 01/06/2023 = 2.   30/09/2023: same, 2.
        #     31/12/2023: S open at 31/12/2022 (DEC 01/02/2023) + P 01/06 + P 01/10 = 3.
        #     31/03/2024: the RNE = L episode is open at 31/03/2023 (01/02/2023 - 01/06/2023):
        #     it is the placement held then, 1, + P 01/06 + P 01/10 = 3. (Counting only
        #     S/P/T/B/U episodes open in the 12 months would give 2.)
        #  N  30/06, 30/09, 31/12/2023: nothing open at Y; S 01/01/2023, P 01/02, P 01/06 = 3.
        #     31/03/2024: S and P 01/02/2023 both open at 31/03/2023: still 1; + P 01/06 = 2.
        #  OB, LT 1 (their start); NA 1 (open at Y, no new episode).
        model = ref.Model(self.data)
        self.assertEqual([model.placements_in_year_to("L1", date.fromisoformat(d))
                          for d in (Q1, Q2, Q3, Q4)], [2, 2, 3, 3])
        self.assertEqual([model.placements_in_year_to("N", date.fromisoformat(d))
                          for d in (Q1, Q2, Q3, Q4)], [3, 3, 3, 2])
        # 3 or more: Q1 N; Q2 N; Q3 L1, N; Q4 L1 -> 1, 1, 2, 1 of 5.
        self.assertEqual([self.t[("placements_3_or_more", d, "Total")] for d in (Q1, Q2, Q3, Q4)],
                         ["1", "1", "2", "1"])
        self.assertEqual([self.t[("placements_3_or_more_percent", d, "Total")]
                          for d in (Q1, Q2, Q3, Q4)], ["20.0", "20.0", "40.0", "20.0"])
        # The year's figure is the 31 March row, written once (no 1 April - 31 March row).
        rows = [r for r in self.rows if r[3].startswith("placements_3_or_more")]
        self.assertEqual([(r[1], r[2]) for r in rows if r[2] == Q4], [(Q4, Q4), (Q4, Q4)])

    def test_measure_order(self):
        seen = []
        for r in self.rows:
            if not seen or seen[-1] != r[3]:
                seen.append(r[3])
        # No population: no rate. Nobody ceases (SB's E13 ends a short break; L1's X1 are not
        # ceasings), so the ceased breakdowns have no category. No header rows, so no known
        # DOB: the long-term cohort is 0 (rows of 0), with no percentage. Every other measure
        # has rows (nobody is adopted: no mean of days).
        self.assertEqual(seen, [m for m in MEASURE_ORDER if m not in (
            "looked_after_rate_per_10000", "long_term_stability_percent", "ceased_by_reason",
            "ceased_by_reason_group", "adoption_days_care_to_moving_in")])
        self.assertEqual([self.t[("long_term_cohort", d, "Total")] for d in (Q1, Q2, Q3, Q4)],
                         ["0"] * 4)
        self.assertEqual([self.t[("ceased", d, "Total")] for d in PERIODS], ["0"] * 5)
        # Each flow: the quarters' rows, then the year's.
        self.assertEqual([period_key(r[1], r[2]) for r in self.rows
                          if r[3] == "reviews_children_assessed"], list(PERIODS))


class TestStartedTwiceInOneYear(FixtureCase):
    def test_one_child_two_quarters(self):
        # H alone: starts 01/06/2023 (Q1), ceases 10/01/2024 E13, starts again 20/01/2024
        # (Q4), ceases 25/02/2024 E41. Started: Q1 1, Q4 1, year 1 (a child once a year).
        # Occasions: Q1 1, Q4 1, year 2. Ceased: Q4 1 (last reason E41), year 1 (E41): E13
        # is never a child's last reason in any period, so it has no row.
        write_csv(os.path.join(self.dir, "header.csv"), HEADER_COLS,
                  [["H", "F", "01/01/2012", "WBRI"]])
        write_csv(os.path.join(self.dir, "episodes.csv"), EPISODE_COLS, [
            ep("H", "01/06/2023", "S", "C2", "N5", "P1", "PR0", "10/01/2024", "E13"),
            ep("H", "20/01/2024", "S", "V2", "N4", "U4", "PR1", "25/02/2024", "E41"),
        ])
        write_csv(os.path.join(self.dir, "reviews.csv"), REVIEW_COLS, [])
        t = as_table(self.run_ref("2023-24 Q4", 4))
        periods = (Q1, Q2, Q3, Q4, FY)
        self.assertEqual([t[("started", d, "Total")] for d in periods],
                         ["1", "0", "0", "1", "1"])
        self.assertEqual([t[("started_occasions", d, "Total")] for d in periods],
                         ["1", "0", "0", "1", "2"])
        # The year takes the first start's need (N5) and placement (P1), not the second's.
        self.assertEqual([t[("started_by_need", FY, c)] for c in ["N4", "N5"]], ["0", "1"])
        self.assertEqual([t[("started_by_placement_group", FY, c)]
                          for c in ["foster", "placed_with_parents"]], ["0", "1"])
        self.assertEqual([t[("ceased", d, "Total")] for d in periods], ["0", "0", "0", "1", "1"])
        self.assertEqual(t[("ceased_by_reason", FY, "E41")], "1")
        self.assertNotIn(("ceased_by_reason", FY, "E13"), t)


# ============================================================================================
# Long-term stability (definitions, "Long-term stability"; decisions D22, D23)
# ============================================================================================

# Window 2023-24 Q1-Q4. The cut-offs (add_months, same day of the month, clamped):
#   D            D - 30 months (period of care)   D - 24 months (current placement)
#   30/06/2023   30/12/2020                       30/06/2021
#   30/09/2023   30/03/2021                       30/09/2021
#   31/12/2023   30/06/2021 (31 June clamped)     31/12/2021
#   31/03/2024   30/09/2021 (31 Sept clamped)     31/03/2022
# Every child is looked after at every quarter end (each has an open episode that started by
# 01/06/2023). DOB 01/01/2015 (aged 8 or 9) unless stated.
#  LA   (a) one placement: S U4 31/03/2021, open.
#  LL   (b) S 31/03/2021 -> X1 31/03/2023 -> L 31/03/2023 (DECOM = the S episode's DEC: joins),
#       open: the walk passes the L episode back to the S: placement from 31/03/2021.
#  LP   (c) S 31/03/2021 -> X1 31/03/2023 -> P U5 31/03/2023: placement from 31/03/2023.
#  GAP  (d) S 31/03/2021, DEC 01/03/2023 X1; L 31/03/2023 open. No episode ends on 31/03/2023:
#       a gap, so the placement starts at the L episode's DECOM, 31/03/2023; and as
#       31/03/2023 > 01/03/2023 the L episode also starts a new period of care (D6), from
#       31/03/2023: never in the cohort.
#  OV   (d) S 31/03/2021, DEC 15/04/2023 X1; L 01/04/2023 open (overlap). One period of care
#       from 31/03/2021 (01/04/2023 <= 15/04/2023), but no episode's DEC equals 01/04/2023:
#       for the walk a gap (D23), placement from 01/04/2023.
#  SIX  (e) DOB 31/03/2008: 15 at 31/12/2023, 16 on 31/03/2024 (the birthday counts on the
#       day); S 31/03/2021 open.
#  TWO  (f) S 31/03/2022 open: period of care from 2 years before 31/03/2024.
#  EDGE S 30/09/2021 open: exactly 31/03/2024 minus 30 months (on or before: in).
#  AD   (g) S K2 01/06/2021 -> X1 30/11/2021 -> P U4 30/11/2021 (18 months of foster care)
#       -> X1 31/05/2023 -> P A5 31/05/2023 open (10 months placed for adoption at 31/03/2024).
#       Its own placement starts 31/05/2023; the adoption rule carries on to the placement
#       before it, the U4 one (joined: DEC 31/05/2023 = DECOM), from 30/11/2021.
#  AD2  S U4 01/01/2021 -> X1 01/06/2022 -> P U5 01/06/2022 -> X1 01/06/2023 -> P A5
#       01/06/2023 open: adoptive placement + the one before from 01/06/2022; the rule goes
#       back one placement only, not to 01/01/2021.
#  AD3  S A5 01/01/2021 open: no placement before the adoptive one: its own start, 01/01/2021.
#  MV   S U4 01/01/2021 -> X1 15/01/2024 -> T U6 15/01/2024 open: moves in Q4.
#  EMP  S 31/03/2021 -> X1 31/03/2023 -> RNE empty 31/03/2023 open: only S/P/T/B/U start a
#       placement (D23), so placement from 31/03/2021.
#  NOD  (h) header row with an empty DOB; S 31/03/2021 open.   NOH no header row; the same.
#  FUT  DOB 01/01/2025, after every D (age unknown, D22); S 31/03/2021 open.
LT_HEADERS = [[c, "1", "01/01/2015", "WBRI"] for c in (
    "LA", "LL", "LP", "GAP", "OV", "TWO", "EDGE", "AD", "AD2", "AD3", "MV", "EMP")] + [
    ["SIX", "2", "31/03/2008", "WBRI"],
    ["NOD", "1", "", "WBRI"],
    ["FUT", "2", "01/01/2025", "WBRI"],
]
LT_EPISODES = [
    ep("LA", "31/03/2021", "S", "C2", "N1", "U4", "PR1"),
    ep("LL", "31/03/2021", "S", "C1", "N1", "U4", "PR1", "31/03/2023", "X1"),
    ep("LL", "31/03/2023", "L", "C2", "N1", "U4", "PR1"),
    ep("LP", "31/03/2021", "S", "C2", "N1", "U4", "PR1", "31/03/2023", "X1"),
    ep("LP", "31/03/2023", "P", "C2", "N1", "U5", "PR4"),
    ep("GAP", "31/03/2021", "S", "C1", "N1", "U4", "PR1", "01/03/2023", "X1"),
    ep("GAP", "31/03/2023", "L", "C2", "N1", "U4", "PR1"),
    ep("OV", "31/03/2021", "S", "C1", "N1", "U4", "PR1", "15/04/2023", "X1"),
    ep("OV", "01/04/2023", "L", "C2", "N1", "U4", "PR1"),
    ep("SIX", "31/03/2021", "S", "C2", "N1", "U4", "PR1"),
    ep("TWO", "31/03/2022", "S", "C2", "N1", "U4", "PR1"),
    ep("EDGE", "30/09/2021", "S", "C2", "N1", "U4", "PR1"),
    ep("AD", "01/06/2021", "S", "C2", "N1", "K2", "PR1", "30/11/2021", "X1"),
    ep("AD", "30/11/2021", "P", "C2", "N1", "U4", "PR1", "31/05/2023", "X1"),
    ep("AD", "31/05/2023", "P", "E1", "N1", "A5", "PR1"),
    ep("AD2", "01/01/2021", "S", "C2", "N1", "U4", "PR1", "01/06/2022", "X1"),
    ep("AD2", "01/06/2022", "P", "C2", "N1", "U5", "PR1", "01/06/2023", "X1"),
    ep("AD2", "01/06/2023", "P", "E1", "N1", "A5", "PR1"),
    ep("AD3", "01/01/2021", "S", "E1", "N1", "A5", "PR1"),
    ep("MV", "01/01/2021", "S", "C2", "N1", "U4", "PR1", "15/01/2024", "X1"),
    ep("MV", "15/01/2024", "T", "C2", "N1", "U6", "PR1"),
    ep("EMP", "31/03/2021", "S", "C1", "N1", "U4", "PR1", "31/03/2023", "X1"),
    ep("EMP", "31/03/2023", "", "C2", "N1", "U4", "PR1"),
    ep("NOD", "31/03/2021", "S", "C2", "N1", "U4", "PR1"),
    ep("NOH", "31/03/2021", "S", "C2", "N1", "U4", "PR1"),
    ep("FUT", "31/03/2021", "S", "C2", "N1", "U4", "PR1"),
]
LT_MEASURES = ["long_term_cohort", "long_term_same_placement", "long_term_stability_percent"]


class TestLongTermStability(FixtureCase):
    def setUp(self):
        super().setUp()
        write_csv(os.path.join(self.dir, "header.csv"), HEADER_COLS, LT_HEADERS)
        write_csv(os.path.join(self.dir, "episodes.csv"), EPISODE_COLS, LT_EPISODES)
        write_csv(os.path.join(self.dir, "reviews.csv"), REVIEW_COLS, [])
        self.rows, self.data = ref.run(self.dir, "E1", "2023-24 Q4", 4)
        self.t = as_table(self.rows)
        self.model = ref.Model(self.data)

    def at(self, fn, children, d):
        day = date.fromisoformat(d)
        return {c: fn(c, day) for c in children}

    def test_current_placement_start_at_31_march_2024(self):
        # The walk of the fixture's notes, at 31/03/2024.
        got = self.at(lambda c, d: self.model.current_placement_start(c, d).isoformat(),
                      ["LA", "LL", "LP", "GAP", "OV", "TWO", "EDGE", "AD", "AD2", "AD3", "MV",
                       "EMP"], Q4)
        self.assertEqual(got, {
            "LA": "2021-03-31",   # (a) its only episode, RNE S
            "LL": "2021-03-31",   # (b) L joins the S (DECOM 31/03/2023 = DEC): continues it
            "LP": "2023-03-31",   # (c) RNE P starts a placement
            "GAP": "2023-03-31",  # (d) no episode ends 31/03/2023: the first after the gap
            "OV": "2023-04-01",   # (d) overlap: DEC 15/04/2023 is not 01/04/2023: a gap
            "TWO": "2022-03-31",
            "EDGE": "2021-09-30",
            "AD": "2021-11-30",   # (g) A5 from 31/05/2023 + the U4 before it from 30/11/2021
            "AD2": "2022-06-01",  # A5 from 01/06/2023 + the U5 before it; not back to 2021
            "AD3": "2021-01-01",  # A5 with nothing before: its own start
            "MV": "2024-01-15",   # RNE T starts a placement
            "EMP": "2021-03-31",  # an empty RNE does not start one
        })
        # At 31/12/2023 MV is still in its first episode.
        self.assertEqual(self.model.current_placement_start("MV", date(2023, 12, 31)),
                         date(2021, 1, 1))
        # (g) without the adoption rule AD's placement would start 31/05/2023: the rule does
        # the work (31/05/2023 is after 31/03/2022, 30/11/2021 is not).
        self.assertEqual(self.model.placement_first_episode(
            "AD", self.model.looked_after_at(date(2024, 3, 31))["AD"]).decom, date(2023, 5, 31))

    def test_period_of_care_start(self):
        # GAP: two periods (31/03/2023 > DEC 01/03/2023); the one that includes D starts
        # 31/03/2023. OV: one period (01/04/2023 <= 15/04/2023) from 31/03/2021. AD: one period
        # from its first episode, 01/06/2021.
        got = self.at(lambda c, d: self.model.current_period_start(c, d).isoformat(),
                      ["GAP", "OV", "AD"], Q4)
        self.assertEqual(got, {"GAP": "2023-03-31", "OV": "2021-03-31", "AD": "2021-06-01"})

    def test_cohort_and_same_placement_by_child(self):
        children = [c for c, *_ in LT_HEADERS] + ["NOH"]
        cohort = {d: sorted(c for c, yes in self.at(self.model.in_long_term_cohort, children,
                                                     d).items() if yes)
                  for d in (Q1, Q2, Q3, Q4)}
        same = {d: sorted(c for c, yes in self.at(self.model.long_term_same_placement, children,
                                                   d).items() if yes)
                for d in (Q1, Q2, Q3, Q4)}
        # 30/06/2023: period started on or before 30/12/2020? The earliest start is 01/01/2021
        #   (AD2, AD3, MV): nobody.
        # 30/09/2023: on or before 30/03/2021: AD2, AD3, MV (01/01/2021); the 31/03/2021
        #   starters miss by one day. Placement on or before 30/09/2021: AD2 no (01/06/2022),
        #   AD3 yes (01/01/2021), MV yes (01/01/2021, its S still open).
        # 31/12/2023: on or before 30/06/2021: LA LL LP OV SIX (15) EMP (31/03/2021), AD
        #   (01/06/2021), AD2 AD3 MV (01/01/2021); not GAP (period from 31/03/2023), TWO
        #   (31/03/2022), EDGE (30/09/2021), NOD and NOH (no DOB), FUT (DOB after D).
        #   Placement on or before 31/12/2021: LA LL SIX EMP (31/03/2021), AD (30/11/2021),
        #   AD3 MV (01/01/2021); not LP (31/03/2023), OV (01/04/2023), AD2 (01/06/2022).
        # 31/03/2024: on or before 30/09/2021: as 31/12/2023 but SIX is 16 (out) and EDGE
        #   (30/09/2021) is in. Placement on or before 31/03/2022: LA LL EMP, EDGE
        #   (30/09/2021), AD (30/11/2021), AD3; MV has moved (15/01/2024).
        self.assertEqual(cohort, {
            Q1: [],
            Q2: ["AD2", "AD3", "MV"],
            Q3: sorted(["LA", "LL", "LP", "OV", "SIX", "EMP", "AD", "AD2", "AD3", "MV"]),
            Q4: sorted(["LA", "LL", "LP", "OV", "EDGE", "EMP", "AD", "AD2", "AD3", "MV"]),
        })
        self.assertEqual(same, {
            Q1: [],
            Q2: ["AD3", "MV"],
            Q3: sorted(["LA", "LL", "SIX", "EMP", "AD", "AD3", "MV"]),
            Q4: sorted(["LA", "LL", "EMP", "EDGE", "AD", "AD3"]),
        })

    def test_rows(self):
        # Counts from the previous test: cohort 0, 3, 10, 10; same placement 0, 2, 7, 6.
        # Percent: Q1 none (cohort 0); 2/3 = 66.67 -> 66.7; 7/10 = 70.0; 6/10 = 60.0.
        self.assertEqual([self.t[("long_term_cohort", d, "Total")] for d in (Q1, Q2, Q3, Q4)],
                         ["0", "3", "10", "10"])
        self.assertEqual([self.t[("long_term_same_placement", d, "Total")]
                          for d in (Q1, Q2, Q3, Q4)], ["0", "2", "7", "6"])
        self.assertEqual([self.t.get(("long_term_stability_percent", d, "Total"))
                          for d in (Q1, Q2, Q3, Q4)], [None, "66.7", "70.0", "60.0"])

    def test_counts_at_a_date_with_year_as_q4(self):
        # Counts at a date: period_start = period_end = the quarter end, Total only; the year
        # 2023-24 has no row of its own (its 31 March figure is the Q4 row, written once).
        for m, ends in [("long_term_cohort", [Q1, Q2, Q3, Q4]),
                        ("long_term_same_placement", [Q1, Q2, Q3, Q4]),
                        ("long_term_stability_percent", [Q2, Q3, Q4])]:
            with self.subTest(measure=m):
                self.assertEqual([(r[1], r[2], r[4]) for r in self.rows if r[3] == m],
                                 [(d, d, "Total") for d in ends])

    def test_measure_order(self):
        # Right after placements_3_or_more_percent, in the table's order.
        seen = []
        for r in self.rows:
            if not seen or seen[-1] != r[3]:
                seen.append(r[3])
        i = seen.index("placements_3_or_more_percent")
        self.assertEqual(seen[i + 1:i + 5], LT_MEASURES + ["started"])


# ============================================================================================
# Stitching of yearly returns and file formats
# ============================================================================================

# Return 2023 (dd/mm/yyyy, LF) and return 2024 (ISO dates, BOM, CRLF, extra LA/YEAR columns).
#  S1 is open in 2023's return; 2024's return fills in DEC 10/08/2023 E41. So S1 is looked
#     after at 30/06/2023 only and ceases in Q2 with E41. Header: 2024's row (ABAN, asian)
#     wins over 2023's (WBRI).
#  S2 appears only in the 2023 return (ceased 01/02/2023, before the window): kept, not counted.
#  S3 starts 01/05/2023 (2024 return only). Its review on 20/05/2023 is in both returns with
#     different codes: one review (held 1), the 2024 code PN2 wins.
class TestStitching(FixtureCase):
    def make_returns(self, layout):
        def path(year, table):
            if layout == "folders":
                return os.path.join(self.dir, year, table + ".csv")
            return os.path.join(self.dir, f"{year}-{table}.csv")

        write_csv(path("2023", "header"), HEADER_COLS,
                  [["S1", "1", "01/01/2010", "WBRI"], ["S2", "2", "01/01/2011", "WBRI"]])
        write_csv(path("2023", "episodes"), EPISODE_COLS, [
            ep("S1", "01/06/2022", "S", "C2", "N1", "U4", "PR1"),
            ep("S2", "01/01/2023", "S", "C1", "N2", "U4", "PR1", "01/02/2023", "E13"),
        ])
        write_csv(path("2023", "reviews"), REVIEW_COLS, [["S3", "", "20/05/2023", "PN1"]])
        extra = EPISODE_COLS + ["LA", "YEAR"]
        write_csv(path("2024", "header"), HEADER_COLS + ["LA"],
                  [["S1", "M", "2010-01-01", "ABAN", "", "", "", "X"],
                   ["S3", "F", "2015-03-03", "WBRI", "", "", "", "X"]], bom=True, crlf=True)
        write_csv(path("2024", "episodes"), extra, [
            ep("S1", "2022-06-01", "S", "C2", "N1", "U4", "PR1", "2023-08-10", "E41")
            + ["", "", "", "", "X", "2024"],
            ep("S3", "2023-05-01", "S", "V2", "N3", "U5", "PR4") + ["", "", "", "", "X", "2024"],
        ], bom=True, crlf=True)
        write_csv(path("2024", "reviews"), REVIEW_COLS, [["S3", "", "2023-05-20", "PN2"]],
                  bom=True, crlf=True)

    def check(self, rows):
        t = as_table(rows)
        for d, n in [(Q1, "2"), (Q2, "1"), (Q3, "1"), (Q4, "1")]:
            self.assertEqual(t[("looked_after", d, "Total")], n)
        self.assertEqual(t[("ceased", Q2, "Total")], "1")
        self.assertEqual(t[("ceased_by_reason", Q2, "E41")], "1")
        self.assertEqual(categories(rows, "ceased_by_reason", Q1), ["E41"])
        self.assertEqual(t[("started", Q1, "Total")], "1")  # S3
        self.assertEqual(t[("looked_after_by_ethnicity", Q1, "asian")], "1")   # S1, 2024 row
        self.assertEqual(t[("looked_after_by_ethnicity", Q1, "white")], "1")   # S3
        self.assertEqual(categories(rows, "looked_after_by_ethnicity", Q1), ["white", "asian"])
        self.assertEqual(t[("reviews_held", Q1, "Total")], "1")
        self.assertEqual(categories(rows, "reviews_by_participation", Q1), ["PN2"])

    def test_year_folders(self):
        self.make_returns("folders")
        # A social-worker episodes table ends in "episodes.csv" but is not the episodes table.
        with open(os.path.join(self.dir, "2024", "sw_episodes.csv"), "w") as fh:
            fh.write("CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nS1,01/01/2010,SW1,x,y,z\n")
        self.check(self.run_ref("2023-24 Q4", 4))

    def test_year_prefixed_names_and_undated_return(self):
        self.make_returns("prefixed")
        # An undated return is older than every dated one: its DEC 01/07/2022 for S1 loses.
        write_csv(os.path.join(self.dir, "episodes.csv"), EPISODE_COLS,
                  [ep("S1", "01/06/2022", "S", "C2", "N1", "U4", "PR1", "01/07/2022", "E8")])
        self.check(self.run_ref("2023-24 Q4", 4))

    def test_default_window_from_latest_return(self):
        # No window end: data as at 31/03/2024 (latest return 2024) -> window ends 2023-24 Q4.
        self.make_returns("folders")
        default = self.run_ref(None, 4)
        self.assertEqual(default, self.run_ref("2023-24 Q4", 4))


# ============================================================================================
# The window and its financial years (definitions, "Data as at, and the window")
# ============================================================================================

# One undated return. W1 S 01/04/2019, ceases 10/08/2024 E13: the latest date in the data, so
# data as at 10/08/2024, and the last quarter 4 on or before it is 2023-24 Q4 (31/03/2024),
# not 2024-25 Q1 (30/06/2024), which ends before 10/08/2024 too.
# W2 S 15/05/2021 -> ceases 01/06/2021 E13; S again 01/07/2022, open.
WINDOW_EPISODES = [
    ep("W1", "01/04/2019", "S", "C2", "N1", "U4", "PR1", "10/08/2024", "E13"),
    ep("W2", "15/05/2021", "S", "C1", "N1", "U4", "PR1", "01/06/2021", "E13"),
    ep("W2", "01/07/2022", "S", "C1", "N1", "U4", "PR1"),
]


class TestWindow(FixtureCase):
    def setUp(self):
        super().setUp()
        self.data = os.path.join(self.dir, "data")
        write_csv(os.path.join(self.data, "header.csv"), HEADER_COLS, [])
        write_csv(os.path.join(self.data, "episodes.csv"), EPISODE_COLS, WINDOW_EPISODES)
        write_csv(os.path.join(self.data, "reviews.csv"), REVIEW_COLS, [])

    def config(self, text):
        path = os.path.join(self.dir, "careboard.toml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path

    @staticmethod
    def shape(rows):
        """(first and last quarter end of looked_after, the years of `started`)."""
        ends = [r[2] for r in rows if r[3] == "looked_after"]
        years = [period_key(r[1], r[2]) for r in rows if r[3] == "started"
                 and period_key(r[1], r[2]) != r[2]]
        return ends[0], ends[-1], len(ends), years

    def test_default_three_years_to_the_last_quarter_4(self):
        rows, _ = ref.run(self.data, "E1")
        # 12 quarters 2021-22 Q1 .. 2023-24 Q4, and their three years.
        self.assertEqual(self.shape(rows), ("2021-06-30", "2024-03-31", 12,
                                            ["2021-22", "2022-23", "2023-24"]))
        # started: W2 in 2021-22 Q1 and 2022-23 Q2; the quarters' 12 rows, then the years'.
        started = [(r[1], r[2], r[5]) for r in rows if r[3] == "started"]
        self.assertEqual(started[12:], [("2021-04-01", "2022-03-31", "1"),
                                        ("2022-04-01", "2023-03-31", "1"),
                                        ("2023-04-01", "2024-03-31", "0")])
        self.assertEqual([v for _, _, v in started[:12]],
                         ["1", "0", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0"])
        # as at 30/03/2024: the last quarter 4 on or before it is 2022-23 Q4.
        rows, _ = ref.run(self.data, "E1", as_at=date(2024, 3, 30))
        self.assertEqual(self.shape(rows)[:3], ("2020-06-30", "2023-03-31", 12))
        self.assertEqual(ref.last_year_end_on_or_before(date(2024, 3, 31)).label, "2023-24 Q4")
        self.assertEqual(ref.last_year_end_on_or_before(date(2024, 8, 10)).label, "2023-24 Q4")

    def test_years_from_config_and_arguments(self):
        # years = 5: 20 quarters 2019-20 Q1 .. 2023-24 Q4; W1 starts in 2019-20 (year row 1).
        cfg = self.config("[window]\nyears = 5\n")
        rows, _ = ref.run(self.data, "E1", config=cfg)
        self.assertEqual(self.shape(rows), ("2019-06-30", "2024-03-31", 20,
                                            ["2019-20", "2020-21", "2021-22", "2022-23",
                                             "2023-24"]))
        self.assertEqual(as_table(rows)[("started", "2019-20", "Total")], "1")
        # years = 4 as an argument wins over the config's 5: 16 quarters.
        rows, _ = ref.run(self.data, "E1", config=cfg, years=4)
        self.assertEqual(self.shape(rows)[:3], ("2020-06-30", "2024-03-31", 16))
        # years outside 3 to 5 is an error.
        for bad in ("2", "6", "\"3\""):
            with self.subTest(years=bad):
                with self.assertRaises(SystemExit):
                    ref.read_config(self.config(f"[window]\nyears = {bad}\n"))
        with self.assertRaises(SystemExit):
            ref.run(self.data, "E1", years=6)

    def test_end_and_quarters(self):
        # An explicit end may be any quarter: 2024-25 Q1 with the default 3 years = 12 quarters
        # 2021-22 Q2 .. 2024-25 Q1; 2021-22 lacks its Q1 and 2024-25 its Q2-Q4, so the years
        # are 2022-23 and 2023-24 only.
        rows, _ = ref.run(self.data, "E1", "2024-25 Q1")
        self.assertEqual(self.shape(rows), ("2021-09-30", "2024-06-30", 12,
                                            ["2022-23", "2023-24"]))
        # quarters = 6 without an end: the window still ends at the last quarter 4:
        # 2022-23 Q3 .. 2023-24 Q4, with the one year 2023-24.
        cfg = self.config("[window]\nquarters = 6\nyears = 5\n")
        rows, _ = ref.run(self.data, "E1", config=cfg)
        self.assertEqual(self.shape(rows), ("2022-12-31", "2024-03-31", 6, ["2023-24"]))
        # An end with 4 years: 16 quarters.
        rows, _ = ref.run(self.data, "E1", "2024-25 Q1", years=4)
        self.assertEqual(self.shape(rows)[:3], ("2020-09-30", "2024-06-30", 16))
        # A window with no whole year has no year rows.
        rows, _ = ref.run(self.data, "E1", "2023-24 Q2", 4)
        self.assertEqual(self.shape(rows), ("2022-12-31", "2023-09-30", 4, []))

    def test_cli_years(self):
        out = os.path.join(self.dir, "m.csv")
        script = os.path.join(HERE, "measures_reference.py")
        proc = subprocess.run([sys.executable, script, "--data", self.data, "--years", "4",
                               "--out", out, "--quiet"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out, newline="") as fh:
            rows = [tuple(r) for r in list(csv.reader(fh))[1:]]
        self.assertEqual(self.shape(rows), ("2020-06-30", "2024-03-31", 16,
                                            ["2020-21", "2021-22", "2022-23", "2023-24"]))
        # --quarters wins over --years.
        proc = subprocess.run([sys.executable, script, "--data", self.data, "--years", "4",
                               "--quarters", "5", "--out", out, "--quiet"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out, newline="") as fh:
            rows = [tuple(r) for r in list(csv.reader(fh))[1:]]
        self.assertEqual(self.shape(rows), ("2023-03-31", "2024-03-31", 5, ["2023-24"]))
        proc = subprocess.run([sys.executable, script, "--data", self.data, "--years", "2",
                               "--out", out, "--quiet"], capture_output=True, text=True)
        self.assertNotEqual(proc.returncode, 0)


# ============================================================================================
# IRO escalations (definitions, "IRO escalations (optional input)")
# ============================================================================================

ESC_COLS = ["ESCALATION_ID", "CHILD", "RAISED", "ROUTE", "STAGE", "THEME", "TEAM", "RESOLVED",
            "RESOLVED_LEVEL", "OUTCOME"]

ESC_CONFIG = """\
[authority]
name = "Test Borough"
code = "E09000123"
population_0_17 = 1600

[escalations]
themes = ["Drift or delay", "Care plan not updated", "Health"]
levels = ["Practice manager", "Team manager", "Head of service"]
outcomes = ["Plan updated"]
teams = ["North", "South"]

[escalations.route_types]
"QA notification" = "informal"
"Informal discussion" = "informal"
"Problem resolution" = "formal"
"Management alert" = "alert"
"Good practice notification" = "good_practice"
"Unused route" = "formal"
"""

# Window 2023-24 Q1 .. 2024-25 Q1 (5 quarters); the 903 data are FLOW_* in both returns, so
# looked after at the quarter ends: 4, 5, 6, 6 and, at 30/06/2024, 6 (C D E F G I).
# Working days are counted after RAISED up to and including the later day (definitions). 2023
# holidays met: Fri 7 Apr, Mon 10 Apr, Mon 1 May, Mon 8 May, Mon 28 Aug; 2024: Fri 29 Mar,
# Mon 1 Apr.
#  E01 Mon 03/04/2023 -> 04/05/2023: 4-6 Apr 1-3; 11-14 4-7; 17-21 8-12; 24-28 13-17;
#      2, 3, 4 May 18-20 -> 20: within 20 (at most 20). Themes Drift or delay, Health.
#  E02 03/04/2023 -> 05/05/2023: 21, not within. THEME "Health;Health; ": Health once, the
#      empty piece ignored.
#  E03 03/04/2023 -> 02/05/2023: 18. Empty TEAM and RESOLVED_LEVEL: not_recorded.
#  E04 Fri 30/06/2023, raised on the quarter end: open at it (0 working days, not over 20).
#      Resolved Mon 03/07/2023: 1. ROUTE "Ad hoc challenge" is not in the config: unmapped.
#  E05 Mon 10/07/2023 -> Fri 14/07/2023: 4.
#  E06 Tue 01/08/2023, stage cafcass, never resolved; re-reported open in the 2025 return (with
#      a NOTES column that is ignored). At 30/09/2023: 2-4 Aug 1-3; 7-11 4-8; 14-18 9-13;
#      21-25 14-18; 28 Aug holiday; 29-31 19-21 ... -> over 20.
#  E07 Fri 01/09/2023: at Sat 30/09/2023 4-8 Sep 1-5, 11-15 6-10, 18-22 11-15, 25-29 16-20 ->
#      exactly 20, not over 20. Resolved Mon 02/10/2023: 21, not within.
#  E08 twice in the 2024 file: the later line wins (stage 0, Excellent practice, resolved the
#      day it was raised, 0 working days); the first line's stage 1 and Recording are gone.
#  E09 raised Mon 12/02/2024, open in the 2024 return (QA notification, stage 0); the 2025
#      return re-reports it with RESOLVED 16/04/2024, ROUTE Problem resolution, STAGE 1: the
#      2025 row wins for every column, so Q4 counts it as formal at stage 1. At 31/03/2024:
#      13-16 Feb 1-4; 19-23 5-9; 26 Feb-1 Mar 10-14; 4-8 Mar 15-19; 11-15 20-24; 18-22 25-29;
#      25-28 30-33 -> over 20. To 16/04/2024: 29 Mar, 1 Apr holidays; 2-5 Apr 34-37; 8-12
#      38-42; 15, 16 43-44 -> 44. CHILD F has no header row: a warning only.
#  E10 Fri 28/06/2024 (2025 return only), stage 4, open at Sun 30/06/2024: 0 working days.
ESC_2024 = [
    ["E01", "A", "03/04/2023", "QA notification", "0", "Drift or delay; Health", "North",
     "04/05/2023", "Practice manager", "Plan updated"],
    ["E02", "C", "03/04/2023", "Problem resolution", "1", "Health;Health; ", "South",
     "05/05/2023", "Team manager", "Plan updated"],
    ["E03", "", "2023-04-03", "Informal discussion", "0", "Care plan not updated", "",
     "02/05/2023", "", ""],
    ["E04", "D", "30/06/2023", "Ad hoc challenge", "2", "Zebra theme", "Central", "03/07/2023",
     "Service manager", ""],
    ["E05", "E", "10/07/2023", "Management alert", "3", "Health", "North", "14/07/2023",
     "Head of service", ""],
    ["E06", "G", "01/08/2023", "Problem resolution", "cafcass",
     "Drift or delay;Care plan not updated", "South", "", "", ""],
    ["E07", "H", "01/09/2023", " QA notification ", "0", "Health", " North ", "02/10/2023",
     "Team manager", ""],
    ["E08", "I", "15/11/2023", "Good practice notification", "1", "Recording", "South", "", "",
     ""],
    ["E08", "I", "15/11/2023", "Good practice notification", "0", "Excellent practice", "South",
     "15/11/2023", "Practice manager", ""],
    ["E09", "F", "12/02/2024", "QA notification", "0", "Permanence", "North", "", "", ""],
]
ESC_2025 = [
    ["E06", "G", "01/08/2023", "Problem resolution", "cafcass",
     "Drift or delay;Care plan not updated", "South", "", "", "", "still with the service"],
    ["E09", "F", "2024-02-12", "Problem resolution", "1", "Permanence", "North", "2024-04-16",
     "Team manager", "", ""],
    ["E10", "", "2024-06-28", "QA notification", "4", "Health; Drift or delay", "", "", "", "",
     ""],
]
# iro_staffing.csv, deliberately out of date order. FTE at each quarter end: 30/06/2023 none
# (the first row is 01/07/2023); 30/09/2023 1.5; 31/12/2023 1.6 (a row dated on the quarter end
# counts); 31/03/2024 1.6; 30/06/2024 0.75 (-> 0.8, half away from zero). 01/07/2024 is after
# the window.
STAFFING = [["2023-12-31", "1.6"], ["01/07/2023", "1.5"], ["2024-04-01", "0.75"],
            ["2024-07-01", "9"]]
Q5_END = "2024-06-30"
ESC_QUARTERS = (Q1, Q2, Q3, Q4, Q5_END)


class EscalationCase(FixtureCase):
    def write_config(self, text=ESC_CONFIG):
        path = os.path.join(self.dir, "careboard.toml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path

    def write_903(self, folder):
        write_csv(os.path.join(folder, "header.csv"), HEADER_COLS, FLOW_HEADERS)
        write_csv(os.path.join(folder, "episodes.csv"), EPISODE_COLS, FLOW_EPISODES)
        write_csv(os.path.join(folder, "reviews.csv"), REVIEW_COLS, [])


class TestEscalations(EscalationCase):
    def setUp(self):
        super().setUp()
        self.data = os.path.join(self.dir, "data")
        for year in ("2024", "2025"):
            self.write_903(os.path.join(self.data, year))
        write_csv(os.path.join(self.data, "2024", "escalations.csv"), ESC_COLS, ESC_2024)
        write_csv(os.path.join(self.data, "2025", "escalations.csv"), ESC_COLS + ["NOTES"],
                  ESC_2025, bom=True, crlf=True)
        write_csv(os.path.join(self.data, "iro_staffing.csv"), ["DATE", "FTE"], STAFFING)
        self.config = self.write_config()
        self.rows, self.loaded = ref.run(self.data, None, "2024-25 Q1", 5,
                                         config=self.config)
        self.t = as_table(self.rows)

    def values(self, measure, cats):
        return {d: [self.t[(measure, d, c)] for c in cats] for d in ESC_QUARTERS}

    def totals(self, measure):
        return {d: self.t.get((measure, d, "Total")) for d in ESC_QUARTERS}

    def test_working_days(self):
        wd = ref.working_days_after
        d = date.fromisoformat
        cases = [("2023-04-03", "2023-05-02", 18), ("2023-04-03", "2023-05-04", 20),
                 ("2023-04-03", "2023-05-05", 21), ("2023-11-15", "2023-11-15", 0),
                 ("2023-06-30", "2023-07-03", 1), ("2023-09-01", "2023-09-30", 20),
                 ("2023-09-01", "2023-10-02", 21), ("2024-02-12", "2024-03-31", 33),
                 ("2024-02-12", "2024-04-16", 44), ("2024-06-28", "2024-06-30", 0),
                 # Sat 23 Dec 2023 -> Tue 2 Jan 2024: 25, 26 Dec and 1 Jan are holidays;
                 # 27, 28, 29 Dec and 2 Jan -> 4.
                 ("2023-12-23", "2024-01-02", 4)]
        for a, b, n in cases:
            with self.subTest(a=a, b=b):
                self.assertEqual(wd(d(a), d(b)), n)
        # The 20th working day after a start is the last day still within 20 (reviews'
        # first_review_due uses the same calendar).
        for start in ("2023-04-03", "2023-04-06", "2022-12-16", "2024-01-03"):
            due = ref.first_review_due(d(start))
            self.assertEqual(wd(d(start), due), 20)
            self.assertEqual(wd(d(start), ref.nth_working_day_after(due, 1)), 21)

    def test_working_days_match_day_by_day_count(self):
        start = date(2019, 12, 20)
        for offset in range(0, 400, 7):
            a = start + ref.timedelta(days=offset)
            for span in (0, 1, 5, 13, 30, 45, 200):
                b = a + ref.timedelta(days=span)
                slow = sum(1 for k in range(1, span + 1)
                           if ref.is_working_day(a + ref.timedelta(days=k)))
                self.assertEqual(ref.working_days_after(a, b), slow, (a, b))

    def test_raised_and_per_100_looked_after(self):
        # Raised: Q1 E01-E04; Q2 E05-E07; Q3 E08; Q4 E09; Q5 E10.
        self.assertEqual(self.totals("escalations_raised"),
                         {Q1: "4", Q2: "3", Q3: "1", Q4: "1", Q5_END: "1"})
        # Per 100 looked after at the quarter end: 4/4 -> 100.0; 3/5 -> 60.0; 1/6 -> 16.7.
        self.assertEqual(self.totals("escalations_per_100_looked_after"),
                         {Q1: "100.0", Q2: "60.0", Q3: "16.7", Q4: "16.7", Q5_END: "16.7"})
        per100 = [r for r in self.rows if r[3] == "escalations_per_100_looked_after"]
        self.assertEqual(per100[0][1:3], ("2023-04-01", Q1))  # a quarter measure

    def test_by_route_and_route_type(self):
        # Routes: the labels the config maps, alphabetically (a TOML table gives no order,
        # decision E5), then the unmapped "Ad hoc challenge" although it sorts first;
        # "Unused route" never occurs, so has no row. E07's " QA notification " is trimmed.
        # E09 counts as Problem resolution (the 2025 row).
        cats = ["Good practice notification", "Informal discussion", "Management alert",
                "Problem resolution", "QA notification", "Ad hoc challenge"]
        self.assertEqual(categories(self.rows, "escalations_by_route", Q1), cats)
        self.assertEqual(self.values("escalations_by_route", cats), {
            Q1: ["0", "1", "0", "1", "1", "1"], Q2: ["0", "0", "1", "1", "1", "0"],
            Q3: ["1", "0", "0", "0", "0", "0"], Q4: ["0", "0", "0", "1", "0", "0"],
            Q5_END: ["0", "0", "0", "0", "1", "0"]})
        # Route types: Q1 informal E01 (QA) + E03 (Informal discussion), formal E02, unmapped
        # E04 (label not in the config).
        types = ["informal", "formal", "alert", "good_practice", "unmapped"]
        self.assertEqual(categories(self.rows, "escalations_by_route_type", Q3), types)
        self.assertEqual(self.values("escalations_by_route_type", types), {
            Q1: ["2", "1", "0", "0", "1"], Q2: ["1", "1", "1", "0", "0"],
            Q3: ["0", "0", "0", "1", "0"], Q4: ["0", "1", "0", "0", "0"],
            Q5_END: ["1", "0", "0", "0", "0"]})

    def test_by_theme(self):
        # Configured themes first, then Excellent practice, Permanence, Zebra theme
        # (alphabetically). Q1: E01 counts in Drift or delay AND Health; E02's repeated Health
        # once; E03 Care plan; E04 Zebra -> 5 theme counts for 4 escalations.
        # Q2: E05 Health, E06 Drift + Care plan, E07 Health. Q5: E10 Health + Drift.
        # "Recording" (E08's replaced line) never counts.
        cats = ["Drift or delay", "Care plan not updated", "Health", "Excellent practice",
                "Permanence", "Zebra theme"]
        self.assertEqual(categories(self.rows, "escalations_by_theme", Q4), cats)
        self.assertEqual(self.values("escalations_by_theme", cats), {
            Q1: ["1", "1", "2", "0", "0", "1"], Q2: ["1", "1", "2", "0", "0", "0"],
            Q3: ["0", "0", "0", "1", "0", "0"], Q4: ["0", "0", "0", "0", "1", "0"],
            Q5_END: ["1", "0", "1", "0", "0", "0"]})

    def test_by_stage_and_team(self):
        stages = ["0", "1", "2", "3", "4", "cafcass"]
        self.assertEqual(categories(self.rows, "escalations_by_stage", Q1), stages)
        # E08 stage 0 (later line), E09 stage 1 (2025 return).
        self.assertEqual(self.values("escalations_by_stage", stages), {
            Q1: ["2", "1", "1", "0", "0", "0"], Q2: ["1", "0", "0", "1", "0", "1"],
            Q3: ["1", "0", "0", "0", "0", "0"], Q4: ["0", "1", "0", "0", "0", "0"],
            Q5_END: ["0", "0", "0", "0", "1", "0"]})
        # Teams: North, South (configured), Central (not configured), not_recorded (E03, E10).
        teams = ["North", "South", "Central", "not_recorded"]
        self.assertEqual(categories(self.rows, "escalations_by_team", Q2), teams)
        self.assertEqual(self.values("escalations_by_team", teams), {
            Q1: ["1", "1", "1", "1"], Q2: ["2", "1", "0", "0"], Q3: ["0", "1", "0", "0"],
            Q4: ["1", "0", "0", "0"], Q5_END: ["0", "0", "0", "1"]})

    def test_resolution(self):
        # Q1: E01 20, E02 21, E03 18 -> 3 resolved, 2 within (66.7%), median 20.0.
        # Q2: E04 1, E05 4 -> 2, 2 (100.0%), median of an even count (1 + 4) / 2 = 2.5.
        # Q3: E07 21, E08 0 -> 2, 1 (50.0%), median (0 + 21) / 2 = 10.5.
        # Q4: nothing resolved -> 0, 0, no percentage row, no median row.
        # Q5: E09 44 (raised in Q4, resolved per the 2025 return) -> 1, 0 (0.0%), 44.0.
        self.assertEqual(self.totals("escalations_resolved"),
                         {Q1: "3", Q2: "2", Q3: "2", Q4: "0", Q5_END: "1"})
        self.assertEqual(self.totals("escalations_resolved_within_20_days"),
                         {Q1: "2", Q2: "2", Q3: "1", Q4: "0", Q5_END: "0"})
        self.assertEqual(self.totals("escalations_resolved_within_20_days_percent"),
                         {Q1: "66.7", Q2: "100.0", Q3: "50.0", Q4: None, Q5_END: "0.0"})
        self.assertEqual(self.totals("escalation_days_to_resolve_median"),
                         {Q1: "20.0", Q2: "2.5", Q3: "10.5", Q4: None, Q5_END: "44.0"})
        levels = ["Practice manager", "Team manager", "Head of service", "Service manager",
                  "not_recorded"]
        self.assertEqual(categories(self.rows, "escalations_resolved_by_level", Q4), levels)
        self.assertEqual(self.values("escalations_resolved_by_level", levels), {
            Q1: ["1", "1", "0", "0", "1"], Q2: ["0", "0", "1", "1", "0"],
            Q3: ["1", "1", "0", "0", "0"], Q4: ["0", "0", "0", "0", "0"],
            Q5_END: ["0", "1", "0", "0", "0"]})

    def test_open(self):
        # 30/06/2023: E04 (raised that day) -> 1, over 20: 0.
        # 30/09/2023: E06 (over 20), E07 (exactly 20: not over) -> 2, 1.
        # 31/12/2023: E06 (E08 resolved the day it was raised) -> 1, 1.
        # 31/03/2024: E06, E09 (33) -> 2, 2.   30/06/2024: E06, E10 (0) -> 2, 1.
        self.assertEqual(self.totals("escalations_open"),
                         {Q1: "1", Q2: "2", Q3: "1", Q4: "2", Q5_END: "2"})
        self.assertEqual(self.totals("escalations_open_over_20_days"),
                         {Q1: "0", Q2: "1", Q3: "1", Q4: "2", Q5_END: "1"})
        opened = [r for r in self.rows if r[3] == "escalations_open"]
        self.assertEqual(opened[0][1:3], (Q1, Q1))  # a count at a date

    def test_financial_year_rows(self):
        # The window 2023-24 Q1 .. 2024-25 Q1 holds one whole year, 2023-24 (01/04/2023 -
        # 31/03/2024); 2024-25 is not complete.
        # Raised in the year: E01-E09 = 9. Per 100 looked after at 31/03/2024 (6):
        # 900 / 6 = 150.0.
        self.assertEqual(self.t[("escalations_raised", FY, "Total")], "9")
        self.assertEqual(self.t[("escalations_per_100_looked_after", FY, "Total")], "150.0")
        # Resolved in the year: E01 20, E02 21, E03 18, E04 1, E05 4, E07 21, E08 0 working
        # days (E09 is resolved in 2024-25, E06 never): 7, within 20: E01, E03, E04, E05, E08
        # = 5, 5/7 = 71.4%. Median of 0 1 4 18 20 21 21 = 18.0 (not from the quarters').
        self.assertEqual(self.t[("escalations_resolved", FY, "Total")], "7")
        self.assertEqual(self.t[("escalations_resolved_within_20_days", FY, "Total")], "5")
        self.assertEqual(self.t[("escalations_resolved_within_20_days_percent", FY, "Total")],
                         "71.4")
        self.assertEqual(self.t[("escalation_days_to_resolve_median", FY, "Total")], "18.0")
        # Stages: 0 E01 E03 E07 E08; 1 E02 E09; 2 E04; 3 E05; cafcass E06 (4 occurs in Q5).
        self.assertEqual([self.t[("escalations_by_stage", FY, c)]
                          for c in ["0", "1", "2", "3", "4", "cafcass"]],
                         ["4", "2", "1", "1", "0", "1"])
        # Levels of the 7 resolved: Practice manager E01 E08; Team manager E02 E07; Head of
        # service E05; Service manager E04; not_recorded E03.
        self.assertEqual([self.t[("escalations_resolved_by_level", FY, c)]
                          for c in ["Practice manager", "Team manager", "Head of service",
                                    "Service manager", "not_recorded"]],
                         ["2", "2", "1", "1", "1"])
        # Teams: North E01 E05 E07 E09; South E02 E06 E08; Central E04; not_recorded E03.
        self.assertEqual([self.t[("escalations_by_team", FY, c)]
                          for c in ["North", "South", "Central", "not_recorded"]],
                         ["4", "3", "1", "1"])
        # Counts at a date have no year rows: the year's 31 March is the Q4 row.
        for m in ("escalations_open", "escalations_open_over_20_days", "iro_fte",
                  "iro_caseload"):
            self.assertTrue(all(r[1] == r[2] for r in self.rows if r[3] == m), m)
        # Year rows come after the quarters' rows.
        self.assertEqual([period_key(r[1], r[2]) for r in self.rows
                          if r[3] == "escalations_raised"], list(ESC_QUARTERS) + [FY])
        # iro_caseload_average, 2023-24 only: caseloads at 30/09 5/1.5 = 10/3, at 31/12 and
        # 31/03 6/1.6 = 15/4; 30/06 has no FTE and is left out. (10/3 + 15/4 + 15/4) / 3 =
        # 65/18 = 3.61 -> 3.6, over the year 1 April - 31 March.
        self.assertEqual([r[1:] for r in self.rows if r[3] == "iro_caseload_average"],
                         [("2023-04-01", Q4, "iro_caseload_average", "Total", "3.6")])

    def test_iro_fte_and_caseload(self):
        # FTE steps: none at 30/06/2023 (no row); 1.5; 1.6 from 31/12/2023; 0.75 -> "0.8".
        # Caseload = looked after / exact FTE: 5 / 1.5 = 3.33 -> 3.3; 6 / 1.6 = 3.75 -> 3.8
        # (half away from zero); 6 / 0.75 = 8.0.
        self.assertEqual(self.totals("iro_fte"),
                         {Q1: None, Q2: "1.5", Q3: "1.6", Q4: "1.6", Q5_END: "0.8"})
        self.assertEqual(self.totals("iro_caseload"),
                         {Q1: None, Q2: "3.3", Q3: "3.8", Q4: "3.8", Q5_END: "8.0"})
        fte = [r for r in self.rows if r[3] == "iro_fte"]
        self.assertEqual(fte[0][1:3], (Q2, Q2))

    def test_config_defaults_and_order(self):
        # Area code and population come from the config when not given.
        self.assertTrue(all(r[0] == "E09000123" for r in self.rows))
        self.assertEqual(self.t[("looked_after_rate_per_10000", Q1, "Total")], "25.0")
        rows, _ = ref.run(self.data, "E1", "2024-25 Q1", 5, population=Fraction(3200),
                          config=self.config)
        self.assertEqual(rows[0][0], "E1")
        self.assertEqual(as_table(rows)[("looked_after_rate_per_10000", Q1, "Total")], "12.5")
        measures = []
        for r in self.rows:
            if not measures or measures[-1] != r[3]:
                measures.append(r[3])
        first = measures.index("escalations_raised")
        # the 903's measures first (the adoptions, from the episodes, last of them)
        self.assertEqual(measures[first - 1], "adoption_children_care_to_moving_in")
        # Q4 has no resolved escalation, but the other quarters give both ratio measures rows.
        self.assertEqual(measures[first:], [
            "escalations_raised", "escalations_by_route", "escalations_by_route_type",
            "escalations_by_theme", "escalations_by_stage", "escalations_by_team",
            "escalations_resolved", "escalations_resolved_within_20_days",
            "escalations_resolved_within_20_days_percent", "escalation_days_to_resolve_median",
            "escalations_resolved_by_level", "escalations_open",
            "escalations_open_over_20_days", "escalations_per_100_looked_after", "iro_fte",
            "iro_caseload", "iro_caseload_average"])

    def test_warnings_and_returns(self):
        text = "\n".join(self.loaded.warnings)
        self.assertIn("2024/escalations.csv:10: repeated escalations key E08", text)
        self.assertIn("2025/escalations.csv: column NOTES ignored", text)
        self.assertIn("CHILD F not in the 903 header", text)
        self.assertIn("ROUTE 'Ad hoc challenge' is not in the config", text)
        self.assertIn("THEME 'Zebra theme' is not in the config", text)
        self.assertNotIn("'Unused route'", text)
        # Only the 903 files make returns (decision E1).
        self.assertEqual(sorted(set(self.loaded.return_years)), [2024, 2025])
        escs = {e.esc_id: e for e in self.loaded.escalations}
        self.assertEqual(len(escs), 10)
        self.assertEqual(escs["E09"].resolved, date(2024, 4, 16))
        self.assertEqual(escs["E02"].themes, ("Health",))


class TestEscalationEdges(EscalationCase):
    def test_no_log_no_escalation_rows(self):
        self.write_903(self.dir)
        rows = self.run_ref("2023-24 Q4", 4)
        self.assertFalse([r for r in rows if r[3].startswith(("escalation", "iro_"))])
        # Staffing alone gives iro_fte / iro_caseload only.
        write_csv(os.path.join(self.dir, "iro_staffing.csv"), ["DATE", "FTE"],
                  [["01/04/2023", "2"]])
        rows = self.run_ref("2023-24 Q4", 4)
        self.assertEqual(sorted({r[3] for r in rows if r[3].startswith(("escalation", "iro_"))}),
                         ["iro_caseload", "iro_caseload_average", "iro_fte"])
        # 30/06/2023: 4 looked after / 2 FTE = 2.0.
        self.assertEqual(as_table(rows)[("iro_caseload", Q1, "Total")], "2.0")
        # Year 2023-24: caseloads 4/2, 5/2, 6/2, 6/2 = 2, 2.5, 3, 3; mean 10.5/4 = 2.625 -> 2.6,
        # one row over the year (1 April - 31 March).
        self.assertEqual([r[1:] for r in rows if r[3] == "iro_caseload_average"],
                         [("2023-04-01", Q4, "iro_caseload_average", "Total", "2.6")])

    def test_caseload_average(self):
        # FLOW: looked after 4, 5, 6, 6 at the 2023-24 quarter ends.
        # FTE 0.9 throughout: caseloads 4/0.9 = 4.44, 5/0.9 = 5.56, 6/0.9 = 6.67 twice; the mean
        # of the exact caseloads is 21/3.6 = 5.83 -> 5.8 (the mean of the rounded quarter
        # figures 4.4, 5.6, 6.7, 6.7 would be 5.85 -> 5.9: decision D14).
        self.write_903(self.dir)
        staffing = os.path.join(self.dir, "iro_staffing.csv")
        write_csv(staffing, ["DATE", "FTE"], [["01/04/2023", "0.9"]])
        t = as_table(self.run_ref("2023-24 Q4", 4))
        self.assertEqual([t[("iro_caseload", d, "Total")] for d in (Q1, Q2, Q3, Q4)],
                         ["4.4", "5.6", "6.7", "6.7"])
        self.assertEqual(t[("iro_caseload_average", FY, "Total")], "5.8")
        # FTE 2, 2, 0, 3: no caseload at 31/12/2023 (FTE 0), left out like a quarter end
        # without an FTE: (4/2 + 5/2 + 6/3) / 3 = 6.5 / 3 = 2.17 -> 2.2.
        write_csv(staffing, ["DATE", "FTE"],
                  [["01/04/2023", "2"], ["01/10/2023", "0"], ["01/01/2024", "3"]])
        t = as_table(self.run_ref("2023-24 Q4", 4))
        self.assertNotIn(("iro_caseload", Q3, "Total"), t)
        self.assertEqual(t[("iro_caseload_average", FY, "Total")], "2.2")
        # No FTE at any of the year's quarter ends: no row.
        write_csv(staffing, ["DATE", "FTE"], [["01/04/2024", "2"]])
        rows = self.run_ref("2023-24 Q4", 4)
        self.assertFalse([r for r in rows if r[3] in ("iro_fte", "iro_caseload_average")])
        # A window without a whole year: no iro_caseload_average at all.
        write_csv(staffing, ["DATE", "FTE"], [["01/04/2023", "2"]])
        rows = self.run_ref("2023-24 Q3", 3)
        self.assertFalse([r for r in rows if r[3] == "iro_caseload_average"])
        self.assertTrue([r for r in rows if r[3] == "iro_caseload"])

    def test_zero_denominators_and_empty_quarters(self):
        # Window 2021-22 Q1: nobody in FLOW is looked after at 30/06/2021 (E starts 01/01/2022).
        # One escalation raised 01/05/2021: raised 1, no per-100 row (looked after 0). FTE 0
        # from 01/01/2021: iro_fte 0.0, no caseload row (zero denominator). The log is present,
        # so totals are written even for a quarter with nothing (2021-22 Q2: raised 0).
        self.write_903(self.dir)
        write_csv(os.path.join(self.dir, "escalations.csv"), ESC_COLS,
                  [["X1", "", "01/05/2021", "QA notification", "0", "Health", "", "", "", ""]])
        write_csv(os.path.join(self.dir, "iro_staffing.csv"), ["DATE", "FTE"],
                  [["01/01/2021", "0"]])
        rows, _ = ref.run(self.dir, "E1", "2021-22 Q2", 2)
        t = as_table(rows)
        q1, q2 = "2021-06-30", "2021-09-30"
        self.assertEqual((t[("escalations_raised", q1, "Total")],
                          t[("escalations_raised", q2, "Total")]), ("1", "0"))
        self.assertNotIn(("escalations_per_100_looked_after", q1, "Total"), t)
        self.assertEqual(t[("iro_fte", q1, "Total")], "0.0")
        self.assertNotIn(("iro_caseload", q1, "Total"), t)
        # No config: every route is unmapped.
        self.assertEqual(categories(rows, "escalations_by_route_type", q1), ["unmapped"])
        # Open at both quarter ends; over 20 working days at 30/06/2021 (2 May .. 30 Jun).
        self.assertEqual(t[("escalations_open_over_20_days", q1, "Total")], "1")

    def test_bad_rows_skipped(self):
        self.write_903(self.dir)
        write_csv(os.path.join(self.dir, "escalations.csv"), ESC_COLS, [
            ["B1", "", "01/05/2023", "R", "5", "Health"],                  # unknown STAGE
            ["B2", "", "01/05/2023", "R", "Cafcass", "Health"],            # read as cafcass
            ["B3", "", "01/05/2023", "R", "0", " ; ;"],                   # no theme
            ["B3B", "", "01/05/2023", "R", "", "Health"],                  # no STAGE
            ["B4", "", "01/05/2023", "", "0", "Health"],                   # no ROUTE
            ["B5", "", "01/05/2023", "R", "0", "Health", "", "30/04/2023"],  # resolved first
            ["B6", "", "31/04/2023", "R", "0", "Health"],                  # no such date
            ["", "", "01/05/2023", "R", "0", "Health"],                    # no id
            ["OK", "", "01/05/2023", "R", "cafcass", "Health"],
        ])
        rows, data = ref.run(self.dir, "E1", "2023-24 Q1", 1)
        # Skipped: B3 (no theme), B3B, B4, B5, B6 and the row without an id. STAGE is read
        # without regard to case (B2 is cafcass); an unknown STAGE (5) is counted as written
        # after cafcass, with a warning.
        self.assertEqual([e.esc_id for e in data.escalations], ["B1", "B2", "OK"])
        t = as_table(rows)
        self.assertEqual(t[("escalations_raised", Q1, "Total")], "3")
        self.assertEqual(categories(rows, "escalations_by_stage", Q1), ["cafcass", "5"])
        self.assertEqual(t[("escalations_by_stage", Q1, "cafcass")], "2")
        self.assertEqual(sum("row skipped" in w for w in data.warnings), 6)
        self.assertEqual(sum("unknown STAGE" in w for w in data.warnings), 1)

    def test_undated_log_older_than_yearly_logs(self):
        # An undated escalations.csv is older than 2024/escalations.csv: the dated row wins.
        self.write_903(self.dir)
        write_csv(os.path.join(self.dir, "escalations.csv"), ESC_COLS,
                  [["U1", "", "01/05/2023", "R", "0", "Health", "", ""]])
        write_csv(os.path.join(self.dir, "2024", "escalations.csv"), ESC_COLS,
                  [["U1", "", "01/05/2023", "R", "2", "Health", "", "10/05/2023"]])
        rows, data = ref.run(self.dir, "E1", "2023-24 Q1", 1)
        t = as_table(rows)
        self.assertEqual(t[("escalations_by_stage", Q1, "2")], "1")
        self.assertEqual(t[("escalations_open", Q1, "Total")], "0")
        # 1 May 2023 is a bank holiday; 2-5 May 1-4, 8 May holiday, 9, 10 May 5-6.
        self.assertEqual(t[("escalation_days_to_resolve_median", Q1, "Total")], "6.0")
        self.assertEqual(data.return_years, [])  # the 903 return is undated

    def test_config_errors(self):
        path = self.write_config(ESC_CONFIG.replace('"Unused route" = "formal"',
                                                    '"Unused route" = "stage_1"'))
        with self.assertRaises(SystemExit):
            ref.read_config(path)
        path = self.write_config('[escalations]\nthemes = "Health"\n')
        with self.assertRaises(SystemExit):
            ref.read_config(path)
        cfg = ref.read_config(self.write_config(ESC_CONFIG))
        self.assertEqual(list(cfg.route_types)[:3],
                         ["QA notification", "Informal discussion", "Problem resolution"])
        self.assertEqual(cfg.population, Fraction(1600))

    def test_config_window_and_cli(self):
        self.write_903(os.path.join(self.dir, "data"))
        write_csv(os.path.join(self.dir, "data", "escalations.csv"), ESC_COLS,
                  [["C1", "", "01/05/2023", "QA notification", "0", "Health", "", ""]])
        config = self.write_config(ESC_CONFIG + '\n[window]\nend = "2023-24 Q2"\nquarters = 2\n')
        out = os.path.join(self.dir, "measures.csv")
        proc = subprocess.run([sys.executable, os.path.join(HERE, "measures_reference.py"),
                               "--data", os.path.join(self.dir, "data"), "--config", config,
                               "--out", out, "--quiet"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out, newline="") as fh:
            rows = list(csv.reader(fh))[1:]
        self.assertEqual(sorted({r[2] for r in rows}), [Q1, Q2])
        t = as_table([tuple(r) for r in rows])
        self.assertEqual(t[("escalations_by_route_type", Q1, "informal")], "1")
        self.assertEqual(rows[0][0], "E09000123")


# ============================================================================================
# Months (definitions, "Months"; decisions D24-D27)
# ============================================================================================

# Window 2023-24 Q1-Q4 with months on: the 12 months April 2023 .. March 2024. Flow rows of a
# month run from its 1st to its last day (keyed "2023-04" etc. by period_key); counts at a
# date have a row for each month end that is not a quarter end (30/04, 31/05, 31/07, 31/08,
# 31/10, 30/11, 31/01, 29/02: 2024 is a leap year); June, September, December and March share
# the quarter's row.
MONTHS = ["2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09", "2023-10",
          "2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
OTHER_MONTH_ENDS = ["2023-04-30", "2023-05-31", "2023-07-31", "2023-08-31", "2023-10-31",
                    "2023-11-30", "2024-01-31", "2024-02-29"]
M_APR, M_MAY = "2023-04-30", "2023-05-31"

#  M1  DOB 15/05/2010. S 05/04/2023 C2 N1 U4, ceases 20/04/2023 E13; starts again S
#      10/05/2023 V2 N2 U5, X1 20/05/2023; P 20/05/2023 V2 N2 U6 open. Not looked after at
#      30/04 (DEC 20/04); looked after at every month end from 31/05.
#  M2  DOB 01/01/2015. S 01/01/2022 C1 N1 U4 open: looked after at every month end (aged 8
#      at 30/04/2023: 5_to_9). Reviews 15/04/2023 PN1 (first review of an observed period
#      (undated data), due 20 working days after 01/01/2022, so late) and 20/05/2023 PN1
#      (second, due 15/04/2023 + 3 months = 15/07/2023: in).
#  M3  DOB 01/05/2007. S 25/03/2023 L1 N3 K2 (before the window: no start in it), ceases
#      03/05/2023 E3: looked after at 30/04 only of the month ends, aged 15 (16 on 1 May).
#  M4  DOB 01/01/2020. S 15/03/2024 C2 N4 U4 open: looked after at 31/03/2024.
MONTH_HEADERS = [["M1", "2", "15/05/2010", "WBRI"], ["M2", "1", "01/01/2015", "WBRI"],
                 ["M3", "1", "01/05/2007", "BAFR"], ["M4", "2", "01/01/2020", "WBRI"]]
MONTH_EPISODES = [
    ep("M1", "05/04/2023", "S", "C2", "N1", "U4", "PR1", "20/04/2023", "E13"),
    ep("M1", "10/05/2023", "S", "V2", "N2", "U5", "PR4", "20/05/2023", "X1"),
    ep("M1", "20/05/2023", "P", "V2", "N2", "U6", "PR4"),
    ep("M2", "01/01/2022", "S", "C1", "N1", "U4", "PR1"),
    ep("M3", "25/03/2023", "S", "L1", "N3", "K2", "PR2", "03/05/2023", "E3"),
    ep("M4", "15/03/2024", "S", "C2", "N4", "U4", "PR1"),
]
MONTH_REVIEWS = [["M2", "", "15/04/2023", "PN1"], ["M2", "", "20/05/2023", "PN1"]]
# Escalations (working days after RAISED up to and including the later day):
#  X1 Mon 03/04/2023 -> Wed 05/04/2023: 4, 5 Apr = 2 (within 20).
#  X2 Fri 28/04/2023, never resolved. At 30/04: 29, 30 Apr are a weekend: 0. At 31/05: the 23
#     weekdays of May 2023 less 1, 8 and 29 May (holidays) = 20: not over 20. At 30/06: + the
#     22 weekdays of June = 42: over 20 (and so at every later month end).
#  X3 Mon 15/05/2023 -> Tue 20/06/2023: 16-19 May 4; 22-26 9; 29 May holiday; 30, 31 11;
#     1, 2 Jun 13; 5-9 18; 12-16 23; 19, 20 25: not within 20.
#  X4 Mon 04/03/2024, never resolved. At 31/03/2024: 5-8 Mar 4; 11-15 9; 18-22 14; 25-28
#     18; Fri 29 Mar (Good Friday) a holiday: 18, not over 20.
MONTH_ESCALATIONS = [
    ["X1", "M2", "03/04/2023", "QA notification", "0", "Health", "North", "05/04/2023",
     "Team manager", ""],
    ["X2", "M2", "28/04/2023", "QA notification", "1", "Drift or delay", "North", "", "", ""],
    ["X3", "M1", "15/05/2023", "QA notification", "0", "Health", "South", "20/06/2023",
     "Team manager", ""],
    ["X4", "M4", "04/03/2024", "QA notification", "2", "Health", "South", "", "", ""],
]
# FTE: 1 from 01/04/2023, 0.5 from 01/05/2023.
MONTH_STAFFING = [["01/04/2023", "1"], ["01/05/2023", "0.5"]]
MONTH_CONFIG = """\
[window]
end = "2023-24 Q4"
quarters = 4
months = true

[escalations.route_types]
"QA notification" = "informal"
"""


class TestMonths(FixtureCase):
    def setUp(self):
        super().setUp()
        self.data = os.path.join(self.dir, "data")
        write_csv(os.path.join(self.data, "header.csv"), HEADER_COLS, MONTH_HEADERS)
        write_csv(os.path.join(self.data, "episodes.csv"), EPISODE_COLS, MONTH_EPISODES)
        write_csv(os.path.join(self.data, "reviews.csv"), REVIEW_COLS, MONTH_REVIEWS)
        write_csv(os.path.join(self.data, "escalations.csv"), ESC_COLS, MONTH_ESCALATIONS)
        write_csv(os.path.join(self.data, "iro_staffing.csv"), ["DATE", "FTE"],
                  MONTH_STAFFING)
        self.config = self.write_config(MONTH_CONFIG)
        self.rows, _ = ref.run(self.data, "E1", config=self.config)
        self.t = as_table(self.rows)

    def write_config(self, text):
        path = os.path.join(self.dir, "careboard.toml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path

    def totals(self, measure, periods):
        return [self.t.get((measure, p, "Total")) for p in periods]

    def test_months_of_the_window(self):
        months = ref.window_months(ref.window_quarters(ref.parse_quarter("2023-24 Q4"), 4))
        self.assertEqual([m.label for m in months], MONTHS)
        self.assertEqual([(m.start.isoformat(), m.end.isoformat()) for m in months[10:]],
                         [("2024-02-01", "2024-02-29"), ("2024-03-01", "2024-03-31")])
        self.assertEqual([m.label for m in months if m.ends_quarter],
                         ["2023-06", "2023-09", "2023-12", "2024-03"])

    def test_started_in_april_and_again_in_may(self):
        # M1 starts 05/04 and 10/05, both in Q1: a child once per period, so April 1, May 1,
        # and Q1 1 (not 2: a quarter is not the sum of its months). Occasions: April 1, May 1,
        # Q1 2. M4 starts 15/03/2024: March 1, Q4 1. Year: M1, M4 = 2 children, 3 occasions.
        self.assertEqual(self.totals("started", [Q1, Q2, Q3, Q4, FY]), ["1", "0", "0", "1", "2"])
        self.assertEqual(self.totals("started", MONTHS),
                         ["1", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1"])
        self.assertEqual(self.totals("started_occasions", [Q1, FY, "2023-04", "2023-05"]),
                         ["2", "3", "1", "1"])
        # The first start in each period: April's and Q1's is 05/04 (N1, U4 foster); May's is
        # 10/05 (N2, U5 foster). N2 occurs only in May, yet every period lists it (D27):
        # categories N1 N2 N4 (M4) in code-list order.
        self.assertEqual(categories(self.rows, "started_by_need", Q1), ["N1", "N2", "N4"])
        self.assertEqual([self.t[("started_by_need", p, c)] for p in (Q1, "2023-04", "2023-05",
                                                                      "2024-03", FY)
                          for c in ("N1", "N2", "N4")],
                         ["1", "0", "0",  "1", "0", "0",  "0", "1", "0",  "0", "0", "1",
                          "1", "0", "1"])
        self.assertEqual([self.t[("started_by_legal_status", "2023-05", c)]
                          for c in ("C2", "V2")], ["0", "1"])
        # Age at the start: M1 on 10/05/2023 is 12 (15 May not yet reached): 10_to_15.
        self.assertEqual(self.t[("started_by_age", "2023-05", "10_to_15")], "1")
        # Ceased: M1 20/04 E13 (April), M3 03/05 E3 (May; M1's X1 on 20/05 is no ceasing).
        self.assertEqual(self.totals("ceased", [Q1, FY, "2023-04", "2023-05", "2023-06"]),
                         ["2", "2", "1", "1", "0"])
        self.assertEqual([self.t[("ceased_by_reason", p, c)] for p in ("2023-04", "2023-05")
                          for c in ("E13", "E3")], ["1", "0", "0", "1"])
        # Without months N2 occurs in no period: no N2 rows at all.
        rows, _ = ref.run(self.data, "E1", config=self.config, months=False)
        self.assertEqual(categories(rows, "started_by_need", Q1), ["N1", "N4"])

    def test_month_end_population_30_april(self):
        # 30/04/2023: M2 (open) and M3 (DEC 03/05 > 30/04); M1's first episode ended 20/04.
        # 31/05: M1 (P 20/05 open) and M2. Every later month end: M1, M2; 31/03/2024: + M4.
        self.assertEqual([r[1:] for r in self.rows if r[3] == "looked_after" and r[2] == M_APR],
                         [(M_APR, M_APR, "looked_after", "Total", "2")])
        self.assertEqual(self.totals("looked_after", OTHER_MONTH_ENDS), ["2"] * 8)
        self.assertEqual(self.totals("looked_after", [Q1, Q2, Q3, Q4]), ["2", "2", "2", "3"])
        # Legal status at 30/04: M2 C1, M3 L1. L1 is held at no quarter end (30/06: M1 V2,
        # M2 C1; 31/03: + M4 C2) but is a category of the window, so the quarters list it
        # with 0 (D27). Order C1 C2 V2 L1 (the LS list: C1 C2 D1 E1 V2 L1 ...).
        self.assertEqual(categories(self.rows, "looked_after_by_legal_status", M_APR),
                         ["C1", "C2", "V2", "L1"])
        self.assertEqual([self.t[("looked_after_by_legal_status", d, c)]
                          for d in (M_APR, M_MAY, Q1) for c in ("C1", "C2", "V2", "L1")],
                         ["1", "0", "0", "1",  "1", "0", "1", "0",  "1", "0", "1", "0"])
        # Group and placement at 30/04: C1 care_orders, L1 detained_for_protection; M2 U4
        # foster, M3 K2 secure_and_childrens_homes.
        self.assertEqual(self.t[("looked_after_by_legal_status_group", M_APR,
                                 "detained_for_protection")], "1")
        self.assertEqual(self.t[("looked_after_by_placement_group", M_APR,
                                 "secure_and_childrens_homes")], "1")
        # Ages at 30/04/2023: M2 8 (5_to_9); M3 15, the 16th birthday is 01/05 (10_to_15).
        self.assertEqual([self.t[("looked_after_by_age", M_APR, c)]
                          for c in ("5_to_9", "10_to_15")], ["1", "1"])
        # Placements in the 12 months to 31/05/2023 (Y = 31/05/2022) for M1: none held at Y;
        # new: S 05/04, S 10/05, P 20/05 = 3. At 30/04 M1 is not looked after; M2 has 1 (held
        # at Y = 30/04/2022), M3 1 (S 25/03/2023): 0 of 2 = 0.0. 31/05: 1 of 2 = 50.0. At
        # 29/02/2024 (Y = 28/02/2023) M1 still 3: 50.0. 31/03/2024: 1 of 3 = 33.3.
        self.assertEqual(self.totals("placements_3_or_more", [M_APR, M_MAY, "2024-02-29", Q4]),
                         ["0", "1", "1", "1"])
        self.assertEqual(self.totals("placements_3_or_more_percent",
                                     [M_APR, M_MAY, "2024-02-29", Q4]),
                         ["0.0", "50.0", "50.0", "33.3"])
        # Nobody's period of care began on or before 30/04/2023 minus 30 months (30/10/2020).
        self.assertEqual(self.t[("long_term_cohort", M_APR, "Total")], "0")

    def test_month_that_ends_a_quarter_shares_its_row(self):
        # Counts at a date: 30/06/2023 and 31/03/2024 are June's and March's month ends and
        # Q1's and Q4's (and 31/03 the year's): one row each, written once.
        for m in ("looked_after", "looked_after_by_legal_status", "placements_3_or_more",
                  "long_term_cohort", "escalations_open", "iro_fte", "iro_caseload"):
            with self.subTest(measure=m):
                rows = [r for r in self.rows if r[3] == m]
                self.assertTrue(all(r[1] == r[2] for r in rows))
                ends = [r[2] for r in rows]
                cats = len(categories(self.rows, m, Q1))
                for d in (Q1, Q2, Q3, Q4):
                    self.assertEqual(ends.count(d), cats)        # once per category
                self.assertEqual(len(set(ends)), 12)             # 4 quarter ends + 8 months
        self.assertEqual([r[1:] for r in self.rows if r[3] == "looked_after" and r[2] == Q4],
                         [(Q4, Q4, "looked_after", "Total", "3")])
        # Flows: June has its own row (1 - 30 June: nobody started) beside Q1's (M1); March
        # (1 - 31 March: M4) beside Q4's (1 Jan - 31 Mar) and the year's (1 Apr - 31 Mar).
        started = [r[1:3] + (r[5],) for r in self.rows if r[3] == "started"
                   and r[2] in (Q1, Q4)]
        self.assertEqual(started, [("2023-04-01", Q1, "1"), ("2024-01-01", Q4, "1"),
                                   ("2023-04-01", Q4, "2"), ("2023-06-01", Q1, "0"),
                                   ("2024-03-01", Q4, "1")])

    def test_escalations_per_month(self):
        # Raised: April X1, X2; May X3; March X4; other months 0. Q1 3, Q4 1, year 4.
        self.assertEqual(self.totals("escalations_raised", MONTHS),
                         ["2", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1"])
        self.assertEqual(self.totals("escalations_raised", [Q1, Q2, Q3, Q4, FY]),
                         ["3", "0", "0", "1", "4"])
        self.assertEqual([self.t[("escalations_by_stage", "2023-04", c)]
                          for c in ("0", "1", "2")], ["1", "1", "0"])
        self.assertEqual([self.t[("escalations_by_team", "2023-05", c)]
                          for c in ("North", "South")], ["0", "1"])
        # Per 100 looked after at the period's last day: April 2 x 100 / 2 = 100.0; May 1 x
        # 100 / 2 = 50.0; June 0.0; March 1 x 100 / 3 = 33.3; Q1 3 x 100 / 2 = 150.0; year
        # 4 x 100 / 3 (at 31/03/2024) = 133.3.
        self.assertEqual(self.totals("escalations_per_100_looked_after",
                                     ["2023-04", "2023-05", "2023-06", "2024-03", Q1, FY]),
                         ["100.0", "50.0", "0.0", "33.3", "150.0", "133.3"])
        # Resolved: April X1 (2 working days), June X3 (25): within 20 100.0 / 0.0, medians
        # 2.0 / 25.0; Q1 both: 50.0, median (2 + 25) / 2 = 13.5. May resolves nothing: 0 and
        # no percentage or median row.
        self.assertEqual(self.totals("escalations_resolved", ["2023-04", "2023-05", "2023-06"]),
                         ["1", "0", "1"])
        self.assertEqual(self.totals("escalations_resolved_within_20_days_percent",
                                     ["2023-04", "2023-05", "2023-06", Q1]),
                         ["100.0", None, "0.0", "50.0"])
        self.assertEqual(self.totals("escalation_days_to_resolve_median",
                                     ["2023-04", "2023-06", Q1]), ["2.0", "25.0", "13.5"])
        # Open at the month ends: 30/04 X2 (0 days); 31/05 X2 (20, not over), X3; 30/06 (Q1's
        # row) X2 (42); later X2 only, over 20; 31/03/2024 X2 and X4 (18).
        self.assertEqual(self.totals("escalations_open", [M_APR, M_MAY, Q1, "2023-07-31", Q4]),
                         ["1", "2", "1", "1", "2"])
        self.assertEqual(self.totals("escalations_open_over_20_days",
                                     [M_APR, M_MAY, Q1, "2023-07-31", Q4]),
                         ["0", "0", "1", "1", "1"])
        # FTE 1 at 30/04, 0.5 from 31/05: caseload 2 / 1 = 2.0, 2 / 0.5 = 4.0, 31/03: 6.0.
        self.assertEqual(self.totals("iro_fte", [M_APR, M_MAY, Q1]), ["1.0", "0.5", "0.5"])
        self.assertEqual(self.totals("iro_caseload", [M_APR, M_MAY, Q1, Q4]),
                         ["2.0", "4.0", "4.0", "6.0"])
        # iro_caseload_average: the year only, over the four quarter ends (4 + 4 + 4 + 6) / 4
        # = 4.5; the twelve month ends would give (2 + 10 x 4 + 6) / 12 = 4.0. No month rows.
        self.assertEqual([r[1:] for r in self.rows if r[3] == "iro_caseload_average"],
                         [("2023-04-01", Q4, "iro_caseload_average", "Total", "4.5")])

    def test_reviews_per_month(self):
        # M2's reviews: 15/04 first, late; 20/05 second, in timescale.
        self.assertEqual(self.totals("reviews_held", ["2023-04", "2023-05", "2023-06", Q1]),
                         ["1", "1", "0", "2"])
        self.assertEqual(self.totals("reviews_in_timescale_percent",
                                     ["2023-04", "2023-05", "2023-06", Q1]),
                         ["0.0", "100.0", None, "50.0"])
        self.assertEqual([self.t[("reviews_by_sequence", p, c)] for p in ("2023-04", "2023-05")
                          for c in ("first", "second")], ["1", "0", "0", "1"])

    def test_row_order_quarters_years_months(self):
        # A flow: the 4 quarters, the year, then the 12 months in month order.
        self.assertEqual([period_key(r[1], r[2]) for r in self.rows if r[3] == "started"],
                         [Q1, Q2, Q3, Q4, FY] + MONTHS)
        self.assertEqual([(r[1], r[2]) for r in self.rows if r[3] == "started"][5:7],
                         [("2023-04-01", "2023-04-30"), ("2023-05-01", "2023-05-31")])
        # A breakdown: each period's categories in order, the periods in the same order.
        self.assertEqual([(period_key(r[1], r[2]), r[4]) for r in self.rows
                          if r[3] == "started_by_need"],
                         [(p, c) for p in [Q1, Q2, Q3, Q4, FY] + MONTHS
                          for c in ("N1", "N2", "N4")])
        # A count at a date: the quarter ends, then the other month ends (no year rows).
        self.assertEqual([r[2] for r in self.rows if r[3] == "looked_after"],
                         [Q1, Q2, Q3, Q4] + OTHER_MONTH_ENDS)
        self.assertEqual([r[2] for r in self.rows if r[3] == "escalations_open"],
                         [Q1, Q2, Q3, Q4] + OTHER_MONTH_ENDS)
        # Measures keep definitions' order: month rows never come between two measures.
        seen = []
        for r in self.rows:
            if not seen or seen[-1] != r[3]:
                seen.append(r[3])
        self.assertEqual(len(seen), len(set(seen)))
        rows, _ = ref.run(self.data, "E1", config=self.config, months=False)
        off = []
        for r in rows:
            if not off or off[-1] != r[3]:
                off.append(r[3])
        self.assertEqual(seen, off)

    def test_months_off_by_default_and_switches(self):
        # Without `[window] months` (or with false) there are no month rows.
        plain = self.write_config(MONTH_CONFIG.replace("months = true\n", ""))
        rows, _ = ref.run(self.data, "E1", config=plain)
        self.assertFalse([r for r in rows if period_key(r[1], r[2]) in MONTHS
                          or r[2] in OTHER_MONTH_ENDS])
        self.assertEqual(ref.read_config(plain).months, None)
        off = self.write_config(MONTH_CONFIG.replace("months = true", "months = false"))
        self.assertEqual(ref.run(self.data, "E1", config=off)[0], rows)
        # The argument wins over the config.
        self.assertEqual(ref.run(self.data, "E1", config=off, months=True)[0], self.rows)
        # A months that is not a boolean is an error.
        for bad in ('"yes"', "1"):
            with self.subTest(months=bad):
                with self.assertRaises(SystemExit):
                    ref.read_config(self.write_config(
                        MONTH_CONFIG.replace("months = true", f"months = {bad}")))

    def test_cli_months_flag(self):
        script = os.path.join(HERE, "measures_reference.py")
        plain = self.write_config(MONTH_CONFIG.replace("months = true\n", ""))

        def cli(*extra):
            out = os.path.join(self.dir, "m.csv")
            proc = subprocess.run([sys.executable, script, "--data", self.data,
                                   "--area-code", "E1", "--config", plain, "--out", out,
                                   "--quiet", *extra], capture_output=True, text=True)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(out, newline="") as fh:
                return [tuple(r) for r in list(csv.reader(fh))[1:]]

        self.assertEqual(cli("--months"), self.rows)
        self.assertEqual(cli(), ref.run(self.data, "E1", config=plain)[0])
        # --no-months wins over a config with months = true.
        plain = self.write_config(MONTH_CONFIG)
        self.assertEqual(cli("--no-months"), ref.run(self.data, "E1", config=plain,
                                                     months=False)[0])


# ============================================================================================
# Command line and compare_measures
# ============================================================================================

class TestCommandLine(FixtureCase):
    def test_cli_output_matches_and_compares_identical(self):
        write_csv(os.path.join(self.dir, "data", "header.csv"), HEADER_COLS, FLOW_HEADERS)
        write_csv(os.path.join(self.dir, "data", "episodes.csv"), EPISODE_COLS, FLOW_EPISODES)
        write_csv(os.path.join(self.dir, "data", "reviews.csv"), REVIEW_COLS, [])
        out = os.path.join(self.dir, "measures.csv")
        proc = subprocess.run([sys.executable, os.path.join(HERE, "measures_reference.py"),
                               "--data", os.path.join(self.dir, "data"),
                               "--area-code", "E09000099", "--window-end", "2023-24 Q4",
                               "--quarters", "4", "--population", "1600", "--out", out,
                               "--quiet"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out, newline="") as fh:
            text = fh.read()
        self.assertTrue(text.startswith(
            "area_code,period_start,period_end,measure,category,value\n"
            "E09000099,2023-06-30,2023-06-30,looked_after,Total,4\n"))
        self.assertNotIn("\r", text)
        copy = os.path.join(self.dir, "copy.csv")
        with open(copy, "w", newline="") as fh:
            fh.write(text)
        proc = subprocess.run([sys.executable, os.path.join(HERE, "compare_measures.py"),
                               out, copy], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0)
        n = text.count("\n") - 1
        self.assertIn(f"measures identical: {n} rows", proc.stdout)


class TestCompareMeasures(FixtureCase):
    HEAD = "area_code,period_start,period_end,measure,category,value\n"
    A = [
        "E1,2024-03-31,2024-03-31,looked_after,Total,10\n",
        "E1,2024-03-31,2024-03-31,looked_after_by_sex,male,6\n",
        "E1,2024-03-31,2024-03-31,looked_after_by_sex,female,4\n",
    ]

    def write(self, name, lines, head=HEAD):
        path = os.path.join(self.dir, name)
        with open(path, "w", newline="") as fh:
            fh.write(head + "".join(lines))
        return path

    def compare(self, b_lines, head=HEAD):
        a = self.write("a.csv", self.A)
        b = self.write("b.csv", b_lines, head)
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            code = compare_measures.main([a, b])
        return code, buf.getvalue()

    def test_identical(self):
        code, text = self.compare(self.A)
        self.assertEqual(code, 0)
        self.assertIn("measures identical: 3 rows", text)

    def test_value_differs_as_string(self):
        code, text = self.compare([self.A[0].replace(",10", ",10.0"), self.A[1], self.A[2]])
        self.assertEqual(code, 1)
        self.assertIn("value differs: E1,2024-03-31,2024-03-31,looked_after,Total: A=10 B=10.0",
                      text)

    def test_missing_and_extra(self):
        code, text = self.compare([self.A[0], self.A[1],
                                   "E1,2024-03-31,2024-03-31,looked_after_by_sex,unknown,4\n"])
        self.assertEqual(code, 1)
        self.assertIn("missing from B: E1,2024-03-31,2024-03-31,looked_after_by_sex,female", text)
        self.assertIn("extra in B: E1,2024-03-31,2024-03-31,looked_after_by_sex,unknown", text)

    def test_order(self):
        code, text = self.compare([self.A[0], self.A[2], self.A[1]])
        self.assertEqual(code, 1)
        self.assertIn("order differs", text)

    def test_header(self):
        code, text = self.compare(self.A, head=self.HEAD.replace("value", "val"))
        self.assertEqual(code, 1)
        self.assertIn("header differs", text)

    def test_year_rows_and_a_repeated_31_march_row(self):
        # A year's flow row (1 April - 31 March) is a key of its own beside quarter 4's; a
        # count at a date written a second time for the year is a repeated key.
        lines = self.A + ["E1,2024-01-01,2024-03-31,started,Total,3\n",
                          "E1,2023-04-01,2024-03-31,started,Total,9\n"]
        a = self.write("a.csv", lines)
        b = self.write("b.csv", lines)
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            self.assertEqual(compare_measures.main([a, b]), 0)
        self.assertIn("measures identical: 5 rows", buf.getvalue())
        b = self.write("b.csv", lines[:1] + lines)
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            self.assertEqual(compare_measures.main([a, b]), 1)
        self.assertIn("repeated key in B: E1,2024-03-31,2024-03-31,looked_after,Total",
                      buf.getvalue())

    def test_crlf_and_bom_tolerated(self):
        b = os.path.join(self.dir, "b.csv")
        with open(b, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write((self.HEAD + "".join(self.A)).replace("\n", "\r\n"))
        a = self.write("a.csv", self.A)
        with contextlib.redirect_stdout(io.StringIO()):
            self.assertEqual(compare_measures.main([a, b]), 0)


# ============================================================================================
# The other 903 tables (definitions, "The other 903 tables")
# ============================================================================================

MISSING_COLS = ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]
UASC_COLS = ["CHILD", "SEX", "DOB", "DUC"]
OC2_COLS = ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
            "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]
OC3_COLS = ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]
AD1_COLS = ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
            "LS_ADOPTR"]
PLACED_COLS = ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"]
PERM_COLS = ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"]
SW_COLS = ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"]
OTHER_COLS = {"missing": MISSING_COLS, "uasc": UASC_COLS, "oc2": OC2_COLS, "oc3": OC3_COLS,
              "ad1": AD1_COLS, "placed_for_adoption": PLACED_COLS,
              "previous_permanence": PERM_COLS, "sw_episodes": SW_COLS}


def oc2_row(child, sdq="", conv="0", hc="0", imm="0", teeth="0", ha="0", sm="0", ir="0", io="0"):
    return [child, "", sdq, "", conv, hc, imm, teeth, ha, sm, ir, io]


def write_return(folder, tables):
    """tables: {table name: rows}; header, episodes and reviews get their usual columns."""
    cols = {"header": HEADER_COLS, "episodes": EPISODE_COLS, "reviews": REVIEW_COLS}
    cols.update(OTHER_COLS)
    for name, rows in tables.items():
        write_csv(os.path.join(folder, name + ".csv"), cols[name], rows)


def xml_of(tables):
    """The same return as the DfE's XML (definitions' table "in the XML")."""
    from xml.sax.saxutils import escape

    def el(tag, value):
        return f"<{tag}>{escape(value)}</{tag}>" if value else f"<{tag} />"

    def block(tag, cols, row):
        return f"<{tag}>" + "".join(el(c, v) for c, v in zip(cols, row) if c not in
                                    ("CHILD", "DOB", "SEX")) + f"</{tag}>"
    by_child = {}
    for name, rows in tables.items():
        for r in rows:
            by_child.setdefault(r[0], {}).setdefault(name, []).append(r)
    parts = ["<?xml version='1.0' encoding='utf-8'?><EXPSSDA903>"]
    for child, t in by_child.items():
        h = (t.get("header") or [[child, "", "", ""]])[0]
        x = [f"<CHILD><HEADER><CHILDID>{child}</CHILDID>", el("SEX", h[1]), el("DOB", h[2]),
             el("ETHNIC", h[3])]
        uasc = t.get("uasc")
        x.append(el("UASC", "1" if uasc else ""))
        if uasc:
            x.append(el("DUC", uasc[0][3]))
        for r in t.get("reviews", []):
            x.append(f"<AREVIEW>{el('REVIEW', r[2])}{el('REVIEW_CODE', r[3])}</AREVIEW>")
        for r in t.get("missing", []):
            x.append(block("AMISSING", MISSING_COLS, r))
        for r in t.get("oc2", []):
            x.append(block("OC2", OC2_COLS, r))
        for r in t.get("oc3", []):
            x += [el("IN_TOUCH", r[2]), el("ACTIV", r[3]), el("ACCOM", r[4])]
        for r in t.get("ad1", []):
            x += [el(c, v) for c, v in zip(AD1_COLS[2:], r[2:])]
        for r in t.get("placed_for_adoption", []):
            x.append(block("AD_PLACED", PLACED_COLS, r))
        for r in t.get("previous_permanence", []):
            x.append(f"<PERMANENCE>{el('PREV_PERM', r[2])}</PERMANENCE>")
        x.append("</HEADER>")
        for r in t.get("episodes", []):
            names = ["DECOM", "RNE", "LS", "CIN", "PL", "PLACE_PROVIDER", "DEC", "REC"]
            x.append("<EPISODE>" + "".join(el(n, v) for n, v in zip(names, r[1:])) + "</EPISODE>")
        x.append("</CHILD>")
        parts.append("".join(x))
    parts.append("</EXPSSDA903>")
    return "".join(parts)


def measures_of(rows):
    """The measures of the rows, in their order of first appearance."""
    seen = []
    for r in rows:
        if not seen or seen[-1] != r[3]:
            seen.append(r[3])
    return seen


MONTH_END = "2023-11-30"

# Missing and away, window 2023-24 (4 quarters), one return 2024.
#  M1  S 01/01/2023, open: missing 10/05/2023 and 20/05/2023 (Q1), away 01/08/2023 (Q2), and a
#      row with MISSING "Z" 02/08/2023, which is neither.
#  M2  S 15/02/2024, open: missing 10/01/2024, before M2's episode starts but in Q4, in which M2
#      is looked after (from 15/02): counted in Q4 and the year.
#  M3  S 01/01/2023, DEC 01/07/2023 E13: looked after during Q1 (DEC after 01/04) and the year,
#      not during Q2 (DEC 01/07 is not after Q2's first day 01/07). Its missing row 05/08/2023
#      (Q2) is not counted in Q2 (not looked after then) but is in the year.
#  SB  short breaks only (V3 from 01/05/2023): never looked after; its missing row 10/06/2023
#      is not counted.
#  X9  no episodes at all: its away row 01/09/2023 is not counted.
MISSING_TABLES = {
    "header": [["M1", "1", "01/01/2010", "WBRI"], ["M2", "2", "01/01/2011", "WBRI"],
               ["M3", "1", "01/01/2012", "WBRI"], ["SB", "1", "01/01/2013", "WBRI"]],
    "episodes": [ep("M1", "01/01/2023", "S", "C2", "N1", "U1", "PR1"),
                 ep("M2", "15/02/2024", "S", "C2", "N1", "U1", "PR1"),
                 ep("M3", "01/01/2023", "S", "C2", "N1", "U1", "PR1", "01/07/2023", "E13"),
                 ep("SB", "01/05/2023", "S", "V3", "N1", "U1", "PR1")],
    "reviews": [],
    "missing": [["M1", "", "M", "10/05/2023", "11/05/2023"],
                ["M1", "", "M", "20/05/2023", ""],
                ["M1", "", "A", "01/08/2023", "02/08/2023"],
                ["M1", "", "Z", "02/08/2023", ""],
                ["M2", "", "M", "10/01/2024", ""],
                ["M3", "", "M", "05/08/2023", ""],
                ["SB", "", "M", "10/06/2023", ""],
                ["X9", "", "A", "01/09/2023", ""]],
}


class TestMissing(FixtureCase):
    def setUp(self):
        super().setUp()
        write_return(os.path.join(self.dir, "2024"), MISSING_TABLES)
        self.rows = self.run_ref("2023-24 Q4", 4)
        self.t = as_table(self.rows)

    def values(self, measure, periods=(Q1, Q2, Q3, Q4, FY)):
        return [self.t.get((measure, p, "Total")) for p in periods]

    def test_looked_after_during(self):
        # Q1: M1, M3; Q2: M1 (M3's DEC is Q2's first day); Q3: M1; Q4: M1, M2; year: M1-M3.
        # SB (short breaks) never.
        self.assertEqual(self.values("looked_after_during"), ["2", "1", "1", "2", "3"])

    def test_missing(self):
        # Q1: M1 twice; Q2: M3's row not counted (not looked after during Q2); Q4: M2;
        # year: M1 (2), M3, M2 = 3 children, 4 incidents. SB's row never counts.
        self.assertEqual(self.values("missing_children"), ["1", "0", "0", "1", "3"])
        self.assertEqual(self.values("missing_incidents"), ["2", "0", "0", "1", "4"])
        # 1/2, 0/1, 0/1, 1/2, 3/3
        self.assertEqual(self.values("missing_children_percent"),
                         ["50.0", "0.0", "0.0", "50.0", "100.0"])
        # 2/1; no row for Q2, Q3 (no missing child); 1/1; 4/3 = 1.33 -> 1.3
        self.assertEqual(self.values("missing_incidents_per_child"),
                         ["2.0", None, None, "1.0", "1.3"])

    def test_away(self):
        # Only M1's 01/08/2023 (Q2); X9 has no episode; the "Z" row is neither.
        self.assertEqual(self.values("away_children"), ["0", "1", "0", "0", "1"])
        self.assertEqual(self.values("away_incidents"), ["0", "1", "0", "0", "1"])
        # 0/2, 1/1, 0/1, 0/2, 1/3 = 33.3
        self.assertEqual(self.values("away_children_percent"),
                         ["0.0", "100.0", "0.0", "0.0", "33.3"])
        self.assertEqual(self.values("away_incidents_per_child"),
                         [None, "1.0", None, None, "1.0"])

    def test_order_after_reviews(self):
        seen = measures_of(self.rows)
        i = seen.index("reviews_held")
        self.assertEqual(seen[i:].index("looked_after_during") > 0, True)
        self.assertEqual(seen[seen.index("looked_after_during"):], [
            "looked_after_during", "missing_children", "missing_incidents", "away_children",
            "away_incidents", "missing_children_percent", "missing_incidents_per_child",
            "away_children_percent", "away_incidents_per_child", "adopted",
            "adoption_children_care_to_moving_in"])

    def test_months(self):
        rows, _ = ref.run(self.dir, "E1", "2023-24 Q4", 4, months=True)
        t = as_table(rows)
        # May 2023: M1's two missing rows; M1 and M3 looked after during May.
        self.assertEqual(t[("missing_incidents", "2023-05", "Total")], "2")
        self.assertEqual(t[("looked_after_during", "2023-05", "Total")], "2")
        # August 2023: M3 (ceased 01/07) not looked after: its 05/08 row is not counted.
        self.assertEqual(t[("missing_children", "2023-08", "Total")], "0")
        self.assertEqual(t[("away_children", "2023-08", "Total")], "1")
        # M2's row of 10/01/2024 counts in Q4 (M2 is looked after from 15/02), but not in
        # January, when M2 is not looked after, nor in February, which it is not in.
        self.assertEqual(t[("missing_incidents", "2024-01", "Total")], "0")
        self.assertEqual(t[("looked_after_during", "2024-01", "Total")], "1")  # M1
        self.assertEqual(t[("missing_incidents", "2024-02", "Total")], "0")


# UASC, window 2023-24.
#  U1  S 01/01/2023 open, DUC 31/12/2023: counted at 30/06 and 30/09; at 31/12/2023 its DUC
#      is not after D (the same day): not counted then, nor at 31/03/2024.
#  U2  S 10/05/2023 open, DUC empty: counted at every quarter end; started in Q1 as a UASC.
#  U3  S 01/08/2023 open, DUC 01/08/2023, the day it started: not a UASC start (DUC not after
#      DECOM) and not counted at 30/09.
#  U4  S 01/01/2024 open, DUC 01/11/2024: started in Q4 as a UASC; counted at 31/03/2024.
#  U5  S 01/06/2023 open, no uasc row: never counted.
#  U6  short breaks only (V3 01/05/2023), DUC empty: never looked after, never started.
UASC_TABLES = {
    "header": [[c, "1", "01/01/2008", "AOTH"] for c in ("U1", "U2", "U3", "U4", "U5", "U6")],
    "episodes": [ep("U1", "01/01/2023", "S", "V2", "N1", "U1", "PR1"),
                 ep("U2", "10/05/2023", "S", "V2", "N1", "U1", "PR1"),
                 ep("U3", "01/08/2023", "S", "V2", "N1", "U1", "PR1"),
                 ep("U4", "01/01/2024", "S", "V2", "N1", "U1", "PR1"),
                 ep("U5", "01/06/2023", "S", "V2", "N1", "U1", "PR1"),
                 ep("U6", "01/05/2023", "S", "V3", "N1", "U1", "PR1")],
    "reviews": [],
    "uasc": [["U1", "1", "", "31/12/2023"], ["U2", "1", "", ""], ["U3", "1", "", "01/08/2023"],
             ["U4", "1", "", "01/11/2024"], ["U6", "1", "", ""]],
}


class TestUasc(FixtureCase):
    def setUp(self):
        super().setUp()
        write_return(os.path.join(self.dir, "2024"), UASC_TABLES)

    def test_quarters_and_year(self):
        t = as_table(self.run_ref("2023-24 Q4", 4))
        # 30/06: U1, U2; 30/09: U1, U2 (U3's DUC 01/08 has passed); 31/12: U2 (U1's DUC is that
        # day); 31/03: U2, U4. The year's is its 31 March (quarter 4's) row: no row of its own.
        self.assertEqual([t.get(("uasc_looked_after", d, "Total")) for d in (Q1, Q2, Q3, Q4, FY)],
                         ["2", "2", "1", "2", None])
        # Q1: U2; Q2: U3's DUC is its DECOM: not a UASC start; Q4: U4; year: U2, U4.
        self.assertEqual([t[("uasc_started", p, "Total")] for p in (Q1, Q2, Q3, Q4, FY)],
                         ["1", "0", "0", "1", "2"])

    def test_months(self):
        rows, _ = ref.run(self.dir, "E1", "2023-24 Q4", 4, months=True)
        t = as_table(rows)
        # 30/11/2023: U1 (DUC 31/12 still ahead) and U2; 31/12 is Q3's row (1).
        self.assertEqual(t[("uasc_looked_after", MONTH_END, "Total")], "2")
        self.assertEqual(t[("uasc_started", "2023-05", "Total")], "1")  # U2
        self.assertEqual(t[("uasc_started", "2023-08", "Total")], "0")  # U3: DUC on the day

    def test_no_uasc_file_no_rows(self):
        tables = dict(UASC_TABLES)
        del tables["uasc"]
        other = os.path.join(self.dir, "other", "2024")
        write_return(other, tables)
        rows = self.run_ref("2023-24 Q4", 4, data_dir=os.path.dirname(other))
        self.assertFalse([r for r in rows if r[3].startswith("uasc")])


# Adoption, window 2023-24, return 2024 with an ad1 table.
#  A1  S 01/01/2022 C2 U1; P 01/06/2022 E1 U1 (placement order); P 01/03/2023 E1 A3 (moved in),
#      DEC 15/09/2023 E11 (Q2). Care to moving in: 01/01/2022 -> 01/03/2023 = 365 + 31 + 28 =
#      424 days. Matched 01/12/2022: order to match 01/06/2022 -> 01/12/2022 = 30 + 31 + 31 +
#      30 + 31 + 30 = 183 days.
#  A2  S 01/04/2023 E1 U1 (placement order); P 02/05/2023 E1 A4 (moved in) DEC 30/09/2023 E12
#      (Q2). Care to moving in 31 days; matched 20/04/2023: 19 days.
#  A3  S 01/01/2023 C2 U1 DEC 10/11/2023 E11 (Q3): adopted with no A3-A6 episode and no
#      placement order: in neither duration.
#  A4  S 01/02/2023 C2 U1; P 01/06/2023 E1 A5 DEC 15/02/2024 E11 (Q4). Moved in 01/06/2023:
#      28 + 31 + 30 + 31 = 120 days. Matched 01/05/2023, 31 days before the placement order
#      01/06/2023: negative, left out.
#  A5  S 01/01/2023 C1 A3 DEC 01/08/2023 E13: ceased, not adopted.
#  A6  an earlier period S 01/01/2020 E1 A3 DEC 01/06/2020 E13; a new period S 01/10/2023 C2
#      U1, P 01/12/2023 D1 A6 DEC 20/03/2024 E12 (Q4). Within the period the adoption ended:
#      entered 01/10/2023, moved in 01/12/2023 (31 + 30 = 61 days), placement order (D1)
#      01/12/2023, matched 01/12/2023: 0 days, counted.
ADOPTION_TABLES = {
    "header": [[c, "1", "01/01/2019", "WBRI"] for c in ("A1", "A2", "A3", "A4", "A5", "A6")],
    "episodes": [
        ep("A1", "01/01/2022", "S", "C2", "N1", "U1", "PR1", "01/06/2022", "X1"),
        ep("A1", "01/06/2022", "P", "E1", "N1", "U1", "PR1", "01/03/2023", "X1"),
        ep("A1", "01/03/2023", "P", "E1", "N1", "A3", "PR1", "15/09/2023", "E11"),
        ep("A2", "01/04/2023", "S", "E1", "N1", "U1", "PR1", "02/05/2023", "X1"),
        ep("A2", "02/05/2023", "P", "E1", "N1", "A4", "PR1", "30/09/2023", "E12"),
        ep("A3", "01/01/2023", "S", "C2", "N1", "U1", "PR1", "10/11/2023", "E11"),
        ep("A4", "01/02/2023", "S", "C2", "N1", "U1", "PR1", "01/06/2023", "X1"),
        ep("A4", "01/06/2023", "P", "E1", "N1", "A5", "PR1", "15/02/2024", "E11"),
        ep("A5", "01/01/2023", "S", "C1", "N1", "A3", "PR1", "01/08/2023", "E13"),
        ep("A6", "01/01/2020", "S", "E1", "N1", "A3", "PR1", "01/06/2020", "E13"),
        ep("A6", "01/10/2023", "S", "C2", "N1", "U1", "PR1", "01/12/2023", "X1"),
        ep("A6", "01/12/2023", "P", "D1", "N1", "A6", "PR1", "20/03/2024", "E12"),
    ],
    "reviews": [],
    "ad1": [["A1", "", "01/11/2022", "01/12/2022", "1", "2", "MF", "L0"],
            ["A2", "", "01/04/2023", "20/04/2023", "1", "1", "F", "L0"],
            ["A4", "", "01/04/2023", "01/05/2023", "1", "1", "F", "L0"],
            ["A6", "", "01/11/2023", "01/12/2023", "1", "1", "F", "L0"]],
    "placed_for_adoption": [["A1", "", "01/03/2023", "15/09/2023", "E11"]],
}


class TestAdoption(FixtureCase):
    def setUp(self):
        super().setUp()
        write_return(os.path.join(self.dir, "2024"), ADOPTION_TABLES)
        self.rows = self.run_ref("2023-24 Q4", 4)
        self.t = as_table(self.rows)

    def values(self, measure):
        return [self.t.get((measure, p, "Total")) for p in (Q1, Q2, Q3, Q4, FY)]

    def test_adopted(self):
        # Q2: A1, A2 (A5's E13 is not an adoption); Q3: A3; Q4: A4, A6; year: 5.
        self.assertEqual(self.values("adopted"), ["0", "2", "1", "2", "5"])

    def test_care_to_moving_in(self):
        # Q2: (424 + 31) / 2 = 227.5 -> 228 (half away from zero); Q3: A3 has no adoption
        # placement (no mean row); Q4: (120 + 61) / 2 = 90.5 -> 91; year: (424 + 31 + 120 + 61)
        # / 4 = 636 / 4 = 159.
        self.assertEqual(self.values("adoption_children_care_to_moving_in"),
                         ["0", "2", "0", "2", "4"])
        self.assertEqual(self.values("adoption_days_care_to_moving_in"),
                         [None, "228", None, "91", "159"])

    def test_order_to_match(self):
        # Q2: (183 + 19) / 2 = 101; Q3: A3 has no placement order or ad1 row; Q4: A4's negative
        # difference is left out, A6's 0 days counts; year: (183 + 19 + 0) / 3 = 67.3 -> 67.
        self.assertEqual(self.values("adoption_children_order_to_match"),
                         ["0", "2", "0", "1", "3"])
        self.assertEqual(self.values("adoption_days_order_to_match"),
                         [None, "101", None, "0", "67"])

    def test_order_of_measures(self):
        seen = measures_of(self.rows)
        self.assertEqual(seen[seen.index("adopted"):], [
            "adopted", "adoption_days_care_to_moving_in", "adoption_children_care_to_moving_in",
            "adoption_days_order_to_match", "adoption_children_order_to_match"])

    def test_no_ad1_no_order_to_match_rows(self):
        # Without ad1 the adoptions and their care-to-moving-in days are still the episodes'
        # (D32); only the match, which ad1 holds, is missing.
        tables = {k: v for k, v in ADOPTION_TABLES.items() if k != "ad1"}
        other = os.path.join(self.dir, "other")
        write_return(os.path.join(other, "2024"), tables)
        rows = self.run_ref("2023-24 Q4", 4, data_dir=other)
        with_ad1 = self.run_ref("2023-24 Q4", 4)
        self.assertFalse([r for r in rows if "order_to_match" in r[3]])
        self.assertTrue([r for r in with_ad1 if "order_to_match" in r[3]])
        self.assertEqual([r for r in rows if r[3].startswith("adopt")],
                         [r for r in with_ad1 if r[3].startswith("adopt") and "order_to_match" not in r[3]])
        # ... and a folder with none of the other tables gives only the earlier 903 measures.
        self.assertTrue(set(measures_of(rows)) <= set(MEASURE_ORDER))


# Previous permanence, window 2023-24. Started in Q1: C1 (P1), C2 (Z1), C3 (no row: not_recorded),
# C4 (empty PREV_PERM: not_recorded), C5 (unknown Q9); in Q2: C6 (P1). C7 has a P2 row but
# never starts (RNE P): P2 and P3 never occur, so they have no rows.
PERM_TABLES = {
    "header": [[c, "1", "01/01/2015", "WBRI"] for c in ("C1", "C2", "C3", "C4", "C5", "C6")],
    "episodes": [ep("C1", "01/04/2023", "S", "C2", "N1", "U1", "PR1"),
                 ep("C2", "02/05/2023", "S", "C2", "N1", "U1", "PR1"),
                 ep("C3", "03/05/2023", "S", "C2", "N1", "U1", "PR1"),
                 ep("C4", "04/05/2023", "S", "C2", "N1", "U1", "PR1"),
                 ep("C5", "05/05/2023", "S", "C2", "N1", "U1", "PR1"),
                 ep("C6", "01/08/2023", "S", "C2", "N1", "U1", "PR1"),
                 ep("C7", "01/08/2023", "P", "C2", "N1", "U1", "PR1")],
    "reviews": [],
    "previous_permanence": [["C1", "", "P1", "", ""], ["C2", "", "Z1", "", ""],
                            ["C4", "", "", "", ""], ["C5", "", "Q9", "", ""],
                            ["C6", "", "P1", "", ""], ["C7", "", "P2", "", ""]],
}


class TestPreviousPermanence(FixtureCase):
    def test_breakdown(self):
        write_return(os.path.join(self.dir, "2024"), PERM_TABLES)
        rows = self.run_ref("2023-24 Q4", 4)
        t = as_table(rows)
        m = "started_by_previous_permanence"
        # Code-list order, then the unknown Q9, then not_recorded; in every period.
        for p in (Q1, Q2, Q3, Q4, FY):
            self.assertEqual(categories(rows, m, p), ["P1", "Z1", "Q9", "not_recorded"])
        self.assertEqual([t[(m, Q1, c)] for c in ("P1", "Z1", "Q9", "not_recorded")],
                         ["1", "1", "1", "2"])
        self.assertEqual([t[(m, Q2, c)] for c in ("P1", "Z1", "Q9", "not_recorded")],
                         ["1", "0", "0", "0"])
        self.assertEqual([t[(m, FY, c)] for c in ("P1", "Z1", "Q9", "not_recorded")],
                         ["2", "1", "1", "2"])
        # Sums to started.
        self.assertEqual(t[("started", FY, "Total")], "6")


# OC2, window 2022-23 Q1 .. 2023-24 Q4 (two years). The 2023 return has no oc2 table, so
# 2022-23 has no OC2 rows; the 2024 return's describe 2023-24: D = 31/03/2024, and the cohort's
# period of care must have started on or before 01/04/2023. Ages at 31/03/2024.
#  K1  S 01/04/2023 (exactly the first day): in. DOB 01/01/2021: 3, aged 0 to 4.
#  K2  S 02/04/2023: out (its all-yes row is not counted).
#  K3  S 01/01/2020. DOB 31/03/2014: 10 on the day itself: 5-16 and 10-17.
#  K4  S 01/06/2019. DOB 01/04/2007: 16 (17 only on 01/04/2024): 5-16 and 10-17.
#  K5  S 01/05/2015. DOB 15/05/2006: 17: 10-17 only; TEETH_CHECK "Y" is a warning, not yes.
#  K6  S 01/01/2022, no OC2 row: in the cohort and every denominator, in no count. DOB 2012: 12.
#  K7  S 01/03/2023 DEC 01/06/2023 X1, P 01/06/2023: one period of care from 01/03/2023: in.
#      DOB 01/09/2010: 13.
#  K8  S 01/01/2020 DEC 01/02/2023 E13, S again 01/05/2023: its period starts 01/05/2023: out.
#  K9  ceased 01/03/2024: not looked after at D: out.
#  K10 short breaks only: out.
#  K11 S 01/01/2021, DOB 01/01/2013 (11), SDQ 41: not a score 0-40, not received.
#  K12 S 01/01/2021, no header row: in the cohort (5 of the OC2 counts need no age) but in no
#      age cohort, so its HEALTH_CHECK and CONVICTED do not count.
# Cohort: K1 K3 K4 K5 K6 K7 K11 K12 = 8; 0-4: K1; 5-16: K3 K4 K6 K7 K11 = 5;
# 10-17: K3 K4 K5 K6 K7 K11 = 6.
OC2_HEADERS = [["K1", "1", "01/01/2021", "WBRI"], ["K2", "1", "01/01/2010", "WBRI"],
               ["K3", "1", "31/03/2014", "WBRI"], ["K4", "2", "01/04/2007", "WBRI"],
               ["K5", "2", "15/05/2006", "WBRI"], ["K6", "2", "01/01/2012", "WBRI"],
               ["K7", "1", "01/09/2010", "WBRI"], ["K8", "1", "01/01/2010", "WBRI"],
               ["K9", "1", "01/01/2010", "WBRI"], ["K10", "1", "01/01/2010", "WBRI"],
               ["K11", "1", "01/01/2013", "WBRI"]]
OC2_EPISODES = [
    ep("K1", "01/04/2023", "S", "C2", "N1", "U1", "PR1"),
    ep("K2", "02/04/2023", "S", "C2", "N1", "U1", "PR1"),
    ep("K3", "01/01/2020", "S", "C2", "N1", "U1", "PR1"),
    ep("K4", "01/06/2019", "S", "C2", "N1", "U1", "PR1"),
    ep("K5", "01/05/2015", "S", "C2", "N1", "U1", "PR1"),
    ep("K6", "01/01/2022", "S", "C2", "N1", "U1", "PR1"),
    ep("K7", "01/03/2023", "S", "C2", "N1", "U1", "PR1", "01/06/2023", "X1"),
    ep("K7", "01/06/2023", "P", "C2", "N1", "U2", "PR1"),
    ep("K8", "01/01/2020", "S", "C2", "N1", "U1", "PR1", "01/02/2023", "E13"),
    ep("K8", "01/05/2023", "S", "C2", "N1", "U1", "PR1"),
    ep("K9", "01/01/2020", "S", "C2", "N1", "U1", "PR1", "01/03/2024", "E13"),
    ep("K10", "01/01/2020", "S", "V3", "N1", "U1", "PR1"),
    ep("K11", "01/01/2021", "S", "C2", "N1", "U1", "PR1"),
    ep("K12", "01/01/2021", "S", "C2", "N1", "U1", "PR1"),
]
OC2_ROWS = [
    oc2_row("K1", hc="1", imm="1", ha="1"),
    oc2_row("K2", "20", "1", "1", "1", "1", "1", "1", "1", "1"),
    oc2_row("K3", "14", conv="1", teeth="1", ha="1", sm="1", ir="1"),
    oc2_row("K4", "07", imm="1", teeth="1", ha="1", sm="1", io="1"),
    oc2_row("K5", "30", conv="1", hc="1", imm="1", teeth="Y", ir="1"),
    oc2_row("K7", "17", conv="", ha="1"),
    oc2_row("K8", "10", "1", "1", "1", "1", "1", "1", "1", "1"),
    oc2_row("K9", "10", "1", "1", "1", "1", "1", "1", "1", "1"),
    oc2_row("K11", "41", imm="1", teeth="1"),
    oc2_row("K12", "5", conv="1", hc="1", ha="1"),
]
Y22, Y23 = "2022-23", "2023-24"


class TestOc2(FixtureCase):
    def setUp(self):
        super().setUp()
        write_return(os.path.join(self.dir, "2023"),
                     {"header": OC2_HEADERS, "episodes": OC2_EPISODES[:1], "reviews": []})
        write_return(os.path.join(self.dir, "2024"),
                     {"header": OC2_HEADERS, "episodes": OC2_EPISODES, "reviews": [],
                      "oc2": OC2_ROWS})
        self.rows, self.data = ref.run(self.dir, "E1", "2023-24 Q4", 8)
        self.t = as_table(self.rows)

    def test_cohorts(self):
        self.assertEqual([self.t[(m, Y23, "Total")] for m in (
            "oc2_cohort", "oc2_cohort_0_to_4", "oc2_cohort_5_to_16", "oc2_cohort_10_to_17")],
            ["8", "1", "5", "6"])

    def test_counts_and_percentages(self):
        expected = {
            # K1 K3 K4 K7 K12 of 8
            "oc2_health_assessment": ("5", "62.5"),
            # K1 K4 K5 K11 of 8
            "oc2_immunisations": ("4", "50.0"),
            # K3 K4 K11 (K5's "Y" is not yes) of 8
            "oc2_teeth_check": ("3", "37.5"),
            # K1 of 1 (K5 is 17, K12's age is unknown)
            "oc2_development_assessment": ("1", "100.0"),
            # K3 14, K4 07, K7 17 of 5 (K6 no row, K11 41, K5 is 17, K12 no age)
            "oc2_sdq_received": ("3", "60.0"),
            # K3 K5 of 6 (K7's flag is empty; K12 no age)
            "oc2_convicted": ("2", "33.3"),
            # K3 K4 of 8
            "oc2_substance_misuse": ("2", "25.0"),
            # K3 of the 2 (K5's INTERVENTION_RECEIVED without substance misuse does not count)
            "oc2_intervention_received": ("1", "50.0"),
            # K4 of the 2
            "oc2_intervention_refused": ("1", "50.0"),
        }
        for m, (n, pc) in expected.items():
            with self.subTest(measure=m):
                self.assertEqual(self.t[(m, Y23, "Total")], n)
                self.assertEqual(self.t[(m + "_percent", Y23, "Total")], pc)
        self.assertTrue(any("W108" in w and "TEETH_CHECK" in w for w in self.data.warnings))

    def test_sdq(self):
        self.assertEqual(categories(self.rows, "oc2_sdq_by_band", Y23),
                         ["normal", "borderline", "concern"])
        # K4 7 normal, K3 14 borderline, K7 17 concern; mean 38 / 3 = 12.67 -> 12.7
        self.assertEqual([self.t[("oc2_sdq_by_band", Y23, c)]
                          for c in ("normal", "borderline", "concern")], ["1", "1", "1"])
        self.assertEqual(self.t[("oc2_sdq_average", Y23, "Total")], "12.7")

    def test_only_the_year_whose_return_has_oc2(self):
        oc2 = [r for r in self.rows if r[3].startswith("oc2_")]
        self.assertTrue(oc2)
        # Only 2023-24's year row: no quarter rows, nothing for 2022-23 (its return has no oc2).
        self.assertEqual({(r[1], r[2]) for r in oc2}, {("2023-04-01", "2024-03-31")})
        seen = measures_of(self.rows)
        first = seen.index("oc2_cohort")
        self.assertEqual(seen[first:first + 6], ["oc2_cohort", "oc2_cohort_0_to_4",
                                                 "oc2_cohort_5_to_16", "oc2_cohort_10_to_17",
                                                 "oc2_health_assessment",
                                                 "oc2_health_assessment_percent"])
        self.assertEqual(seen[first + 22:first + 24], ["oc2_sdq_by_band", "oc2_sdq_average"])

    def test_undated_return_is_the_last_year(self):
        other = os.path.join(self.dir, "undated")
        write_return(other, {"header": OC2_HEADERS, "episodes": OC2_EPISODES, "reviews": [],
                             "oc2": OC2_ROWS})
        rows, _ = ref.run(other, "E1", "2023-24 Q4", 8)
        oc2 = [r for r in rows if r[3].startswith("oc2_")]
        self.assertEqual({(r[1], r[2]) for r in oc2}, {("2023-04-01", "2024-03-31")})
        self.assertEqual(as_table(rows)[("oc2_cohort", Y23, "Total")], "8")


# OC3 (care leavers) of the 2024 return, window 2023-24. Ages on the birthday in 2023-24:
#  L1  DOB 01/06/2006: 17. YES, F1, B1: 17-18, higher education, B, suitable.
#  L2  DOB 31/03/2006: 18 on 31/03/2024. NO, G6, G1: NEET parenting, G, not applicable.
#  L3  DOB 01/04/2005: 18; DIED: left out.
#  L4  DOB 01/04/2007: 16 on 01/04/2023: in neither group.
#  L5  DOB 31/03/2002: 22 on 31/03/2024: in neither group.
#  L6  DOB 01/04/2002: 21 on 01/04/2023. YES, G4, U2: 19-21, NEET illness, U, unsuitable.
#  L7  DOB 10/10/2004: 19; RHOM: left out.
#  L8  DOB 29/02/2004: 20 on 29/02/2024. REFU, 0, 0: not known, no information.
#  L9  DOB 05/05/2005: 18. YES, P5, Z1: training or employment, Z, suitable.
#  L10 no header row: no age, in neither group.
#  L11 DOB 01/12/2003: 20. NREQ, empty, empty: not known, no information.
#  L12 DOB 01/01/2006: 18. YES, F4, A1 (unknown): apprenticeship, not known, no information.
OC3_HEADERS = [["L1", "1", "01/06/2006", "WBRI"], ["L2", "2", "31/03/2006", "WBRI"],
               ["L3", "1", "01/04/2005", "WBRI"], ["L4", "1", "01/04/2007", "WBRI"],
               ["L5", "1", "31/03/2002", "WBRI"], ["L6", "1", "01/04/2002", "WBRI"],
               ["L7", "1", "10/10/2004", "WBRI"], ["L8", "2", "29/02/2004", "WBRI"],
               ["L9", "2", "05/05/2005", "WBRI"], ["L11", "1", "01/12/2003", "WBRI"],
               ["L12", "1", "01/01/2006", "WBRI"]]
OC3_ROWS = [["L1", "", "YES", "F1", "B1"], ["L2", "", "NO", "G6", "G1"],
            ["L3", "", "DIED", "F1", "B1"], ["L4", "", "YES", "F1", "B1"],
            ["L5", "", "YES", "F1", "B1"], ["L6", "", "YES", "G4", "U2"],
            ["L7", "", "RHOM", "F1", "B1"], ["L8", "", "REFU", "0", "0"],
            ["L9", "", "YES", "P5", "Z1"], ["L10", "", "YES", "F1", "B1"],
            ["L11", "", "NREQ", "", ""], ["L12", "", "YES", "F4", "A1"]]


class TestOc3(FixtureCase):
    def setUp(self):
        super().setUp()
        write_return(os.path.join(self.dir, "2024"), {
            "header": OC3_HEADERS, "reviews": [], "oc3": OC3_ROWS,
            "episodes": [ep("L1", "01/01/2020", "S", "C2", "N1", "U1", "PR1", "01/06/2023", "E17")]})
        self.rows = self.run_ref("2023-24 Q4", 4)
        self.t = as_table(self.rows)

    def test_17_to_18(self):
        g, t = "care_leavers_17_to_18", self.t
        self.assertEqual(t[(g, FY, "Total")], "4")              # L1 L2 L9 L12
        self.assertEqual(t[(g + "_in_touch", FY, "Total")], "3")  # L1 L9 L12
        self.assertEqual(t[(g + "_in_touch_percent", FY, "Total")], "75.0")
        self.assertEqual(categories(self.rows, g + "_by_activity", FY),
                         ["higher_education", "apprenticeship", "training_or_employment",
                          "neet_pregnancy_or_parenting"])
        self.assertEqual([t[(g + "_by_activity", FY, c)] for c in categories(
            self.rows, g + "_by_activity", FY)], ["1", "1", "1", "1"])
        self.assertEqual(t[(g + "_eet_percent", FY, "Total")], "75.0")   # 3 / 4
        self.assertEqual(t[(g + "_neet_percent", FY, "Total")], "25.0")  # 1 / 4
        self.assertEqual(categories(self.rows, g + "_by_accommodation", FY),
                         ["B", "G", "Z", "not_known"])
        self.assertEqual(categories(self.rows, g + "_by_suitability", FY),
                         ["suitable", "not_applicable", "no_information"])
        self.assertEqual([t[(g + "_by_suitability", FY, c)] for c in
                          ("suitable", "not_applicable", "no_information")], ["2", "1", "1"])
        # suitable / (suitable + unsuitable + no information) = 2 / 3 = 66.7 (G1 left out)
        self.assertEqual(t[(g + "_suitable_percent", FY, "Total")], "66.7")

    def test_19_to_21(self):
        g, t = "care_leavers_19_to_21", self.t
        self.assertEqual(t[(g, FY, "Total")], "3")              # L6 L8 L11
        self.assertEqual(t[(g + "_in_touch", FY, "Total")], "1")  # L6
        self.assertEqual(t[(g + "_in_touch_percent", FY, "Total")], "33.3")
        self.assertEqual(categories(self.rows, g + "_by_activity", FY),
                         ["neet_illness_or_disability", "not_known"])
        self.assertEqual(t[(g + "_by_activity", FY, "not_known")], "2")
        self.assertEqual(t[(g + "_eet_percent", FY, "Total")], "0.0")
        self.assertEqual(t[(g + "_neet_percent", FY, "Total")], "33.3")
        self.assertEqual([t[(g + "_by_accommodation", FY, c)] for c in ("U", "not_known")],
                         ["1", "2"])
        self.assertEqual(categories(self.rows, g + "_by_suitability", FY),
                         ["unsuitable", "no_information"])
        self.assertEqual(t[(g + "_suitable_percent", FY, "Total")], "0.0")  # 0 / 3

    def test_order_and_year_only(self):
        seen = measures_of(self.rows)
        first = seen.index("care_leavers_17_to_18")
        self.assertEqual(seen[first:first + 10], [
            "care_leavers_17_to_18", "care_leavers_17_to_18_in_touch",
            "care_leavers_17_to_18_in_touch_percent", "care_leavers_17_to_18_by_activity",
            "care_leavers_17_to_18_by_activity_group", "care_leavers_17_to_18_eet_percent", "care_leavers_17_to_18_neet_percent",
            "care_leavers_17_to_18_by_accommodation", "care_leavers_17_to_18_by_suitability",
            "care_leavers_17_to_18_suitable_percent"])
        self.assertEqual(seen[first + 10], "care_leavers_19_to_21")
        self.assertEqual({(r[1], r[2]) for r in self.rows if r[3].startswith("care_leavers")},
                         {("2023-04-01", "2024-03-31")})

    def test_accommodation_codes(self):
        f = ref.accommodation_and_suitability
        self.assertEqual(f("G1"), ("G", "not_applicable"))
        self.assertEqual(f("H2"), ("H", "not_applicable"))
        self.assertEqual(f("R1"), ("R", "not_applicable"))
        self.assertEqual(f("B2"), ("B", "unsuitable"))
        self.assertEqual(f("0"), ("not_known", "no_information"))
        self.assertEqual(f(""), ("not_known", "no_information"))
        self.assertEqual(f("A1"), ("not_known", "no_information"))


# Social worker changes of the 2024 return, window 2023-24: D = 31/03/2024, the year from
# 01/04/2023. Looked after at D: W1 W2 W4 W5 (4).
#  W1  SW1 01/01/2022-01/04/2023 (ends on the year's first day: counts), SW2, SW3: 3: counted.
#  W2  SW1 ended 31/03/2023 (before the year); SW2, SW3, SW2 again; SW4 from 01/04/2024 (after
#      D): 2 different: not counted.
#  W3  three social workers in the year but ceased 01/03/2024: not looked after at D.
#  W4  SWA, SWB and a row with an empty SW_ID: 2.
#  W5  no rows.
SW_ROWS = [
    ["W1", "", "SW1", "01/01/2022", "01/04/2023"], ["W1", "", "SW2", "01/04/2023", "01/10/2023"],
    ["W1", "", "SW3", "01/10/2023", ""],
    ["W2", "", "SW1", "01/01/2022", "31/03/2023"], ["W2", "", "SW2", "01/04/2023", "01/06/2023"],
    ["W2", "", "SW3", "01/06/2023", "01/09/2023"], ["W2", "", "SW2", "01/09/2023", ""],
    ["W2", "", "SW4", "01/04/2024", ""],
    ["W3", "", "SW1", "01/04/2023", "01/05/2023"], ["W3", "", "SW2", "01/05/2023", "01/06/2023"],
    ["W3", "", "SW3", "01/06/2023", ""],
    ["W4", "", "SWA", "01/04/2023", "01/05/2023"], ["W4", "", "SWB", "01/05/2023", "01/06/2023"],
    ["W4", "", "", "01/06/2023", ""],
]
SW_EPISODES = [ep("W1", "01/01/2022", "S", "C2", "N1", "U1", "PR1"),
               ep("W2", "01/01/2022", "S", "C2", "N1", "U1", "PR1"),
               ep("W3", "01/01/2022", "S", "C2", "N1", "U1", "PR1", "01/03/2024", "E13"),
               ep("W4", "01/01/2022", "S", "C2", "N1", "U1", "PR1"),
               ep("W5", "01/01/2022", "S", "C2", "N1", "U1", "PR1")]


class TestSocialWorkers(FixtureCase):
    def test_sw_3_or_more(self):
        write_return(os.path.join(self.dir, "2023"),
                     {"header": [], "episodes": SW_EPISODES, "reviews": []})
        write_return(os.path.join(self.dir, "2024"),
                     {"header": [], "episodes": SW_EPISODES, "reviews": [],
                      "sw_episodes": SW_ROWS})
        rows = self.run_ref("2023-24 Q4", 8)
        t = as_table(rows)
        self.assertEqual(t[("sw_3_or_more", Y23, "Total")], "1")         # W1
        self.assertEqual(t[("sw_3_or_more_percent", Y23, "Total")], "25.0")  # 1 / 4
        # Only 2023-24: the 2023 return has no sw_episodes table.
        self.assertEqual({(r[1], r[2]) for r in rows if r[3].startswith("sw_")},
                         {("2023-04-01", "2024-03-31")})
        self.assertEqual(measures_of(rows)[-2:], ["sw_3_or_more", "sw_3_or_more_percent"])
        # sw_episodes.csv is not an episodes table: W1 is still looked after once.
        self.assertEqual(t[("looked_after", Q4, "Total")], "4")


# One return as CSV files and as the DfE's XML gives the same rows.
COMBINED_TABLES = {
    "header": MISSING_TABLES["header"] + UASC_TABLES["header"] + ADOPTION_TABLES["header"]
    + OC2_HEADERS + [["K12", "", "", ""]] + OC3_HEADERS + [["L10", "", "", ""]]
    + [[c, "1", "01/01/2015", "WBRI"] for c in ("C1", "C2", "C3", "C4", "C5", "C6", "C7")],
    "episodes": MISSING_TABLES["episodes"] + UASC_TABLES["episodes"]
    + ADOPTION_TABLES["episodes"] + OC2_EPISODES + PERM_TABLES["episodes"],
    "reviews": [["M1", "", "10/02/2023", "PN1"], ["M1", "", "10/05/2023", "PN0"]],
    "missing": [r for r in MISSING_TABLES["missing"] if r[0] != "X9"],
    "uasc": UASC_TABLES["uasc"],
    "oc2": OC2_ROWS, "oc3": [r for r in OC3_ROWS if r[0] != "L10"] + [["L10", "", "YES", "F1", "B1"]],
    "ad1": ADOPTION_TABLES["ad1"],
    "placed_for_adoption": ADOPTION_TABLES["placed_for_adoption"],
    "previous_permanence": PERM_TABLES["previous_permanence"],
}


class TestXmlAndCsvAgree(FixtureCase):
    def test_same_rows(self):
        csv_dir, xml_dir = os.path.join(self.dir, "csv"), os.path.join(self.dir, "xml")
        write_return(os.path.join(csv_dir, "2024"), COMBINED_TABLES)
        os.makedirs(xml_dir)
        with open(os.path.join(xml_dir, "2024_return.xml"), "w", encoding="utf-8") as fh:
            fh.write(xml_of(COMBINED_TABLES))
        from_csv, _ = ref.run(csv_dir, "E1", "2023-24 Q4", 4, months=True)
        from_xml, _ = ref.run(xml_dir, "E1", "2023-24 Q4", 4, months=True)
        self.assertEqual(from_xml, from_csv)
        seen = measures_of(from_csv)
        for m in ("missing_children", "uasc_looked_after", "adopted",
                  "started_by_previous_permanence", "oc2_cohort", "care_leavers_17_to_18"):
            self.assertIn(m, seen)
        t = as_table(from_csv)
        # TestOc2's 8, and M1, U1 (S 01/01/2023) and C1 (S 01/04/2023, the first day).
        self.assertEqual(t[("oc2_cohort", FY, "Total")], "11")
        self.assertEqual(t[("care_leavers_17_to_18", FY, "Total")], "4")
        self.assertEqual(t[("adopted", FY, "Total")], "5")

    def test_xml_uasc_flag(self):
        # <UASC> 1 with an empty DUC is a UASC; an empty <UASC /> with a DUC is not.
        xml = ("<EXPSSDA903><CHILD><HEADER><CHILDID>X1</CHILDID><UASC>1</UASC><DUC /></HEADER>"
               "<EPISODE><DECOM>01/01/2023</DECOM><RNE>S</RNE><LS>V2</LS><PL>U1</PL></EPISODE>"
               "</CHILD><CHILD><HEADER><CHILDID>X2</CHILDID><UASC /><DUC>01/01/2030</DUC>"
               "</HEADER><EPISODE><DECOM>01/01/2023</DECOM><RNE>S</RNE><LS>V2</LS><PL>U1</PL>"
               "</EPISODE></CHILD></EXPSSDA903>")
        with open(os.path.join(self.dir, "2024.xml"), "w", encoding="utf-8") as fh:
            fh.write(xml)
        t = as_table(self.run_ref("2023-24 Q4", 4))
        self.assertEqual(t[("uasc_looked_after", Q4, "Total")], "1")
        self.assertNotIn(("missing_children", FY, "Total"), t)  # no AMISSING: no table


class TestSyntheticDataRuns(unittest.TestCase):
    """Smoke test on the shared synthetic 903 files, when ../shared is present."""

    SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data",
                                           "903-synthetic"))

    def test_runs(self):
        if not os.path.isdir(self.SHARED):
            self.skipTest(f"{self.SHARED} absent: shared synthetic data not available")
        for sub in sorted(os.listdir(self.SHARED)):
            folder = os.path.join(self.SHARED, sub)
            if os.path.isdir(folder):
                with self.subTest(folder=sub):
                    rows, _ = ref.run(folder, "E1", None, 12, None)
                    self.assertTrue(rows)

    def test_validator_fake_csv_and_xml_apart(self):
        """d2i-validator-fake holds every table as CSV and a (different) XML return: each form
        alone is read, with the other tables' measures."""
        folder = os.path.join(self.SHARED, "d2i-validator-fake")
        if not os.path.isdir(folder):
            self.skipTest(f"{folder} absent: shared synthetic data not available")
        with tempfile.TemporaryDirectory() as tmp:
            for form, suffix in (("csv", ".csv"), ("xml", ".xml")):
                os.mkdir(os.path.join(tmp, form))
                for name in os.listdir(folder):
                    if name.lower().endswith(suffix):
                        with open(os.path.join(folder, name), "rb") as src, \
                                open(os.path.join(tmp, form, name), "wb") as dst:
                            dst.write(src.read())
                with self.subTest(form=form):
                    rows, _ = ref.run(os.path.join(tmp, form), "E1", "2017-18 Q4", 12, None)
                    seen = set(r[3] for r in rows)
                    for m in ("missing_children", "uasc_looked_after", "adopted",
                              "started_by_previous_permanence", "oc2_cohort",
                              "care_leavers_17_to_18"):
                        self.assertIn(m, seen)
                    self.assertEqual("sw_3_or_more" in seen, form == "csv")


class TestIroRecords(FixtureCase):
    """The IRO service's own records (decisions I1-I4), on hand-worked files."""

    def setUp(self):
        super().setUp()
        # A looked after throughout 2023-24; B from 01/04/2023 to 01/08/2023.
        write_csv(os.path.join(self.dir, "header.csv"), HEADER_COLS,
                  [["A", "1", "01/01/2010", "WBRI", "", "", ""], ["B", "2", "01/01/2012", "WBRI", "", "", ""]])
        write_csv(os.path.join(self.dir, "episodes.csv"), EPISODE_COLS,
                  [ep("A", "01/01/2023", "S", "C2", "N1", "U4", "PR1") + ["", "", "", ""],
                   ep("B", "01/04/2023", "S", "C2", "N1", "U4", "PR1", "01/08/2023", "E13") + ["", "", "", ""]])
        write_csv(os.path.join(self.dir, "reviews.csv"), REVIEW_COLS, [])
        write_csv(os.path.join(self.dir, "iro_allocations.csv"), ["IRO", "CHILD", "FROM", "TO"],
                  [["IRO01", "A", "01/01/2023", ""], ["IRO01", "B", "01/04/2023", ""],
                   ["IRO02", "A", "01/10/2023", "01/02/2024"]])
        write_csv(os.path.join(self.dir, "iro_staffing.csv"),
                  ["DATE", "FTE", "HEADCOUNT", "PERMANENT", "AGENCY", "VACANCIES_FTE"],
                  [["01/01/2023", "2.5", "3", "2", "1", "0.5"], ["01/11/2023", "3", "4", "", "1", ""]])
        write_csv(os.path.join(self.dir, "iro_activity.csv"), ["period", "measure", "category", "value"],
                  [["2023-24 Q1", "sent", "", "20"], ["2023-24 Q2", "sent", "", "30"],
                   ["2023-24 Q3", "sent", "", "25"], ["2023-24 Q4", "sent", "", "25"],
                   ["2023-24 Q1", "by_who", "child", "6"], ["2023-24 Q1", "by_who", "carer", "4"],
                   ["2023-24 Q2", "by_who", "child", "15"], ["2023-24", "chaired", "", "7"]])
        config = os.path.join(self.dir, "careboard.toml")
        with open(config, "w", encoding="utf-8") as fh:
            fh.write('[activity.sent]\n[activity.returned]\n[activity.by_who]\ncategories = ["child", "carer"]\n'
                     'sums_to = "returned"\n[activity.share]\nunit = "percent"\nnumerator = "returned"\n'
                     'denominator = "sent"\n[activity.chaired]\nunit = "children"\n')
        self.rows, _ = ref.run(self.dir, "E09000099", "2023-24 Q4", 4, None, None, config)
        self.t = as_table(self.rows)

    def test_caseloads(self):
        # 30/06: IRO01 has A and B. 30/09: B has left care: IRO01 has A. 31/12: A is with IRO02
        # (the later allocation). 31/03: IRO02's ended on 01/02/2024: A is IRO01's again.
        self.assertEqual([self.t[("iro_allocated_children", d, "Total")] for d in ("2023-06-30", "2023-09-30")],
                         ["2", "1"])
        self.assertEqual(self.t[("iro_with_caseload", "2023-12-31", "Total")], "1")
        self.assertEqual(self.t[("iro_caseload_lowest", "2023-06-30", "Total")], "2.0")
        self.assertEqual(self.t[("iro_caseload_mean", "2024-03-31", "Total")], "1.0")
        self.assertEqual(self.t[("iro_caseload_band", "2023-06-30", "below_50")], "1")
        self.assertNotIn(("iro_caseload_band", "2023-06-30", "above_70"), self.t)

    def test_staffing(self):
        # 31/12 and 31/03: the 01/11/2023 row: headcount 4, agency 1, so permanent 3.
        self.assertEqual(self.t[("iro_headcount", "2023-06-30", "Total")], "3")
        self.assertEqual(self.t[("iro_headcount_by_contract", "2024-03-31", "permanent")], "3")
        self.assertEqual(self.t[("iro_vacancies_fte", "2023-09-30", "Total")], "0.5")
        self.assertNotIn(("iro_vacancies_fte", "2023-12-31", "Total"), self.t)

    def test_activity(self):
        self.assertEqual(self.t[("sent", "2023-24", "Total")], "100")        # the quarters' sum
        self.assertEqual(self.t[("returned", "2023-06-30", "Total")], "10")  # 6 + 4
        self.assertEqual(self.t[("by_who", "2023-09-30", "carer")], "0")     # given with child
        self.assertEqual(self.t[("share", "2023-09-30", "Total")], "50.0")   # 15 of 30
        self.assertEqual(self.t[("chaired", "2023-24", "Total")], "7")
        self.assertNotIn(("chaired", "2023-06-30", "Total"), self.t)
        self.assertNotIn(("returned", "2023-12-31", "Total"), self.t)


if __name__ == "__main__":
    unittest.main()
