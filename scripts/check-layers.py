#!/usr/bin/env python3
"""Checks that the folders of Sources/Demography refer only down the layers.

Swift files in one module do not import each other, so the compiler cannot see
the layering inside `Demography`. This script rebuilds it from the source: it
finds the top-level types declared in each folder and reports every reference
from a file in a lower folder to a type declared in a higher one.

Layers, bottom to top (a folder may use its own layer and the ones below):

    Errors           DemographyError, the error every checked input throws
    LinearAlgebra    Matrix, BLAS and LAPACK wrappers; the only importer of CLinAlg
    Kernels          internal hot loops on buffers (enum Kernels and its families)
    Statistics       generic statistics: quantile levels and sketches, SplitMix64
    Ages             AgeStructure, AgeSchedule, Sex and BySex, Population, Validate
    LifeTable        life tables, separation factors, closure, mortality shifts
    Graduation       single ages from five-year groups (Sprague, Beers) and back
    Fertility        fertility schedules
    Migration        migration schedules, age patterns and timing
    StablePopulation matrix population models and stable-population analysis
                     (the matrices know only rates)
    Projection       the step and its result, the time loop, inputs, variants and
                     scenarios, Leslie matrices from a step, residual migration,
                     summary indicators
    Batch            the batched engine (many populations at once)
    Stochastic       the probabilistic projection, a client of the engine
    Multiregional    regions linked by migration

The same table sits in the "Layers" section of
Sources/Demography/Demography.docc/Demography.md. Folders on one line of
`LAYERS` below share a level; references among them are allowed as long as
they do not form a cycle.

What counts as a reference (after comments and string literals are blanked,
interpolations kept):

1. a top-level type (struct, enum, class, protocol, actor, typealias; not an
   extension) named by a word-boundary match in a file of a lower folder;
2. a member of a type (`T.member`, or `member` unqualified inside a block of T)
   when every declaration of that member is in a folder above the file's, e.g.
   a constant added to `enum Kernels` in Batch/ and read from Projection/;
3. code inside `enum Kernels { }` or `extension Kernels { }` counts as the
   Kernels layer wherever its file sits (the kernels are the bottom of the hot
   path; ARCHITECTURE-REVIEW §6.1 item 1), so a kernel in Multiregional/ that
   reads `ProjectionStep.floorValue` is reported as `Kernels -> ProjectionStep`.
   A kernel may still use the buffers of its own folder (they move with it).

A type name that the referencing folder also declares as a nested type is not
counted (it is that nested type). The scan is lexical, not a compiler: a local
variable or parameter that shadows a member is recognised only in simple forms.

Usage:

    python3 scripts/check-layers.py            # from the package root
    python3 scripts/check-layers.py --list     # also print the types per folder

Exits 0 when every reference points down, 1 with a list of
`file:line: Folder -> Type (Folder)` otherwise, 2 when a folder is not in LAYERS.
"""

import os
import re
import sys

LAYERS = [
    ["Errors"],
    ["LinearAlgebra"],
    ["Kernels"],
    ["Statistics"],
    ["Ages"],
    ["LifeTable"],
    ["Graduation"],
    ["Fertility"],
    ["Migration"],
    ["StablePopulation"],
    ["Projection"],
    ["Batch"],
    ["Stochastic"],
    ["Multiregional"],
]

KERNEL_NAMESPACE = "Kernels"
ROOT = os.path.join("Sources", "Demography")

LEVEL = {folder: level for level, folders in enumerate(LAYERS) for folder in folders}

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TYPE_KEYWORDS = {"struct", "enum", "class", "protocol", "actor", "typealias"}
MEMBER_DECL = re.compile(
    r"\b(?:let|var|func|case|typealias|struct|enum|class|actor|protocol)\s+`?([A-Za-z_][A-Za-z0-9_]*)")


