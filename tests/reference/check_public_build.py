"""Builds a site in the default (public) profile and runs check_disclosure.py on it, and with
--attack also attack_disclosure.py (the reader who solves everything published at once).

  python3 check_public_build.py --careboard BIN (--config FILE | --synth "OPTIONS") [--attack]
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
        built = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
        if built.returncode != 0:
            print("careboard build failed:\n" + built.stderr)
            return 1
        status = subprocess.run([sys.executable, os.path.join(HERE, "check_disclosure.py"),
                                 os.path.join(tmp, "site")]).returncode
        if args.attack:
            status = subprocess.run([sys.executable, os.path.join(HERE, "attack_disclosure.py"),
                                     os.path.join(tmp, "site")]).returncode or status
        return status


if __name__ == "__main__":
    sys.exit(main())
