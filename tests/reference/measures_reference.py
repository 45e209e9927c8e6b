#!/usr/bin/env python3
"""Independent reference implementation of careboard's measures.csv (a test oracle).

Usage:
    python3 measures_reference.py --data DIR [--config careboard.toml] [--area-code CODE]
        [--window-end "2024-25 Q4"] [--years 3] [--quarters 12] [--population N]
        [--as-at YYYY-MM-DD] [--months | --no-months] [--out FILE]

It reads the SSDA903 header, episodes and reviews tables from DIR (CSV or the XML return), the
other 903 tables when present (missing, uasc, oc2, oc3, ad1, placed_for_adoption,
previous_permanence, sw_episodes), and the optional IRO
escalation log (`escalations.csv`) and IRO staffing (`iro_staffing.csv`), and writes every
measure of the tables in docs/definitions.md for each quarter of the window and each financial
year whose four quarters lie in it, and (with --months or `[window] months = true`) each
calendar month of the window, in careboard's measures.csv format. Without --out the CSV
goes to standard output. Warnings (data-quality notes, skipped rows) go to standard error.
Python 3.11 standard library only.

--config reads a careboard TOML config: `[escalations]` (route types and display orders), and
`[authority] code` / `population_0_17`, `[window] end` / `quarters` / `years` / `months` and
`[data] as_at` for whichever of --area-code, --population, --window-end, --quarters / --years,
--months / --no-months and --as-at is not given (the command line wins). Without either,
the area code is careboard's default `E00000000`.

The rules are those of docs/definitions.md ("definitions" below) and, where it is silent, of
the domain brief (docs/domain.md, "domain"), read literally. Decisions taken where the texts
leave room (the lead reconciles them with careboard):

 D1  Files. Only files directly in DIR and in sub-folders of DIR whose name is a year (`2024`,
     or `2023-24` = 2024) are read; deeper or non-year folders are ignored. A name ending
     (case-insensitively) in `header.csv`, `episodes.csv` or `reviews.csv` is a table, except
     `sw_episodes.csv`, a different 903 table (social-worker episodes) although its name ends
     in `episodes.csv`: it is read as that table (D29), never as episodes.
 D2  Return year of a file: a year in its own name wins over its folder's. A 4-digit year
     19xx/20xx not part of a longer number; `2023-24` / `2023_24` style means 2024 (the year
     the collection year ends, definitions). If the name holds several years the last one is
     used. Undated files form one return older than every dated one.
 D3  Stitched row order (used only for the tie-breaks "later row", "earliest row"): returns
     from oldest to newest, files of one return by path, rows by line; a key replaced by a
     later row takes the position of the row that replaced it. Keys compare parsed dates, so
     `01/04/2023` and `2023-04-01` are the same DECOM / REVIEW.
 D4  An empty code is `not_recorded` (definitions, "Inputs") in every code breakdown; the group
     breakdowns (legal-status group, placement group, fostering provider) fold it into `other`
     with any unknown code (definitions, group lists). Sex, age and ethnicity use their own
     stated categories (unknown / not_known).
 D5  "Categories that occur" are those with a count of at least 1 in some period of the
     window (D13); fixed category lists (age bands, sex, groups, review sequence) follow the
     same rule, so e.g. no
     `unknown` sex row when every child's sex is known. Unknown codes sort by Python string
     order (code points), which equals alphabetical order for the upper-case 903 codes.
 D6  Periods of care: an episode continues the period when its DECOM <= the period's end so far
     (the latest DEC of its episodes), or the period is still open; the period ends at the
     latest DEC of its episodes, open when any of them is open.
 D7  A DOB after D gives a negative age, reported as `unknown`.
 D8  Rows with a malformed date in a date column we use (DECOM, DEC, REVIEW, DOB) are skipped
     with a warning (careboard rejects such files outright, so they never meet in a
     comparison); rows with an empty CHILD, DECOM or REVIEW are skipped too.
 D9  Column names are matched after trimming spaces and a BOM; a table missing a key column
     (CHILD, and DECOM / REVIEW) is an error. Missing non-key columns read as empty.
 D10 (Revised with definitions' window of whole years.) Without --window-end (or `[window]
     end`) the window ends at the last quarter 4 (31 March) on or before the data-as-at date
     (--as-at, else 31 March of the latest return year, else the latest DECOM, DEC or REVIEW),
     also when a number of quarters is given: definitions lets the window "end in any
     quarter" only when `[window] end` "sets the last quarter".
 D11 Bank holidays: the one-off days of definitions' list only (2012-06-05, the 2012 and 2022
     spring moves, 2020-05-08 instead of the first Monday, 2022-06-03, 2022-09-19,
     2023-05-08); older one-offs not listed there (e.g. 2011-04-29) are not included.
 D12 Window length. definitions: "`[window] years = 3` to `5` sets the number of years ...
     `[window] quarters` the number of quarters, for a quarter view that is not made of whole
     years", without saying which wins when both are given. Here a number of quarters wins
     over a number of years at the same level, and the command line (--quarters, --years)
     wins over the config, so --years 4 beats the config's `quarters`. Without either the
     window is 4 x 3 = 12 quarters. With `[window] end` and no `quarters` the window is
     4 x years quarters ending at that quarter. A `years` outside 3..5 (or not an integer) is
     an error, in the config and on the command line; `quarters` is not range-checked.
 D13 Financial years. Every financial year whose four quarters all lie in the window is a
     period (definitions, "Financial years"), counted from the data over 1 April - 31 March,
     never from its quarters. Row order within a measure: every quarter, then every year in
     year order. A count at a date has no year row of its own: the year's 31 March figure is
     its quarter 4's row, written once. Breakdown categories: definitions still says a
     breakdown lists "for every quarter in the window, every category that occurs in it in
     any quarter of the window"; here the categories are those occurring in any period
     (quarters and years) and every year lists them too. The set is the same either way: a
     year's child is counted with an episode (first start, last ceasing) that is also that
     child's first / last in its own quarter, and a review or escalation lies in one quarter.
     (Months do not share that property: D27.)
 D14 iro_caseload_average ("the mean of `iro_caseload` at the year's four quarter ends
     (quarter ends without an FTE left out), one decimal"): the mean of the exact quarter-end
     caseloads (looked after / exact FTE, as E7), rounded once, not of the rounded one-decimal
     figures (FTE 0.9 throughout with 4, 5, 6, 6 looked after gives 5.8, not 5.9). A quarter
     end whose FTE is 0 has no caseload (E7) and is left out too; no row when none of the four
     has one. The row spans the year (period_start 1 April, period_end 31 March): definitions
     names only escalations_open, escalations_open_over_20_days, iro_fte and iro_caseload as
     counts at a date. It is written, after iro_caseload, when a staffing file exists.
 D15 A year's escalations_per_100_looked_after is the year's escalations_raised over
     looked_after at the year's end E, 31 March (definitions: "looked_after at E").
 D16 Placement stability (definitions' corrected rule). Y = D minus 12 months (add_months,
     clamped). An episode starting on Y itself is the placement held at Y (DECOM <= Y), not a
     new one (DECOM in (Y, D]). Two or more non-short-break episodes open at Y (overlapping)
     still give 1. The placement held at Y counts even when the child left care and came
     back within the 12 months, and a new episode counts whether or not it is still open at
     D. A short-break episode open at Y does not count (definitions: "over their
     non-short-break episodes").
 D17 Who started: started_by_age is the age at the first starting episode's DECOM in the
     looked-after bands (so a DOB after that DECOM is `unknown`, D7); sex and ethnicity come
     from the header as for children looked after (no header row: unknown / not_known);
     started_by_placement_group folds an empty PLACE into `other` (D4).
 D18 looked_after_by_ethnic_code is a code breakdown: ETHNIC as written (trimmed) in the
     ETHNIC list's order (REFU and NOBT are codes of that list, not the trailing category),
     then unknown codes alphabetically, then `not_recorded` (empty, or no header row).
 D19 ceased_by_reason_group groups the REC of each child's last ceasing (the same episode as
     ceased_by_reason); a ceasing always has a REC (not X1), so there is no not_recorded
     group, and an unknown code is `other`.
 D20 Short-break reviews: a review in none of the child's periods of care but within one of
     their V3/V4 episodes, the DEC day included (REVIEW <= DEC, as definitions writes it). It
     is not held, so it is also left out of reviews_by_participation and its percentage
     (definitions: "By participation: held reviews"), of the sequence and of the child-based
     figures, and it gives no "outside every period" warning. A review in a period of care
     is an ordinary review even when a short break is open that day.
 D21 Sequence and child-based reviews. A review outside every period (not a short break) is
     `not_assessed` in reviews_by_sequence, like the first visible review of a period whose
     start is not observed. reviews_in_timescale_by_sequence follows D5: a category is listed
     when some period has an in-timescale review of it (so `first` has no row when no first
     review was ever in timescale, even if first reviews were held). A child is "assessed" in
     a period when at least one of their reviews held in it was in timescale or late; their
     not-assessed reviews are ignored, so a child with only those counts in neither figure.
     reviews_in_timescale_percent has no row when held minus not assessed is 0, and
     reviews_children_all_in_timescale_percent none when no child was assessed.
 D22 Long-term stability: the cohort (definitions, "Long-term stability"). D minus 30 and
     minus 24 months are add_months(D, -30) / (D, -24), same day of the month clamped (31/03
     minus 30 months is 30/09); "on or before" includes the day itself. "Aged under 16 at D"
     is the age at D of definitions' "Age at D", which is `unknown` for a DOB after D as well
     as for no DOB or no header row (D7): all three are left out ("no known DOB"). "The
     period of care that includes D" is the period of D6 with start <= D and (open or D <=
     its end), i.e. the one holding the episode used at D; its start is its first episode's
     DECOM whatever that episode's RNE and whether or not the start is "observed" (that word
     belongs to the review rules), so a period that reaches back before the first return
     counts from its first visible episode. A year has no rows of its own: its 31 March
     figure is quarter 4's (D13). long_term_cohort and long_term_same_placement have a row
     for every quarter end, 0 included, like placements_3_or_more; the percentage has none
     when the cohort is 0.
 D23 Long-term stability: the current placement. The walk starts at the episode used at D
     itself (so when its RNE is S, P, T, B or U the placement starts at its own DECOM). Only
     an RNE of S, P, T, B or U starts a placement; every other RNE (L, and also an empty or
     unknown code) continues it, as definitions names only those five as starting one.
     "Joins the one before it" is read exactly: the one before an episode is a non-short-break
     episode whose DEC equals its DECOM (of several, the latest DECOM, then the later stitched
     row; only episodes earlier in (DECOM, row) order). Anything else is a gap: a later DEC
     (an overlap) too, even when the period of care carries on, and a short break in between
     (the walk is over non-short-break episodes only). The REC of the episode before is not
     looked at (a DEC that is not X1 still joins). The adoption rule applies when the episode
     used at D has PLACE A3-A6 (not the placement's first episode), and goes back exactly one
     placement: the placement before the adoptive one, found by the same walk from the
     episode that joins the adoptive placement's first episode, even when that one is an
     adoption placement too; with no such episode (a gap, or the start of the data) the
     adoptive placement's own start is used.
 D24 Months: switching them on. `[window] months` must be a TOML boolean (anything else is
     an error, like careboard's E002); `--months` / `--no-months` on the command line wins
     over it (run(months=...) likewise); the default is off, and with months off the output
     is exactly what it was before months existed. The months of the window are the three
     calendar months of each of its quarters, in calendar order (3 x quarters months, so a
     window ending in any quarter still has whole months). A month runs from its 1st to its
     last day (29 February in a leap year). Its label `2024-04` is kept (Month.label) but
     measures.csv identifies a period only by its dates.
 D25 Months: rows. A flow has a row for every month, its period_start the month's 1st and
     period_end its last day, a month that ends a quarter (June, September, December, March)
     included, as its flow differs from the quarter's. A count at a date has a row for each
     month end that is not a quarter end; a month that ends a quarter has no row of its own:
     its figure is the quarter's row, written once (exactly as a year's 31 March is its
     quarter 4's row, D13; so 31 March serves its quarter, its year and its month). Within a
     measure the rows are every quarter, then every year, then every month (in month order),
     so a count at a date lists the quarter ends, then the other month ends: its rows are not
     in date order overall (30/06 comes before 30/04).
 D26 Months: measures. Every measure is counted for each month with its quarter rule, over
     the month or at its last day D, never from other periods: placements_3_or_more with Y =
     D minus 12 months; long-term stability with D minus 30 / 24 months (clamped: 30/04/2024
     gives 30/10/2021 and 30/04/2022); ages at D; escalations_per_100_looked_after = raised
     in the month over looked_after at its last day; escalations_open (and over 20 days),
     iro_fte and iro_caseload at every month end (the latest staffing row on or before it).
     A zero denominator gives no row, as for a quarter. iro_caseload_average stays a
     financial-year measure and is still the mean over the year's four quarter ends only,
     never over its month ends.
 D27 Months: breakdown categories. "Every category that occurs in it in any period of the
     window" is read with the months as periods of the window: with months on, a category
     counted in some month (and no quarter or year) is listed, with 0, in every quarter and
     year too. This can happen, unlike for years (D13): a child who starts in April (N1) and
     again in May (N2) of one quarter is N1 for the quarter and the year but N2 for May; the
     last ceasing of a month may not be the last of its quarter; and a month end that is not
     a quarter end may hold a child, code or age band seen at no quarter end. So switching
     months on can add 0 rows to quarter and year breakdowns; the figures are unchanged.
 D28 The return as XML (domain, "The return itself is submitted to the DfE as XML"). A name
     ending (case-insensitively) in `.xml` where D1 reads files is a return of the year D2
     gives it, holding all three tables, read with the standard library's ElementTree: each
     `<CHILD>` of the `<EXPSSDA903>` root is one child, its CHILD the text of its CHILDID
     (in its `<HEADER>`, or directly in the `<CHILD>`); its `<HEADER>` gives a header row
     (SEX, DOB, ETHNIC), each `<HEADER>/<AREVIEW>` a reviews row (REVIEW, REVIEW_CODE) and
     each `<CHILD>/<EPISODE>` an episodes row, PLACE being the element `PL`. Missing or empty
     elements are empty values; values are trimmed. Rows of each table in document order, as
     a CSV file's lines (D3); a file of another root is an error.

The other 903 tables (definitions, "The other 903 tables"):

 D29 Files. A name ending (case-insensitively) in `missing.csv`, `uasc.csv`, `oc2.csv`,
     `oc3.csv`, `ad1.csv`, `placed_for_adoption.csv`, `previous_permanence.csv` or
     `sw_episodes.csv`, where D1 reads files, is that table, dated by D2. These are 903 files:
     their return years count, like the header's, for the data-as-at date and for the earliest
     return that review timeliness depends on (E1: "only the 903 files make returns"). A
     table's key columns are required (D9): CHILD, and MIS_START (missing), DATE_PLACED
     (placed_for_adoption), SW_DECOM (sw_episodes); other missing columns read as empty. A
     data folder with none of these tables gives exactly the rows it gave before they were
     read.
 D30 The XML return (D28). In each `<CHILD>`'s `<HEADER>` (only there): each `<AMISSING>`
     block is a missing row (MISSING, MIS_START, MIS_END); `<UASC>` with the text 1 makes a
     uasc row whose DUC is `<HEADER>/<DUC>` (empty or absent: no DUC), any other UASC text
     (empty included) makes none, whatever DUC says; each `<OC2>` block an oc2 row; an oc3
     row when any of `<IN_TOUCH>`, `<ACTIV>`, `<ACCOM>` is present (empty ones too); an ad1
     row when any of `<DATE_INT>`, `<DATE_MATCH>`, `<FOSTER_CARE>`, `<NB_ADOPTR>`,
     `<SEX_ADOPTR>`, `<LS_ADOPTR>` is present; each `<AD_PLACED>` block a placed_for_adoption
     row; each `<PERMANENCE>` block a previous_permanence row (PREV_PERM). sw_episodes are
     never read from XML. An XML return holds one of these tables only when it gives at least
     one row of it (the document cannot say that a table was collected but empty), whereas a
     CSV file with only its header line is a table with no rows: a return's table years
     (D33) can differ between the two forms only in that case.
 D31 Rows that cannot be used are skipped with a warning (as D8): an empty CHILD, an empty
     MIS_START, DATE_PLACED or SW_DECOM, and a malformed date in a date column a measure
     uses (MIS_START, DUC, DATE_MATCH, DATE_PLACED, SW_DECOM, SW_DEC). MIS_END, DATE_INT,
     DATE_PLACED_CEASED are not used, so not checked. A MISSING other than `M` or `A` (exact,
     after trimming) counts as neither; an sw_episodes row with an empty SW_ID names no social
     worker. An OC2 flag other than 0, 1 or empty is a warning (W108) and not yes. Stitching
     as D3 by the keys of definitions' table: (CHILD, MIS_START), CHILD (uasc, ad1,
     previous_permanence), (CHILD, DATE_PLACED), (CHILD, SW_DECOM) across every return, the
     latest return's row winning; oc2 and oc3 by (CHILD, return year), so a return's rows
     never replace another year's. placed_for_adoption is read and stitched, but no measure
     uses it.
 D32 Which table writes which measures. Each section is written when some return has its
     table, for every period of its kind (counts of 0 included): looked_after_during with the
     missing measures (it is their denominator, so it needs a missing table, although it is
     counted from the episodes); uasc_looked_after and uasc_started with a uasc table; adopted and
     adoption_*_care_to_moving_in always (they need only the episodes), adoption_*_order_to_match
     with an ad1 table (the match date is its); started_by_previous_permanence with a previous_permanence
     table. Percentages and rates (per child) with a denominator of 0, and means (adoption
     days, SDQ average) over no child, have no row, as the existing percentages. The event
     tables (missing, uasc, ad1, previous_permanence) count in any period once any return has
     them, from their stitched rows.
 D33 Year-bound tables. OC2, OC3 and sw_episodes rows of the return of year Y describe the
     financial year (Y-1)-Y; their measures have a row only for the window's financial years
     whose return has the table (D30 for XML), 1 April - 31 March, with D = 31 March. An
     undated return's rows belong to the window's last financial year; when a dated return
     of that year has the table too, its row of a child wins over the undated one's (the
     undated return is older, definitions). A window without a whole financial year has no
     such rows. The categories of their breakdowns are those occurring in those years (D5).
     sw_episodes rows are stitched across returns by (CHILD, SW_DECOM) (definitions' key has
     no year): a year with an sw table counts every stitched row open in it, a row of an
     earlier return included.
 D34 Missing. looked_after_during: a non-short-break episode with DECOM <= E and (DEC empty or
     DEC > S), so an episode that ends on S itself is not open on S (as "open at D"). A
     missing row counts when its child was looked after on some day of the period, not
     necessarily on MIS_START. Incidents are stitched rows, so two rows of one child with the
     same MIS_START are one incident. `_per_child` = incidents / children, one decimal.
 D35 UASC. uasc_looked_after at every quarter end (and month end), a year's being its quarter
     4's row; "DUC after D" is strict (DUC = D: not counted). uasc_started compares DUC with
     the DECOM of the child's first start in the period (the episode `started` uses).
 D36 Adoption. A child is adopted in a period when the REC of their last ceasing in it (the
     one ceased_by_reason uses) is E11 or E12. "The period of care that the adoption ended" is
     the period of care (D6) holding that episode; entered care is its first episode's DECOM
     (whatever its RNE, as D22), moved in and placement order the DECOM of its first episode
     (by DECOM, then row) with PLACE A3-A6 / LS E1 or D1 (a short break is never one). The
     ad1 DATE_MATCH need not lie in the period. A difference of 0 days counts; a negative
     order-to-match difference is left out of both the count and the mean (care-to-moving-in
     is never negative). The means are of exact day counts, rounded once to whole days, half
     away from zero.
 D37 Previous permanence: PREV_PERM as written (trimmed): P1 P2 P3 Z1, then unknown codes
     alphabetically, then `not_recorded` for an empty PREV_PERM or no row.
 D38 OC2. The cohort child's "period of care" is the one holding D (D22's current period);
     "started on or before 1 April of the year before" includes that day. Age at D as for
     children looked after; a child with no known age (no header row or DOB, or a DOB after
     D) is in oc2_cohort but in no age cohort. SDQ_SCORE counts when it is ASCII digits only
     with a value 0 to 40 (`07` is 7; `7.0`, `-1`, ` `, `41` are not received). The
     intervention counts are of cohort children with SUBSTANCE_MISUSE = 1. oc2_sdq_average is
     the exact mean of the received scores, rounded once to one decimal. A cohort child without
     an OC2 row of that year counts in every denominator and in no count.
 D39 OC3. IN_TOUCH is compared exactly (`YES` in touch; `DIED` and `RHOM` left out; NO, REFU,
     NREQ, empty or other stay in). The age "on the birthday that falls in the financial
     year" is the age at its 31 March by the header's (stitched) DOB, which is the same
     number (a 29 February birthday falls on 28 February in other years); a child without a
     header row or DOB is in neither group. ACTIV codes as listed, anything else `not_known`.
     ACCOM is a known code only when it is one of the listed letters followed by 1 or 2:
     then its letter is the accommodation and the digit the suitability, except that G, H
     and R are `not_applicable` whatever the digit; anything else (0, empty, a letter alone,
     an unknown letter) is `not_known` and `no_information`.
 D40 Social worker changes: the distinct non-empty SW_IDs of a child looked after at D among
     the (stitched, D33) rows with SW_DECOM <= D and (SW_DEC empty or SW_DEC >= 1 April), the
     day itself included at both ends; a row starting after D or ending before 1 April does not
     count. sw_3_or_more_percent has no row when nobody is looked after at D.
 D41 Order. definitions' measures.csv table does not list these measures: here they follow
     reviews_participation_percent (before the escalation measures), in the order of
     definitions' sections: looked_after_during, missing_children, missing_incidents,
     away_children, away_incidents, missing_children_percent, missing_incidents_per_child,
     away_children_percent, away_incidents_per_child; uasc_looked_after, uasc_started;
     adopted, adoption_days_care_to_moving_in, adoption_children_care_to_moving_in,
     adoption_days_order_to_match, adoption_children_order_to_match;
     started_by_previous_permanence; oc2_cohort, oc2_cohort_0_to_4, oc2_cohort_5_to_16,
     oc2_cohort_10_to_17, then each count of definitions' OC2 table followed by its
     `_percent`, then oc2_sdq_by_band, oc2_sdq_average; for 17_to_18 and then 19_to_21,
     care_leavers_G, _in_touch, _in_touch_percent, _by_activity, _by_activity_group (eet, neet,
     not_known), _eet_percent, _neet_percent,
     _by_accommodation, _by_suitability, _suitable_percent; sw_3_or_more,
     sw_3_or_more_percent. Breakdown categories follow definitions' general rule and D5: the
     categories that occur in some period of the window (in their code-list order, then
     unknown codes, then not_recorded / not_known), with 0 where absent; a category of a code
     list that never occurs has no row.
 D42 The 0-17 population of the rate per 10,000. `[authority] population_0_17` is used for
     every period. Without it, the estimates for the authority (its row by new or old code;
     `[benchmarks] authority`, else `[authority] code`) in the files `[benchmarks] rates`
     (population_estimate of each time_period T: the year ending 31 March T) and
     `[benchmarks] population` (the ONS: age_group "Children aged 0 to 17 years" of
     time_period T, a mid-year estimate, is the population of the year ending 31 March T + 1).
     Where both give a year, the file whose latest year is later wins, and on a tie the ONS
     file. A period's rate uses the estimate of the financial year its end date falls in (a
     year ends on 31 March), else the latest year before it, else the earliest year.
 D43 No reviews table. When no return has a reviews table (CSV or XML), as a pooled regional
     file often has none, no reviews_* row is written at all (input.md: "the site and the report
     then show no review figures ... rather than reviews of zero").

IRO escalations (definitions, "IRO escalations (optional input)"):

 E1  Files. A name ending (case-insensitively) in `escalations.csv`, directly in DIR or in a
     year-named sub-folder, is an escalation log, dated by the rules of D2. Only the 903 files
     make returns: escalation files never move the data-as-at date, the default window or the
     first return year that review timeliness depends on (definitions' as-at rule names only
     DECOM, DEC and REVIEW). A name ending in `iro_staffing.csv` directly in DIR is the staffing
     table; one in a sub-folder is ignored ("sits in the data folder itself").
 E2  Stitching as D3, keyed by ESCALATION_ID: the latest return's row wins, within one file the
     later line (with a warning). The winning row replaces every column of the older one.
 E3  Bad rows (issue 3: "missing required value", "RESOLVED before RAISED", "unknown STAGE")
     cannot be counted as defined and are skipped here with a warning, like D8: an empty
     ESCALATION_ID, RAISED, ROUTE or STAGE, a THEME with no non-empty piece, a malformed RAISED
     or RESOLVED, and RESOLVED before RAISED. A STAGE other than `0`-`4` or `cafcass` (compared
     case-sensitively, like the 903 codes) is an unknown code: like an unknown 903 code
     (definitions, "Inputs and stitching" and "measures.csv") it is counted under the code as
     written, after `cafcass`, unknown codes alphabetically, with a warning. A CHILD not in the
     903 header is only a warning: no measure uses CHILD.
 E4  Labels are compared exactly as written after trimming (so `Health` and `health` are two
     themes). "Alphabetically" for labels the config does not list is code-point order (as for
     unknown 903 codes, D5): upper case before lower case.
 E5  Routes have no configured display order: definitions says the config "may give the display
     order of themes, levels and outcomes", and a TOML table's keys carry no order ("Key/value
     pairs within tables are not guaranteed to be in any specific order", TOML 1.0). So
     escalations_by_route lists the labels the config maps ("the configured ones")
     alphabetically, then the unmapped ones alphabetically. Themes, teams and levels follow the
     `themes`, `teams` and `levels` lists. A configured label that never occurs in the window
     has no row (D5). `outcomes` is read and checked but no measure uses OUTCOME.
 E6  Working days between RAISED and a later day X: the working days d with RAISED < d <= X
     (definitions: "after RAISED up to and including"), on the reviews' calendar. Resolved on
     the day raised is 0 working days. "Within 20" is <= 20; "over 20" is > 20.
 E7  The escalation measures are written when at least one escalations file exists (with 0
     totals for periods without any); iro_fte, iro_caseload and iro_caseload_average (D14)
     when an iro_staffing file exists. iro_caseload divides by the exact FTE, not the rounded
     iro_fte, and has no row when that FTE is 0 (zero denominator); iro_fte then shows 0.0.
 E8  iro_staffing rows: DATE (dd/mm/yyyy or ISO) and FTE (a non-negative decimal number); a
     row with a bad value is skipped with a warning, and a repeated DATE keeps the later row.

The IRO service's own records (definitions, "The IRO service's own records"):
 I1  [activity.<key>] tables of the config, in the file's order: unit (events, children,
     percent), period ("period" or "date"), categories (keys, in order), sums_to, numerator and
     denominator. Only the config's own checks are careboard's; this reads what it needs.
 I2  iro_activity.csv (period, measure, category, value; names in any case): a quarter
     "2024-25 Q1", a year "2024-25" or a month "2024-04" / "Apr 2024". Figures implied: a
     quarter from its 3 months, then a year from its 4 quarters (events: the sum; a count at a
     date: the last; children over a period: never); a breakdown's other categories 0 in a
     period it gives; its sums_to Total as the sum. Rows only for periods with a figure; a
     breakdown lists the categories with a count above 0 in some period of the window.
 I3  iro_staffing.csv's HEADCOUNT, PERMANENT, AGENCY, VACANCIES_FTE from the latest row on or
     before E; HEADCOUNT from PERMANENT + AGENCY, or one of those from HEADCOUNT less the other.
 I4  iro_allocations.csv (IRO, CHILD, FROM, TO): open at E when FROM <= E < TO (or TO empty);
     each child looked after at E counts for the open allocation with the latest FROM (then the
     later line); lowest, highest and mean (children / IROs with any) one decimal; bands
     below_50, 50_to_70 (inclusive), above_70.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import tomllib
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache

# --------------------------------------------------------------------------------------------
# Code lists and category orders (definitions, "Code-list order")
# --------------------------------------------------------------------------------------------

SHORT_BREAKS = {"V3", "V4"}
PLACEMENT_RNE = {"S", "P", "T", "B", "U"}  # definitions, "Placement stability"
ADOPTION_PLACES = {"A3", "A4", "A5", "A6"}  # definitions, "Long-term stability"
LONG_TERM_MAX_AGE = 16        # aged under 16 at D
LONG_TERM_CARE_MONTHS = 30    # period of care started on or before D minus 30 months
LONG_TERM_PLACEMENT_MONTHS = 24  # current placement started on or before D minus 24 months

LS_ORDER = ["C1", "C2", "D1", "E1", "V2", "L1", "L2", "L3", "J1", "J2", "J3"]
LS_GROUP_ORDER = ["care_orders", "placement_order", "voluntary_s20", "detained_for_protection",
                  "youth_justice", "other"]
LS_GROUPS = {"C1": "care_orders", "C2": "care_orders", "E1": "placement_order",
             "D1": "placement_order", "V2": "voluntary_s20", "L1": "detained_for_protection",
             "L2": "detained_for_protection", "L3": "detained_for_protection",
             "J1": "youth_justice", "J2": "youth_justice", "J3": "youth_justice"}

PLACE_ORDER = ["U1", "U2", "U3", "U4", "U5", "U6", "A3", "A4", "A5", "A6", "P1", "P2", "P3",
               "K1", "K2", "K3", "H5", "R1", "R2", "R3", "R5", "S1", "T0", "T1", "T2", "T3",
               "T4", "Z1", "Z11", "Z12", "Z13", "Z14"]
PLACE_GROUP_ORDER = ["foster", "adoption", "placed_with_parents", "independent_living",
                     "secure_and_childrens_homes", "other_residential", "other"]
PLACE_GROUPS = {}
for _c in ["U1", "U2", "U3", "U4", "U5", "U6"]:
    PLACE_GROUPS[_c] = "foster"
for _c in ["A3", "A4", "A5", "A6"]:
    PLACE_GROUPS[_c] = "adoption"
PLACE_GROUPS["P1"] = "placed_with_parents"
for _c in ["P2", "H5", "K3"]:
    PLACE_GROUPS[_c] = "independent_living"
for _c in ["K1", "K2"]:
    PLACE_GROUPS[_c] = "secure_and_childrens_homes"
for _c in ["R1", "R2", "R3", "R5", "S1", "P3"]:
    PLACE_GROUPS[_c] = "other_residential"
# Z1, Z11-Z14, T0-T4 and any unknown (non-empty) code: "other" (see placement_group()).
FOSTER_PLACES = {"U1", "U2", "U3", "U4", "U5", "U6"}

PROVIDER_ORDER = ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"]
FOSTER_PROVIDER_ORDER = ["in_house", "agency", "other"]
CIN_ORDER = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"]
REC_ORDER = ["E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46",
             "E47", "E48", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9"]
REVIEW_CODE_ORDER = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"]
PARTICIPATED = {"PN1", "PN2", "PN3", "PN4", "PN5", "PN6"}
PARTICIPATION_DENOM = PARTICIPATED | {"PN7"}
AGE_ORDER = ["under_1", "1_to_4", "5_to_9", "10_to_15", "16_and_over", "unknown"]
SEX_ORDER = ["male", "female", "unknown"]
ETHNIC_ORDER = ["white", "mixed", "asian", "black", "other", "not_known"]
ETHNIC_GROUPS = {}
for _g, _codes in [("white", "WBRI WIRI WIRT WROM WOTH"), ("mixed", "MWBC MWBA MWAS MOTH"),
                   ("asian", "AIND APKN ABAN CHNE AOTH"), ("black", "BCRB BAFR BOTH"),
                   ("other", "OOTH"), ("not_known", "REFU NOBT")]:
    for _c in _codes.split():
        ETHNIC_GROUPS[_c] = _g

ETHNIC_CODE_ORDER = ["WBRI", "WIRI", "WIRT", "WROM", "WOTH", "MWBC", "MWBA", "MWAS", "MOTH",
                     "AIND", "APKN", "ABAN", "CHNE", "AOTH", "BCRB", "BAFR", "BOTH", "OOTH",
                     "REFU", "NOBT"]
REASON_GROUP_ORDER = ["adopted", "special_guardianship", "child_arrangements_order",
                      "returned_home", "independent_living", "staying_put", "other"]
REASON_GROUPS = {"E11": "adopted", "E12": "adopted",
                 "E45": "special_guardianship", "E46": "special_guardianship",
                 "E47": "special_guardianship", "E48": "special_guardianship",
                 "E41": "child_arrangements_order", "E4A": "returned_home",
                 "E4B": "returned_home", "E5": "independent_living", "E6": "independent_living",
                 "E17": "staying_put"}
# E13, E14, E15, E16, E2, E3, E7, E8, E9 and any unknown code: "other" (see reason_group()).
SEQUENCE_ORDER = ["first", "second", "later", "not_assessed"]  # definitions, "By sequence"

NOT_RECORDED = "not_recorded"
# Decision D4: the category an empty code gets in group breakdowns. Set to "other" to fold
# empty codes into the group "other" instead.
EMPTY_GROUP_CATEGORY = "other"
# "then `not_recorded` / `unknown` / `not_known`" (definitions): these sort after unknown codes.
TRAILING_CATEGORIES = [NOT_RECORDED, "unknown", "not_known"]


def category_sort_key(code_order):
    """Sort key: code-list order, then unknown codes alphabetically, then the 'not recorded'
    categories (definitions, "measures.csv" and "Code-list order")."""
    index = {c: i for i, c in enumerate(code_order)}

    def key(cat):
        if cat in index:
            return (0, index[cat], "")
        if cat in TRAILING_CATEGORIES:
            return (2, TRAILING_CATEGORIES.index(cat), "")
        return (1, 0, cat)
    return key


# --------------------------------------------------------------------------------------------
# Dates, months, bank holidays, working days
# --------------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class BadDate(ValueError):
    pass


def parse_date(text):
    """dd/mm/yyyy (the return's format) or yyyy-mm-dd; empty -> None; else BadDate."""
    s = (text or "").strip()
    if not s:
        return None
    m = _DMY.match(s)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _ISO.match(s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        pass
    raise BadDate(s)


def days_in_month(year, month):
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def add_months(d, months):
    """Same day of the month `months` later, or that month's last day when it has no such
    day (definitions, "In timescale"): 31 Jan + 3 months = 30 April."""
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    m += 1
    return date(y, m, min(d.day, days_in_month(y, m)))


def easter_sunday(year):
    """Anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year, month):
    d = date(year, month, 1)
    return d + timedelta(days=(0 - d.weekday()) % 7)


def _last_monday(year, month):
    d = date(year, month, days_in_month(year, month))
    return d - timedelta(days=d.weekday())


@lru_cache(maxsize=None)
def bank_holidays(year):
    """England and Wales bank holidays of `year` (definitions, "Bank holidays")."""
    hols = set()
    # New Year's Day, moved to the following Monday when it falls at a weekend.
    ny = date(year, 1, 1)
    if ny.weekday() == 5:
        ny += timedelta(days=2)
    elif ny.weekday() == 6:
        ny += timedelta(days=1)
    hols.add(ny)
    # Good Friday and Easter Monday.
    easter = easter_sunday(year)
    hols.add(easter - timedelta(days=2))
    hols.add(easter + timedelta(days=1))
    # Early May: first Monday of May; in 2020 moved to Friday 8 May (VE Day 75).
    hols.add(date(2020, 5, 8) if year == 2020 else _first_monday(year, 5))
    # Spring: last Monday of May; moved in 2012 (Mon 4 June) and 2022 (Thu 2 June).
    if year == 2012:
        hols.add(date(2012, 6, 4))
    elif year == 2022:
        hols.add(date(2022, 6, 2))
    else:
        hols.add(_last_monday(year, 5))
    # Summer: last Monday of August.
    hols.add(_last_monday(year, 8))
    # Christmas Day and Boxing Day with substitute days: a holiday that falls at a weekend
    # moves to the next weekday that is not already a holiday.
    xmas, boxing = date(year, 12, 25), date(year, 12, 26)
    if xmas.weekday() == 5:    # Sat 25, Sun 26 -> Mon 27, Tue 28
        hols.update({date(year, 12, 27), date(year, 12, 28)})
    elif xmas.weekday() == 6:  # Sun 25, Mon 26 -> Boxing Day Mon 26, Christmas Tue 27
        hols.update({boxing, date(year, 12, 27)})
    elif xmas.weekday() == 4:  # Fri 25, Sat 26 -> Mon 28
        hols.update({xmas, date(year, 12, 28)})
    else:
        hols.update({xmas, boxing})
    # One-off days listed in definitions.
    one_offs = {2012: [date(2012, 6, 5)],                      # Diamond Jubilee
                2022: [date(2022, 6, 3), date(2022, 9, 19)],   # Platinum Jubilee, State Funeral
                2023: [date(2023, 5, 8)]}                      # Coronation
    hols.update(one_offs.get(year, []))
    return frozenset(hols)


def is_working_day(d):
    return d.weekday() < 5 and d not in bank_holidays(d.year)


def nth_working_day_after(start, n):
    """The n-th working day after `start` (the start day itself is not counted)."""
    d, count = start, 0
    while count < n:
        d += timedelta(days=1)
        if is_working_day(d):
            count += 1
    return d


def working_days_after(start, end):
    """Working days d with start < d <= end ("working days after RAISED up to and including
    RESOLVED", definitions; decision E6); 0 when end <= start. Weekdays by whole weeks, less
    the bank holidays in the range (all of them fall on weekdays: substitute days are used)."""
    n = (end - start).days
    if n <= 0:
        return 0
    weeks, rest = divmod(n, 7)
    count = 5 * weeks + sum(1 for k in range(1, rest + 1)
                            if (start + timedelta(days=k)).weekday() < 5)
    for year in range(start.year, end.year + 1):
        count -= sum(1 for h in bank_holidays(year) if start < h <= end and h.weekday() < 5)
    return count


def first_review_due(period_start):
    """First review of an observed period: due on the 20th working day after the start."""
    return nth_working_day_after(period_start, 20)


# --------------------------------------------------------------------------------------------
# Quarters and the window (definitions, "Data as at, and the window")
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Quarter:
    fy: int  # financial year start, e.g. 2023 for 2023-24
    q: int   # 1..4; Q1 April-June ... Q4 January-March

    @property
    def start(self):
        month = {1: 4, 2: 7, 3: 10, 4: 1}[self.q]
        return date(self.fy + (1 if self.q == 4 else 0), month, 1)

    @property
    def end(self):
        return {1: date(self.fy, 6, 30), 2: date(self.fy, 9, 30), 3: date(self.fy, 12, 31),
                4: date(self.fy + 1, 3, 31)}[self.q]

    @property
    def label(self):
        return f"{self.fy}-{(self.fy + 1) % 100:02d} Q{self.q}"

    def previous(self):
        return Quarter(self.fy, self.q - 1) if self.q > 1 else Quarter(self.fy - 1, 4)


def parse_quarter(label):
    m = re.fullmatch(r"\s*(\d{4})-(\d{2})\s*Q([1-4])\s*", label)
    if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
        raise ValueError(f"bad quarter label {label!r}; expected e.g. '2023-24 Q3'")
    return Quarter(int(m.group(1)), int(m.group(3)))


def quarter_ending_on_or_before(d):
    """The last quarter whose end date is on or before d."""
    fy = d.year if d.month >= 4 else d.year - 1
    q = Quarter(fy, {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3,
                     1: 4, 2: 4, 3: 4}[d.month])
    while q.end > d:
        q = q.previous()
    return q


def last_year_end_on_or_before(d):
    """The last quarter 4 (ending 31 March) whose end is on or before d (definitions,
    "Window": the default window ends there)."""
    q = quarter_ending_on_or_before(d)
    while q.q != 4:
        q = q.previous()
    return q


def window_quarters(last, n):
    qs = [last]
    while len(qs) < n:
        qs.append(qs[-1].previous())
    return list(reversed(qs))


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A financial year 1 April - 31 March as a period of its own (definitions, "Financial
    years"); fy is the year it starts in, 2023 for 2023-24."""
    fy: int

    @property
    def start(self):
        return date(self.fy, 4, 1)

    @property
    def end(self):
        return date(self.fy + 1, 3, 31)

    @property
    def label(self):
        return f"{self.fy}-{(self.fy + 1) % 100:02d}"

    def quarters(self):
        return [Quarter(self.fy, k) for k in (1, 2, 3, 4)]


def window_years(quarters):
    """Every financial year whose four quarters all lie in the window, in year order."""
    inside = set(quarters)
    return [FinancialYear(fy) for fy in sorted({q.fy for q in quarters})
            if all(q in inside for q in FinancialYear(fy).quarters())]


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month as a period of its own (definitions, "Months"; decision D24)."""
    year: int
    month: int

    @property
    def start(self):
        return date(self.year, self.month, 1)

    @property
    def end(self):
        return date(self.year, self.month, days_in_month(self.year, self.month))

    @property
    def label(self):
        return f"{self.year}-{self.month:02d}"  # measures.csv's label, e.g. 2024-04

    @property
    def ends_quarter(self):
        """June, September, December and March end a quarter: their count at a date is the
        quarter's row (decision D25)."""
        return self.month in (3, 6, 9, 12)


def window_months(quarters):
    """Every calendar month of the window's quarters, in month order (decision D24)."""
    months = []
    for q in sorted(quarters):
        s = q.start
        months += [Month(s.year, s.month + k) for k in range(3)]
    return months


MIN_YEARS, MAX_YEARS, DEFAULT_YEARS = 3, 5, 3  # definitions: `[window] years = 3` to `5`


def window_size(quarters=None, years=None, cfg_quarters=None, cfg_years=None):
    """Number of quarters in the window (decision D12): the command line before the config;
    at each level an explicit number of quarters before a number of years; else 3 years."""
    for n_quarters, n_years in ((quarters, years), (cfg_quarters, cfg_years)):
        if n_quarters:
            return n_quarters
        if n_years:
            check_years(n_years)
            return 4 * n_years
    return 4 * DEFAULT_YEARS


def check_years(n):
    if isinstance(n, bool) or not isinstance(n, int) or not MIN_YEARS <= n <= MAX_YEARS:
        raise SystemExit(f"window years must be an integer from {MIN_YEARS} to {MAX_YEARS}, "
                         f"not {n!r}")


# --------------------------------------------------------------------------------------------
# Reading and stitching the returns (definitions, "Inputs and stitching")
# --------------------------------------------------------------------------------------------

TABLES = ("header", "episodes", "reviews")
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_](\d{2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def year_in_name(name):
    """Return year held in a file or folder name (decision D2), or None."""
    found, covered = [], []
    for m in _YEAR_RANGE.finditer(name):
        y, yy = int(m.group(1)), int(m.group(2))
        if (y + 1) % 100 == yy:  # `2023-24` is the return ending in 2024
            found.append((m.start(), y + 1))
            covered.append(m.span())
    for m in _YEAR.finditer(name):
        if not any(a <= m.start() < b for a, b in covered):
            found.append((m.start(), int(m.group(1))))
    if not found:
        return None
    return max(found)[1]  # the last year in the name


ESCALATIONS = "escalations"
XML = "xml"


# The other 903 tables (definitions, "The other 903 tables"; decision D29). sw_episodes comes
# before the episodes table, whose name it ends in.
OTHER_TABLES = ("sw_episodes", "placed_for_adoption", "previous_permanence", "missing", "uasc",
                "oc2", "oc3", "ad1")
YEAR_TABLES = ("oc2", "oc3")  # keyed (CHILD, return year): they belong to their return's year


def table_of(filename):
    low = filename.lower()
    for t in OTHER_TABLES:
        if low.endswith(t + ".csv"):
            return t  # decisions D1, D29
    for t in TABLES:
        if low.endswith(t + ".csv"):
            return t
    if low.endswith("escalations.csv"):
        return ESCALATIONS  # decision E1
    if low.endswith(".xml"):
        return XML  # decision D28
    return None


def is_staffing_file(filename):
    return filename.lower().endswith("iro_staffing.csv")  # decision E1


def discover_files(data_dir):
    """[(return_year or None, relative path, table)] for the files careboard would read."""
    found = []

    def add(path, rel, folder_year):
        table = table_of(os.path.basename(path))
        if table is None:
            return
        year = year_in_name(os.path.basename(path))
        if year is None:
            year = folder_year
        found.append((year, rel, table, path))

    for entry in sorted(os.listdir(data_dir)):
        path = os.path.join(data_dir, entry)
        if os.path.isfile(path):
            add(path, entry, None)
        elif os.path.isdir(path) and re.fullmatch(r"(?:19|20)\d{2}(?:[-_]\d{2})?", entry):
            folder_year = year_in_name(entry)
            for sub in sorted(os.listdir(path)):
                sub_path = os.path.join(path, sub)
                if os.path.isfile(sub_path):
                    add(sub_path, entry + "/" + sub, folder_year)
    # Oldest return first; the undated return is older than every dated one (definitions).
    found.sort(key=lambda f: (-1 if f[0] is None else f[0], f[1]))
    return found


def read_xml_tables(path):
    """decision D28: {table: (columns, rows)} for the header, episodes and reviews of an XML
    return, rows as read_csv_rows gives them (the element's position in the document as
    `__line__`, used only in warnings)."""
    root = ElementTree.parse(path).getroot()
    if root.tag != "EXPSSDA903":
        raise SystemExit(f"{path}: the root element is {root.tag}, not EXPSSDA903")
    text = lambda element, name: ((element.findtext(name) or "").strip() if element is not None else "")  # noqa: E731
    tables = {"header": [], "episodes": [], "reviews": []}
    for n, child in enumerate(root.findall("CHILD"), start=1):
        header = child.find("HEADER")
        child_id = text(header, "CHILDID") or text(child, "CHILDID")
        if header is not None:
            tables["header"].append({"CHILD": child_id, "SEX": text(header, "SEX"), "DOB": text(header, "DOB"),
                                     "ETHNIC": text(header, "ETHNIC"), "__line__": n})
            for review in header.findall("AREVIEW"):
                tables["reviews"].append({"CHILD": child_id, "REVIEW": text(review, "REVIEW"),
                                          "REVIEW_CODE": text(review, "REVIEW_CODE"), "__line__": n})
        for episode in child.findall("EPISODE"):
            row = {c: text(episode, c) for c in ("DECOM", "RNE", "LS", "CIN", "PLACE_PROVIDER", "DEC", "REC")}
            row.update({"CHILD": child_id, "PLACE": text(episode, "PL"), "__line__": n})
            tables["episodes"].append(row)
    columns = {"header": ["CHILD", "SEX", "DOB", "ETHNIC"],
               "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC"],
               "reviews": ["CHILD", "REVIEW", "REVIEW_CODE"]}
    result = {t: (columns[t], tables[t]) for t in TABLES}
    # The other 903 tables (decision D30): only those the document has rows of.
    others = {t: [] for t in OTHER_TABLES}
    for n, child in enumerate(root.findall("CHILD"), start=1):
        header = child.find("HEADER")
        if header is None:
            continue
        child_id = text(header, "CHILDID") or text(child, "CHILDID")

        def add(table, element, cols):
            row = {c: text(element, c) for c in cols}
            row.update({"CHILD": child_id, "__line__": n})
            others[table].append(row)

        for block in header.findall("AMISSING"):
            add("missing", block, OTHER_COLUMNS["missing"])
        if text(header, "UASC") == "1":
            add("uasc", header, OTHER_COLUMNS["uasc"])
        for block in header.findall("OC2"):
            add("oc2", block, OTHER_COLUMNS["oc2"])
        if any(header.find(c) is not None for c in OTHER_COLUMNS["oc3"]):
            add("oc3", header, OTHER_COLUMNS["oc3"])
        if any(header.find(c) is not None for c in XML_AD1_ELEMENTS):
            add("ad1", header, OTHER_COLUMNS["ad1"])
        for block in header.findall("AD_PLACED"):
            add("placed_for_adoption", block, OTHER_COLUMNS["placed_for_adoption"])
        for block in header.findall("PERMANENCE"):
            add("previous_permanence", block, OTHER_COLUMNS["previous_permanence"])
    for t, rows in others.items():
        if rows:
            result[t] = (["CHILD"] + OTHER_COLUMNS[t], rows)
    return result


# The columns read from each other table (definitions' "what careboard reads").
OTHER_COLUMNS = {
    "missing": ["MISSING", "MIS_START", "MIS_END"],
    "uasc": ["DUC"],
    "oc2": ["SDQ_SCORE", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
            "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED"],
    "oc3": ["IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": ["DATE_INT", "DATE_MATCH"],
    "placed_for_adoption": ["DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "previous_permanence": ["PREV_PERM"],
    "sw_episodes": ["SW_ID", "SW_DECOM", "SW_DEC"],
}
# The ad1 elements directly in an XML <HEADER>: any of them makes an ad1 row (decision D30).
XML_AD1_ELEMENTS = ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
                    "LS_ADOPTR"]
OC2_FLAGS = OTHER_COLUMNS["oc2"][1:]


def read_csv_rows(path):
    """Rows as dicts with trimmed keys and values; BOM and CRLF handled by the csv module."""
    with open(path, "r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            return [], []
        columns = [h.strip().lstrip("\ufeff").strip() for h in header]
        rows = []
        for line_no, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            row = {}
            for i, col in enumerate(columns):
                row[col] = values[i].strip() if i < len(values) else ""
            row["__line__"] = line_no
            rows.append(row)
        return columns, rows


@dataclass
class Episode:
    child: str
    decom: date
    dec: date | None
    rne: str
    ls: str
    cin: str
    place: str
    provider: str
    rec: str
    order: int = 0  # position in the stitched data (decision D3)


@dataclass
class Review:
    child: str
    review: date
    code: str


@dataclass
class Child:
    sex: str
    dob: date | None
    ethnic: str


@dataclass
class Missing:
    child: str
    kind: str      # MISSING: M missing, A away without authorisation
    start: date    # MIS_START


@dataclass
class SocialWorkerEpisode:
    child: str
    sw_id: str
    decom: date
    dec: date | None


@dataclass
class Escalation:
    esc_id: str
    child: str
    raised: date
    route: str
    stage: str
    themes: tuple      # distinct non-empty pieces of THEME, in the order written
    team: str
    resolved: date | None
    level: str
    outcome: str


class Data:
    def __init__(self):
        self.headers = {}       # CHILD -> Child
        self.episodes = []      # [Episode], stitched order
        self.reviews = []       # [Review]
        self.has_reviews = False  # a return has a reviews table (D43)
        self.return_years = []  # dated return years met (903 files only, decision E1)
        self.escalations = None  # [Escalation] after stitching; None when there is no log
        self.staffing = None     # [(DATE, FTE Fraction)] sorted by date; None when no file
        self.staffing_detail = None  # [(DATE, {column: Fraction or None})] (decision I3)
        self.activity = None     # [(PERIOD text, MEASURE, CATEGORY, VALUE int)] (decision I2)
        self.allocations = None  # [(IRO, CHILD, FROM, TO or None, line)] (decision I4)
        # The other 903 tables (decision D29), each None when no return has it:
        self.missing = None      # [Missing], stitched by (CHILD, MIS_START)
        self.uasc = None         # CHILD -> DUC (date or None)
        self.oc2 = None          # return year (None: undated) -> {CHILD: {column: value}}
        self.oc3 = None          # return year (None: undated) -> {CHILD: {column: value}}
        self.ad1 = None          # CHILD -> DATE_MATCH (date or None)
        self.placed_for_adoption = None  # [(CHILD, DATE_PLACED, DATE_PLACED_CEASED, REASON)]
        self.previous_permanence = None  # CHILD -> PREV_PERM
        self.sw = None           # [SocialWorkerEpisode], stitched by (CHILD, SW_DECOM)
        self.table_years = {}    # table -> set of return years holding it (None: undated)
        self.warnings = []

    def warn(self, msg):
        self.warnings.append(msg)


REQUIRED = {"header": ["CHILD"], "episodes": ["CHILD", "DECOM"], "reviews": ["CHILD", "REVIEW"],
            "missing": ["CHILD", "MIS_START"], "uasc": ["CHILD"], "oc2": ["CHILD"],
            "oc3": ["CHILD"], "ad1": ["CHILD"], "placed_for_adoption": ["CHILD", "DATE_PLACED"],
            "previous_permanence": ["CHILD"], "sw_episodes": ["CHILD", "SW_DECOM"],
            ESCALATIONS: ["ESCALATION_ID", "RAISED", "ROUTE", "STAGE", "THEME"]}
ESCALATION_COLUMNS = ["ESCALATION_ID", "CHILD", "RAISED", "ROUTE", "STAGE", "THEME", "TEAM",
                      "RESOLVED", "RESOLVED_LEVEL", "OUTCOME"]
STAGES = ["0", "1", "2", "3", "4", "cafcass"]  # definitions: STAGE, and its category order


def split_themes(text):
    """THEME split at `;`, pieces trimmed, empty pieces ignored, a repeat counted once
    (definitions, "Labels")."""
    themes = []
    for piece in text.split(";"):
        piece = piece.strip()
        if piece and piece not in themes:
            themes.append(piece)
    return tuple(themes)


def parse_escalation(get, where, data):
    """One escalation row -> Escalation, or None (skipped with a warning, decision E3)."""
    for col in ("ESCALATION_ID", "RAISED", "ROUTE", "STAGE"):
        if not get(col):
            data.warn(f"{where}: empty {col}, row skipped")
            return None
    themes = split_themes(get("THEME"))
    if not themes:
        data.warn(f"{where}: no THEME, row skipped")
        return None
    stage = get("STAGE")
    if stage.lower() in STAGES:
        stage = stage.lower()  # definitions: STAGE is read without regard to case
    if stage not in STAGES:
        data.warn(f"{where}: unknown STAGE {stage!r}, counted as written")  # decision E3
    raised = parse_date(get("RAISED"))
    resolved = parse_date(get("RESOLVED"))
    if resolved is not None and resolved < raised:
        data.warn(f"{where}: RESOLVED {resolved} before RAISED {raised}, row skipped")
        return None
    return Escalation(get("ESCALATION_ID"), get("CHILD"), raised, get("ROUTE"), stage, themes,
                      get("TEAM"), resolved, get("RESOLVED_LEVEL"), get("OUTCOME"))


def parse_fte(text):
    """A non-negative decimal number as an exact Fraction (decision E8); else ValueError."""
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", text):
        raise ValueError(text)
    return Fraction(text)


def load_staffing(data, data_dir):
    """iro_staffing.csv files directly in DIR (decision E1): DATE,FTE rows, sorted by date."""
    paths = sorted(e for e in os.listdir(data_dir)
                   if is_staffing_file(e) and os.path.isfile(os.path.join(data_dir, e)))
    if not paths:
        return None
    by_date = {}
    for rel in paths:
        columns, rows = read_csv_rows(os.path.join(data_dir, rel))
        for col in ("DATE", "FTE"):
            if col not in columns:
                raise SystemExit(f"{rel}: missing column {col}")
        for row in rows:
            where = f"{rel}:{row['__line__']}"
            try:
                day = parse_date(row["DATE"])
                fte = parse_fte(row["FTE"])
            except (BadDate, ValueError) as exc:
                data.warn(f"{where}: bad DATE or FTE {exc}, row skipped")
                continue
            if day is None:
                data.warn(f"{where}: empty DATE, row skipped")
                continue
            if day in by_date:
                data.warn(f"{where}: staffing for {day} given twice; later row wins")
            by_date[day] = fte
    return sorted(by_date.items())


# --------------------------------------------------------------------------------------------
# The IRO service's own records (definitions, "The IRO service's own records")
# --------------------------------------------------------------------------------------------

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]


def activity_period(text):
    """iro_activity.csv's PERIOD (decision I2): "2024-25 Q1", "2024-25", "2024-04", "Apr 2024"
    or "April 2024" -> (first day, last day); None otherwise."""
    t = " ".join(text.split())
    m = re.fullmatch(r"(\d{4})-(\d{2}) [Qq]([1-4])", t)
    if m and (int(m[1]) + 1) % 100 == int(m[2]):
        y, q = int(m[1]), int(m[3])
        start = date(y, 4 + 3 * (q - 1), 1) if q < 4 else date(y + 1, 1, 1)
        return start, month_end(date(start.year, start.month + 2, 1))
    m = re.fullmatch(r"(\d{4})-(\d{2})", t)
    if m:
        y, second = int(m[1]), int(m[2])
        if (y + 1) % 100 == second:
            return date(y, 4, 1), date(y + 1, 3, 31)
        if 1 <= second <= 12:
            return date(y, second, 1), month_end(date(y, second, 1))
        return None
    m = re.fullmatch(r"([A-Za-z]+) (\d{4})", t)
    if m:
        name = m[1].lower()
        for i, full in enumerate(MONTHS):
            if name in (full, full[:3]):
                return date(int(m[2]), i + 1, 1), month_end(date(int(m[2]), i + 1, 1))
    return None


def month_end(d):
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def load_iro_records(data, data_dir):
    """iro_activity.csv, iro_allocations.csv and iro_staffing.csv's optional columns, directly
    in DIR (decisions I2-I4)."""
    def path(name):
        p = os.path.join(data_dir, name)
        return p if os.path.isfile(p) else None
    if path("iro_activity.csv"):
        _, rows = read_csv_rows(path("iro_activity.csv"))
        # Column names in any case, as careboard reads them.
        rows = [{k.upper() if isinstance(k, str) else k: v for k, v in r.items()} for r in rows]
        data.activity = [(r.get("PERIOD", ""), r.get("MEASURE", ""), r.get("CATEGORY", ""), r.get("VALUE", ""))
                         for r in rows]
    if path("iro_allocations.csv"):
        _, rows = read_csv_rows(path("iro_allocations.csv"))
        data.allocations = []
        for r in rows:
            to = r.get("TO", "")
            data.allocations.append((r["IRO"], r["CHILD"], parse_date(r["FROM"]),
                                     parse_date(to) if to else None, r["__line__"]))
    if path("iro_staffing.csv"):
        _, rows = read_csv_rows(path("iro_staffing.csv"))
        detail = []
        for r in rows:
            cols = {}
            for c in ("HEADCOUNT", "PERMANENT", "AGENCY", "VACANCIES_FTE"):
                v = r.get(c, "")
                cols[c] = Fraction(v) if v else None
            h, p, a = cols["HEADCOUNT"], cols["PERMANENT"], cols["AGENCY"]
            if h is None and p is not None and a is not None:
                cols["HEADCOUNT"] = p + a
            elif h is not None and (p is None) != (a is None):
                if p is None:
                    cols["PERMANENT"] = h - a
                else:
                    cols["AGENCY"] = h - p
            detail.append((parse_date(r["DATE"]), cols))
        detail.sort(key=lambda x: x[0])
        data.staffing_detail = detail


def activity_figures(data, declared):
    """(measure, category, first day, last day) -> count, with the figures the file implies
    (decision I2): a quarter from its three months and a year from its four quarters (their
    sum for events, the last for a count at a date, never for children over a period); a
    breakdown's missing categories as 0 in a period it gives; a breakdown's Total (sums_to)
    as the sum of its categories."""
    figures = {}
    by_key = {d["key"]: d for d in declared}
    for period, measure, category, value in data.activity:
        d = by_key.get(measure.strip())
        span = activity_period(period)
        if d is None or d["numerator"] or span is None:
            continue
        figures[(measure.strip(), category.strip() or "Total", span[0], span[1])] = int(Fraction(value))

    def quarter_of(day):
        fy = day.year if day.month >= 4 else day.year - 1
        q = (day.month - 4) // 3 + 1 if day.month >= 4 else 4
        start = date(fy, 4 + 3 * (q - 1), 1) if q < 4 else date(fy + 1, 1, 1)
        return start, month_end(date(start.year, start.month + 2, 1)), fy

    for parts_of in ("months", "quarters"):
        groups = {}
        for (m, c, s0, e0), v in figures.items():
            qs, qe, fy = quarter_of(s0)
            is_month = s0.day == 1 and e0 == month_end(s0)
            is_quarter = (s0, e0) == (qs, qe)
            if parts_of == "months" and is_month:
                groups.setdefault((m, c, qs, qe), []).append((s0, v))
            if parts_of == "quarters" and is_quarter:
                groups.setdefault((m, c, date(fy, 4, 1), date(fy + 1, 3, 31)), []).append((s0, v))
        need = 3 if parts_of == "months" else 4
        for (m, c, s0, e0), parts in groups.items():
            if len(parts) != need or (m, c, s0, e0) in figures:
                continue
            d = by_key[m]
            if d["kind"] == "date":
                figures[(m, c, s0, e0)] = max(parts)[1]
            elif d["unit"] == "events":
                figures[(m, c, s0, e0)] = sum(v for _, v in parts)
    for d in declared:
        if not d["categories"]:
            continue
        spans = {(s0, e0) for (m, _, s0, e0) in figures if m == d["key"]}
        for s0, e0 in spans:
            for c in d["categories"]:
                figures.setdefault((d["key"], c, s0, e0), 0)
            if d["sums_to"]:
                figures.setdefault((d["sums_to"], "Total", s0, e0),
                                   sum(figures[(d["key"], c, s0, e0)] for c in d["categories"]))
    return figures


def iro_record_measures(data, out, cfg, la):
    """Staffing beyond FTE, caseloads per IRO and the declared activity measures, in the
    catalogue's order (definitions, "The IRO service's own records")."""
    dates = out.periods("date")
    if data.staffing_detail is not None:
        def at(d):
            row = None
            for day, cols in data.staffing_detail:
                if day <= d:
                    row = cols
            return row or {}
        rows = {p: at(p.end) for p in dates}
        out.total("iro_headcount", "date",
                  {p: str(int(r["HEADCOUNT"])) for p, r in rows.items() if r.get("HEADCOUNT") is not None})
        known = [p for p, r in rows.items() if r.get("PERMANENT") is not None and r.get("AGENCY") is not None]
        out.breakdown("iro_headcount_by_contract", "date",
                      {p: {"permanent": int(rows[p]["PERMANENT"]), "agency": int(rows[p]["AGENCY"])} for p in known},
                      ["permanent", "agency"], only=known)
        out.total("iro_vacancies_fte", "date",
                  {p: one_decimal(r["VACANCIES_FTE"]) for p, r in rows.items() if r.get("VACANCIES_FTE") is not None})
    if data.allocations is not None:
        caseloads = {}
        for p in dates:
            d = p.end
            current = {}
            for iro, child, start, end, line in data.allocations:
                if start <= d and (end is None or end > d):
                    if child not in current or (start, line) > current[child][0]:
                        current[child] = ((start, line), iro)
            per_iro = {}
            for child in la[p]:
                if child in current:
                    per_iro[current[child][1]] = per_iro.get(current[child][1], 0) + 1
            caseloads[p] = list(per_iro.values())
        out.total("iro_allocated_children", "date", {p: str(sum(c)) for p, c in caseloads.items()})
        out.total("iro_with_caseload", "date", {p: str(len(c)) for p, c in caseloads.items()})
        out.total("iro_caseload_lowest", "date", {p: one_decimal(min(c)) for p, c in caseloads.items() if c})
        out.total("iro_caseload_highest", "date", {p: one_decimal(max(c)) for p, c in caseloads.items() if c})
        out.total("iro_caseload_mean", "date",
                  {p: one_decimal(Fraction(sum(c), len(c))) for p, c in caseloads.items() if c})
        out.breakdown("iro_caseload_band", "date",
                      {p: tally("below_50" if n < 50 else "50_to_70" if n <= 70 else "above_70" for n in c)
                       for p, c in caseloads.items()},
                      ["below_50", "50_to_70", "above_70"])
    if data.activity is None or not cfg.activity:
        return
    figures = activity_figures(data, cfg.activity)
    for d in cfg.activity:
        kind = d["kind"]
        periods = out.periods(kind)
        if d["numerator"]:
            values = {}
            for p in periods:
                num = figures.get((d["numerator"], "Total", p.start, p.end))
                den = figures.get((d["denominator"], "Total", p.start, p.end))
                if num is not None and den:
                    values[p] = percent(num, den)
            out.total(d["key"], kind, values)
        elif not d["categories"]:
            out.total(d["key"], kind, {p: str(figures[(d["key"], "Total", p.start, p.end)]) for p in periods
                                       if (d["key"], "Total", p.start, p.end) in figures})
        else:
            given = [p for p in periods if (d["key"], d["categories"][0], p.start, p.end) in figures]
            out.breakdown(d["key"], kind,
                          {p: {c: figures[(d["key"], c, p.start, p.end)] for c in d["categories"]} for p in given},
                          d["categories"], only=given)


def load(data_dir):
    data = Data()
    files = discover_files(data_dir)
    if not any(table in TABLES or table == XML for _, _, table, _ in files):
        raise SystemExit(f"no header/episodes/reviews CSV files found in {data_dir}")
    stitched = {t: {} for t in TABLES + (ESCALATIONS,)}
    has_log = False
    # An XML return's three tables (decision D28) take the place of its CSV files.
    expanded = []
    for year, rel, table, path in files:
        if table == XML:
            for t, (columns, rows) in read_xml_tables(path).items():
                expanded.append((year, rel, t, columns, rows))
        else:
            columns, rows = read_csv_rows(path)
            expanded.append((year, rel, table, columns, rows))
    for year, rel, table, columns, rows in expanded:
        if table == "reviews":
            data.has_reviews = True
        if year is not None and (table in TABLES or table in OTHER_TABLES):
            data.return_years.append(year)  # decisions E1, D29: only 903 files make returns
        if table in OTHER_TABLES:
            data.table_years.setdefault(table, set()).add(year)
            stitched.setdefault(table, {})
        for col in REQUIRED[table]:
            if col not in columns:
                raise SystemExit(f"{rel}: missing column {col}")
        if table == ESCALATIONS:
            has_log = True
            for col in columns:
                if col not in ESCALATION_COLUMNS:
                    # definitions: any other column is ignored with a warning.
                    data.warn(f"{rel}: column {col} ignored")
        seen_here = set()
        for row in rows:
            get = lambda c: row.get(c, "")  # noqa: E731 - missing non-key column = empty
            child = get("CHILD")
            where = f"{rel}:{row['__line__']}"
            try:
                if table == "header":
                    if not child:
                        continue
                    key = child
                    value = Child(get("SEX"), parse_date(get("DOB")), get("ETHNIC"))
                elif table == "episodes":
                    decom = parse_date(get("DECOM"))
                    if not child or decom is None:
                        data.warn(f"{where}: no CHILD or DECOM, row skipped")
                        continue
                    key = (child, decom)
                    value = Episode(child, decom, parse_date(get("DEC")), get("RNE"), get("LS"),
                                    get("CIN"), get("PLACE"), get("PLACE_PROVIDER"), get("REC"))
                elif table == "reviews":
                    rdate = parse_date(get("REVIEW"))
                    if not child or rdate is None:
                        data.warn(f"{where}: no CHILD or REVIEW, row skipped")
                        continue
                    key = (child, rdate)
                    value = Review(child, rdate, get("REVIEW_CODE"))
                elif table in OTHER_TABLES:
                    parsed = parse_other_row(table, get, year, where, data)
                    if parsed is None:
                        continue
                    key, value = parsed
                else:
                    value = parse_escalation(get, where, data)
                    if value is None:
                        continue
                    key = value.esc_id
            except BadDate as exc:
                data.warn(f"{where}: malformed date {exc}, row skipped")
                continue
            if key in seen_here:
                data.warn(f"{where}: repeated {table} key {key}; later row wins")
            seen_here.add(key)
            # Latest return (and, within one, the later row) wins; the winner takes the
            # replaced row's place at the end of the stitched order (decision D3).
            stitched[table].pop(key, None)
            stitched[table][key] = value
    data.headers = stitched["header"]
    data.episodes = list(stitched["episodes"].values())
    for i, ep in enumerate(data.episodes):
        ep.order = i
    data.reviews = list(stitched["reviews"].values())
    if has_log:
        data.escalations = list(stitched[ESCALATIONS].values())
        for esc in data.escalations:
            if esc.child and esc.child not in data.headers:
                data.warn(f"escalation {esc.esc_id}: CHILD {esc.child} not in the 903 header")
    data.staffing = load_staffing(data, data_dir)
    load_iro_records(data, data_dir)
    other = {t: list(stitched[t].items()) for t in OTHER_TABLES if t in stitched}
    if "missing" in other:
        data.missing = [v for _, v in other["missing"]]
    if "uasc" in other:
        data.uasc = dict(other["uasc"])
    for t in YEAR_TABLES:
        if t in other:
            by_year = {}
            for (y, child), v in other[t]:
                by_year.setdefault(y, {})[child] = v
            setattr(data, t, by_year)
    if "ad1" in other:
        data.ad1 = dict(other["ad1"])
    if "placed_for_adoption" in other:
        data.placed_for_adoption = [v for _, v in other["placed_for_adoption"]]
    if "previous_permanence" in other:
        data.previous_permanence = dict(other["previous_permanence"])
    if "sw_episodes" in other:
        data.sw = [v for _, v in other["sw_episodes"]]
    return data


def parse_other_row(table, get, year, where, data):
    """(key, value) of a row of one of the other 903 tables (definitions, "Reading and
    stitching"), or None when it cannot be used (skipped with a warning, decision D31). Raises
    BadDate for a malformed date in a date column that a measure uses."""
    child = get("CHILD")
    if not child:
        data.warn(f"{where}: no CHILD, row skipped")
        return None
    if table == "missing":
        start = parse_date(get("MIS_START"))
        if start is None:
            data.warn(f"{where}: no MIS_START, row skipped")
            return None
        return (child, start), Missing(child, get("MISSING"), start)
    if table == "uasc":
        return child, parse_date(get("DUC"))
    if table in YEAR_TABLES:
        row = {c: get(c) for c in OTHER_COLUMNS[table]}
        if table == "oc2":
            for flag in OC2_FLAGS:
                if row[flag] not in ("", "0", "1"):
                    data.warn(f"{where}: W108 {flag} {row[flag]!r} is not 0 or 1; not yes")
        return (year, child), row
    if table == "ad1":
        return child, parse_date(get("DATE_MATCH"))
    if table == "placed_for_adoption":
        placed = parse_date(get("DATE_PLACED"))
        if placed is None:
            data.warn(f"{where}: no DATE_PLACED, row skipped")
            return None
        return (child, placed), (child, placed, get("DATE_PLACED_CEASED"),
                                 get("REASON_PLACED_CEASED"))
    if table == "previous_permanence":
        return child, get("PREV_PERM")
    if table == "sw_episodes":
        decom = parse_date(get("SW_DECOM"))
        if decom is None:
            data.warn(f"{where}: no SW_DECOM, row skipped")
            return None
        return (child, decom), SocialWorkerEpisode(child, get("SW_ID"), decom,
                                                   parse_date(get("SW_DEC")))
    raise ValueError(table)


def data_as_at(data):
    """definitions: 31 March of the latest return year when dated, else the latest DECOM,
    DEC or REVIEW date in the data."""
    if data.return_years:
        return date(max(data.return_years), 3, 31)
    dates = [e.decom for e in data.episodes] + [e.dec for e in data.episodes if e.dec]
    dates += [r.review for r in data.reviews]
    if not dates:
        raise SystemExit("no dates in the data: give --window-end")
    return max(dates)


# --------------------------------------------------------------------------------------------
# Classification helpers
# --------------------------------------------------------------------------------------------

def code_category(code):
    return code if code else NOT_RECORDED


def legal_status_group(ls):
    if not ls:
        return EMPTY_GROUP_CATEGORY
    return LS_GROUPS.get(ls, "other")


def placement_group(place):
    if not place:
        return EMPTY_GROUP_CATEGORY
    return PLACE_GROUPS.get(place, "other")


def fostering_provider(provider):
    if not provider:
        return EMPTY_GROUP_CATEGORY
    if provider == "PR1":
        return "in_house"
    if provider in ("PR4", "PR5"):
        return "agency"
    return "other"


def age_in_years(dob, d):
    """Whole years from dob to d; the birthday counts on the day itself; a 29 February
    birthday falls on 28 February in other years (definitions)."""
    bmonth, bday = dob.month, dob.day
    if (bmonth, bday) == (2, 29) and days_in_month(d.year, 2) == 28:
        bday = 28
    return d.year - dob.year - (1 if (d.month, d.day) < (bmonth, bday) else 0)


def age_band(child, d):
    if child is None or child.dob is None:
        return "unknown"
    age = age_in_years(child.dob, d)
    if age < 0:
        return "unknown"  # a DOB after d cannot be right (decision D7)
    if age < 1:
        return "under_1"
    if age <= 4:
        return "1_to_4"
    if age <= 9:
        return "5_to_9"
    if age <= 15:
        return "10_to_15"
    return "16_and_over"


def sex_category(child):
    if child is None:
        return "unknown"
    return {"1": "male", "M": "male", "2": "female", "F": "female"}.get(child.sex, "unknown")


def ethnicity_group(child):
    if child is None:
        return "not_known"
    return ETHNIC_GROUPS.get(child.ethnic, "not_known")


def ethnic_code_category(child):
    """ETHNIC as written; `not_recorded` when empty or there is no header row (definitions,
    looked_after_by_ethnic_code)."""
    if child is None or not child.ethnic:
        return NOT_RECORDED
    return child.ethnic


def reason_group(rec):
    """definitions, "Reason groups": every other reason, and any unknown code, is `other`."""
    return REASON_GROUPS.get(rec, "other")


# --------------------------------------------------------------------------------------------
# Rounding (definitions, "Rates and percentages")
# --------------------------------------------------------------------------------------------

def one_decimal(value):
    """Exact non-negative Fraction -> string with one decimal, half away from zero."""
    value = Fraction(value)
    if value < 0:
        raise ValueError("negative value")
    tenths = value * 10
    n = (tenths + Fraction(1, 2)).__floor__()
    return f"{n // 10}.{n % 10}"


def percent(num, den):
    return one_decimal(Fraction(num * 100, den))


# --------------------------------------------------------------------------------------------
# The measures
# --------------------------------------------------------------------------------------------

class Model:
    """Per-child views of the stitched data, shared by the measure functions."""

    def __init__(self, data):
        self.data = data
        self.care_eps = {}   # CHILD -> non-short-break episodes sorted by (DECOM, order)
        self.break_eps = {}  # CHILD -> short-break (V3, V4) episodes
        for ep in data.episodes:
            if ep.ls in SHORT_BREAKS:
                self.break_eps.setdefault(ep.child, []).append(ep)
                continue
            self.care_eps.setdefault(ep.child, []).append(ep)
        for eps in self.care_eps.values():
            eps.sort(key=lambda e: (e.decom, e.order))
        self._looked_after = {}
        # (CHILD, REVIEW) -> 'in' | 'late' | 'not_assessed' | 'short_break', and -> 'first' |
        # 'second' | 'later' | 'not_assessed' (None for a short-break review).
        self.review_status, self.review_sequence = assess_reviews(self)

    # -- looked after at D --------------------------------------------------------------------
    def looked_after_at(self, d):
        """CHILD -> the episode that makes the child looked after at d: among the open
        non-short-break episodes, the latest DECOM, then the later stitched row. (Cached: a
        year's 31 March is also its quarter 4's end.)"""
        if d not in self._looked_after:
            self._looked_after[d] = self._looked_after_at(d)
        return self._looked_after[d]

    def _looked_after_at(self, d):
        result = {}
        for child, eps in self.care_eps.items():
            open_eps = [e for e in eps if e.decom <= d and (e.dec is None or e.dec > d)]
            if len(open_eps) > 1:
                self.data.warn(f"child {child}: {len(open_eps)} overlapping episodes open at {d}")
            if open_eps:
                result[child] = max(open_eps, key=lambda e: (e.decom, e.order))
        return result

    def placements_in_year_to(self, child, d):
        """Placements in the 12 months to d (definitions, "Placement stability"), over the
        child's non-short-break episodes, with Y = d minus one year (same day, clamped):
        1 for the placement held at Y when some episode is open at Y, whatever its RNE (never
        more than 1), plus each episode with DECOM in (Y, d] and RNE S, P, T, B or U."""
        y = add_months(d, -12)
        eps = self.care_eps.get(child, [])
        held_at_start = 1 if any(e.decom <= y and (e.dec is None or e.dec > y)
                                 for e in eps) else 0
        new = sum(1 for e in eps if y < e.decom <= d and e.rne in PLACEMENT_RNE)
        return held_at_start + new

    # -- long-term stability (definitions, "Long-term stability"; decisions D22, D23) ---------
    def current_period_start(self, child, d):
        """Start of the child's period of care that includes d (start <= d and (open or d <=
        end)), or None (decision D22)."""
        for start, end, _ in periods_of_care(self.care_eps.get(child, [])):
            if start <= d and (end is None or d <= end):
                return start
        return None

    def episode_before(self, child, ep):
        """The non-short-break episode that ep joins (its DEC equals ep's DECOM), of several
        the latest DECOM then the later row, among those earlier in (DECOM, row) order; None
        when there is a gap (decision D23)."""
        joined = [e for e in self.care_eps.get(child, [])
                  if e.dec == ep.decom and (e.decom, e.order) < (ep.decom, ep.order)]
        return max(joined, key=lambda e: (e.decom, e.order)) if joined else None

    def placement_first_episode(self, child, ep):
        """Walk back from ep through joined episodes to the latest one whose RNE is S, P, T,
        B or U (ep itself included); at a gap, the first episode after the gap."""
        while ep.rne not in PLACEMENT_RNE:
            before = self.episode_before(child, ep)
            if before is None:
                return ep
            ep = before
        return ep

    def current_placement_start(self, child, d):
        """Start of the current placement at d, extended over the placement before it when
        the episode used at d is a placement for adoption (A3-A6); None when the child is
        not looked after at d."""
        ep = self.looked_after_at(d).get(child)
        if ep is None:
            return None
        first = self.placement_first_episode(child, ep)
        if ep.place in ADOPTION_PLACES:
            before = self.episode_before(child, first)
            if before is not None:
                first = self.placement_first_episode(child, before)
        return first.decom

    def in_long_term_cohort(self, child, d):
        """Looked after at d, aged under 16 at d (a known DOB on or before d), current period
        of care started on or before d minus 30 months."""
        if child not in self.looked_after_at(d):
            return False
        header = self.data.headers.get(child)
        if header is None or header.dob is None:
            return False
        age = age_in_years(header.dob, d)
        if age < 0 or age >= LONG_TERM_MAX_AGE:
            return False
        start = self.current_period_start(child, d)
        return start is not None and start <= add_months(d, -LONG_TERM_CARE_MONTHS)

    def long_term_same_placement(self, child, d):
        """In the cohort and the current placement (so extended) started on or before d
        minus 24 months."""
        return (self.in_long_term_cohort(child, d)
                and self.current_placement_start(child, d)
                <= add_months(d, -LONG_TERM_PLACEMENT_MONTHS))

    # -- flows ---------------------------------------------------------------------------------
    def started_in(self, s, e):
        """CHILD -> first starting episode (earliest DECOM, then earliest row)."""
        result = {}
        for child, eps in self.care_eps.items():
            starts = [x for x in eps if x.rne == "S" and s <= x.decom <= e]
            if starts:
                result[child] = min(starts, key=lambda x: (x.decom, x.order))
        return result

    def start_occasions_in(self, s, e):
        """Non-short-break episodes with RNE = S and DECOM in [s, e] (definitions,
        "Occasions": a child who started twice counts twice)."""
        return sum(1 for eps in self.care_eps.values() for x in eps
                   if x.rne == "S" and s <= x.decom <= e)

    def ceased_in(self, s, e):
        """CHILD -> last ceasing episode (latest DEC, then latest row); X1 is not a ceasing."""
        result = {}
        for child, eps in self.care_eps.items():
            ends = [x for x in eps if x.dec is not None and s <= x.dec <= e
                    and x.rec and x.rec != "X1"]
            if ends:
                result[child] = max(ends, key=lambda x: (x.dec, x.order))
        return result

    def reviews_in(self, s, e):
        """Review rows with REVIEW in [s, e], short-break reviews included (callers split
        them off by status)."""
        return [r for r in self.data.reviews if s <= r.review <= e]

    def in_short_break(self, child, rd):
        """definitions, "Short-break reviews": within one of the child's V3/V4 episodes,
        DECOM <= REVIEW and (DEC empty or REVIEW <= DEC)."""
        return any(e.decom <= rd and (e.dec is None or rd <= e.dec)
                   for e in self.break_eps.get(child, []))


def periods_of_care(eps):
    """Join a child's non-short-break episodes (sorted by DECOM) into periods of care
    (definitions, "Periods of care"; decision D6). Returns [(start, end or None, observed)]."""
    periods = []
    for ep in eps:
        if periods and (periods[-1][1] is None or ep.decom <= periods[-1][1]):
            start, end, observed = periods[-1]
            # The period runs to the latest end of its episodes, open if any is open.
            new_end = None if (end is None or ep.dec is None) else max(end, ep.dec)
            periods[-1] = (start, new_end, observed)
        else:
            periods.append((ep.decom, ep.dec, ep.rne == "S"))
    return periods


def assess_reviews(model):
    """Review status and sequence (definitions, "Short-break reviews", "In timescale" and "By
    sequence"): (CHILD, REVIEW date) -> 'in' | 'late' | 'not_assessed' | 'short_break', and
    (CHILD, REVIEW date) -> 'first' | 'second' | 'later' | 'not_assessed' (None for a
    short-break review, which is not held)."""
    by_child = {}
    for r in model.data.reviews:
        by_child.setdefault(r.child, []).append(r.review)
    status, sequence = {}, {}
    # Dated returns hold reviews only from the first collection year on (definitions, "Periods
    # of care"): a period that began earlier may have had reviews no file holds, so its start
    # counts as not observed. Undated data are taken to hold every review.
    coverage = date(min(model.data.return_years) - 1, 4, 1) if model.data.return_years else date.min
    for child, dates in by_child.items():
        dates.sort()
        periods = [(start, end, observed and start >= coverage)
                   for start, end, observed in periods_of_care(model.care_eps.get(child, []))]
        in_period = {i: [] for i in range(len(periods))}
        for rd in dates:
            placed = None
            for i, (start, end, _) in enumerate(periods):
                if start <= rd and (end is None or rd <= end):
                    placed = i
                    break
            if placed is not None:
                in_period[placed].append(rd)
            elif model.in_short_break(child, rd):
                # Counted apart: never held, never late, never dropped (decision D20).
                status[(child, rd)] = "short_break"
                sequence[(child, rd)] = None
            else:
                status[(child, rd)] = "not_assessed"
                sequence[(child, rd)] = "not_assessed"
                model.data.warn(f"child {child}: review {rd} outside every period of care")
        for i, (start, _, observed) in enumerate(periods):
            reviews = in_period[i]
            for k, rd in enumerate(reviews):
                if k == 0:
                    if not observed:
                        status[(child, rd)] = "not_assessed"
                        sequence[(child, rd)] = "not_assessed"
                        continue
                    due, seq = first_review_due(start), "first"
                elif k == 1 and observed:
                    due, seq = add_months(reviews[0], 3), "second"
                else:
                    # The third and later of an observed period; in a period whose start is
                    # not observed, every review after the first visible one (6 months).
                    due, seq = add_months(reviews[k - 1], 6), "later"
                status[(child, rd)] = "in" if rd <= due else "late"
                sequence[(child, rd)] = seq
    return status, sequence


# --------------------------------------------------------------------------------------------
# Assembling measures.csv (definitions, "measures.csv")
# --------------------------------------------------------------------------------------------

class Output:
    """Rows of measures.csv for a window of quarters, its financial years and, when months
    are on, its calendar months (definitions, "measures.csv"). A measure's kind says which
    periods it has rows for:

      "date"    a count at a date: one row per quarter end (period_start = period_end), then
                one per month end that is not a quarter end. A year's count at a date is its
                31 March figure, which is its quarter 4's row, and a month that ends a
                quarter has the quarter's row: written once (decisions D13, D25).
      "quarter" a flow over a period: rows for every quarter, then every financial year,
                then every month (period_start = the first day, period_end = the last).
      "year"    a flow defined for financial years only (iro_caseload_average).
    """

    def __init__(self, area_code, quarters, years=None, months=False):
        self.area_code = area_code
        self.quarters = list(quarters)
        self.years = window_years(self.quarters) if years is None else list(years)
        self.months = window_months(self.quarters) if months else []
        self.rows = []

    def periods(self, kind):
        if kind == "date":
            return self.quarters + [m for m in self.months if not m.ends_quarter]
        if kind == "quarter":
            return self.quarters + self.years + self.months
        if kind == "year":
            return self.years
        raise ValueError(kind)

    @staticmethod
    def _period(p, kind):
        if kind == "date":
            return p.end.isoformat(), p.end.isoformat()
        return p.start.isoformat(), p.end.isoformat()

    def total(self, measure, kind, values):
        """values: {period: str value or None (no row)}"""
        for p in self.periods(kind):
            v = values.get(p)
            if v is None:
                continue
            ps, pe = self._period(p, kind)
            self.rows.append((self.area_code, ps, pe, measure, "Total", str(v)))

    def breakdown(self, measure, kind, counts, order=None, sort_key=None, only=None):
        """counts: {period: {category: count}}. Every category counted in any period of the
        window (its quarters, years and months: decisions D13, D27) is listed in every period
        (0 where absent), in category order (a code list `order`, or a ready `sort_key`).
        `only` limits the periods to those listed (the years whose return has a table,
        decision D33)."""
        periods = self.periods(kind)
        if only is not None:
            periods = [p for p in periods if p in only]
        cats = set()
        for p in periods:
            cats.update(c for c, n in counts.get(p, {}).items() if n > 0)
        cats = sorted(cats, key=sort_key or category_sort_key(order))
        for p in periods:
            ps, pe = self._period(p, kind)
            for c in cats:
                n = counts.get(p, {}).get(c, 0)
                self.rows.append((self.area_code, ps, pe, measure, c, str(n)))


def tally(items):
    out = {}
    for c in items:
        out[c] = out.get(c, 0) + 1
    return out


def compute_measures(data, area_code, quarters, population=None, config=None, months=False):
    """All measures of definitions' tables, as a list of CSV rows (without the header): the
    903 measures, then the escalation measures (definitions: "Measure rows come after the 903
    measures"). Every measure is counted for each quarter of the window, each financial
    year whose four quarters lie in it (definitions, "Financial years") and, with `months`,
    each calendar month of the window (definitions, "Months"; D24-D27), never added up from
    other periods."""
    model = Model(data)
    out = Output(area_code, quarters, months=months)
    periods = out.periods("quarter")  # quarters, then years, then months
    headers = data.headers

    # Looked after at each period's end (a year's end is its quarter 4's; a month that ends a
    # quarter has the quarter's end).
    la = {p: model.looked_after_at(p.end) for p in periods}
    started = {p: model.started_in(p.start, p.end) for p in periods}
    ceased = {p: model.ceased_in(p.start, p.end) for p in periods}
    all_reviews = {p: model.reviews_in(p.start, p.end) for p in periods}

    def each(fn, kind="quarter"):
        return {p: fn(p) for p in out.periods(kind)}

    # looked_after, rate
    out.total("looked_after", "date", each(lambda p: len(la[p]), "date"))
    # The population of the year ending 31 March that a date falls in (decision D42).
    by_year = {} if population is not None or config is None else dict(config.population_by_year or {})

    def population_at(day):
        if population is not None:
            return Fraction(population)
        year = day.year + 1 if day.month >= 4 else day.year
        before = [y for y in by_year if y <= year]
        return by_year[max(before)] if before else by_year[min(by_year)]

    if population is not None or by_year:
        if population is None or Fraction(population) > 0:
            out.total("looked_after_rate_per_10000", "date",
                      each(lambda p: one_decimal(Fraction(len(la[p]) * 10000) / population_at(p.end)), "date"))

    # breakdowns of the children looked after at each quarter end
    def la_breakdown(measure, classify, order):
        out.breakdown(measure, "date",
                      each(lambda p: tally(classify(c, e) for c, e in la[p].items()), "date"),
                      order)

    la_breakdown("looked_after_by_legal_status", lambda c, e: code_category(e.ls), LS_ORDER)
    la_breakdown("looked_after_by_legal_status_group", lambda c, e: legal_status_group(e.ls),
                 LS_GROUP_ORDER)
    la_breakdown("looked_after_by_placement", lambda c, e: code_category(e.place), PLACE_ORDER)
    la_breakdown("looked_after_by_placement_group", lambda c, e: placement_group(e.place),
                 PLACE_GROUP_ORDER)
    la_breakdown("looked_after_by_provider", lambda c, e: code_category(e.provider),
                 PROVIDER_ORDER)
    out.breakdown("looked_after_fostering_by_provider", "date",
                  each(lambda p: tally(fostering_provider(e.provider) for e in la[p].values()
                                       if e.place in FOSTER_PLACES), "date"),
                  FOSTER_PROVIDER_ORDER)
    out.breakdown("looked_after_by_age", "date",
                  each(lambda p: tally(age_band(headers.get(c), p.end) for c in la[p]), "date"),
                  AGE_ORDER)
    la_breakdown("looked_after_by_sex", lambda c, e: sex_category(headers.get(c)), SEX_ORDER)
    la_breakdown("looked_after_by_ethnicity", lambda c, e: ethnicity_group(headers.get(c)),
                 ETHNIC_ORDER)
    la_breakdown("looked_after_by_ethnic_code",
                 lambda c, e: ethnic_code_category(headers.get(c)), ETHNIC_CODE_ORDER)

    # placement stability
    p3 = each(lambda p: sum(1 for c in la[p] if model.placements_in_year_to(c, p.end) >= 3),
              "date")
    out.total("placements_3_or_more", "date", p3)
    out.total("placements_3_or_more_percent", "date",
              each(lambda p: percent(p3[p], len(la[p])) if la[p] else None, "date"))

    # long-term stability (decisions D22, D23): a count at a date, Total only
    lt_cohort = each(lambda p: sum(1 for c in la[p] if model.in_long_term_cohort(c, p.end)),
                     "date")
    lt_same = each(lambda p: sum(1 for c in la[p] if model.long_term_same_placement(c, p.end)),
                   "date")
    out.total("long_term_cohort", "date", lt_cohort)
    out.total("long_term_same_placement", "date", lt_same)
    out.total("long_term_stability_percent", "date",
              each(lambda p: percent(lt_same[p], lt_cohort[p]) if lt_cohort[p] else None,
                   "date"))

    # flows: who started (each child once, with their first starting episode in the period)
    def started_breakdown(measure, classify, order):
        out.breakdown(measure, "quarter",
                      each(lambda p: tally(classify(c, e) for c, e in started[p].items())),
                      order)

    out.total("started", "quarter", each(lambda p: len(started[p])))
    started_breakdown("started_by_need", lambda c, e: code_category(e.cin), CIN_ORDER)
    started_breakdown("started_by_legal_status", lambda c, e: code_category(e.ls), LS_ORDER)
    started_breakdown("started_by_age", lambda c, e: age_band(headers.get(c), e.decom),
                      AGE_ORDER)
    started_breakdown("started_by_sex", lambda c, e: sex_category(headers.get(c)), SEX_ORDER)
    started_breakdown("started_by_ethnicity", lambda c, e: ethnicity_group(headers.get(c)),
                      ETHNIC_ORDER)
    started_breakdown("started_by_placement_group", lambda c, e: placement_group(e.place),
                      PLACE_GROUP_ORDER)
    out.total("started_occasions", "quarter",
              each(lambda p: model.start_occasions_in(p.start, p.end)))
    out.total("ceased", "quarter", each(lambda p: len(ceased[p])))
    out.breakdown("ceased_by_reason", "quarter",
                  each(lambda p: tally(code_category(e.rec) for e in ceased[p].values())),
                  REC_ORDER)
    out.breakdown("ceased_by_reason_group", "quarter",
                  each(lambda p: tally(reason_group(e.rec) for e in ceased[p].values())),
                  REASON_GROUP_ORDER)

    # reviews: short-break reviews are counted apart and are not held
    status, sequence = model.review_status, model.review_sequence

    def st(r):
        return status[(r.child, r.review)]

    reviews = {p: [r for r in all_reviews[p] if st(r) != "short_break"] for p in periods}
    held = each(lambda p: len(reviews[p]))
    in_time = each(lambda p: sum(1 for r in reviews[p] if st(r) == "in"))
    not_assessed = each(lambda p: sum(1 for r in reviews[p] if st(r) == "not_assessed"))
    assessable = each(lambda p: held[p] - not_assessed[p])
    out.total("reviews_held", "quarter", held)
    out.total("reviews_in_timescale", "quarter", in_time)
    out.total("reviews_in_timescale_percent", "quarter",
              each(lambda p: percent(in_time[p], assessable[p]) if assessable[p] else None))
    out.total("reviews_timescale_not_assessed", "quarter", not_assessed)
    out.breakdown("reviews_by_sequence", "quarter",
                  each(lambda p: tally(sequence[(r.child, r.review)] for r in reviews[p])),
                  SEQUENCE_ORDER)
    out.breakdown("reviews_in_timescale_by_sequence", "quarter",
                  each(lambda p: tally(sequence[(r.child, r.review)] for r in reviews[p]
                                       if st(r) == "in")),
                  SEQUENCE_ORDER)
    # By child: children with an assessed (in or late) review held in the period, and of them
    # those whose assessed reviews in the period were all in timescale.
    assessed_children = {p: {} for p in periods}  # CHILD -> all in timescale so far
    for p in periods:
        for r in reviews[p]:
            if st(r) in ("in", "late"):
                prev = assessed_children[p].get(r.child, True)
                assessed_children[p][r.child] = prev and st(r) == "in"
    children_assessed = each(lambda p: len(assessed_children[p]))
    children_all_in = each(lambda p: sum(1 for ok in assessed_children[p].values() if ok))
    out.total("reviews_children_assessed", "quarter", children_assessed)
    out.total("reviews_children_all_in_timescale", "quarter", children_all_in)
    out.total("reviews_children_all_in_timescale_percent", "quarter",
              each(lambda p: percent(children_all_in[p], children_assessed[p])
                   if children_assessed[p] else None))
    out.total("reviews_short_break", "quarter",
              each(lambda p: sum(1 for r in all_reviews[p] if st(r) == "short_break")))
    out.breakdown("reviews_by_participation", "quarter",
                  each(lambda p: tally(code_category(r.code) for r in reviews[p])),
                  REVIEW_CODE_ORDER)
    part_num = each(lambda p: sum(1 for r in reviews[p] if r.code in PARTICIPATED))
    part_den = each(lambda p: sum(1 for r in reviews[p] if r.code in PARTICIPATION_DENOM))
    out.total("reviews_participation_percent", "quarter",
              each(lambda p: percent(part_num[p], part_den[p]) if part_den[p] else None))

    other_table_measures(out, model, la, started, ceased)
    escalation_measures(out, data, la, config)
    return out.rows


# --------------------------------------------------------------------------------------------
# The other 903 tables (definitions, "The other 903 tables"; decisions D29-D41)
# --------------------------------------------------------------------------------------------

PREV_PERM_ORDER = ["P1", "P2", "P3", "Z1"]
ADOPTION_RECS = {"E11", "E12"}
PLACEMENT_ORDER_LS = {"E1", "D1"}
SDQ_BAND_ORDER = ["normal", "borderline", "concern"]
ACTIVITY_ORDER = ["higher_education", "other_education", "apprenticeship",
                  "training_or_employment", "neet_illness_or_disability", "neet_other",
                  "neet_pregnancy_or_parenting", "not_known"]
ACTIVITIES = {"F1": "higher_education", "P1": "higher_education",
              "F2": "other_education", "P2": "other_education",
              "F4": "apprenticeship", "P4": "apprenticeship",
              "F5": "training_or_employment", "P5": "training_or_employment",
              "G4": "neet_illness_or_disability", "G5": "neet_other",
              "G6": "neet_pregnancy_or_parenting"}
EET = ACTIVITY_ORDER[:4]
NEET = ACTIVITY_ORDER[4:7]
ACCOM_LETTERS = "BCDEGHKRSTUVWXYZ"
ACCOMMODATION_ORDER = list(ACCOM_LETTERS) + ["not_known"]
SUITABILITY_ORDER = ["suitable", "unsuitable", "not_applicable", "no_information"]
NOT_APPLICABLE_LETTERS = {"G", "H", "R"}  # gone abroad, deported, residence not known
CARE_LEAVER_GROUPS = [("17_to_18", 17, 18), ("19_to_21", 19, 21)]
LEFT_OUT_IN_TOUCH = {"DIED", "RHOM"}
# The OC2 counts of definitions' table, in its order: (measure, column, denominator, ages).
OC2_COUNTS = [
    ("oc2_health_assessment", "HEALTH_ASSESSMENT", "oc2_cohort"),
    ("oc2_immunisations", "IMMUNISATIONS", "oc2_cohort"),
    ("oc2_teeth_check", "TEETH_CHECK", "oc2_cohort"),
    ("oc2_development_assessment", "HEALTH_CHECK", "oc2_cohort_0_to_4"),
    ("oc2_sdq_received", "SDQ_SCORE", "oc2_cohort_5_to_16"),
    ("oc2_convicted", "CONVICTED", "oc2_cohort_10_to_17"),
    ("oc2_substance_misuse", "SUBSTANCE_MISUSE", "oc2_cohort"),
    ("oc2_intervention_received", "INTERVENTION_RECEIVED", "oc2_substance_misuse"),
    ("oc2_intervention_refused", "INTERVENTION_OFFERED", "oc2_substance_misuse"),
]
OC2_AGE_COHORTS = [("oc2_cohort_0_to_4", 0, 4), ("oc2_cohort_5_to_16", 5, 16),
                   ("oc2_cohort_10_to_17", 10, 17)]


def whole_number(value):
    """Exact non-negative Fraction -> whole number string, half away from zero (D36)."""
    value = Fraction(value)
    if value < 0:
        raise ValueError("negative value")
    return str((value + Fraction(1, 2)).__floor__())


def sdq_score(text):
    """SDQ_SCORE when it is a whole number 0 to 40 (ASCII digits, decision D38), else None."""
    if re.fullmatch(r"[0-9]+", text) and int(text) <= 40:
        return int(text)
    return None


def sdq_band(score):
    return "normal" if score <= 13 else "borderline" if score <= 16 else "concern"


def activity_category(code):
    return ACTIVITIES.get(code, "not_known")


def accommodation_and_suitability(code):
    """(accommodation, suitability) of an OC3 ACCOM code (decision D39): a known code is one
    of the letters and 1 or 2; anything else (0, empty, unknown) is not_known and
    no_information."""
    if len(code) == 2 and code[0] in ACCOM_LETTERS and code[1] in "12":
        letter = code[0]
        if letter in NOT_APPLICABLE_LETTERS:
            return letter, "not_applicable"
        return letter, "suitable" if code[1] == "1" else "unsuitable"
    return "not_known", "no_information"


def period_episodes(model, child, ep):
    """The child's non-short-break episodes of the period of care holding ep (decision D36):
    the period with start <= ep's DECOM <= end (periods never overlap), sorted by (DECOM,
    row)."""
    eps = model.care_eps.get(child, [])
    for start, end, _ in periods_of_care(eps):
        if start <= ep.decom and (end is None or ep.decom <= end):
            return [e for e in eps if start <= e.decom and (end is None or e.decom <= end)]
    return [ep]


def table_years(out, present):
    """The financial years of the window whose return has a table (definitions: a 2024
    return describes 2023-24; an undated return's rows belong to the window's last year)."""
    fys = {FinancialYear(y - 1) for y in present if y is not None}
    if None in present and out.years:
        fys.add(out.years[-1])
    return [y for y in out.years if y in fys]


def year_rows(out, by_year, fy):
    """{CHILD: row} of a year-bound table (OC2, OC3) for the financial year fy: its return's
    rows, and for the window's last year the undated return's too, a dated row winning
    (decision D33)."""
    rows = {}
    if out.years and fy == out.years[-1]:
        rows.update(by_year.get(None, {}))
    rows.update(by_year.get(fy.fy + 1, {}))
    return rows


def ratio(num, den):
    """One decimal, or None (no row) for a zero denominator."""
    return one_decimal(Fraction(num, den)) if den else None


def pct(num, den):
    return percent(num, den) if den else None


def other_table_measures(out, model, la, started, ceased):
    """The measures of definitions' "The other 903 tables", in its order (decision D41), for
    whichever of the tables some return has."""
    data = model.data
    headers = data.headers
    flows = out.periods("quarter")
    dates = out.periods("date")

    def each(fn, periods):
        return {p: fn(p) for p in periods}

    # -- missing and away (decisions D32, D34) -------------------------------------------------
    if data.missing is not None:
        during = each(lambda p: {c for c, eps in model.care_eps.items()
                                 if any(e.decom <= p.end and (e.dec is None or e.dec > p.start)
                                        for e in eps)}, flows)

        def incidents(kind):
            return each(lambda p: [m for m in data.missing if m.kind == kind
                                   and p.start <= m.start <= p.end and m.child in during[p]],
                        flows)
        missing, away = incidents("M"), incidents("A")
        missing_children = each(lambda p: len({m.child for m in missing[p]}), flows)
        away_children = each(lambda p: len({m.child for m in away[p]}), flows)
        out.total("looked_after_during", "quarter", each(lambda p: len(during[p]), flows))
        out.total("missing_children", "quarter", missing_children)
        out.total("missing_incidents", "quarter", each(lambda p: len(missing[p]), flows))
        out.total("away_children", "quarter", away_children)
        out.total("away_incidents", "quarter", each(lambda p: len(away[p]), flows))
        out.total("missing_children_percent", "quarter",
                  each(lambda p: pct(missing_children[p], len(during[p])), flows))
        out.total("missing_incidents_per_child", "quarter",
                  each(lambda p: ratio(len(missing[p]), missing_children[p]), flows))
        out.total("away_children_percent", "quarter",
                  each(lambda p: pct(away_children[p], len(during[p])), flows))
        out.total("away_incidents_per_child", "quarter",
                  each(lambda p: ratio(len(away[p]), away_children[p]), flows))

    # -- unaccompanied asylum-seeking children -------------------------------------------------
    if data.uasc is not None:
        def uasc_after(child, d):
            return child in data.uasc and (data.uasc[child] is None or data.uasc[child] > d)
        out.total("uasc_looked_after", "date",
                  each(lambda p: sum(1 for c in la[p] if uasc_after(c, p.end)), dates))
        out.total("uasc_started", "quarter",
                  each(lambda p: sum(1 for c, e in started[p].items() if uasc_after(c, e.decom)),
                       flows))

    # -- adoption (decisions D32, D36) ------------------------------------------------------
    if True:  # the episodes give adoptions; an ad1 table adds the match (D32)
        adopted = each(lambda p: {c: e for c, e in ceased[p].items() if e.rec in ADOPTION_RECS},
                       flows)

        def durations(p):
            care, order = [], []
            for c, e in adopted[p].items():
                eps = period_episodes(model, c, e)
                entered = eps[0].decom
                moved = next((x.decom for x in eps if x.place in ADOPTION_PLACES), None)
                placement_order = next((x.decom for x in eps if x.ls in PLACEMENT_ORDER_LS), None)
                matched = data.ad1.get(c) if data.ad1 is not None else None
                if moved is not None:
                    care.append((moved - entered).days)
                if placement_order is not None and matched is not None:
                    days = (matched - placement_order).days
                    if days >= 0:
                        order.append(days)
            return care, order
        days = each(durations, flows)

        def mean(values):
            return whole_number(Fraction(sum(values), len(values))) if values else None
        out.total("adopted", "quarter", each(lambda p: len(adopted[p]), flows))
        out.total("adoption_days_care_to_moving_in", "quarter",
                  each(lambda p: mean(days[p][0]), flows))
        out.total("adoption_children_care_to_moving_in", "quarter",
                  each(lambda p: len(days[p][0]), flows))
        if data.ad1 is not None:
            out.total("adoption_days_order_to_match", "quarter",
                      each(lambda p: mean(days[p][1]), flows))
            out.total("adoption_children_order_to_match", "quarter",
                      each(lambda p: len(days[p][1]), flows))

    # -- previous permanence ---------------------------------------------------------------------
    if data.previous_permanence is not None:
        perm = data.previous_permanence
        out.breakdown("started_by_previous_permanence", "quarter",
                      each(lambda p: tally(code_category(perm.get(c, "")) for c in started[p]),
                           flows), PREV_PERM_ORDER)

    def age_at(child, d):
        header = headers.get(child)
        if header is None or header.dob is None:
            return None
        age = age_in_years(header.dob, d)
        return age if age >= 0 else None  # decision D7

    # -- OC2: health and offending (financial years only; decisions D33, D38) -------------
    if data.oc2 is not None:
        years = table_years(out, data.table_years["oc2"])
        counts = {}   # measure -> {year: count}
        sdq = {}      # year -> [score]
        for fy in years:
            d = fy.end
            rows = year_rows(out, data.oc2, fy)
            cohort = [c for c in model.looked_after_at(d)
                      if model.current_period_start(c, d) <= fy.start]
            ages = {c: age_at(c, d) for c in cohort}
            groups = {"oc2_cohort": cohort}
            for name, lo, hi in OC2_AGE_COHORTS:
                groups[name] = [c for c in cohort if ages[c] is not None and lo <= ages[c] <= hi]
            yes = {}
            sdq[fy] = []
            for measure, column, denominator in OC2_COUNTS:
                members = groups[denominator]
                if column == "SDQ_SCORE":
                    scores = [sdq_score(rows[c][column]) for c in members if c in rows]
                    sdq[fy] = [x for x in scores if x is not None]
                    chosen = [c for c in members
                              if c in rows and sdq_score(rows[c][column]) is not None]
                else:
                    chosen = [c for c in members if c in rows and rows[c][column] == "1"]
                yes[measure] = chosen
                groups[measure] = chosen
            for name in ["oc2_cohort"] + [g for g, _, _ in OC2_AGE_COHORTS]:
                counts.setdefault(name, {})[fy] = len(groups[name])
            for measure, _, denominator in OC2_COUNTS:
                counts.setdefault(measure, {})[fy] = len(yes[measure])
                counts.setdefault(measure + "_percent", {})[fy] = pct(len(yes[measure]),
                                                                       len(groups[denominator]))
        for name in ["oc2_cohort"] + [g for g, _, _ in OC2_AGE_COHORTS]:
            out.total(name, "year", counts.get(name, {}))
        for measure, _, _ in OC2_COUNTS:
            out.total(measure, "year", counts.get(measure, {}))
            out.total(measure + "_percent", "year", counts.get(measure + "_percent", {}))
        out.breakdown("oc2_sdq_by_band", "year",
                      {fy: tally(sdq_band(x) for x in sdq[fy]) for fy in years}, SDQ_BAND_ORDER,
                      only=years)
        out.total("oc2_sdq_average", "year",
                  {fy: ratio(sum(sdq[fy]), len(sdq[fy])) for fy in years})

    # -- OC3: care leavers (financial years only; decisions D33, D39) ---------------------
    if data.oc3 is not None:
        years = table_years(out, data.table_years["oc3"])
        leavers = {}  # (group, year) -> [row]
        for fy in years:
            for child, row in year_rows(out, data.oc3, fy).items():
                if row["IN_TOUCH"] in LEFT_OUT_IN_TOUCH:
                    continue
                age = age_at(child, fy.end)  # the age on the birthday in the year (D39)
                for g, lo, hi in CARE_LEAVER_GROUPS:
                    if age is not None and lo <= age <= hi:
                        leavers.setdefault((g, fy), []).append(row)
        for g, _, _ in CARE_LEAVER_GROUPS:
            rows = {fy: leavers.get((g, fy), []) for fy in years}
            n = {fy: len(rows[fy]) for fy in years}
            activity = {fy: tally(activity_category(r["ACTIV"]) for r in rows[fy]) for fy in years}
            accom = {fy: [accommodation_and_suitability(r["ACCOM"]) for r in rows[fy]]
                     for fy in years}
            suitability = {fy: tally(s for _, s in accom[fy]) for fy in years}
            in_touch = {fy: sum(1 for r in rows[fy] if r["IN_TOUCH"] == "YES") for fy in years}
            base = f"care_leavers_{g}"
            out.total(base, "year", n)
            out.total(base + "_in_touch", "year", in_touch)
            out.total(base + "_in_touch_percent", "year",
                      {fy: pct(in_touch[fy], n[fy]) for fy in years})
            out.breakdown(base + "_by_activity", "year", activity, ACTIVITY_ORDER, only=years)
            summary = {fy: tally("eet" if a in EET else "neet" if a in NEET else "not_known"
                                 for a in (activity_category(r["ACTIV"]) for r in rows[fy]))
                       for fy in years}
            out.breakdown(base + "_by_activity_group", "year", summary, ["eet", "neet", "not_known"],
                          only=years)
            out.total(base + "_eet_percent", "year",
                      {fy: pct(sum(activity[fy].get(a, 0) for a in EET), n[fy]) for fy in years})
            out.total(base + "_neet_percent", "year",
                      {fy: pct(sum(activity[fy].get(a, 0) for a in NEET), n[fy]) for fy in years})
            out.breakdown(base + "_by_accommodation", "year",
                          {fy: tally(a for a, _ in accom[fy]) for fy in years},
                          ACCOMMODATION_ORDER, only=years)
            out.breakdown(base + "_by_suitability", "year", suitability, SUITABILITY_ORDER,
                          only=years)
            out.total(base + "_suitable_percent", "year",
                      {fy: pct(suitability[fy].get("suitable", 0),
                               sum(suitability[fy].get(k, 0)
                                   for k in ("suitable", "unsuitable", "no_information")))
                       for fy in years})

    # -- social worker changes (financial years only; decisions D33, D40) ----------------------
    if data.sw is not None:
        years = table_years(out, data.table_years["sw_episodes"])
        sw3 = {}
        for fy in years:
            d = fy.end
            ids = {}
            for s in data.sw:
                if s.sw_id and s.decom <= d and (s.dec is None or s.dec >= fy.start):
                    ids.setdefault(s.child, set()).add(s.sw_id)
            sw3[fy] = sum(1 for c in model.looked_after_at(d) if len(ids.get(c, ())) >= 3)
        out.total("sw_3_or_more", "year", sw3)
        out.total("sw_3_or_more_percent", "year",
                  {fy: pct(sw3[fy], len(model.looked_after_at(fy.end))) for fy in years})


# --------------------------------------------------------------------------------------------
# The careboard config (docs/configuration.md; definitions, "IRO escalations")
# --------------------------------------------------------------------------------------------

ROUTE_TYPES = ["informal", "formal", "alert", "good_practice"]
ROUTE_TYPE_ORDER = ROUTE_TYPES + ["unmapped"]
ESCALATION_LISTS = ("themes", "levels", "outcomes", "teams")


@dataclass
class Config:
    area_code: str | None = None
    population: Fraction | None = None
    population_by_year: dict | None = None  # year ending 31 March -> estimate (decision D42)
    window_end: str | None = None
    quarters: int | None = None
    years: int | None = None
    as_at: date | None = None
    months: bool | None = None       # [window] months (decision D24); None: not given
    route_types: dict | None = None  # ROUTE label -> route type
    orders: dict | None = None       # "themes" / "levels" / "outcomes" / "teams" -> [label]
    activity: list | None = None     # [activity.<key>] tables, in the file's order (decision I1)

    def __post_init__(self):
        self.route_types = dict(self.route_types or {})
        self.orders = {k: list((self.orders or {}).get(k, [])) for k in ESCALATION_LISTS}
        self.activity = list(self.activity or [])


def benchmark_populations(config_path, benchmarks, authority_code):
    """The authority's published 0-17 population estimates by year (decision D42)."""
    code = benchmarks.get("authority", authority_code)
    base = os.path.dirname(os.path.abspath(config_path))

    def files(key):
        names = benchmarks.get(key, [])
        return [os.path.join(base, n) for n in ([names] if isinstance(names, str) else names)]

    def estimates(path, ons):
        out = {}
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
                if row.get("geographic_level", "").lower() != "local authority":
                    continue
                if code not in (row.get("new_la_code"), row.get("old_la_code")):
                    continue
                if ons and row.get("age_group", "").lower() != "children aged 0 to 17 years":
                    continue
                try:
                    value = Fraction(row.get("population_estimate", "").replace(",", ""))
                except ValueError:
                    continue
                if value > 0:
                    out[int(row["time_period"][:4]) + (1 if ons else 0)] = value
        return out

    chosen = {}  # year -> (latest year of its file, from the ONS file, value)
    for key, ons in (("rates", False), ("population", True)):
        for path in files(key):
            found = estimates(path, ons)
            latest = max(found, default=0)
            for year, value in found.items():
                rank = (latest, ons)
                if year not in chosen or rank >= chosen[year][:2]:
                    chosen[year] = (latest, ons, value)
    return {year: v for year, (_, _, v) in chosen.items()}


def read_config(path):
    """The settings of a careboard TOML file that the measures depend on. A wrong type or
    value is an error, as in careboard (E002)."""
    with open(path, "rb") as fh:
        doc = tomllib.load(fh)

    def bad(key, why):
        raise SystemExit(f"{path}: {key}: {why}")

    def section(name):
        value = doc.get(name, {})
        if not isinstance(value, dict):
            bad(name, "must be a table")
        return value

    cfg = Config()
    authority, window, data, esc = (section("authority"), section("window"), section("data"),
                                    section("escalations"))
    if "code" in authority:
        if not isinstance(authority["code"], str):
            bad("authority.code", "must be a string")
        cfg.area_code = authority["code"]
    if "population_0_17" in authority:
        pop = authority["population_0_17"]
        if isinstance(pop, bool) or not isinstance(pop, (int, float)) or pop < 0:
            bad("authority.population_0_17", "must be a non-negative number")
        cfg.population = Fraction(str(pop))
    if "end" in window:
        if not isinstance(window["end"], str):
            bad("window.end", "must be a string like \"2024-25 Q4\"")
        parse_quarter(window["end"])
        cfg.window_end = window["end"]
    if "quarters" in window:
        if isinstance(window["quarters"], bool) or not isinstance(window["quarters"], int):
            bad("window.quarters", "must be an integer")
        cfg.quarters = window["quarters"]
    if "years" in window:
        years = window["years"]
        if isinstance(years, bool) or not isinstance(years, int):
            bad("window.years", "must be an integer")
        if not MIN_YEARS <= years <= MAX_YEARS:
            bad("window.years", f"must be from {MIN_YEARS} to {MAX_YEARS}")
        cfg.years = years
    if "months" in window:
        if not isinstance(window["months"], bool):
            bad("window.months", "must be true or false")
        cfg.months = window["months"]
    cfg.population_by_year = benchmark_populations(path, section("benchmarks"), authority.get("code"))
    if "as_at" in data:
        as_at = data["as_at"]
        if isinstance(as_at, str):
            as_at = parse_date(as_at)
        if not isinstance(as_at, date):
            bad("data.as_at", "must be a date")
        cfg.as_at = as_at
    routes = esc.get("route_types", {})
    if not isinstance(routes, dict):
        bad("escalations.route_types", "must be a table of ROUTE label = route type")
    for label, kind in routes.items():
        if kind not in ROUTE_TYPES:
            bad(f"escalations.route_types.{label}", f"must be one of {', '.join(ROUTE_TYPES)}")
    cfg.route_types = {label.strip(): kind for label, kind in routes.items()}
    for key in ESCALATION_LISTS:
        value = esc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            bad(f"escalations.{key}", "must be a list of strings")
        cfg.orders[key] = [v.strip() for v in value]
    # [activity.<key>] (decision I1): what iro_activity.csv may give. TOML tables keep the
    # file's order in tomllib.
    for key, table in doc.get("activity", {}).items():
        if not isinstance(table, dict):
            bad(f"activity.{key}", "must be a table")
        cats = []
        for c in table.get("categories", []):
            cats.append(c.strip() if isinstance(c, str) else str(c["key"]).strip())
        cfg.activity.append({
            "key": key,
            "unit": table.get("unit", "events"),
            "kind": "date" if table.get("period", "period") == "date" else "quarter",
            "categories": cats,
            "sums_to": table.get("sums_to", ""),
            "numerator": table.get("numerator", ""),
            "denominator": table.get("denominator", ""),
        })
    return cfg


# --------------------------------------------------------------------------------------------
# IRO escalations (definitions, "IRO escalations (optional input)")
# --------------------------------------------------------------------------------------------

def label_sort_key(configured):
    """Labels in the configured order, then the others alphabetically (decision E4), then
    `not_recorded` (definitions, "Category order")."""
    index = {c: i for i, c in enumerate(configured)}

    def key(label):
        if label in index:
            return (0, index[label], "")
        if label == NOT_RECORDED:
            return (2, 0, "")
        return (1, 0, label)
    return key


def warn_unconfigured(data, what, labels, configured):
    """definitions: labels not in the config are shown as written, with a warning."""
    for label in sorted(set(labels) - set(configured) - {NOT_RECORDED}):
        data.warn(f"{what} {label!r} is not in the config")


def escalation_measures(out, data, la, cfg):
    """The escalation rows of definitions' second table, in its order, for each quarter, each
    financial year and (when on) each month of the window. `la` maps each period to the
    children looked after at its end (a year's end is its quarter 4's)."""
    cfg = cfg or Config()
    flows = out.periods("quarter")   # quarters, then years, then months
    dates = out.periods("date")      # quarter ends, then the other month ends (D13, D25)

    def each(fn, periods):
        return {p: fn(p) for p in periods}

    if data.escalations is not None:
        escs = data.escalations
        routes = sorted(cfg.route_types)  # decision E5: mapped labels, alphabetically
        themes, levels, teams = cfg.orders["themes"], cfg.orders["levels"], cfg.orders["teams"]
        warn_unconfigured(data, "ROUTE", [e.route for e in escs], routes)
        warn_unconfigured(data, "THEME", [t for e in escs for t in e.themes], themes)
        warn_unconfigured(data, "TEAM", [e.team for e in escs if e.team], teams)
        warn_unconfigured(data, "RESOLVED_LEVEL", [e.level for e in escs if e.level], levels)
        warn_unconfigured(data, "OUTCOME", [e.outcome for e in escs if e.outcome],
                          cfg.orders["outcomes"])

        raised = each(lambda p: [e for e in escs if p.start <= e.raised <= p.end], flows)
        resolved = each(lambda p: [e for e in escs if e.resolved is not None
                                   and p.start <= e.resolved <= p.end], flows)
        days = each(lambda p: sorted(working_days_after(e.raised, e.resolved)
                                     for e in resolved[p]), flows)
        within = each(lambda p: sum(1 for n in days[p] if n <= 20), flows)
        open_at = each(lambda p: [e for e in escs if e.raised <= p.end
                                  and (e.resolved is None or e.resolved > p.end)], dates)

        out.total("escalations_raised", "quarter", each(lambda p: len(raised[p]), flows))
        out.breakdown("escalations_by_route", "quarter",
                      each(lambda p: tally(e.route for e in raised[p]), flows),
                      sort_key=label_sort_key(routes))
        out.breakdown("escalations_by_route_type", "quarter",
                      each(lambda p: tally(cfg.route_types.get(e.route, "unmapped")
                                           for e in raised[p]), flows), ROUTE_TYPE_ORDER)
        # An escalation with two themes counts in each (its themes are already distinct).
        out.breakdown("escalations_by_theme", "quarter",
                      each(lambda p: tally(t for e in raised[p] for t in e.themes), flows),
                      sort_key=label_sort_key(themes))
        out.breakdown("escalations_by_stage", "quarter",
                      each(lambda p: tally(e.stage for e in raised[p]), flows), STAGES)
        out.breakdown("escalations_by_team", "quarter",
                      each(lambda p: tally(e.team or NOT_RECORDED for e in raised[p]), flows),
                      sort_key=label_sort_key(teams))
        out.total("escalations_resolved", "quarter", each(lambda p: len(resolved[p]), flows))
        out.total("escalations_resolved_within_20_days", "quarter", within)
        out.total("escalations_resolved_within_20_days_percent", "quarter",
                  each(lambda p: percent(within[p], len(resolved[p])) if resolved[p] else None,
                       flows))
        out.total("escalation_days_to_resolve_median", "quarter",
                  each(lambda p: one_decimal(median(days[p])) if days[p] else None, flows))
        out.breakdown("escalations_resolved_by_level", "quarter",
                      each(lambda p: tally(e.level or NOT_RECORDED for e in resolved[p]), flows),
                      sort_key=label_sort_key(levels))
        out.total("escalations_open", "date", each(lambda p: len(open_at[p]), dates))
        out.total("escalations_open_over_20_days", "date",
                  each(lambda p: sum(1 for e in open_at[p]
                                     if working_days_after(e.raised, p.end) > 20), dates))
        # A year: raised in the year over looked after at its 31 March (decision D15); a
        # month: raised in the month over looked after at its last day (decision D26).
        out.total("escalations_per_100_looked_after", "quarter",
                  each(lambda p: one_decimal(Fraction(len(raised[p]) * 100, len(la[p])))
                       if la[p] else None, flows))
    if data.staffing is not None:
        fte = {p: fte_at(data.staffing, p.end) for p in dates}
        # Exact caseload at each quarter (and month) end; none when there is no FTE or it is
        # 0 (E7).
        caseload = {p: Fraction(len(la[p])) / fte[p] if fte[p] else None for p in dates}
        out.total("iro_fte", "date",
                  each(lambda q: one_decimal(fte[q]) if fte[q] is not None else None, dates))
        out.total("iro_caseload", "date",
                  each(lambda q: one_decimal(caseload[q]) if caseload[q] is not None else None,
                       dates))
        # Years only, from the four quarter ends, never the month ends (decision D26).
        out.total("iro_caseload_average", "year",
                  each(lambda y: caseload_average([caseload[q] for q in y.quarters()]),
                       out.periods("year")))
    iro_record_measures(data, out, cfg, la)


def caseload_average(caseloads):
    """definitions, iro_caseload_average: the mean of the year's quarter-end caseloads, those
    without one left out, one decimal; None (no row) when none has one (decision D14)."""
    values = [c for c in caseloads if c is not None]
    if not values:
        return None
    return one_decimal(sum(values, Fraction(0)) / len(values))


def median(sorted_values):
    """Exact median; the mean of the middle two for an even number (definitions)."""
    n = len(sorted_values)
    mid = n // 2
    if n % 2:
        return Fraction(sorted_values[mid])
    return Fraction(sorted_values[mid - 1] + sorted_values[mid], 2)


def fte_at(staffing, d):
    """FTE of the latest iro_staffing row dated on or before d, or None (definitions)."""
    value = None
    for day, fte in staffing:
        if day <= d:
            value = fte
    return value


HEADER = ["area_code", "period_start", "period_end", "measure", "category", "value"]


def write_measures(rows, fh):
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)


DEFAULT_AREA_CODE = "E00000000"  # careboard's default authority.code (configuration.md)


def run(data_dir, area_code=None, window_end=None, quarters=None, population=None, as_at=None,
        config=None, years=None, months=None):
    """Load DIR and return (rows, data). Used by the CLI and by the tests. `config` is a
    Config, or the path of a careboard TOML file; arguments given here win over it.

    The window (definitions, "Window"; decisions D10, D12): `window_end` (else the config's)
    names its last quarter, which may be any quarter; without one it ends at the last quarter
    4 on or before the data-as-at date. Its length is `quarters`, else 4 x `years`, else the
    config's quarters, else 4 x its years, else 12 (3 years). `months` (True / False; None:
    the config's `[window] months`, else off) adds every calendar month (decision D24)."""
    if isinstance(config, (str, os.PathLike)):
        config = read_config(config)
    cfg = config or Config()
    area_code = area_code or cfg.area_code or DEFAULT_AREA_CODE
    population = population if population is not None else cfg.population
    window_end = window_end or cfg.window_end
    n_quarters = window_size(quarters, years, cfg.quarters, cfg.years)
    as_at = as_at or cfg.as_at
    months = bool(months if months is not None else cfg.months)
    data = load(data_dir)
    if window_end:
        last = parse_quarter(window_end)
    else:
        last = last_year_end_on_or_before(as_at or data_as_at(data))
    rows = compute_measures(data, area_code, window_quarters(last, n_quarters), population, cfg,
                            months)
    if not data.has_reviews:  # decision D43
        rows = [r for r in rows if not r[3].startswith("reviews_")]
    return rows, data


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="folder with the 903 CSV files")
    ap.add_argument("--config", help="careboard TOML config ([escalations], [authority] ...)")
    ap.add_argument("--area-code", help="default: the config's authority.code, else E00000000")
    ap.add_argument("--window-end", help='last quarter of the window, e.g. "2024-25 Q4"')
    ap.add_argument("--quarters", type=int,
                    help="number of quarters (wins over --years); default: the config's, "
                         "else 4 x years")
    ap.add_argument("--years", type=int,
                    help=f"number of financial years, {MIN_YEARS} to {MAX_YEARS}; default: the "
                         f"config's [window] years, else {DEFAULT_YEARS}")
    ap.add_argument("--population", help="the authority's 0-17 population (for the rate)")
    ap.add_argument("--as-at", help="data-as-at date, used when --window-end is not given")
    ap.add_argument("--months", action=argparse.BooleanOptionalAction, default=None,
                    help="also count every calendar month of the window (default: the "
                         "config's [window] months, else off)")
    ap.add_argument("--out", help="output file (default: standard output)")
    ap.add_argument("--quiet", action="store_true", help="do not print warnings")
    args = ap.parse_args(argv)

    population = Fraction(args.population) if args.population else None
    as_at = parse_date(args.as_at) if args.as_at else None
    if args.years is not None:
        check_years(args.years)
    rows, data = run(args.data, args.area_code, args.window_end, args.quarters, population, as_at,
                     args.config, args.years, args.months)
    if not args.quiet:
        for w in data.warnings[:50]:
            print("warning:", w, file=sys.stderr)
        if len(data.warnings) > 50:
            print(f"warning: ... {len(data.warnings) - 50} more", file=sys.stderr)
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as fh:
            write_measures(rows, fh)
    else:
        buf = io.StringIO()
        write_measures(rows, buf)
        sys.stdout.write(buf.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
