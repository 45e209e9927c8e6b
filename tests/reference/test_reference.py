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


def as_table(rows):
    """(measure, period_end, category) -> value; unique because date measures and flows both
    end on the quarter's last day."""
    table = {}
    for area, ps, pe, measure, cat, value in rows:
        key = (measure, pe, cat)
        assert key not in table, key
        table[key] = value
    return table


def categories(rows, measure, period_end):
    return [r[4] for r in rows if r[3] == measure and r[2] == period_end]


Q1, Q2, Q3, Q4 = "2023-06-30", "2023-09-30", "2023-12-31", "2024-03-31"  # 2023-24 quarter ends


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
        # E's placements in the 12 months to D (episodes with RNE S/P/T/B/U open in (D-1y, D]):
        #  30/06/2023: ep S (DEC 01/05/2023 > 30/06/2022), ep P; T starts later -> 2: no.
        #  30/09/2023: S, P, T -> 3: yes.   31/12/2023: S (01/05/2023 > 31/12/2022), P, T; the L
        #  episode is not a placement -> 3: yes.  31/03/2024: S (01/05/2023 > 31/03/2023) -> 3.
        # Nobody else reaches 3 (C 2, D 2, others 1).
        for d, n, pct in [(Q1, "0", "0.0"), (Q2, "1", "20.0"), (Q3, "1", "16.7"),
                          (Q4, "1", "16.7")]:
            self.assertEqual(self.t[("placements_3_or_more", d, "Total")], n)
            self.assertEqual(self.t[("placements_3_or_more_percent", d, "Total")], pct)

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

    def test_row_format_and_order(self):
        measure_order = ["looked_after", "looked_after_rate_per_10000",
                         "looked_after_by_legal_status", "looked_after_by_legal_status_group",
                         "looked_after_by_placement", "looked_after_by_placement_group",
                         "looked_after_by_provider", "looked_after_fostering_by_provider",
                         "looked_after_by_age", "looked_after_by_sex",
                         "looked_after_by_ethnicity", "placements_3_or_more",
                         "placements_3_or_more_percent", "started", "started_by_need",
                         "started_by_legal_status", "ceased", "ceased_by_reason",
                         "reviews_held", "reviews_in_timescale",
                         "reviews_in_timescale_percent", "reviews_timescale_not_assessed",
                         "reviews_by_participation", "reviews_participation_percent"]
        seen = []
        for r in self.rows:
            if not seen or seen[-1] != r[3]:
                seen.append(r[3])
        # No reviews at all: no percentages (denominator 0), no participation categories.
        expected = [m for m in measure_order if m not in (
            "reviews_in_timescale_percent", "reviews_by_participation",
            "reviews_participation_percent")]
        self.assertEqual(seen, expected)
        # periods ascending within a measure; date measures start = end; flows span quarter
        self.assertEqual([list(r[1:3]) for r in self.rows if r[3] == "looked_after"],
                         [[Q1, Q1], [Q2, Q2], [Q3, Q3], [Q4, Q4]])
        self.assertEqual([list(r[1:3]) for r in self.rows if r[3] == "started"],
                         [["2023-04-01", Q1], ["2023-07-01", Q2], ["2023-10-01", Q3],
                          ["2024-01-01", Q4]])
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
#  R6  short breaks only (V3): 01/06/2023 PN5 outside every period: not assessed.
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
            ("R6", "2023-06-01"): "not_assessed",
            ("R8", "2023-05-04"): "in",
        }
        self.assertEqual(st, expected)

    def test_quarter_counts(self):
        # Q1 (Apr-Jun 2023): R1 10/05 in, R2 11/05 late, R4 15/05 n/a, R6 01/06 n/a,
        #    R8 04/05 in -> held 5, in 2 (40.0%), not assessed 2.
        # Q2: R1 10/08 in, R2 11/08 in, R4 15/08 in, R5 10/07 n/a, R5 29/09 in -> 5, 4, 1.
        # Q3: nothing -> 0, 0, no percentage row, 0.
        # Q4: R1 11/02 late, R2 11/02 in, R3 31/01 in, R3B 31/01 in, R4 16/02 late -> 5, 3, 0.
        # 2024-25 Q1: R3 30/04 in, R3B 01/05 late -> 2, 1, 0.
        expected = {Q1: ("5", "2", "40.0", "2"), Q2: ("5", "4", "80.0", "1"),
                    Q3: ("0", "0", None, "0"), Q4: ("5", "3", "60.0", "0"),
                    Q5: ("2", "1", "50.0", "0")}
        for d, (held, in_time, pct, na) in expected.items():
            with self.subTest(quarter_end=d):
                self.assertEqual(self.t[("reviews_held", d, "Total")], held)
                self.assertEqual(self.t[("reviews_in_timescale", d, "Total")], in_time)
                self.assertEqual(self.t.get(("reviews_in_timescale_percent", d, "Total")), pct)
                self.assertEqual(self.t[("reviews_timescale_not_assessed", d, "Total")], na)

    def test_participation(self):
        cats = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7", "not_recorded"]
        self.assertEqual(categories(self.rows, "reviews_by_participation", Q3), cats)
        # Q1: PN1 R1, R4; PN2 R2; PN5 R6; PN7 R8 -> 4 of 5 = 80.0
        # Q2: PN0 R1 (left out), PN1 R4, PN3 R2, PN5 R5 x2 -> 4 of 4 = 100.0
        # Q4: PN1 R3, R4; PN4 R3B; PN7 R1; empty R2 (left out) -> 3 of 4 = 75.0
        # Q5: PN1 R3, PN6 R3B -> 2 of 2 = 100.0
        expected = {Q1: ["0", "2", "1", "0", "0", "1", "0", "1", "0"],
                    Q2: ["1", "1", "0", "1", "0", "2", "0", "0", "0"],
                    Q3: ["0"] * 9,
                    Q4: ["0", "2", "0", "0", "1", "0", "0", "1", "1"],
                    Q5: ["0", "1", "0", "0", "0", "0", "1", "0", "0"]}
        for d, values in expected.items():
            self.assertEqual([self.t[("reviews_by_participation", d, c)] for c in cats], values)
        for d, pct in [(Q1, "80.0"), (Q2, "100.0"), (Q3, None), (Q4, "75.0"), (Q5, "100.0")]:
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

    def test_crlf_and_bom_tolerated(self):
        b = os.path.join(self.dir, "b.csv")
        with open(b, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write((self.HEAD + "".join(self.A)).replace("\n", "\r\n"))
        a = self.write("a.csv", self.A)
        with contextlib.redirect_stdout(io.StringIO()):
            self.assertEqual(compare_measures.main([a, b]), 0)


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


if __name__ == "__main__":
    unittest.main()
