#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/) and dictionaries
(tests/fuzz/dict/<target>.dict) from careboard's own fictional sample-data/ (docs/fuzzing.md).

Seeds are kept small (a dozen children, a few DfE areas) so that each run of a target is quick;
the fuzzer grows them. Run it again after sample-data/ or the 903 code lists change, and commit
what it writes:

    python3 tests/fuzz/make_corpus.py --careboard build/careboard

--careboard is the built binary, used once to write a measures.csv from the seed data.
"""
import argparse
import csv
import io
import pathlib
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ElementTree

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample-data"
FUZZ = ROOT / "tests" / "fuzz"
YEARS = ["2023", "2024", "2025"]
CHILDREN = 12          # children of the latest return kept in the seeds
ESCALATIONS = 16       # escalation rows kept a year
AREAS = {"E92000001", "E12999991", "E06999999", "E06999901"}


def read(path):
    return path.read_text(encoding="utf-8-sig")


def rows_of(text):
    return list(csv.reader(io.StringIO(text)))


def to_csv(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def part(name, text):
    return f"==> {name} <==\n{text}"


def keep_children(text, children):
    rows = rows_of(text)
    col = rows[0].index("CHILD")
    return to_csv([rows[0]] + [r for r in rows[1:] if r[col] in children])


def keep_areas(text, years):
    rows = rows_of(text)
    h = rows[0]
    level, region, la, period = (h.index(c) for c in ("geographic_level", "region_code", "new_la_code", "time_period"))
    kept = [rows[0]]
    for r in rows[1:]:
        if r[period] not in years:
            continue
        if r[level] == "National" or (r[level] == "Regional" and r[region] in AREAS) or r[la] in AREAS:
            kept.append(r)
    return to_csv(kept)


def write(target, name, text):
    folder = FUZZ / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        (folder / name).write_bytes(text)
    else:
        (folder / name).write_text(text, encoding="utf-8", newline="")


COLUMNS = {"header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
           "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
           "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]}


def xml_return(year):
    """The sample's XML return of `year`, when it has one (its text)."""
    found = sorted((SAMPLE / year).glob("*.xml"))
    return read(found[0]) if found else None


def table_text(year, table):
    """A return's table as CSV text: its CSV file, or the rows of its XML return."""
    xml = xml_return(year)
    if xml is None:
        return read(SAMPLE / year / f"{table}.csv")
    rows = [COLUMNS[table]]
    for child in ElementTree.fromstring(xml).findall("CHILD"):
        header = child.find("HEADER")
        get = lambda e, n: (e.findtext(n) or "") if e is not None else ""  # noqa: E731
        child_id = get(header, "CHILDID")
        if table == "header":
            rows.append([child_id] + [get(header, c) for c in COLUMNS["header"][1:]])
        elif table == "episodes":
            for e in child.findall("EPISODE"):
                rows.append([child_id] + [get(e, "PL" if c == "PLACE" else c) for c in COLUMNS["episodes"][1:]])
        else:
            for r in header.findall("AREVIEW"):
                rows.append([child_id, get(header, "DOB"), get(r, "REVIEW"), get(r, "REVIEW_CODE")])
    return to_csv(rows)


def xml_keep_children(xml, children):
    """The XML return with only the <CHILD> elements of `children`, as careboard's generator lays it out."""
    head, _, rest = xml.partition("  <CHILD>\n")
    blocks = ("  <CHILD>\n" + rest).split("  </CHILD>\n")
    tail = blocks.pop()
    kept = [b + "  </CHILD>\n" for b in blocks if re.search(r"<CHILDID>([^<]*)</CHILDID>", b).group(1) in children]
    return head + "".join(kept) + tail


