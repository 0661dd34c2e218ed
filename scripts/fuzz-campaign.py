#!/usr/bin/env python3
"""The damaged-file campaign of the reliability audit (RELIABILITY-AUDIT.md, section 1).

For every input path of the CLI (17 targets: `project` on full-rate, WPP,
trajectory and migration-pattern inputs, `multiregional` in four layouts,
`stable --matrix` / `--data`, `lifetable`), every file the run reads is damaged
in deterministic ways (encoding, quoting, rows and columns, the age grid, bad
values and keys, whole-file values, sizes) plus seeded random ones. The release
`popproj` runs on each damaged copy (20 s timeout, 4 GB address-space limit, a
fresh `--out` that does not exist yet), and each case is classified as the
audit does:

    crash              a signal, exit >= 128, "Fatal error" or a backtrace
    hang               more than 20 s
    refused_located    the first message line names the damaged file and a line or column
    refused_file       it names the damaged file only
    refused_unnamed    it does not name the damaged file
    accepted_nonsense  exit 0, but NaN/inf in an output or on stdout, or a negative count
                       in population, births, deaths, flows, stable or life-table outputs
    accepted_invalid   exit 0 for a damage that must be refused
    accepted_changed   exit 0 for a harmless damage (BOM, CRLF, quoting, comments, blank
                       lines, reordered columns...) but outputs differ from the undamaged run
                       (every output except SVGs and summary.json)
    accepted_ok        anything else that exits 0

and two flags: left_behind (the --out path exists after a refusal) and
partial_left (a `.partial-*` / `.old-*` folder or a lock left beside --out).

The base datasets are built from Tests/Fixtures (`--make-bases DIR` writes them
alone; scripts/fuzz.sh uses that for its libFuzzer targets). Nothing under
/work/shared is read.

    scripts/fuzz-campaign.py                 # everything (about 12,000 runs)
    scripts/fuzz-campaign.py --quick         # a subset, about 2 minutes
    scripts/fuzz-campaign.py --targets project_full_sx,lifetable_abridged
    scripts/fuzz-campaign.py --make-bases /tmp/bases

Prints the summary table (markdown) and writes results.json and the damaged
files of every crash, hang and nonsense case into the scratch folder
(`--scratch`, default a new temporary folder).
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures")
TIMEOUT = 20
MEMORY_LIMIT = 4 << 30
SEED = 20261202


# ---------------------------------------------------------------------------
# Base datasets (small copies of Tests/Fixtures, as the audit built them)

def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def write_lines(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def rows_of(path):
    """Header and rows (lists of fields) of a simple fixture CSV (no quoting)."""
    lines = [l for l in read_lines(path) if l and not l.startswith("#")]
    return lines[0].split(","), [l.split(",") for l in lines[1:]]


def write_rows(path, header, rows):
    write_lines(path, [",".join(header)] + [",".join(str(v) for v in r) for r in rows])


def filtered(src, dest, keep):
    header, rows = rows_of(src)
    write_rows(dest, header, [r for r in rows if keep(dict(zip(header, r)))])


def fmt(v):
    return repr(round(v, 10)) if v != int(v) else str(int(v))


def make_bases(dest, lean=False):
    """Writes the base datasets into `dest`; `lean` leaves out files the readers never read."""
    os.makedirs(dest, exist_ok=True)

    def copy_dataset(name, src, skip=lambda f: False):
        out = os.path.join(dest, name)
        os.makedirs(out, exist_ok=True)
        for f in sorted(os.listdir(src)):
            if f.endswith(".csv") and not skip(f):
                shutil.copy(os.path.join(src, f), os.path.join(out, f))
        return out

    # Sweden 1993, 5x5, Sx of life_table.csv.
    copy_dataset("sweden", os.path.join(FIXTURES, "sweden1993"), skip=lambda f: f.startswith("expected_"))

    # Canada 1x1 cut to 1950-52, mx.csv instead of life_table.csv (run with --survival recompute).
    src = os.path.join(FIXTURES, "canada1x1")
    out = os.path.join(dest, "canada_mx")
    years = {"1950", "1951", "1952"}
    for f in ["pop_base.csv", "mx.csv", "asfr.csv", "srb.csv", "mig_net_count.csv", "mig_parameter.csv"]:
        filtered(os.path.join(src, f), os.path.join(out, f), lambda r: r["year"] in years)

    # WPP 2017 cut to Sweden (752), with the estimation period (hist_*) and locations.csv.
    src = os.path.join(FIXTURES, "wpp2017")
    out = os.path.join(dest, "wpp752")
    unread = ("expected_", "locations.csv", "asfr.csv", "hist_asfr.csv")
    for f in sorted(os.listdir(src)):
        if not f.endswith(".csv") or (lean and f.startswith(unread)):
            continue
        filtered(os.path.join(src, f), os.path.join(out, f), lambda r: r.get("country_code") == "752")

    # 20 trajectories around the WPP medium paths of Sweden (seeded).
    rng = random.Random(SEED)
    _, tfr = rows_of(os.path.join(src, "tfr.csv"))
    _, mig = rows_of(os.path.join(src, "mig_net_total.csv"))
    tfr = {r[1]: float(r[2]) for r in tfr if r[0] == "752"}
    mig = {r[1]: float(r[2]) for r in mig if r[0] == "752"}
    years = sorted(tfr, key=int)
    channels = {"tfr.csv": lambda y: tfr[y] * (1 + 0.08 * rng.gauss(0, 1)),
                "e0_female.csv": lambda y: 84 + 0.08 * (int(y) - 2015) + rng.gauss(0, 0.8),
                "e0_male.csv": lambda y: 80.5 + 0.09 * (int(y) - 2015) + rng.gauss(0, 0.8),
                "mig_net_total.csv": lambda y: mig[y] * (1 + 0.3 * rng.gauss(0, 1))}
    for f, make in channels.items():
        write_rows(os.path.join(dest, "trajectories", f), ["trajectory", "year", "value"],
                   [[t, y, fmt(make(y))] for t in range(1, 21) for y in years])

    # A --migration-pattern file on Sweden's five-year grid (0..100+).
    pattern = []
    for sex, share in (("female", 0.48), ("male", 0.52)):
        for age in range(0, 101, 5):
            v = 0.002 + 0.02 * pow(2.718281828, -((age - 25) / 9) ** 2) + 0.004 * pow(2.718281828, -age / 5)
            pattern.append([sex, age, fmt(share * v)])
    write_rows(os.path.join(dest, "migration_pattern", "pattern.csv"), ["sex", "age", "value"], pattern)

    # Multiregional (Willekens & Rogers): counts, OD rates, out-migration rates + shares.
    src = os.path.join(FIXTURES, "multiregional")
    copy = lambda d, f: shutil.copy(os.path.join(src, f), os.path.join(d, f))
    flows = os.path.join(dest, "mr_flows")
    os.makedirs(flows, exist_ok=True)
    for f in ["pop_base.csv", "births.csv", "deaths.csv", "mig_flows.csv"]:
        copy(flows, f)
    ph, pr = rows_of(os.path.join(src, "pop_base.csv"))
    pop = {(r[1], r[2], r[3]): float(r[5]) for r in pr}
    dh, dr = rows_of(os.path.join(src, "deaths.csv"))
    bh, br = rows_of(os.path.join(src, "births.csv"))
    fh, fr = rows_of(os.path.join(src, "mig_flows.csv"))
    rate = lambda v, p: fmt(v / p) if p > 0 else "0"
    mx = [[r[0], r[1], r[2], r[3], r[4], rate(float(r[5]), pop[(r[1], r[2], r[3])])] for r in dr]
    asfr = [[r[0], r[1], r[2], r[3], rate(float(r[4]), pop[(r[1], "female", r[2])])] for r in br]
    od = [[r[0], r[1], r[2], r[3], r[4], r[5], rate(float(r[6]), pop[(r[1], r[3], r[4])])] for r in fr]
    for name in ["mr_rates", "mr_outmig"]:
        d = os.path.join(dest, name)
        os.makedirs(d, exist_ok=True)
        copy(d, "pop_base.csv")
        write_rows(os.path.join(d, "mx.csv"), dh, mx)
        write_rows(os.path.join(d, "asfr.csv"), bh, asfr)
    write_rows(os.path.join(dest, "mr_rates", "mig_rates.csv"), fh, od)
    out_rates = {}
    for r in od:
        key = (r[0], r[1], r[3], r[4], r[5])
        out_rates[key] = out_rates.get(key, 0.0) + float(r[6])
    write_rows(os.path.join(dest, "mr_outmig", "outmig_rates.csv"), ["year", "region", "sex", "age", "open_age", "value"],
               [[k[0], k[1], k[2], k[3], k[4], fmt(v)] for k, v in out_rates.items()])
    regions = list(dict.fromkeys(r[1] for r in pr))
    write_rows(os.path.join(dest, "mr_outmig", "destination_shares.csv"), ["origin", "destination", "value"],
               [[a, b, "1"] for a in regions for b in regions if a != b])
    write_rows(os.path.join(dest, "mr_outmig", "net_migration.csv"), ph,
               [[r[0], r[1], r[2], r[3], r[4], str((-1) ** i * 20 * (1 + i % 5))] for i, r in enumerate(pr)])

    # The county layout: Washington cut to the state and three counties.
    src = os.path.join(FIXTURES, "washington")
    out = os.path.join(dest, "county")
    lh, lr = rows_of(os.path.join(src, "locations.csv"))
    counties = [r[0] for r in lr if r[2] == "4"][:3]
    codes = {"53"} | set(counties)
    for f in sorted(os.listdir(src)):
        if not f.endswith(".csv"):
            continue
        header, _ = rows_of(os.path.join(src, f))
        if "reg_code" in header:
            filtered(os.path.join(src, f), os.path.join(out, f), lambda r: r["reg_code"] in codes)
        else:
            shutil.copy(os.path.join(src, f), os.path.join(out, f))

    # Matrices: a long file with one matrix, one with several (--name high), square files.
    out = os.path.join(dest, "matrix_long")
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(FIXTURES, "matrices", "whale.csv"), os.path.join(out, "whale.csv"))
    out = os.path.join(dest, "matrix_name")
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(FIXTURES, "matrices", "tortoise.csv"), os.path.join(out, "tortoise.csv"))
    header, rows = rows_of(os.path.join(FIXTURES, "matrices", "whale.csv"))
    n = 1 + max(int(r[header.index("to_index")]) for r in rows)
    names = [""] * n
    a = [["0"] * n for _ in range(n)]
    for r in rows:
        i, j = int(r[header.index("to_index")]), int(r[header.index("from_index")])
        a[i][j] = r[header.index("value")]
        names[i] = r[header.index("to_stage")]
    write_rows(os.path.join(dest, "matrix_square", "square_named.csv"), ["stage"] + names,
               [[names[i]] + a[i] for i in range(n)])
    write_lines(os.path.join(dest, "matrix_square", "square_plain.csv"), [",".join(row) for row in a])

    # Life tables: abridged (WPP Sweden 2015) and single years (Canada 1950).
    header, rows = rows_of(os.path.join(dest, "wpp752", "mx.csv"))
    keep = [i for i, h in enumerate(header) if h != "country_code"]
    write_rows(os.path.join(dest, "lifetable_abridged", "mx_abridged.csv"), [header[i] for i in keep],
               [[r[i] for i in keep] for r in rows if r[header.index("year")] == "2015"])
    filtered(os.path.join(dest, "canada_mx", "mx.csv"), os.path.join(dest, "lifetable_single", "mx_single.csv"),
             lambda r: r["year"] == "1950")
    return dest


# @@CAMPAIGN@@


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--make-bases", metavar="DIR", help="only write the base datasets into DIR")
    parser.add_argument("--lean", action="store_true", help="with --make-bases: leave out files the readers never read")
    args = parser.parse_args()
    if args.make_bases:
        make_bases(args.make_bases, lean=args.lean)
        return 0


if __name__ == "__main__":
    sys.exit(main())
