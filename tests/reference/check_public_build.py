"""Builds a site in the default (public) profile and runs check_disclosure.py on it, and with
--attack also attack_disclosure.py (the reader who solves everything published at once).

  python3 check_public_build.py --careboard BIN (--config FILE | --synth "OPTIONS") [--attack]
                                [--earlier-edition-end QUARTER]

With --earlier-edition-end, an earlier edition is built first from the same data with its window
ending at QUARTER ("2024-25 Q3"), and the site is built with --previous naming it; the attacker
then reads both.
"""
import argparse
import os
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
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [args.careboard, "build", "--quiet", "--out", os.path.join(tmp, "site")]
        if args.synth:
            data = os.path.join(tmp, "data")
            subprocess.run([args.careboard, "synth", "--out", data] + shlex.split(args.synth), check=True,
                           stdout=subprocess.DEVNULL)
            cmd += ["--data", data]
        if args.config:
            cmd += ["--config", args.config]
        earlier = os.path.join(tmp, "earlier")
        if args.earlier_edition_end:
            config = os.path.join(tmp, "earlier.toml")
            with open(config, "w", encoding="utf-8") as fh:
                fh.write(f'[window]\nend = "{args.earlier_edition_end}"\n')
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
            status = subprocess.run(attack).returncode or status
        return status


if __name__ == "__main__":
    sys.exit(main())