def blank_comments_and_strings(text):
    """The source with comments and string contents replaced by spaces.

    Newlines are kept (line numbers stay right) and the code of string
    interpolations `\\( … )` is kept, since it can name types.
    """
    out = []
    n = len(text)
    i = 0
    # Stack of modes: ("code", paren depth) or ("string", multiline, hashes).
    stack = [("code", 0)]

    def blank(s):
        return "".join("\n" if c == "\n" else " " for c in s)

    while i < n:
        mode = stack[-1]
        c = text[i]
        if mode[0] == "code":
            if text.startswith("//", i):
                j = text.find("\n", i)
                j = n if j < 0 else j
                out.append(blank(text[i:j]))
                i = j
            elif text.startswith("/*", i):
                depth, j = 1, i + 2
                while j < n and depth:
                    if text.startswith("/*", j):
                        depth += 1
                        j += 2
                    elif text.startswith("*/", j):
                        depth -= 1
                        j += 2
                    else:
                        j += 1
                out.append(blank(text[i:j]))
                i = j
            elif c == '"' or (c == "#" and re.match(r'#+"', text[i:])):
                m = re.match(r'(#*)("""|")', text[i:])
                hashes, quote = len(m.group(1)), m.group(2)
                stack.append(("string", quote == '"""', hashes))
                out.append(" " * len(m.group(0)))
                i += len(m.group(0))
            else:
                if mode[1] > 0:  # inside an interpolation
                    if c == "(":
                        stack[-1] = ("code", mode[1] + 1)
                    elif c == ")":
                        if mode[1] == 1:
                            stack.pop()
                            out.append(" ")
                            i += 1
                            continue
                        stack[-1] = ("code", mode[1] - 1)
                out.append(c)
                i += 1
        else:
            _, multiline, hashes = mode
            close = ('"""' if multiline else '"') + "#" * hashes
            escape = "\\" + "#" * hashes
            if text.startswith(close, i):
                stack.pop()
                out.append(" " * len(close))
                i += len(close)
            elif text.startswith(escape + "(", i):
                stack.append(("code", 1))
                out.append(" " * (len(escape) + 1))
                i += len(escape) + 1
            elif text.startswith(escape, i) and i + len(escape) < n:
                out.append(blank(text[i:i + len(escape) + 1]))
                i += len(escape) + 1
            else:
                out.append("\n" if c == "\n" else " ")
                i += 1
    return "".join(out)


class SourceFile:
    """One Swift file: its folder, its blanked code, its blocks and declarations."""

    def __init__(self, path, folder):
        self.path = path
        self.folder = folder
        with open(path, encoding="utf-8") as f:
            self.code = blank_comments_and_strings(f.read())
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.code)]
        self.depth = self._brace_depths()
        self.top_types = []       # (name, line)
        self.nested_types = set()
        self.blocks = []          # (type name, start, end) of depth-0 declarations and extensions
        self.members = []         # (type name, member name)
        self.locals = set()       # names declared as let/var/parameters anywhere in the file
        self.declared_at = set()  # offsets of names being declared (not references)
        self._scan_declarations()

    def line_of(self, offset):
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def _brace_depths(self):
        """The brace depth before each character."""
        depths = [0] * (len(self.code) + 1)
        d = 0
        for i, c in enumerate(self.code):
            depths[i] = d
            if c == "{":
                d += 1
            elif c == "}":
                d = max(0, d - 1)
        depths[len(self.code)] = d
        return depths

    def _block_end(self, start):
        """The offset after the brace that closes the first `{` at or after `start`."""
        open_at = self.code.find("{", start)
        if open_at < 0:
            return start, start
        d = 0
        for j in range(open_at, len(self.code)):
            if self.code[j] == "{":
                d += 1
            elif self.code[j] == "}":
                d -= 1
                if d == 0:
                    return open_at, j + 1
        return open_at, len(self.code)

    def _scan_declarations(self):
        code = self.code
        for m in re.finditer(r"\b(struct|enum|class|protocol|actor|typealias|extension)\s+"
                             r"([A-Za-z_][A-Za-z0-9_.]*)", code):
            keyword, name = m.group(1), m.group(2)
            if keyword == "class" and name in ("func", "var", "let", "subscript", "override", "final"):
                continue
            depth = self.depth[m.start()]
            base = name.split(".")[0]
            if keyword in TYPE_KEYWORDS:
                if depth == 0 and "." not in name:
                    self.top_types.append((name, self.line_of(m.start())))
                else:
                    self.nested_types.add(name.split(".")[-1])
            if depth == 0 and keyword != "typealias":
                open_at, end = self._block_end(m.end())
                # A `where` clause or conformance list may sit between the name and `{`.
                if open_at > m.end() and ";" not in code[m.end():open_at]:
                    self.blocks.append((base, open_at, end))
                    self._scan_members(base, open_at, end)
        for m in re.finditer(r"\b(?:let|var)\s+\(?\s*([A-Za-z_][A-Za-z0-9_]*)", code):
            if self.depth[m.start()] >= 2:
                self.locals.add(m.group(1))
        for m in re.finditer(r"\b(?:let|var)\s+[A-Za-z_][A-Za-z0-9_]*[^\n]*", code):
            # `let a = 1, b = 2` declares b too.
            for extra in re.finditer(r",\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:=|:)", m.group(0)):
                if self.depth[m.start()] >= 2:
                    self.locals.add(extra.group(1))
        for m in re.finditer(r"\bfunc\s+[^(]*\(", code):
            self._scan_parameters(m.end() - 1)
        for m in re.finditer(r"\binit[?!]?\s*(?:<[^>]*>)?\s*\(", code):
            self._scan_parameters(m.end() - 1)

    def _scan_parameters(self, open_paren):
        d, j = 0, open_paren
        while j < len(self.code):
            if self.code[j] in "([<":
                d += 1
            elif self.code[j] in ")]>":
                d -= 1
                if d == 0:
                    break
            j += 1
        params, d, piece, piece_at = [], 0, "", open_paren + 1
        for k, c in enumerate(self.code[open_paren + 1:j]):
            if c in "([<":
                d += 1
            elif c in ")]>":
                d -= 1
            if c == "," and d == 0:
                params.append((piece_at, piece))
                piece, piece_at = "", open_paren + 2 + k
            else:
                piece += c
        params.append((piece_at, piece))
        for at, p in params:
            open_paren = at - 1
            m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+([A-Za-z_][A-Za-z0-9_]*))?\s*:", p)
            if m:
                self.locals.add(m.group(2) or m.group(1))
                self.declared_at.add(open_paren + 1 + m.start(1))
                if m.group(2):
                    self.declared_at.add(open_paren + 1 + m.start(2))

    def _scan_members(self, type_name, open_at, end):
        body = self.code[open_at + 1:end - 1]
        for m in MEMBER_DECL.finditer(body):
            offset = open_at + 1 + m.start()
            if self.depth[offset] == 1:
                self.members.append((type_name, m.group(1)))
        for m in MEMBER_DECL.finditer(self.code):
            self.declared_at.add(m.start(1))

    def enclosing_block(self, offset):
        for name, start, end in self.blocks:
            if start < offset < end:
                return name
        return None