# XML returns careboard must reject or read with care, each small.
XML_SEEDS = {
    "doctype.xml": '<?xml version="1.0"?>\n<!DOCTYPE EXPSSDA903 [<!ENTITY a "aaaaaaaaaa">]>\n<EXPSSDA903>&a;</EXPSSDA903>\n',
    "wrong-root.xml": '<?xml version="1.0"?>\n<CLA><CHILD><HEADER><CHILDID>1</CHILDID></HEADER></CHILD></CLA>\n',
    "not-closed.xml": '<?xml version="1.0"?>\n<EXPSSDA903>\n  <CHILD>\n    <HEADER>\n      <CHILDID>1</CHILDID>\n',
    "childid-beside-header.xml":
        '<EXPSSDA903><CHILD><CHILDID>7</CHILDID><HEADER><SEX>1</SEX><DOB>1/2/2010</DOB><ETHNIC>WBRI</ETHNIC>'
        '<AREVIEW><REVIEW>2024-01-05 00:00:00</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW></HEADER>'
        '<EPISODE><DECOM>01/04/2023</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL>'
        '<PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC/><REC/></EPISODE></CHILD></EXPSSDA903>',
    "other-tables.xml":
        '<EXPSSDA903><CHILD><HEADER><CHILDID>5</CHILDID><DOB>01/06/2006</DOB><UASC>1</UASC><DUC>01/06/2024</DUC>'
        '<IN_TOUCH>YES</IN_TOUCH><ACTIV>G6</ACTIV><ACCOM>S1</ACCOM><DATE_INT>01/05/2023</DATE_INT>'
        '<DATE_MATCH>x</DATE_MATCH><AMISSING><MISSING>M</MISSING><MIS_START>02/02/2024</MIS_START>'
        '<MIS_END>01/02/2024</MIS_END></AMISSING><AMISSING><MISSING>Q</MISSING><MIS_START>02/02/2024</MIS_START>'
        '</AMISSING><OC2><SDQ_SCORE>41</SDQ_SCORE><CONVICTED>2</CONVICTED><HEALTH_ASSESSMENT>1</HEALTH_ASSESSMENT>'
        '</OC2><OC2><SDQ_SCORE>7</SDQ_SCORE></OC2><AD_PLACED><DATE_PLACED>01/07/2023</DATE_PLACED>'
        '<DATE_PLACED_CEASED>01/06/2023</DATE_PLACED_CEASED></AD_PLACED><PERMANENCE><PREV_PERM>P9</PREV_PERM>'
        '</PERMANENCE></HEADER><EPISODE><DECOM>01/04/2022</DECOM><RNE>S</RNE><LS>C2</LS><PL>U4</PL></EPISODE>'
        '</CHILD></EXPSSDA903>\n',
    "bad-values.xml":
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<EXPSSDA903>\n<CHILD><HEADER><SEX>9</SEX><DOB>31/02/2010</DOB>'
        '<ETHNIC>W\xe9</ETHNIC></HEADER><EPISODE><DECOM>2023-04-01 09:30</DECOM><PL>ZZ</PL><DEC>01/01/2020</DEC>'
        '<REC>E11</REC></EPISODE><EPISODE><DECOM><![CDATA[01/04/2023]]></DECOM><LS>C2<X>C1</X></LS></EPISODE>'
        '</CHILD>\n<CHILD><HEADER><CHILDID>  8 </CHILDID><CHILDID>9</CHILDID></HEADER><AREVIEW><REVIEW>x</REVIEW>'
        '</AREVIEW></CHILD>\n</EXPSSDA903>\n'.encode("latin-1"),  # Latin-1 bytes, as declared
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--careboard", required=True, help="the built careboard binary")
    args = parser.parse_args()
    shutil.rmtree(FUZZ / "corpus", ignore_errors=True)

    latest = rows_of(table_text(YEARS[-1], "header"))
    children = {r[0] for r in latest[1:CHILDREN + 1]}
    tables = {(y, t): keep_children(table_text(y, t), children)
              for y in YEARS for t in ("header", "episodes", "reviews")}
    logs = {}
    for y in YEARS:
        rows = rows_of(read(SAMPLE / y / "escalations.csv"))
        mine = [r for r in rows[1:] if r[1] in children]
        others = [r for r in rows[1:] if r[1] not in children]
        logs[y] = to_csv([rows[0]] + (mine + others)[:ESCALATIONS])
    staffing = read(SAMPLE / "iro_staffing.csv")
    config = read(SAMPLE / "careboard.toml")
    ees_files = {
        "rates": "cla_number_and_rate_per_10k_children.csv",
        "started": "la_cla_who_started_to_be_looked_after.csv",
        "ceased": "la_children_who_ceased_during_the_year.csv",
        "placement_stability": "la_cla_placement_stability.csv",
        "new_placements": "la_cla_during_year_new_placements.csv",
        "health": "la_conviction_health_outcome_cla.csv",
        "care_leavers_activity": "la_care_leavers_activity.csv",
        "care_leavers_accommodation": "la_care_leavers_accommodation_suitability.csv",
        "missing": "la_children_who_were_missing_or_away.csv",
        "social_workers": "la_cla_swcount.csv",
        "population": "ons_mid-year_population_estimates.csv",
    }
    ees = {kind: keep_areas(read(SAMPLE / "ees" / f), {"2024"}) for kind, f in ees_files.items()}
    neighbour_model = read(SAMPLE / "ees" / "sn_model_wide.csv")
    three_years = "".join(part(f"{y}/{t}.csv", tables[(y, t)]) for y in YEARS for t in ("header", "episodes", "reviews"))

    # csv_table: each kind of file careboard reads, alone.
    for t in ("header", "episodes", "reviews"):
        write("csv_table", f"{t}.csv", tables[(YEARS[-1], t)])
    write("csv_table", "escalations.csv", logs[YEARS[-1]])
    write("csv_table", "iro_staffing.csv", staffing)
    write("csv_table", "rates.csv", ees["rates"])

    # ssda903: three stitched returns, one undated return, and each table alone.
    write("ssda903", "three-returns", three_years)
    write("ssda903", "undated-return",
          "".join(part(f"{t}.csv", tables[(YEARS[-1], t)]) for t in ("header", "episodes", "reviews")))
    for t in ("header", "episodes", "reviews"):
        write("ssda903", f"{t}-alone.csv", tables[(YEARS[-1], t)])

    # xml903: the sample's XML return, cut to the seed children, and XML careboard must refuse
    # or read with care (a DOCTYPE, another root, a document cut short, CHILDID beside the
    # header, Latin-1 text, CDATA, times of day, bad dates and codes).
    xml_years = [y for y in YEARS if xml_return(y) is not None]
    for y in xml_years:
        write("xml903", f"ssda903_{y}.xml", xml_keep_children(xml_return(y), children))
    for name, text in XML_SEEDS.items():
        write("xml903", name, text)
    # ssda903: a return as XML between two CSV returns.
    if xml_years:
        y = xml_years[0]
        write("ssda903", "xml-return-between-csv-returns",
              "".join(part(f"{x}/{t}.csv", tables[(x, t)]) for x in YEARS if x != y for t in ("header", "episodes", "reviews"))
              + part(f"{y}/ssda903_{y}.xml", xml_keep_children(xml_return(y), children)))

    # escalations: logs of three returns with their header tables and staffing; a log alone.
    write("escalations", "three-logs",
          "".join(part(f"{y}/header.csv", tables[(y, "header")]) + part(f"{y}/escalations.csv", logs[y]) for y in YEARS)
          + part("iro_staffing.csv", staffing))
    write("escalations", "log-alone.csv", logs[YEARS[-1]])
    write("escalations", "staffing-alone.csv", staffing)

    # config: the sample's own, and the settings it leaves out.
    write("config", "sample.toml", config)
    write("config", "window.toml", '[data]\nas_at = 2025-03-31\n\n[window]\nend = "2024-25 Q4"\nyears = 3\nmonths = true\n\n'
          '[output]\nprofile = "board"\nstrict = true\ntitle = "Trends"\ndir = "out"\n\n'
          '[disclosure]\nsmallest_shown = 10\nmin_denominator = 20.5\n')
    write("config", "strings.toml", '[authority]\nname = "Borough"\ncode = "E06000015"\n\n[data]\ndir = "returns"\n'
          'as_at = "31/03/2024"\n\n[window]\nquarters = 8\n\n[benchmarks]\nauthority = "831"\n'
          'rates = ["a.csv", "b.csv"]\n')

    write("config", "authorities.toml", '[authorities]\nname = "South London"\nkeep_going = true\n'
          'include = [ { la = "Southwark", code = "E09000028" }, { dir = "bromley", name = "Bromley" },\n'
          '            { la = "Kingston upon Hull, City of" } ]\n')

    # ees: each file alone (named by its kind), and all five with the sample's config.
    for kind, text in ees.items():
        write("ees", f"{kind}", part(f"ees/{kind}.csv", text))
    write("ees", "all-with-config", part("careboard.toml", config) +
          "".join(part(f"ees/{kind}.csv", text) for kind, text in ees.items()))
    write("ees", "neighbour-model", part("ees/neighbour_model.csv", neighbour_model) +
          "".join(part(f"ees/{kind}.csv", text) for kind, text in ees.items() if kind in ("rates", "health")))

    # commentary: what a manager writes, and what must not get through.
    write("commentary", "summary.md", "# Summary\n\nThe service *grew* this year: see the [guide](https://example.org/guide)."
          "\n\n- reviews on time\n- \"participation\" -- up\n\n## Next year\n\n1. recruit\n2. train\n")
    write("commentary", "hostile.md", "<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
          "![i](data:image/png;base64,AAAA) {{site_title}} <b>bold</b>\n\n```js\ncode {}\n```\n")
    write("commentary", "links.md", "[png](data:image/png;base64,AAAA) [html](DATA:text/html,x) ![js](javascript:x) "
          "<https://example.org> [ref]\n\n[ref]: vbscript:x \"title\"\n")
    write("commentary", "bom-and-quotes.md", "\ufeff> a quote\n\nSetext\n======\n\n    indented\n\n***\n\n'single' \"double\"\n")

    # measures_csv and pipeline need careboard's own measures.csv for the seed data.
    with tempfile.TemporaryDirectory() as tmp:
        data = pathlib.Path(tmp) / "data"
        for (y, t), text in tables.items():
            (data / y).mkdir(parents=True, exist_ok=True)
            (data / y / f"{t}.csv").write_text(text)
        (pathlib.Path(tmp) / "careboard.toml").write_text('[authority]\ncode = "E06999999"\n[data]\ndir = "data"\n'
                                                         '[output]\nprofile = "board"\n')
        subprocess.run([args.careboard, "build", "--quiet", "--config", f"{tmp}/careboard.toml", "--out", f"{tmp}/site"],
                       check=True, stdout=subprocess.DEVNULL)
        lines = (pathlib.Path(tmp) / "site" / "data" / "measures.csv").read_text().splitlines(keepends=True)
    header = [l for l in lines if not l.startswith("#")][0]
    keep = ("looked_after,", "started,", "ceased,", "looked_after_by_legal_status,", "reviews_in_timescale")
    rows = [l for l in lines[1:] if not l.startswith("#") and l.split(",")[3].startswith(keep)]
    measures = "# notes start with '#'\n" + header + "".join(rows)
    write("measures_csv", "measures.csv", measures)
    write("measures_csv", "yearly.csv", header + "".join(l for l in rows if l.split(",")[1].endswith("-04-01")
                                                        and l.split(",")[2].endswith("-03-31")))

    # pipeline: the whole demo in small, and a build from a measures.csv.
    write("pipeline", "demo", part("careboard.toml", config) + three_years +
          "".join(part(f"{y}/escalations.csv", logs[y]) for y in YEARS) + part("iro_staffing.csv", staffing) +
          "".join(part(f"ees/{kind}.csv", text) for kind, text in ees.items()) +
          part("commentary/summary.md", "# Summary\n\nA *good* year.\n"))
    write("pipeline", "board-by-month", part("careboard.toml", '[authority]\ncode = "E06999999"\n[window]\nmonths = true\n'
                                             '[output]\nprofile = "board"\n') + three_years)
    write("pipeline", "from-measures", part("careboard.toml", '[authority]\ncode = "E06999999"\n') +
          part("measures.csv", measures))

    write_dictionaries()


def quoted(word):
    """A libFuzzer dictionary entry: printable ASCII as is, \\ and \" escaped, every other byte as \\xNN."""
    out = ""
    for byte in word.encode("utf-8"):
        c = chr(byte)
        if c in '\\"':
            out += "\\" + c
        elif 0x20 <= byte < 0x7F:
            out += c
        else:
            out += f"\\x{byte:02X}"
    return '"' + out + '"'


def write_dictionaries():
    codes = sorted(set(re.findall(r'Code\{"([^"]+)"', (ROOT / "src" / "ingest" / "codes.cpp").read_text())))
    columns_903 = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB", "DECOM", "RNE", "LS", "CIN", "PLACE",
                   "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN", "REVIEW",
                   "REVIEW_CODE"]
    columns_escalations = ["ESCALATION_ID", "RAISED", "ROUTE", "STAGE", "THEME", "TEAM", "RESOLVED", "RESOLVED_LEVEL",
                           "OUTCOME", "DATE", "FTE", "cafcass"]
    markers = ["==> ", " <==", "==> 2024/header.csv <==\n", "==> 2024/episodes.csv <==\n", "==> 2024/reviews.csv <==\n",
               "==> 2023/episodes.csv <==\n", "==> 2024/escalations.csv <==\n", "==> iro_staffing.csv <==\n",
               "==> careboard.toml <==\n", "==> measures.csv <==\n", "==> ees/rates.csv <==\n",
               "==> commentary/summary.md <==\n"]
    csv_syntax = [",", '"', '""', "\r\n", "\n", "\ufeff", " ", "\t", "31/03/2024", "2024-03-31", "29/02/2024",
                  "01/04/2023", "31/12/1899", "01/01/2201", "0"]
    ees_words = ["time_period", "geographic_level", "country_code", "region_code", "region_name", "old_la_code",
                 "la_name", "new_la_code", "population_type", "population_estimate", "children_count",
                 "rate_per_10000", "cla_group", "characteristic", "breakdown", "placement_stability", "number",
                 "percentage", "children_percent", "National", "Regional", "Local authority", "E92000001",
                 "E06999999", "831", "202324", "c", "x", "z", "k", "u", "low", "1,234",
                 "Children looked after on 31 March each year", "Category of need", "Legal status",
                 "Reason episode ceased", "CLA on 31 March", "With 3 or more placements during the year",
                 "Location of new placements during the year", "Total", "Adopted", "care_leaver_age",
                 "care_leaver_count", "care_leaver_percent", "17 to 18 years", "19 to 21 years", "sw_stability",
                 "age_group", "Children aged 0 to 17 years", "CLA_group", "SDQ average score",
                 "Health assessments: Children looked after all ages", "Total all ages",
                 "Total in education, employment or training", "Accommodation considered suitable",
                 "Children who had a missing incident during the year", "old_la_code,la_name,SN_1,SN_2",
                 "LA num,SN1,SN2", "==> ees/neighbour_model.csv <==\n"]
    toml_words = ["[authority]", "[data]", "[window]", "[output]", "[disclosure]", "[escalations]", "[targets]",
                  "[benchmarks]", "name", "code", "population_0_17", "source", "contact", "dir", "as_at", "end",
                  "quarters", "years", "months", "title", "strict", "profile", "smallest_shown", "min_denominator",
                  "route_types", "themes", "levels", "outcomes", "teams", "authority", "neighbours", "rates",
                  "started", "ceased", "placement_stability", "new_placements", "public", "board", "informal",
                  "formal", "alert", "good_practice", "\"2024-25 Q4\"", "2025-03-31", "0000-01-01", "9999-12-31",
                  "true", "false", " = ", "[", "]", "{", "}", "\"", "'", "\n", "[authorities]", "include",
                  "keep_going", "la", "\"all\""]
    measure_words = ["area_code", "period_start", "period_end", "measure", "category", "value", "looked_after",
                     "started", "ceased", "reviews_in_timescale_percent", "looked_after_by_legal_status", "Total",
                     "2024-01-01", "2024-03-31", "2023-04-01", "2024-04-30", "#", "c", "x", "1.5", "1e308", "nan"]
    markdown_words = ["#", "##", "######", "*", "_", "**", "`", "```", "~~~", "> ", "- ", "1. ", "[", "](", ")",
                      "![", "<", ">", "<script>", "<!--", "-->", "javascript:", "JaVaScRiPt:", "vbscript:", "file:",
                      "data:", "data:image/png;base64,", "data:text/html,", "&#106;", "&colon;", "{{", "}}", "\\",
                      "\n\n", "    ", "---", "===", "\"", "'", "--", "..."]
    xml_words = ["<EXPSSDA903>", "</EXPSSDA903>", "<CHILD>", "</CHILD>", "<HEADER>", "</HEADER>", "<EPISODE>",
                 "</EPISODE>", "<AREVIEW>", "</AREVIEW>", "<CHILDID>", "</CHILDID>", "<PL>", "</PL>", "<DECOM>",
                 "<DEC>", "<DEC/>", "<REVIEW>", "<REVIEW_CODE>", "<SEX>", "<DOB>", "<ETHNIC>", "<LS>", "<REC>",
                 "<OC2>", "<AMISSING>", "<UASC/>", "<UASC>1</UASC>", "<DUC>", "<MISSING>", "<MIS_START>",
                 "<MIS_END>", "<SDQ_SCORE>", "<CONVICTED>", "<HEALTH_CHECK>", "<SUBSTANCE_MISUSE>", "<IN_TOUCH>",
                 "<ACTIV>", "<ACCOM>", "<DATE_INT>", "<DATE_MATCH>", "<AD_PLACED>", "<DATE_PLACED>", "<PERMANENCE>",
                 "<PREV_PERM>", '<?xml version="1.0" encoding="UTF-8"?>',
                 '<?xml version="1.0" encoding="ISO-8859-1"?>', '<?xml version="1.0" encoding="UTF-16"?>',
                 '<?xml version="1.0" encoding="windows-1252"?>',
                 "<!DOCTYPE EXPSSDA903>", '<!ENTITY a "b">', "&a;", "&amp;", "&lt;", "&#65;", "&#x0;",
                 "<![CDATA[", "]]>", "<!-- -->", "<?pi?>", "/>", "</", "<", ">", "=", '"', "xmlns=\"urn:x\"",
                 "2024-01-05 00:00:00", "3/1/2021", "03/01/2021 00:00", "2024-01-05T09:30:00"]
    sets = {
        "csv_table": columns_903 + columns_escalations + csv_syntax,
        "xml903": xml_words + codes + csv_syntax[8:],
        "ssda903": columns_903 + codes + csv_syntax + markers,
        "escalations": columns_903 + columns_escalations + csv_syntax + markers + ["Informal resolution", "Recording"],
        "config": toml_words,
        "ees": ees_words + csv_syntax + markers + toml_words[:8],
        "measures_csv": measure_words + csv_syntax,
        "commentary": markdown_words,
        "pipeline": columns_903 + columns_escalations + codes + csv_syntax + markers + toml_words[:8],
    }
    folder = FUZZ / "dict"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, words in sets.items():
        lines = [f"# {name}: written by tests/fuzz/make_corpus.py"]
        seen = set()
        for w in words:
            if w not in seen:
                seen.add(w)
                lines.append(quoted(w))
        (folder / f"{name}.dict").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
