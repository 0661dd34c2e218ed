#!/usr/bin/env python3
"""How closely `popproj project --grid 1x1` reproduces the UN's published annual
WPP 2024 outcomes.

For the twelve countries of data/wpp2024 with published outcomes (566 356 156 840
392 276 76 562 752 414 124 710) this runs

    popproj project --data data/wpp2024 --location CODE --grid 1x1 --out DIR

and compares, as data/wpp2024/SOURCE.md dates them:

  - the projected population at 1 July of `year` (female, male, both) with the
    mean of the published totals at 31 December of `year - 1` and `year`
    (expected_pop_total_1x1.csv), 2025-2100;
  - the births and deaths of the step from 1 July t to 1 July t+1 with the mean of
    the published calendar-year counts of t and t+1 (expected_births_1x1.csv,
    expected_deaths_1x1.csv), 2024-2099.

It prints the median and maximum over the twelve of |ours / UN - 1| for chosen
years, and the median and maximum over all steps of births and deaths.

Usage (from the package root, after `swift build -c release --product popproj`):

    python3 scripts/wpp2024-1x1-accuracy.py [--popproj PATH] [--data DIR] [--variant medium|low|high] [-- EXTRA ARGS]

With --variant low or high, the totals (both sexes only: the source has no sex
split) are compared with expected_pop_total_1x1_low.csv / _high.csv.

Python 3 standard library only.
"""

import argparse
import csv
import gzip
import os
import statistics
import subprocess
import sys
import tempfile

CODES = ["566", "356", "156", "840", "392", "276", "76", "562", "752", "414", "124", "710"]
YEARS = [2025, 2030, 2040, 2050, 2060, 2075, 2090, 2100]


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="") as fh:
        return list(csv.DictReader(fh))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--popproj", default=".build/release/popproj")
    parser.add_argument("--data", default="data/wpp2024")
    parser.add_argument("--variant", default="medium", choices=["medium", "low", "high"])
    parser.add_argument("--by-country", action="store_true",
                        help="also print each country's signed relative error of the total (both sexes)")
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    pop = {}
    suffix = "" if args.variant == "medium" else "_" + args.variant
    for r in read(os.path.join(args.data, f"expected_pop_total_1x1{suffix}.csv.gz")):
        pop[(r["country_code"], int(r["year"]), r["sex"])] = float(r["value"])
    flows = {}
    for name in ["births", "deaths"]:
        for r in read(os.path.join(args.data, f"expected_{name}_1x1.csv.gz")):
            flows[(name, r["country_code"], int(r["year"]))] = float(r["value"])
    errors = {}          # (sex, year) -> [errors]
    signed = {}          # (code, year) -> signed error of the total
    flow_errors = {"births": [], "deaths": []}
    with tempfile.TemporaryDirectory() as tmp:
        for code in CODES:
            out = os.path.join(tmp, code)
            subprocess.run([args.popproj, "project", "--data", args.data, "--location", code, "--grid", "1x1",
                            "--variant", args.variant, "--out", out, "--quiet"] + args.extra, check=True)
            totals = {}
            for r in read(os.path.join(out, "population.csv")):
                for sex in (r["sex"], "both"):
                    key = (sex, int(r["year"]))
                    totals[key] = totals.get(key, 0) + float(r["value"])
            for (sex, year), value in totals.items():
                a, b = pop.get((code, year - 1, sex)), pop.get((code, year, sex))
                if a is not None and b is not None:
                    errors.setdefault((sex, year), []).append(abs(value / ((a + b) / 2) - 1))
                    if sex == "both":
                        signed[(code, year)] = value / ((a + b) / 2) - 1
            for name in ["births", "deaths"]:
                by_year = {}
                for r in read(os.path.join(out, f"{name}.csv")):
                    if name == "births" and r["sex"] != "both":
                        continue
                    by_year[int(r["year"])] = by_year.get(int(r["year"]), 0) + float(r["value"])
                for year, value in by_year.items():
                    a, b = flows.get((name, code, year)), flows.get((name, code, year + 1))
                    if a is not None and b is not None:
                        flow_errors[name].append(abs(value / ((a + b) / 2) - 1))
    print("population at 1 July, |relative error| % over the twelve countries (median / max)")
    print("year   " + "  ".join(f"{sex:>15}" for sex in ["both", "female", "male"]))
    for year in YEARS:
        cells = []
        for sex in ["both", "female", "male"]:
            e = errors.get((sex, year), [])
            cells.append(f"{100 * statistics.median(e):6.3f} / {100 * max(e):5.2f}" if e else f"{'-':>15}")
        print(f"{year}   " + "  ".join(cells))
    if args.by_country:
        print("signed relative error of the total, %, by country")
        print("code  " + "".join(f"{year:>8}" for year in YEARS))
        for code in CODES:
            print(f"{code:<6}" + "".join(f"{100 * signed[(code, y)]:8.3f}" if (code, y) in signed else f"{'-':>8}"
                                         for y in YEARS))
    for name, e in flow_errors.items():
        if args.variant != "medium":
            break  # births and deaths are published for the medium only
        print(f"{name}, every step 2024-2099: median {100 * statistics.median(e):.3f} %, max {100 * max(e):.2f} %")


if __name__ == "__main__":
    sys.exit(main())