def load(root):
    files, unknown = [], set()
    for folder in sorted(os.listdir(root)):
        full = os.path.join(root, folder)
        if not os.path.isdir(full) or folder.endswith(".docc"):
            continue
        if folder not in LEVEL:
            unknown.add(folder)
            continue
        for dirpath, _, names in os.walk(full):
            for name in sorted(names):
                if name.endswith(".swift"):
                    files.append(SourceFile(os.path.join(dirpath, name), folder))
    for name in os.listdir(root):
        if name.endswith(".swift"):
            unknown.add(name)
    return files, unknown


def check(files):
    type_folder = {}
    for f in files:
        for name, _ in f.top_types:
            type_folder[name] = f.folder
    member_folders = {}
    for f in files:
        for type_name, member in f.members:
            member_folders.setdefault((type_name, member), set()).add(f.folder)
    nested_by_folder = {}
    for f in files:
        nested_by_folder.setdefault(f.folder, set()).update(f.nested_types)

    violations = []
    same_level_edges = set()
    for f in files:
        code = f.code
        seen = set()
        for m in IDENT.finditer(code):
            word, at = m.group(0), m.start()
            if at in f.declared_at:
                continue
            block = f.enclosing_block(at)
            in_kernel = block == KERNEL_NAMESPACE and f.folder != KERNEL_NAMESPACE
            here = KERNEL_NAMESPACE if in_kernel else f.folder
            before = code[:at].rstrip()
            after = code[m.end():m.end() + 1]
            qualified = before.endswith(".")
            line = f.line_of(at)

            target, shown = None, None
            member_after = re.match(r"\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)", code[m.end():m.end() + 80])
            if member_after and (word, member_after.group(1)) in member_folders:
                continue  # reported as `Type.member` at the member
            if word in type_folder and not qualified and word not in nested_by_folder.get(f.folder, ()):
                target, shown = type_folder[word], word
            else:
                owner = None
                if qualified:
                    q = re.search(r"([A-Za-z_][A-Za-z0-9_]*)\s*\.$", before)
                    owner = q.group(1) if q else None
                elif block is not None and after != ":" and word not in f.locals:
                    owner = block
                if owner is not None and (owner, word) in member_folders:
                    folders = member_folders[(owner, word)]
                    lowest = min(folders, key=lambda g: LEVEL[g])
                    target, shown = lowest, f"{owner}.{word}"
            if target is None or target == here or (in_kernel and target == f.folder):
                continue
            if LEVEL[target] > LEVEL[here]:
                key = (line, shown)
                if key not in seen:
                    seen.add(key)
                    label = f"{here} (extension in {f.folder})" if in_kernel else here
                    violations.append((f.path, line, label, shown, target))
            elif LEVEL[target] == LEVEL[here]:
                same_level_edges.add((here, target))
    return violations, same_level_edges


def cycles(edges):
    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
    found, state = [], {}

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif state.get(nxt) is None:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if state.get(node) is None:
            visit(node, [node])
    return found


def main(argv):
    root = ROOT
    if not os.path.isdir(root):
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ROOT)
        os.chdir(os.path.join(root, "..", ".."))
        root = ROOT
    files, unknown = load(root)
    if unknown:
        for name in sorted(unknown):
            print(f"{os.path.join(root, name)}: not in the layer order of scripts/check-layers.py")
        return 2
    if "--list" in argv:
        for level, folders in enumerate(LAYERS):
            for folder in folders:
                names = sorted(n for f in files if f.folder == folder for n, _ in f.top_types)
                print(f"{level:2} {folder}: {', '.join(names)}")
    violations, same_level = check(files)
    loops = cycles(same_level)
    for path, line, here, shown, target in sorted(violations):
        print(f"{path}:{line}: {here} -> {shown} ({target})")
    for loop in loops:
        print("cycle between folders of one layer: " + " -> ".join(loop))
    if violations or loops:
        print(f"{len(violations)} upward reference(s), {len(loops)} cycle(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
