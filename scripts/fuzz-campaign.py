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

    # 20 trajectories around the WPP medium paths of Sweden (seeded; 3 when lean, for the fuzzer).
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
                   [[t, y, fmt(make(y))] for t in range(1, 4 if lean else 21) for y in years])

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


# ---------------------------------------------------------------------------
# Targets: the 17 CLI input paths of the audit

def target(name, base, args, files, out="dir", unread=(), signed=(), optional=None, gaps_ok=(), sx=(),
           kinds=None):
    """`args` use {data} (the copied base folder) and {out}; `files` are the damaged files,
    relative to {data}. `unread`: files the run does not read (damage to them is accepted_ok);
    `signed`: files where negative values are allowed; `optional`: file -> columns that may be
    dropped or hold anything; `gaps_ok`: files where a missing row means zero or a default;
    `sx`: files whose values are survival ratios (at most 1); `kinds`: file -> "square" for
    square matrix files."""
    return dict(name=name, base=base, args=args, files=files, out=out, unread=set(unread), signed=set(signed),
                optional=optional or {}, gaps_ok=set(gaps_ok), sx=set(sx), kinds=kinds or {})


FULL_FILES = ["pop_base.csv", "life_table.csv", "asfr.csv", "srb.csv", "mig_net_count.csv", "mig_parameter.csv"]
WPP_FILES = ["pop_base.csv", "mx.csv", "tfr.csv", "pasfr.csv", "srb.csv", "mig_net_total.csv"]
WPP_ALL = WPP_FILES + ["asfr.csv", "locations.csv", "expected_pop.csv", "expected_pop_total.csv",
                       "expected_pop_total_high.csv", "expected_pop_total_low.csv"]
HIST = ["hist_pop.csv", "hist_mx.csv", "hist_tfr.csv", "hist_pasfr.csv", "hist_srb.csv", "hist_mig_net_total.csv", "hist_asfr.csv"]
WPP_UNREAD = ["asfr.csv", "hist_asfr.csv", "locations.csv", "expected_pop.csv", "expected_pop_total.csv",
              "expected_pop_total_high.csv", "expected_pop_total_low.csv"]
WPP_SIGNED = ["mig_net_total.csv", "hist_mig_net_total.csv"]
WPP_OPTIONAL = {f: {"country_code!drop"} for f in WPP_ALL + HIST}
TRAJ = ["trajectories/tfr.csv", "trajectories/e0_female.csv", "trajectories/e0_male.csv", "trajectories/mig_net_total.csv"]
MR_YEAR = lambda files: {f: {"year", "sex"} for f in files if f != "pop_base.csv"} | {"pop_base.csv": {"sex"}}
COUNTY = ["locations.csv", "pop.csv", "mx.csv", "tfr.csv", "mig_counts.csv", "pasfr.csv", "srb.csv"]

