"""Builds a site of several authorities with careboard and checks each authority's rows of its
data/measures.csv against the independent reference implementation (measures_reference.py) run
on that authority's rows alone.

  python3 run_authorities_oracle.py --careboard BIN --data DIR [--config careboard.toml]
  python3 run_authorities_oracle.py --careboard BIN --synth "--authorities 5 --children 2000 --seed 3"

The data are pooled 903 CSV files with an LA column (a regional pool's, or `careboard synth
--authorities N`'s). careboard builds them with the config given (with --synth, the one the
generator writes; without either, `[authorities] include = "all"`). The check splits every CSV
file by its LA column into a folder per authority (files without one are copied whole), runs the
reference on each folder, and compares its rows with careboard's rows of that authority's code.
Each authority's code is as docs/authorities.md says: an LA value that is an area code is its
code; any other is lower-cased, with each run of other characters than letters and digits as one
'-'. A data folder that does not exist is reported and the check is skipped (exit 0).
careboard builds the board profile: the figures as counted, before disclosure control.
"""
import argparse
import csv
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def folder_code(la):
    la = la.strip()
    if re.fullmatch(r"[EW]\d{8}", la):
        return la
    return re.sub(r"[^a-z0-9]+", "-", la.lower()).strip("-")


def csv_files(data):
    for root, _dirs, files in os.walk(data):
        for name in sorted(files):
            if name.lower().endswith(".csv"):
                yield os.path.relpath(os.path.join(root, name), data)


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def split_by_la(data, out):
    """Writes out/<LA key>/... for every LA value; returns {key: value as first written}."""
    tables = {}
    values = {}
    for rel in csv_files(data):
        rows = read_rows(os.path.join(data, rel))
        tables[rel] = rows
        if not rows:
            continue
        header = [h.strip().upper() for h in rows[0]]
        if "LA" in header:
            i = header.index("LA")
            for r in rows[1:]:
                if i < len(r):
                    values.setdefault(r[i].strip().lower(), r[i].strip())
    for key in values:
        for rel, rows in tables.items():
            path = os.path.join(out, key, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, lineterminator="\n")
                if not rows:
                    continue
                header = [h.strip().upper() for h in rows[0]]
                w.writerow(rows[0])
                i = header.index("LA") if "LA" in header else None
                for r in rows[1:]:
                    if i is None or (i < len(r) and r[i].strip().lower() == key):
                        w.writerow(r)
    return values


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--careboard", required=True)
    ap.add_argument("--data")
    ap.add_argument("--config")
    ap.add_argument("--synth")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data, config = args.data, args.config
        if args.synth:
            data = os.path.join(tmp, "data")
            subprocess.run([args.careboard, "synth", "--out", data] + shlex.split(args.synth), check=True,
                           stdout=subprocess.DEVNULL)
            config = os.path.join(data, "careboard.toml")
        if not data or not os.path.isdir(data):
            print(f"SKIPPED: data folder {data} is absent (../shared is not beside this checkout)")
            return 0
        if not config:
            config = os.path.join(tmp, "careboard.toml")
            with open(config, "w", encoding="utf-8") as f:
                f.write('[authorities]\nname = "Pooled authorities"\ninclude = "all"\n')
        site = os.path.join(tmp, "site")
        built = subprocess.run([args.careboard, "build", "--config", config, "--data", data, "--out", site,
                                "--quiet", "--profile", "board"], capture_output=True, text=True)
        if built.returncode != 0:
            print("careboard build failed:\n" + built.stderr)
            return 1
        combined = read_rows(os.path.join(site, "data", "measures.csv"))
        split = os.path.join(tmp, "split")
        values = split_by_la(data, split)
        if len(values) < 2:
            print(f"the pooled files hold {len(values)} LA values, not several")
            return 1
        failures = 0
        for key, value in sorted(values.items()):
            code = folder_code(value)
            if not os.path.isfile(os.path.join(site, code, "index.html")):
                print(f"{value}: careboard wrote no pages under {code}/")
                failures += 1
                continue
            own = os.path.join(tmp, code + "-careboard.csv")
            with open(own, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(combined[0])
                rows = [r for r in combined[1:] if r and r[0] == code]
                w.writerows(rows)
            if not rows:
                print(f"{value}: the site's data/measures.csv has no rows of {code}")
                failures += 1
                continue
            reference = os.path.join(tmp, code + "-reference.csv")
            subprocess.run([sys.executable, os.path.join(HERE, "measures_reference.py"), "--data",
                            os.path.join(split, key), "--out", reference, "--quiet", "--area-code", code], check=True)
            compared = subprocess.run([sys.executable, os.path.join(HERE, "compare_measures.py"), reference, own],
                                      capture_output=True, text=True)
            print(f"{value} ({code}): " + compared.stdout.strip())
            if compared.returncode != 0:
                print(compared.stderr, end="", file=sys.stderr)
                failures += 1
        print(f"{len(values)} authorities, {failures} differ")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
