#!/usr/bin/env python3
"""Builds the single-year Canada 2023-2100 medium scenario from Tests/Fixtures/canada1x1.

Run from the repository root:  python3 Tests/Fixtures/canada2023/make_fixture.py
See SOURCE.md for the assumptions. Needs only the Python standard library.
"""
import csv, math, os

SRC = "Tests/Fixtures/canada1x1"
OUT = "Tests/Fixtures/canada2023"
N = 101  # ages 0..99, 100+

def by_sex(name, col="value"):
    out = {}
    with open(os.path.join(SRC, name)) as f:
        for r in csv.DictReader(f):
            y = int(r["year"]); s = r["sex"]; a = int(r["age"])
            out.setdefault(y, {"female": [0.0] * N, "male": [0.0] * N})[s][a] = float(r[col])
    return out

def by_age(name):
    out = {}
    with open(os.path.join(SRC, name)) as f:
        for r in csv.DictReader(f):
            out.setdefault(int(r["year"]), [0.0] * N)[int(r["age"])] = float(r["value"])
    return out

def year_values(name):
    with open(os.path.join(SRC, name)) as f:
        return {int(r["year"]): float(r["value"]) for r in csv.DictReader(f)}

pop = by_sex("pop_base.csv")[1950]
sx = by_sex("life_table.csv", "Sx")
mx = by_sex("mx.csv")
asfr = by_age("asfr.csv")
srb = year_values("srb.csv")
mig = by_sex("mig_net_count.csv")

def step(p, year):
    """The UN CCMPP step of ProjectionStep (end-of-step migration, h = 0)."""
    s, f, m = sx[year], asfr[year], mig[year]
    q = {}
    for sex in ("female", "male"):
        P, S, M = p[sex], s[sex], m[sex]
        g = [(1e-5 - P[x]) if (M[x] < 0 and P[x] + M[x] <= 0) else M[x] for x in range(N)]
        Q = [0.0] * N
        for x in range(1, N - 1):
            Q[x] = P[x - 1] * S[x]
        Q[N - 1] = (P[N - 2] + P[N - 1]) * S[N - 1]
        q[sex] = (Q, g)
    Pf, Qf = p["female"], q["female"][0]
    births = sum(0.5 * f[x] * (Pf[x] + Qf[x]) for x in range(1, N - 1))
    female = births / (1 + srb[year])
    out = {}
    for sex, b in (("female", female), ("male", births - female)):
        Q, g = q[sex]
        Q[0] = b * s[sex][0]
        out[sex] = [max(Q[x] + g[x], 0) if Q[x] + g[x] >= 0 else 0.0005 for x in range(N)]
    return out

for year in range(1950, 2020):
    pop = step(pop, year)
total2020 = sum(pop["female"]) + sum(pop["male"])
assert abs(total2020 - 37_496_124) <= 1, total2020
for _ in range(2020, 2023):  # 2020 -> 2023 with the rates of 2019
    pop = step(pop, 2019)

YEARS = range(2023, 2100)  # period start years; populations 2023..2100
tfr2019 = sum(asfr[2019])
pasfr = [100 * v / tfr2019 for v in asfr[2019]]
migration2019 = sum(mig[2019]["female"]) + sum(mig[2019]["male"])
# Lee-Carter with drift: ln m(x,t) = ln m(x,2019) - r(x)(t - 2019),
# r(x) = max(0, ln(m(x,2009)/m(x,2019)))/10, the average annual decline 2009-2019.
rate = {s: [max(0.0, math.log(mx[2009][s][x] / mx[2019][s][x])) / 10 for x in range(N)] for s in ("female", "male")}

def g(v):
    return f"{v:.7g}"

with open(os.path.join(OUT, "pop_base.csv"), "w") as f:
    f.write("year,sex,age,open_age,value\n")
    for s in ("female", "male"):
        for x in range(N):
            f.write(f"2023,{s},{x},{int(x == N - 1)},{pop[s][x]:.3f}\n")
with open(os.path.join(OUT, "mx.csv"), "w") as f:
    f.write("year,sex,age,open_age,value\n")
    for y in YEARS:
        for s in ("female", "male"):
            for x in range(N):
                f.write(f"{y},{s},{x},{int(x == N - 1)},{g(mx[2019][s][x] * math.exp(-rate[s][x] * (y - 2019)))}\n")
with open(os.path.join(OUT, "tfr.csv"), "w") as f:
    f.write("year,value\n" + "".join(f"{y},{g(tfr2019)}\n" for y in YEARS))
with open(os.path.join(OUT, "pasfr.csv"), "w") as f:
    f.write("year,age,open_age,value\n")
    ages = [x for x in range(N) if pasfr[x] > 0]
    for y in YEARS:
        for x in ages:
            f.write(f"{y},{x},0,{g(pasfr[x])}\n")
with open(os.path.join(OUT, "srb.csv"), "w") as f:
    f.write("year,value\n" + "".join(f"{y},{srb[2019]}\n" for y in YEARS))
with open(os.path.join(OUT, "mig_net_total.csv"), "w") as f:
    f.write("year,value\n" + "".join(f"{y},{migration2019:.0f}\n" for y in YEARS))
print(f"2020: {total2020:.1f}; 2023: {sum(pop['female']) + sum(pop['male']):.1f}; TFR {tfr2019:.4f}; migration {migration2019:.0f}")