TARGETS = [
    target("project_full_sx", "sweden", ["project", "--data", "{data}", "--out", "{out}"], FULL_FILES,
           signed=["mig_net_count.csv"], optional={"life_table.csv": {"Lx"}}, gaps_ok=["asfr.csv", "mig_parameter.csv"],
           sx=["life_table.csv"]),
    target("project_full_mx", "canada_mx", ["project", "--data", "{data}", "--survival", "recompute", "--out", "{out}"],
           ["pop_base.csv", "mx.csv", "asfr.csv", "srb.csv", "mig_net_count.csv", "mig_parameter.csv"],
           signed=["mig_net_count.csv"], gaps_ok=["asfr.csv", "mig_parameter.csv"]),
    target("project_wpp", "wpp752", ["project", "--data", "{data}", "--location", "752", "--out", "{out}"], WPP_ALL,
           unread=WPP_UNREAD + HIST, signed=WPP_SIGNED, optional=WPP_OPTIONAL, gaps_ok=["asfr.csv"]),
    target("project_wpp_residual", "wpp752",
           ["project", "--data", "{data}", "--location", "752", "--migration-pattern", "residual", "--out", "{out}"], HIST,
           unread=WPP_UNREAD, signed=WPP_SIGNED, optional=WPP_OPTIONAL),
    target("project_wpp_variants", "wpp752",
           ["project", "--data", "{data}", "--location", "752", "--variants", "all", "--out", "{out}"], WPP_FILES,
           unread=WPP_UNREAD + HIST, signed=WPP_SIGNED, optional=WPP_OPTIONAL),
    target("trajectories_from", "traj_run",
           ["project", "--data", "{data}/wpp752", "--location", "752", "--trajectories-from", "{data}/trajectories",
            "--out", "{out}"], TRAJ, signed=["trajectories/mig_net_total.csv"]),
    target("migration_pattern_file", "pattern_run",
           ["project", "--data", "{data}/wpp752", "--location", "752", "--migration-pattern",
            "{data}/migration_pattern/pattern.csv", "--out", "{out}"], ["migration_pattern/pattern.csv"],
           signed=["migration_pattern/pattern.csv"]),
    target("multiregional_flows", "mr_flows", ["multiregional", "--data", "{data}", "--out", "{out}"],
           ["pop_base.csv", "births.csv", "deaths.csv", "mig_flows.csv"],
           optional=MR_YEAR(["pop_base.csv", "births.csv", "deaths.csv", "mig_flows.csv"]),
           gaps_ok=["mig_flows.csv", "births.csv"]),
    target("multiregional_od_rates", "mr_rates", ["multiregional", "--data", "{data}", "--out", "{out}"],
           ["pop_base.csv", "mx.csv", "asfr.csv", "mig_rates.csv"],
           optional=MR_YEAR(["pop_base.csv", "mx.csv", "asfr.csv", "mig_rates.csv"]), gaps_ok=["mig_rates.csv", "asfr.csv"]),
    target("multiregional_outmig_shares", "mr_outmig", ["multiregional", "--data", "{data}", "--out", "{out}"],
           ["pop_base.csv", "mx.csv", "asfr.csv", "outmig_rates.csv", "destination_shares.csv", "net_migration.csv"],
           signed=["net_migration.csv"],
           optional=MR_YEAR(["pop_base.csv", "mx.csv", "asfr.csv", "outmig_rates.csv", "net_migration.csv"]),
           gaps_ok=["asfr.csv"]),
    target("multiregional_county", "county",
           ["multiregional", "--data", "{data}", "--steps", "1", "--flow-steps", "1", "--out", "{out}"], COUNTY,
           signed=["mig_counts.csv"], optional={"locations.csv": {"name"}}),
    target("stable_matrix_long", "matrix_long", ["stable", "--matrix", "{data}/whale.csv", "--out", "{out}"],
           ["whale.csv"], optional={"whale.csv": {"matrix", "to_stage", "from_stage"}}, gaps_ok=["whale.csv"]),
    target("stable_matrix_name", "matrix_name",
           ["stable", "--matrix", "{data}/tortoise.csv", "--name", "high", "--out", "{out}"],
           ["tortoise.csv"], optional={"tortoise.csv": {"to_stage", "from_stage"}}, gaps_ok=["tortoise.csv"]),
    target("stable_matrix_square", "matrix_square", ["stable", "--matrix", "{data}/{file}", "--out", "{out}"],
           ["square_named.csv", "square_plain.csv"], kinds={"square_named.csv": "square", "square_plain.csv": "square"}),
    target("stable_data", "sweden", ["stable", "--data", "{data}", "--year", "1993", "--out", "{out}"], FULL_FILES,
           signed=["mig_net_count.csv"], optional={"life_table.csv": {"Lx"}}, gaps_ok=["asfr.csv", "mig_parameter.csv"],
           sx=["life_table.csv"]),
    target("lifetable_abridged", "lifetable_abridged", ["lifetable", "--mx", "{data}/mx_abridged.csv", "--out", "{out}"],
           ["mx_abridged.csv"], out="file"),
    target("lifetable_single_kannisto", "lifetable_single",
           ["lifetable", "--mx", "{data}/mx_single.csv", "--a0", "un-wpp2019", "--open-age", "kannisto", "--out", "{out}"],
           ["mx_single.csv"], out="file"),
]


