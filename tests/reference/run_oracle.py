"""Builds a site with careboard and checks its measures.csv against the independent reference
implementation (measures_reference.py), row for row and value for value.

  python3 run_oracle.py --careboard BIN --data DIR --area-code CODE [--population N]
                        [--synth "--children 3000 --seed 7"] [--require-data]
  python3 run_oracle.py --careboard BIN --data DIR --config careboard.toml [--area-code CODE]
                        [--require-data]

With --synth the data are first written by `careboard synth` into a temporary folder. With
--only SUFFIX, only the files of DIR whose names end in SUFFIX (".csv", ".xml") are copied into a
temporary folder and checked (a folder holding one export in both forms). A data
folder that does not exist is reported and the check is skipped (exit 0), unless
--require-data is given.

Without --config careboard is given a minimal config naming the area (and population). With
--config careboard builds with that config (and --data), and the reference reads the same file:
its [escalations] route types and display orders, [authority] code and population_0_17, and any
[window] / [data] as_at. --area-code and --population, when given as well, are passed to the
reference only (they override the config there), so they should agree with the config.
Either way careboard builds the board profile: the figures as counted, before disclosure control.
"""
import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--careboard", required=True)
    ap.add_argument("--data")
    ap.add_argument("--area-code")
    ap.add_argument("--config", help="a careboard TOML config for both careboard and the reference")
    ap.add_argument("--population")
    ap.add_argument("--synth")
    ap.add_argument("--require-data", action="store_true")
    ap.add_argument("--only", help="check only the files of --data whose names end in this")
    args = ap.parse_args()
    if not args.config and not args.area_code:
        ap.error("--area-code is required without --config")

    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if args.synth:
            data = os.path.join(tmp, "data")
            subprocess.run([args.careboard, "synth", "--out", data] + shlex.split(args.synth), check=True,
                           stdout=subprocess.DEVNULL)
        if not data or not os.path.isdir(data):
            if args.require_data:
                print(f"data folder not found: {data}")
                return 1
            print(f"SKIPPED: data folder {data} is absent (../shared is not beside this checkout)")
            return 0
        if args.only:
            only = os.path.join(tmp, "only")
            os.mkdir(only)
            for name in sorted(os.listdir(data)):
                if name.lower().endswith(args.only) and os.path.isfile(os.path.join(data, name)):
                    shutil.copyfile(os.path.join(data, name), os.path.join(only, name))
            data = only
        if args.config:
            if not os.path.isfile(args.config):
                print(f"config file not found: {args.config}")
                return 1
            config = os.path.abspath(args.config)
        else:
            config = os.path.join(tmp, "careboard.toml")
            with open(config, "w", encoding="utf-8") as f:
                f.write("[authority]\nname = \"Reference check\"\ncode = \"%s\"\n" % args.area_code)
                if args.population:
                    f.write("population_0_17 = %s\n" % args.population)
        site = os.path.join(tmp, "site")
        # The board profile: the figures as counted, before disclosure control hides small ones.
        built = subprocess.run([args.careboard, "build", "--config", config, "--data", data, "--out", site,
                                "--quiet", "--profile", "board"], capture_output=True, text=True)
        if built.returncode != 0:
            print("careboard build failed:\n" + built.stderr)
            return 1
        reference = os.path.join(tmp, "reference.csv")
        cmd = [sys.executable, os.path.join(HERE, "measures_reference.py"), "--data", data,
               "--out", reference, "--quiet"]
        if args.config:
            cmd += ["--config", config]
        if args.area_code:
            cmd += ["--area-code", args.area_code]
        if args.population:
            cmd += ["--population", args.population]
        subprocess.run(cmd, check=True)
        # The authority's own rows only: rows for other areas are published benchmark figures
        # (docs/benchmarks.md), read from the DfE's files, not counted from the 903.
        built_measures = os.path.join(site, "data", "measures.csv")
        own_measures = os.path.join(tmp, "own-measures.csv")
        with open(built_measures, encoding="utf-8-sig", newline="") as fh:
            lines = fh.read().splitlines(keepends=True)
        data_lines = [l for l in lines if not l.startswith("#")]
        area = data_lines[1].split(",", 1)[0] if len(data_lines) > 1 else None
        with open(own_measures, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(l for l in lines if l.startswith("#") or l == data_lines[0] or l.split(",", 1)[0] == area)
        compared = subprocess.run([sys.executable, os.path.join(HERE, "compare_measures.py"), reference,
                                   own_measures], capture_output=True, text=True)
        print(compared.stdout, end="")
        print(compared.stderr, end="", file=sys.stderr)
        return compared.returncode


if __name__ == "__main__":
    sys.exit(main())
