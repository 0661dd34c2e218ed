#!/usr/bin/env python3
"""How closely `popproj` reproduces the UN's published WPP 2024 outcomes.

For the twelve countries of data/wpp2024 with published outcomes (566 Nigeria,
356 India, 156 China, 840 United States, 392 Japan, 276 Germany, 76 Brazil,
562 Niger, 752 Sweden, 414 Kuwait, 124 Canada, 710 South Africa), this runs

    popproj project --data data/wpp2024 --location CODE \
        --variants medium,low,high --out DIR

(one run per country) and compares the projected population.csv with

  - expected_pop_total.csv, expected_pop_total_low.csv, expected_pop_total_high.csv
    (the UN's medium, low and high totals), and
  - expected_pop.csv (the UN's medium population by five-year age and sex).

It prints, for each variant, the |relative error| |ours / UN - 1| of the total
in 2025, 2050, 2075 and 2100 per country, with the median and maximum over the
twelve; and, for the medium variant, the median over the countries of the
|relative error| of each age group (both sexes) in 2050 and 2100.

Usage (from the package root, after `swift build -c release --product popproj`):

    python3 scripts/wpp2024-accuracy.py [--popproj PATH] [--data DIR]
                                        [--codes 566,356,...] [-- EXTRA ARGS]

Arguments after `--` are passed to every popproj run (for example
`-- --timing end` to measure another migration timing). Python 3 standard
library only. The figures are recorded in the DocC article
Sources/Demography/Demography.docc/ReproducingWPP2024.md.
"""

import argparse
import csv
import gzip
import os
import statistics
import subprocess
import sys
import tempfile

COUNTRIES = [566, 356, 156, 840, 392, 276, 76, 562, 752, 414, 124, 710]
YEARS = [2025, 2050, 2075, 2100]
AGE_YEARS = [2050, 2100]
VARIANTS = ["medium", "low", "high"]
TOTAL_FILES = {
    "medium": "expected_pop_total.csv",
    "low": "expected_pop_total_low.csv",
    "high": "expected_pop_total_high.csv",
}


def open_table(data, name):
    """The rows of NAME.csv, or of NAME.csv.gz when NAME.csv is absent."""
    path = os.path.join(data, name)
    if os.path.exists(path):
        handle = open(path, newline="")
    elif os.path.exists(path + ".gz"):
        handle = gzip.open(path + ".gz", "rt", newline="")
    else:
        sys.exit(f"wpp2024-accuracy: {path}(.gz) not found")
    with handle:
        return list(csv.DictReader(handle))


def published(data, codes):
    """Published totals by variant and published medium population by age (both sexes)."""
    wanted = set(codes)
    totals = {}
    for variant, name in TOTAL_FILES.items():
        for row in open_table(data, name):
            code = int(row["country_code"])
            if code in wanted:
                totals.setdefault(variant, {}).setdefault(code, {})[int(row["year"])] = float(row["value"])
    by_age = {}
    for row in open_table(data, "expected_pop.csv"):
        code = int(row["country_code"])
        if code in wanted:
            key = (int(row["year"]), int(row["age"]))
            ages = by_age.setdefault(code, {})
            ages[key] = ages.get(key, 0.0) + float(row["value"])
    return totals, by_age


def project(popproj, data, code, extra):
    """Our population by variant, year and age (both sexes), from population.csv."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "run")
        command = [popproj, "project", "--data", data, "--location", str(code),
                   "--variants", ",".join(VARIANTS), "--out", out] + extra
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"wpp2024-accuracy: {' '.join(command)} failed:\n{run.stderr}")
        population = {}
        with open(os.path.join(out, "population.csv"), newline="") as handle:
            for row in csv.DictReader(handle):
                key = (row["variant"], int(row["year"]), int(row["age"]))
                population[key] = population.get(key, 0.0) + float(row["value"])
        return population


def relative_error(ours, theirs):
    return abs(ours / theirs - 1) if theirs else float("nan")


def percent(value):
    return f"{100 * value:7.3f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--popproj", default=os.path.join(".build", "release", "popproj"))
    parser.add_argument("--data", default=os.path.join("data", "wpp2024"))
    parser.add_argument("--codes", default=",".join(map(str, COUNTRIES)))
    parser.add_argument("extra", nargs="*", help="arguments passed to popproj (after --)")
    args = parser.parse_args()
    codes = [int(c) for c in args.codes.split(",")]
    if not os.path.exists(args.popproj):
        sys.exit(f"wpp2024-accuracy: {args.popproj} not found; run swift build -c release --product popproj")
    totals, by_age = published(args.data, codes)

    ours = {code: project(args.popproj, args.data, code, args.extra) for code in codes}

    print("|relative error| of the total, percent")
    for variant in VARIANTS:
        print(f"\n{variant}")
        print("country " + " ".join(f"{year:>7}" for year in YEARS))
        errors = {year: [] for year in YEARS}
        for code in codes:
            line = []
            for year in YEARS:
                total = sum(v for (var, y, _), v in ours[code].items() if var == variant and y == year)
                e = relative_error(total, totals[variant][code][year])
                errors[year].append(e)
                line.append(percent(e))
            print(f"{code:>7} " + " ".join(line))
        print(" median " + " ".join(percent(statistics.median(errors[y])) for y in YEARS))
        print("    max " + " ".join(percent(max(errors[y])) for y in YEARS))

    print("\nmedium: median over the countries of the |relative error| by age group (both sexes), percent")
    ages = sorted({age for code in codes for (_, age) in by_age[code]})
    print("    age " + " ".join(f"{year:>7}" for year in AGE_YEARS))
    summary = {year: [] for year in AGE_YEARS}
    for age in ages:
        line = []
        for year in AGE_YEARS:
            errs = [relative_error(ours[code][("medium", year, age)], by_age[code][(year, age)]) for code in codes]
            m = statistics.median(errs)
            summary[year].append(m)
            line.append(percent(m))
        label = f"{age}+" if age == ages[-1] else f"{age}-{age + 4}"
        print(f"{label:>7} " + " ".join(line))
    print(" median " + " ".join(percent(statistics.median(summary[y])) for y in AGE_YEARS))
    print("    max " + " ".join(percent(max(summary[y])) for y in AGE_YEARS))


if __name__ == "__main__":
    main()