def make_run_bases(bases):
    """Composite bases: a WPP dataset with trajectories, or with a migration pattern file."""
    for name, extra in (("traj_run", "trajectories"), ("pattern_run", "migration_pattern")):
        d = os.path.join(bases, name)
        if not os.path.isdir(d):
            shutil.copytree(os.path.join(bases, "wpp752"), os.path.join(d, "wpp752"))
            shutil.copytree(os.path.join(bases, extra), os.path.join(d, extra))


# ---------------------------------------------------------------------------
# Damages

class Table:
    """A base CSV file as lines: the header line, the data lines and their fields (no quoting in the bases)."""

    def __init__(self, text, square=False):
        self.text = text
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        content = [i for i, l in enumerate(self.lines) if l.strip() and not l.startswith("#")]
        self.square_plain = square and all(is_number(f) for f in self.lines[content[0]].split(","))
        self.h = None if self.square_plain else content[0]
        self.data = content if self.square_plain else content[1:]
        self.header = [] if self.h is None else self.lines[self.h].split(",")

    def col(self, name):
        return self.header.index(name) if name in self.header else None

    def join(self, lines, final="\n"):
        return "\n".join(lines) + final

    def mid(self):
        return self.data[len(self.data) // 2]

    def with_line(self, i, fields):
        lines = list(self.lines)
        lines[i] = ",".join(fields)
        return self.join(lines)

    def fields(self, i):
        return self.lines[i].split(",")


def is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


BAD_VALUES = [("NaN", "inv"), ("nan", "inv"), ("inf", "inv"), ("-inf", "inv"), ("Infinity", "inv"),
              ("-1", "neg"), ("-0.5", "neg"), ("-1e-300", "neg"), ("1e308", "either"), ("1.8e308", "inv"),
              ("4.9e-324", "either"), ("2.2e-308", "either"), ("0x1p3", "inv"), ("1e", "inv"), ("", "inv"),
              ("\uff11\uff12", "inv"), ("1_000", "inv"), ("1e5000", "inv"), ("1e-5000", "either"), ("abc", "inv"),
              ("12abc", "inv"), ("--1", "inv"), ("+5", "gt1"), ("5.", "gt1"), (".5", "either"), ("0", "either"),
              ("-0", "either"), ("\u00a012", "either"), (" 12 ", "either"), ("99999999999999999999999", "either"),
              ("TRUE", "inv"), ("null", "inv"), ("1.5", "gt1"), ("1\x00", "inv")]
BAD_KEYS = ["9223372036854775807", "9223372036854775808", "-1", "1e9", "2015.5", "", "abc", "0x10", "\uff11",
            "100000000", "100000", "4294967296"]
QUICK = {"empty", "bom", "crlf", "utf16", "quote_all", "extra_field_row", "duplicate_key", "delete_middle_row",
         "age_gap", "open_flag_cleared", "value=NaN", "value=-1", "value=1e308", "value=0x1p3", "all_1e300",
         "truncate_50", "random_0"}


def damages(t, file, text, full):
    """(name, class, bytes) for every damage of `file` in target `t`; class: harmless, invalid or either."""
    square = t["kinds"].get(file) == "square"
    tb = Table(text, square=square)
    signed = file in t["signed"]
    optional = t["optional"].get(file, set())
    gaps_ok = file in t["gaps_ok"]
    sx = file in t["sx"]
    value_col = None if square else (tb.col("Sx") if sx else tb.col("value"))
    out = []

    def add(name, cls, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        if data is not None and data != text.encode("utf-8"):
            out.append((name, cls, data))

    L, H, mid = tb.lines, tb.h, tb.mid()
    # Whole file
    add("empty", "invalid", b"")
    add("whitespace_only", "invalid", "  \n\n \t\n")
    if H is not None:
        add("header_only", "invalid", L[H] + "\n")
    add("bom", "harmless", "\ufeff" + text)
    add("double_bom", "either", "\ufeff\ufeff" + text)
    add("crlf", "harmless", text.replace("\n", "\r\n"))
    add("cr_only", "either", text.replace("\n", "\r"))
    add("utf16", "invalid", text.encode("utf-16"))
    f = tb.fields(mid)
    f[-1] = f[-1] + "\udce9"
    add("latin1_byte", "invalid", tb.with_line(mid, f).encode("utf-8", "surrogateescape"))
    f = tb.fields(mid)
    f[-1] = f[-1] + "\udcff\udcfe"
    add("invalid_utf8", "invalid", tb.with_line(mid, f).encode("utf-8", "surrogateescape"))
    add("nul_byte", "invalid", tb.with_line(mid, [tb.fields(mid)[0] + "\0"] + tb.fields(mid)[1:]))
    add("tab_separator", "invalid", text.replace(",", "\t"))
    add("semicolon_separator", "invalid", text.replace(",", ";"))
    add("trailing_comma", "either", tb.join([l + "," if i in tb.data or i == H else l for i, l in enumerate(L)]))
    if H is not None:
        add("upper_header", "either" if square else "invalid", tb.with_line(H, [c.upper() for c in tb.header]))
    # Quoting and line breaks
    add("quote_all", "harmless", tb.join([",".join('"%s"' % c for c in l.split(",")) if i in tb.data or i == H else l
                                         for i, l in enumerate(L)]))
    add("unterminated_quote", "invalid", tb.with_line(mid, ['"' + tb.fields(mid)[0]] + tb.fields(mid)[1:]))
    add("quoted_comma_key", "invalid", tb.with_line(mid, ['"%s,x"' % tb.fields(mid)[0]] + tb.fields(mid)[1:]))
    add("quoted_newline", "invalid", tb.with_line(mid, ['"%s\nx"' % tb.fields(mid)[0]] + tb.fields(mid)[1:]))
    add("u2028_in_line", "invalid", tb.with_line(mid, [tb.fields(mid)[0] + "\u2028"] + tb.fields(mid)[1:]))
    add("u0085_in_line", "invalid", tb.with_line(mid, [tb.fields(mid)[0] + "\u0085"] + tb.fields(mid)[1:]))
    # Rows and columns
    add("extra_field_row", "invalid", tb.with_line(mid, tb.fields(mid) + ["1"]))
    add("missing_field_row", "invalid", tb.with_line(mid, tb.fields(mid)[:-1]))
    add("extra_column_all", "invalid" if square else "harmless",
        tb.join([l + (",extra" if i == H else ",1") if i in tb.data or i == H else l for i, l in enumerate(L)]))
    if not square:
        add("reordered_columns", "harmless",
            tb.join([",".join(reversed(l.split(","))) if i in tb.data or i == H else l for i, l in enumerate(L)]))
    ncols = len(tb.fields(tb.data[0]))
    for c in range(ncols):
        name = tb.header[c] if tb.header else str(c)
        ok = name in optional or name + "!drop" in optional
        add("drop_column_" + name, "either" if ok else "invalid",
            tb.join([",".join(x for j, x in enumerate(l.split(",")) if j != c) if i in tb.data or i == H else l
                     for i, l in enumerate(L)]))
    lines = list(L)
    lines.insert(mid + 1, L[mid])
    add("duplicate_row", "invalid", tb.join(lines))
    if value_col is not None:
        f = tb.fields(mid)
        f[value_col] = repr(float(f[value_col]) * 1.1 + 0.001) if is_number(f[value_col]) else "1"
        lines = list(L)
        lines.insert(mid + 1, ",".join(f))
        add("duplicate_key", "invalid", tb.join(lines))
    add("delete_middle_row", "either" if gaps_ok else "invalid", tb.join([l for i, l in enumerate(L) if i != mid]))
    add("delete_last_row", "either" if gaps_ok else "invalid", tb.join([l for i, l in enumerate(L) if i != tb.data[-1]]))
    raw = text.encode("utf-8")
    for k in (5, 20, 35, 50, 65, 80, 95):
        add("truncate_%d" % k, "either", raw[:len(raw) * k // 100])
    add("no_final_newline", "harmless", text.rstrip("\n"))
    add("comments_and_blank_lines", "harmless",
        tb.join([l for i, l in enumerate(L) for l in ([l, "# a comment", ""] if i == H or i == mid else [l])]))
    add("spaces_around_fields", "either", tb.with_line(mid, [" %s " % x for x in tb.fields(mid)]))
    # Age grid
    age, open_ = tb.col("age"), tb.col("open_age")
    if age is not None:
        ages = sorted({int(tb.fields(i)[age]) for i in tb.data if tb.fields(i)[age].lstrip("-").isdigit()})
        if len(ages) > 2:
            a = ages[len(ages) // 2]
            add("age_gap", "either" if gaps_ok else "invalid",
                tb.join([l for i, l in enumerate(L) if not (i in tb.data and tb.fields(i)[age] == str(a))]))
            top = ages[-1]
            add("open_age_dropped", "either" if gaps_ok else "invalid",
                tb.join([l for i, l in enumerate(L) if not (i in tb.data and tb.fields(i)[age] == str(top))]))
            step = ages[-1] - ages[-2]
            last = [i for i in tb.data if tb.fields(i)[age] == str(top)][-1]
            f = tb.fields(last)
            f[age] = str(top + step)
            if open_ is not None:
                f[open_] = "0"
            lines = list(L)
            lines.insert(last + 1, ",".join(f))
            add("age_above_open", "invalid", tb.join(lines))
            f = tb.fields(mid)
            f[age] = str(int(f[age]) + 2) if f[age].isdigit() else "2"
            add("age_off_grid", "invalid", tb.with_line(mid, f))
        if open_ is not None:
            f = tb.fields(mid)
            f[open_] = "1"
            add("open_flag_middle", "invalid", tb.with_line(mid, f))
            add("open_flag_cleared", "invalid",
                tb.join([",".join(x if j != open_ else "0" for j, x in enumerate(l.split(",")))
                         if i in tb.data else l for i, l in enumerate(L)]))
    # Values
    vcol = value_col if value_col is not None else (len(tb.fields(mid)) // 2 if square else None)
    if vcol is not None:
        for token, kind in BAD_VALUES:
            cls = {"inv": "invalid", "either": "either", "neg": "either" if signed else "invalid",
                   "gt1": "invalid" if sx else "either"}[kind]
            f = tb.fields(mid)
            f[vcol] = token
            add("value=" + token, cls, tb.with_line(mid, f))
        def all_values(fn):
            rows = []
            for i, l in enumerate(L):
                if i in tb.data:
                    f = l.split(",")
                    cols = range(1 if tb.header and square and not tb.square_plain else 0, len(f)) if square else [vcol]
                    for c in cols:
                        if is_number(f[c]):
                            f[c] = fn(f[c])
                    l = ",".join(f)
                rows.append(l)
            return tb.join(rows)
        add("all_zero", "either", all_values(lambda v: "0"))
        add("all_1e300", "either", all_values(lambda v: "1e300"))
        add("all_negative", "either" if signed else "invalid",
            all_values(lambda v: "-" + v.lstrip("-") if float(v) != 0 else "-1"))
        f = tb.fields(mid)
        f[vcol] = "1" + "0" * 1_000_000
        add("million_digit_value", "invalid", tb.with_line(mid, f))
    # Keys
    keys = [c for c in range(len(tb.header)) if c != value_col and not square] if tb.header else []
    if square and not tb.square_plain:
        keys = [0]
    for c in keys:
        name = tb.header[c]
        ok = name in optional
        for token in BAD_KEYS:
            f = tb.fields(mid)
            f[c] = token
            add("key_%s=%s" % (name, token), "either" if ok else "invalid", tb.with_line(mid, f))
    # Size
    if H is not None:
        add("comment_5mb", "harmless", tb.join(L[:H + 1] + ["# " + "x" * 5_000_000] + L[H + 1:]))
        add("header_100k_columns", "invalid",
            tb.with_line(H, tb.header + ["c%d" % i for i in range(100_000)]))
    if full:
        body = [L[i] for i in tb.data]
        reps = max(1, 20_000_000 // max(1, len("\n".join(body))))
        add("duplicated_rows_20mb", "invalid", tb.join(L + body * reps))
    # Seeded random damages
    rng = random.Random("%s/%s/%d" % (t["name"], file, SEED))
    tokens = [v for v, _ in BAD_VALUES] + BAD_KEYS + [",", '"', "\n", "#", "-", ".", "e", "0", "9"]
    for k in range(40 if full else 1):
        b = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            op = rng.randrange(5)
            if not b:
                break
            p = rng.randrange(len(b))
            if op == 0:
                b[p] = rng.randrange(256)
            elif op == 1:
                del b[p:p + rng.randint(1, 8)]
            elif op == 2:
                b[p:p] = rng.choice(tokens).encode("utf-8")
            elif op == 3:
                lines = bytes(b).split(b"\n")
                i = rng.randrange(len(lines))
                lines.insert(i, lines[i])
                b = bytearray(b"\n".join(lines))
            else:
                lines = bytes(b).split(b"\n")
                del lines[rng.randrange(len(lines))]
                b = bytearray(b"\n".join(lines))
        add("random_%d" % k, "either", bytes(b))
    return out


# ---------------------------------------------------------------------------
# Running and classifying

NONFINITE = re.compile(rb"(?i)(?<![a-z])[-+]?(nan|inf|infinity)(?![a-z])")
COUNT_FILES = re.compile(r"^(population|births|deaths|flows|stable|elasticities|reproductive_values).*\.csv$")
RESULTS = ["crash", "hang", "refused_located", "refused_file", "refused_unnamed", "accepted_nonsense",
           "accepted_invalid", "accepted_changed", "accepted_ok"]


def limit_resources():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.setsid()


def run_popproj(popproj, args):
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", SWIFT_BACKTRACE="enable=no")
    start = time.monotonic()
    p = subprocess.Popen([popproj] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                         preexec_fn=limit_resources)
    try:
        out, err = p.communicate(timeout=TIMEOUT)
        return p.returncode, out, err, time.monotonic() - start
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = p.communicate()
        return None, out, err, time.monotonic() - start


def outputs(path):
    """The output files by name: a folder's files, or the one file."""
    if os.path.isfile(path):
        with open(path, "rb") as f:
            return {os.path.basename(path): f.read()}
    found = {}
    if os.path.isdir(path):
        for dirpath, _, files in os.walk(path):
            for name in files:
                p = os.path.join(dirpath, name)
                with open(p, "rb") as f:
                    found[os.path.relpath(p, path)] = f.read()
    return found


def compared(files):
    return {k: v for k, v in files.items() if not k.endswith(".svg") and os.path.basename(k) != "summary.json"}


def negative_count(files, lifetable):
    for name, data in files.items():
        if not (lifetable or COUNT_FILES.match(os.path.basename(name))):
            continue
        lines = data.decode("utf-8", "replace").splitlines()
        if not lines:
            continue
        header = lines[0].split(",")
        cols = ([header.index("value")] if "value" in header else
                [i for i, h in enumerate(header) if h not in ("year", "age", "open_age", "sex")])
        for line in lines[1:]:
            f = line.split(",")
            for c in cols:
                if c < len(f):
                    try:
                        if float(f[c]) < 0:
                            return "%s: %s" % (name, line[:120])
                    except ValueError:
                        pass
    return None


def first_line(err):
    for line in err.decode("utf-8", "replace").splitlines():
        if line.strip():
            return line.strip()
    return ""


def classify(t, case, rc, out, err, files, baseline, damaged_name):
    text = err.decode("utf-8", "replace")
    if rc is None:
        return "hang", ""
    if rc < 0 or rc >= 128 or "Fatal error" in text or "Backtrace" in text or "Stack dump" in text:
        how = "signal %s" % signal.Signals(-rc).name if rc < 0 and -rc in signal.valid_signals() else "exit %d" % rc
        return "crash", "%s %s" % (how, first_line(err))
    if rc != 0:
        message = first_line(err)
        low = message.lower()
        # The damaged file by name (hist_tfr.csv does not name tfr.csv).
        if not re.search(r"(?<![\w.-])" + re.escape(damaged_name), message):
            return "refused_unnamed", message
        if re.search(r"\bline\b|\bcolumn\b", low):
            return "refused_located", message
        return "refused_file", message
    m = NONFINITE.search(out)
    bad = "stdout: %s" % m.group(0).decode() if m else None
    for name, data in files.items():
        if bad is None:
            m = NONFINITE.search(data)
            if m:
                bad = "%s: %s" % (name, m.group(0).decode())
    bad = bad or negative_count(files, t["out"] == "file")
    if bad:
        return "accepted_nonsense", bad
    cls = "either" if case["file"] in t["unread"] else case["cls"]
    if cls == "invalid":
        return "accepted_invalid", ""
    if cls == "harmless" and baseline is not None and compared(files) != baseline:
        differ = sorted(k for k in set(compared(files)) | set(baseline) if compared(files).get(k) != baseline.get(k))
        return "accepted_changed", "differs: " + ", ".join(differ[:4])
    return "accepted_ok", ""


def run_case(popproj, bases, scratch, t, case, baseline):
    d = tempfile.mkdtemp(prefix="case-", dir=os.path.join(scratch, "cases"))
    try:
        data = os.path.join(d, "data")
        shutil.copytree(os.path.join(bases, t["base"]), data)
        if case["bytes"] is not None:
            with open(os.path.join(data, case["file"]), "wb") as f:
                f.write(case["bytes"])
        out = os.path.join(d, "out.csv" if t["out"] == "file" else "out")
        args = [a.format(data=data, out=out, file=case["file"]) for a in t["args"]]
        rc, stdout, stderr, seconds = run_popproj(popproj, args)
        files = outputs(out)
        if case["bytes"] is None:
            return dict(rc=rc, files=compared(files), stderr=first_line(stderr))
        result, detail = classify(t, case, rc, stdout, stderr, files, baseline, os.path.basename(case["file"]))
        flags = []
        if result.startswith("refused") and os.path.lexists(out):
            flags.append("left_behind")
        if any(".partial-" in n or ".old-" in n or n.endswith(".lock") for n in os.listdir(d)):
            flags.append("partial_left")
        record = dict(target=t["name"], file=case["file"], damage=case["name"], expected=case["cls"], result=result,
                      rc=rc, detail=detail, flags=flags, seconds=round(seconds, 2))
        if result in ("crash", "hang", "accepted_nonsense", "accepted_invalid", "accepted_changed") or flags:
            keep = os.path.join(scratch, "findings", t["name"])
            os.makedirs(keep, exist_ok=True)
            name = "%s--%s" % (case["file"].replace("/", "_"), re.sub(r"[^A-Za-z0-9_.=+-]", "_", case["name"])[:60])
            with open(os.path.join(keep, name), "wb") as f:
                f.write(case["bytes"])
            record["reproducer"] = os.path.join(keep, name)
        return record
    finally:
        shutil.rmtree(d, ignore_errors=True)


def print_table(records, targets):
    head = ["target", "cases", "crash", "hang", "refused located", "refused file only",
            "refused, damaged file not named", "accepted nonsense", "accepted invalid", "accepted changed",
            "accepted ok", "left behind", "partial left"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    total = None
    for name in targets + ["**all**"]:
        rs = records if name == "**all**" else [r for r in records if r["target"] == name]
        row = [len(rs)] + [sum(r["result"] == k for r in rs) for k in RESULTS] + \
              [sum("left_behind" in r["flags"] for r in rs), sum("partial_left" in r["flags"] for r in rs)]
        cells = ["**%d**" % v for v in row] if name == "**all**" else [str(v) for v in row]
        print("| %s | %s |" % (name, " | ".join(cells)))


def campaign(args):
    popproj = args.popproj or os.path.join(ROOT, ".build", "release", "popproj")
    if not args.no_build:
        print("building popproj (release)...", file=sys.stderr)
        subprocess.run(["swift", "build", "-c", "release", "--product", "popproj"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    if not os.access(popproj, os.X_OK):
        sys.exit("no popproj at %s" % popproj)
    scratch = args.scratch or tempfile.mkdtemp(prefix="fuzz-campaign-")
    os.makedirs(os.path.join(scratch, "cases"), exist_ok=True)
    bases = make_bases(os.path.join(scratch, "bases"))
    make_run_bases(bases)
    wanted = args.targets.split(",") if args.targets else [t["name"] for t in TARGETS]
    unknown = set(wanted) - {t["name"] for t in TARGETS}
    if unknown:
        sys.exit("unknown targets: %s (known: %s)" % (", ".join(sorted(unknown)), ", ".join(t["name"] for t in TARGETS)))
    targets = [t for t in TARGETS if t["name"] in wanted]
    records, started = [], time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for t in targets:
            # The undamaged run (one per damaged file when the file is an argument).
            baselines = {}
            for file in (t["files"] if any("{file}" in a for a in t["args"]) else t["files"][:1]):
                base = pool.submit(run_case, popproj, bases, scratch, t, dict(file=file, bytes=None), None).result()
                if base["rc"] != 0:
                    print("warning: %s: the undamaged run failed (%s): %s" % (t["name"], base["rc"], base["stderr"]),
                          file=sys.stderr)
                baselines[file] = base["files"] if base["rc"] == 0 else None
            baseline_of = lambda file: baselines.get(file, baselines[t["files"][0]])
            rs = []
            for file in t["files"]:   # file by file, so that only one file's damaged copies are held
                with open(os.path.join(bases, t["base"], file), encoding="utf-8") as f:
                    text = f.read()
                cases = [dict(file=file, name=name, cls=cls, bytes=data)
                         for name, cls, data in damages(t, file, text, full=not args.quick)
                         if not args.quick or name in QUICK]
                futures = [pool.submit(run_case, popproj, bases, scratch, t, c, baseline_of(file)) for c in cases]
                rs += [f.result() for f in futures]
            records += rs
            counts = {k: sum(r["result"] == k for r in rs) for k in RESULTS}
            print("%s: %d cases, %s (%.0f s so far)" % (t["name"], len(rs), ", ".join(
                "%s %d" % (k, v) for k, v in counts.items() if v), time.monotonic() - started), file=sys.stderr)
    shutil.rmtree(os.path.join(scratch, "cases"), ignore_errors=True)
    with open(os.path.join(scratch, "results.json"), "w") as f:
        json.dump(dict(popproj=popproj, quick=args.quick, seconds=round(time.monotonic() - started),
                       results=records), f, indent=1)
    print_table(records, [t["name"] for t in targets])
    print()
    notable = [r for r in records if r["result"] in ("crash", "hang", "accepted_nonsense", "accepted_invalid",
                                                     "accepted_changed") or r["flags"]]
    for r in notable[: args.show]:
        print("- %s %s %s: %s %s %s" % (r["target"], r["file"], r["damage"].encode("unicode_escape").decode()[:60],
                                         r["result"], r["detail"][:140], " ".join(r["flags"])))
    if len(notable) > args.show:
        print("- ... %d more in %s" % (len(notable) - args.show, os.path.join(scratch, "results.json")))
    print("\nresults: %s" % os.path.join(scratch, "results.json"), file=sys.stderr)
    return 1 if any(r["result"] in ("crash", "hang") for r in records) else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--make-bases", metavar="DIR", help="only write the base datasets into DIR")
    parser.add_argument("--lean", action="store_true", help="with --make-bases: leave out files the readers never read")
    parser.add_argument("--quick", action="store_true", help="a subset of the damages (about 2 minutes)")
    parser.add_argument("--targets", help="comma-separated target names (default: all)")
    parser.add_argument("--scratch", help="folder for cases, findings and results.json (default: a new temporary folder)")
    parser.add_argument("--popproj", help="the popproj binary (default: .build/release/popproj)")
    parser.add_argument("--no-build", action="store_true", help="do not run swift build -c release first")
    parser.add_argument("--jobs", type=int, default=2, help="parallel runs (default 2)")
    parser.add_argument("--show", type=int, default=40, help="notable cases to list under the table")
    parser.add_argument("--list", action="store_true", help="list the targets")
    args = parser.parse_args()
    if args.make_bases:
        make_bases(args.make_bases, lean=args.lean)
        return 0
    if args.list:
        print("\n".join(t["name"] for t in TARGETS))
        return 0
    return campaign(args)


if __name__ == "__main__":
    sys.exit(main())
