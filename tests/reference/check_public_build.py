"""Builds a site in the default (public) profile and runs check_disclosure.py on it, and with
--attack also attack_disclosure.py (the reader who solves everything published at once).

  python3 check_public_build.py --careboard BIN (--config FILE | --synth "OPTIONS") [--attack]
                                [--earlier-edition-end QUARTER] [--dfe]

With --dfe, the site is built with the DfE's files beside the data (with --synth, the generator's
ees/ folder, in which the authority is E06999999; a --config names its own files), and the
attacker reads them too.

With --earlier-edition-end, an earlier edition is built first from the same data with its window
ending at QUARTER ("2024-25 Q3"), and the site is built with --previous naming it; the attacker
then reads both.
"""
import argparse
import os
import tomllib
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--careboard", required=True)
    ap.add_argument("--config")
    ap.add_argument("--synth")
    ap.add_argument("--attack", action="store_true")
    ap.add_argument("--earlier-edition-end")
    ap.add_argument("--dfe", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [args.careboard, "build", "--quiet", "--out", os.path.join(tmp, "site")]
        if args.synth:
            data = os.path.join(tmp, "data")
            subprocess.run([args.careboard, "synth", "--out", data] + shlex.split(args.synth), check=True,
                           stdout=subprocess.DEVNULL)
            cmd += ["--data", data]
        base = ""  # the config the earlier edition adds its window to
        dfe = None  # (folder, authority) of the DfE's files the attacker reads
        if args.dfe and args.synth:
            if args.config:
                ap.error("--dfe with --synth writes its own config")
            # The generator's DfE files describe its authority as E06999999.
            files = {"rates": "cla_number_and_rate_per_10k_children.csv",
                     "started": "la_cla_who_started_to_be_looked_after.csv",
                     "ceased": "la_children_who_ceased_during_the_year.csv",
                     "placement_stability": "la_cla_placement_stability.csv",
                     "new_placements": "la_cla_during_year_new_placements.csv",
                     "health": "la_conviction_health_outcome_cla.csv",
                     "care_leavers_activity": "la_care_leavers_activity.csv",
                     "care_leavers_accommodation": "la_care_leavers_accommodation_suitability.csv",
                     "missing": "la_children_who_were_missing_or_away.csv",
                     "population": "ons_mid-year_population_estimates.csv"}
            base = '[authority]\nname = "Northfield (fictional)"\ncode = "E06999999"\n\n[benchmarks]\n' + \
                "".join(f'{k} = "data/ees/{v}"\n' for k, v in files.items())
            config = os.path.join(tmp, "dfe.toml")
            with open(config, "w", encoding="utf-8") as fh:
                fh.write(base)
            cmd += ["--config", config]
            dfe = (os.path.join(tmp, "data", "ees"), "E06999999")
        elif args.dfe and args.config:
            with open(args.config, "rb") as fh:
                conf = tomllib.load(fh)
            dfe = (os.path.join(os.path.dirname(os.path.abspath(args.config)), "ees"), conf["authority"]["code"])
        elif args.dfe:
            ap.error("--dfe needs --synth or --config")
        if args.config:
            cmd += ["--config", args.config]
        earlier = os.path.join(tmp, "earlier")
        if args.earlier_edition_end:
            if args.config:
                ap.error("--earlier-edition-end is for --synth")
            config = os.path.join(tmp, "earlier.toml")
            with open(config, "w", encoding="utf-8") as fh:
                fh.write(base + f'\n[window]\nend = "{args.earlier_edition_end}"\n')
            first = [args.careboard, "build", "--quiet", "--out", earlier, "--config", config] + \
                (["--data", os.path.join(tmp, "data")] if args.synth else [])
            built = subprocess.run(first, capture_output=True, text=True, cwd=tmp)
            if built.returncode != 0:
                print("careboard build of the earlier edition failed:\n" + built.stderr)
                return 1
            cmd += ["--previous", earlier]
        built = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
        if built.returncode != 0:
            print("careboard build failed:\n" + built.stderr)
            return 1
        status = subprocess.run([sys.executable, os.path.join(HERE, "check_disclosure.py"),
                                 os.path.join(tmp, "site")]).returncode
        if args.attack:
            attack = [sys.executable, os.path.join(HERE, "attack_disclosure.py"), os.path.join(tmp, "site")]
            if args.earlier_edition_end:
                attack += ["--previous", earlier]
            if dfe:
                attack += ["--dfe", dfe[0], "--dfe-authority", dfe[1]]
            status = subprocess.run(attack).returncode or status
        return status


if __name__ == "__main__":
    sys.exit(main())
