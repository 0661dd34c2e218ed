#!/usr/bin/env python3
"""Writes the HMD and HFD fixtures of Tests/Fixtures/hmd and Tests/Fixtures/hfd
from the UN ccmppWPP Canada inputs in Tests/Fixtures/canada1x1 (see SOURCE.md).

Run from the package root: python3 Tests/Fixtures/hmd/make_fixture.py
"""
import csv, os

ROOT = "Tests/Fixtures"
CAN = os.path.join(ROOT, "canada1x1")
HMD = os.path.join(ROOT, "hmd")
HFD = os.path.join(ROOT, "hfd")
YEARS = [2018, 2019]
SEXES = ["female", "male"]
STAMP = "\tLast modified: 01 Feb 2025;  Methods Protocol: v6 (2017)"

def rows(name):
    with open(os.path.join(CAN, name)) as f:
        return list(csv.DictReader(f))

def by_sex_age(name, years):
    out = {}
    for r in rows(name):
        y = int(r["year"])
        if y in years:
            out[(y, r["sex"], int(r["age"]))] = float(r["value"])
    return out

def label(a):
    return "110+" if a == 110 else str(a)

def spread_open(values, year, sex):
    """Ages 100..109 and 110+ from the 100+ group: shares 0.5**k, normalised (made up)."""
    shares = [0.5 ** k for k in range(11)]
    total = sum(shares)
    return [values[(year, sex, 100)] * s / total for s in shares]

mx = by_sex_age("mx.csv", YEARS)
pop = by_sex_age("expected_pop.csv", [2018, 2019, 2020])   # end-of-step populations of the UN run

def mx_at(y, s, a):
    return mx[(y, s, min(a, 100))]

# Population on 1 January of 2018, 2019 and 2020 (the UN's projected populations
# labelled 2018, 2019 and 2020), ages 0..110+, two decimals as HMD prints.
population = {}
for y in [2018, 2019, 2020]:
    for s in SEXES:
        upper = spread_open(pop, y, s)
        for a in range(111):
            v = pop[(y, s, a)] if a < 100 else upper[a - 100]
            population[(y, s, a)] = round(v, 2)

# Exposures: the mean of the populations at the start and end of the year; deaths mx * E.
exposure, deaths = {}, {}
for y in YEARS:
    for s in SEXES:
        for a in range(111):
            e = round((population[(y, s, a)] + population[(y + 1, s, a)]) / 2, 2)
            exposure[(y, s, a)] = e
            deaths[(y, s, a)] = round(mx_at(y, s, a) * e, 2)

def table(title, header, lines):
    return f"Utopia, {title},{STAMP}\n\n{header}\n" + "".join(lines)

def hmd_row(year, age, f, m, t, width=12):
    return f"{year:>6}{age:>12}{f:>{width + 12}}{m:>{width + 12}}{t:>{width + 12}}\n"

def fmt2(v):
    return f"{v:.2f}"

def write(path, text):
    with open(path, "w") as f:
        f.write(text)

header = "  Year      Age             Female            Male           Total"
write(os.path.join(HMD, "Deaths_1x1.txt"), table("Deaths (period 1x1)", header,
      [hmd_row(y, label(a), fmt2(deaths[(y, "female", a)]), fmt2(deaths[(y, "male", a)]),
               fmt2(deaths[(y, "female", a)] + deaths[(y, "male", a)])) for y in YEARS for a in range(111)]))
write(os.path.join(HMD, "Exposures_1x1.txt"), table("Exposure to risk (period 1x1)", header,
      [hmd_row(y, label(a), fmt2(exposure[(y, "female", a)]), fmt2(exposure[(y, "male", a)]),
               fmt2(exposure[(y, "female", a)] + exposure[(y, "male", a)])) for y in YEARS for a in range(111)]))

def rate(d, e):
    return repr(d / e)   # shortest round-trip form: D/E to the last bit

mx_lines, tidy = [], ["year,sex,age,open_age,value\n"]
for y in YEARS:
    for a in range(111):
        f = rate(deaths[(y, "female", a)], exposure[(y, "female", a)])
        m = rate(deaths[(y, "male", a)], exposure[(y, "male", a)])
        t = rate(deaths[(y, "female", a)] + deaths[(y, "male", a)], exposure[(y, "female", a)] + exposure[(y, "male", a)])
        mx_lines.append(hmd_row(y, label(a), f, m, t))
for s in SEXES:
    for y in YEARS:
        for a in range(111):
            tidy.append(f"{y},{s},{a},{1 if a == 110 else 0},{rate(deaths[(y, s, a)], exposure[(y, s, a)])}\n")
write(os.path.join(HMD, "Mx_1x1.txt"), table("Death rates (period 1x1)", header, mx_lines))
write(os.path.join(HMD, "mx_tidy.csv"), "".join(tidy))

groups = [(0, 0), (1, 4)] + [(a, a + 4) for a in range(5, 110, 5)] + [(110, 110)]
five = []
for y in YEARS:
    for lo, hi in groups:
        lab = "0" if lo == 0 else ("110+" if lo == 110 else f"{lo}-{hi}")
        d = {s: sum(deaths[(y, s, a)] for a in range(lo, hi + 1)) for s in SEXES}
        e = {s: sum(exposure[(y, s, a)] for a in range(lo, hi + 1)) for s in SEXES}
        five.append(hmd_row(y, lab, rate(d["female"], e["female"]), rate(d["male"], e["male"]),
                            rate(d["female"] + d["male"], e["female"] + e["male"])))
write(os.path.join(HMD, "Mx_5x1.txt"), table("Death rates (period 5x1)", header, five))

# Population.txt: a territorial change on 1 January 2019 (made up): 2019- is the old
# territory, 2019+ the new one, 0.2 per cent larger at every age.
pop_lines = []
for y in [2018, 2019, 2020]:
    marks = ["-", "+"] if y == 2019 else [""]
    for mark in marks:
        for a in range(111):
            k = 1.002 if mark == "+" else 1.0
            f, m = round(population[(y, "female", a)] * k, 2), round(population[(y, "male", a)] * k, 2)
            pop_lines.append(hmd_row(f"{y}{mark}", label(a), fmt2(f), fmt2(m), fmt2(f + m)))
write(os.path.join(HMD, "Population.txt"), table("Population size (1-year)", header, pop_lines))

births = {}
for r in rows("expected_births.csv"):
    if int(r["year"]) in YEARS and r["sex"] in SEXES:
        births[(int(r["year"]), r["sex"])] = round(float(r["value"]))
write(os.path.join(HMD, "Births.txt"), table("Births (1-year)", "  Year        Female          Male         Total",
      [f"{y:>6}{births[(y, 'female')]:>14}{births[(y, 'male')]:>14}{births[(y, 'female')] + births[(y, 'male')]:>14}\n" for y in YEARS]))

asfr = {}
for r in rows("asfr.csv"):
    if int(r["year"]) in YEARS:
        asfr[(int(r["year"]), int(r["age"]))] = r["value"]
fert = []
for y in YEARS:
    for a in range(12, 56):
        lab = "12-" if a == 12 else ("55+" if a == 55 else str(a))
        fert.append(f"{y:>6}{lab:>10}{asfr[(y, a)]:>16}\n")
write(os.path.join(HFD, "asfrRR.txt"),
      "Utopia, Age-specific fertility rate by calendar year and age (Lexis squares)" + STAMP + "\n\n"
      "  Year      Age          ASFR\n" + "".join(fert))
