#!/usr/bin/env python3
"""The house rules a newcomer relies on, checked on every test run (scripts/test.sh):

- no library function longer than 150 lines (tests, examples and benches excepted);
- no source file longer than 1,500 lines, not counting its `#[cfg(test)]` module;
- no import cycles between the files of a crate (`use crate::a` in b.rs and `use crate::b` in a.rs,
  or any longer loop), so every crate reads bottom-up.

Usage: python3 scripts/check_layout.py [--list N]   (exits 1 and names what breaks a rule)
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
MAX_FN = 150
MAX_FILE = 1500
FN_RE = re.compile(r"\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")
STRING_RE = re.compile(r'"(\\.|[^"\\])*"')
CHAR_RE = re.compile(r"'(\\.|[^'\\])'")


def library_sources():
    for crate in sorted(os.listdir(os.path.join(ROOT, "crates"))):
        src = os.path.join(ROOT, "crates", crate, "src")
        for root, _, files in os.walk(src):
            for f in sorted(files):
                if f.endswith(".rs"):
                    yield crate, os.path.join(root, f)


def code_of(line):
    """The line without strings, char literals and comments, for brace counting."""
    s = STRING_RE.sub('""', line)
    s = CHAR_RE.sub("''", s)
    return s.split("//")[0]


def test_module_start(lines):
    for i, line in enumerate(lines):
        if (
            re.match(r"\s*#\[cfg\(test\)\]", line)
            and i + 1 < len(lines)
            and re.match(r"\s*mod \w+ \{", lines[i + 1])
        ):
            return i
    return len(lines)


def functions(lines, end):
    """(length, name, first line) of every fn before `end`, nested ones included."""
    out = []
    for i in range(end):
        m = FN_RE.match(lines[i])
        if not m:
            continue
        depth, started, j = 0, False, i
        while j < len(lines):
            s = code_of(lines[j])
            for ch in s:
                if ch == "{":
                    depth += 1
                    started = True
                elif ch == "}":
                    depth -= 1
            if started and depth <= 0:
                break
            if not started and s.rstrip().endswith(";"):
                break
            j += 1
        if started:
            out.append((j - i + 1, m.group(6), i + 1))
    return out


def module_of(crate_src, path):
    rel = os.path.relpath(path, crate_src)[:-3]
    parts = rel.split(os.sep)
    if parts[-1] in ("lib", "main", "mod"):
        parts = parts[:-1]
    return "::".join(parts)


PATH_RE = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")


def imports(lines, end, own, is_dir_module, modules):
    """The file modules of the crate this file names through `crate::`, `super::` or `self::`
    paths, comments left out."""
    found = set()
    code = "\n".join(code_of(l) for l in lines[:end])
    # `use a::{b, c}` groups: expand one level so each branch is resolved.
    code = re.sub(r"((?:crate|super|self)(?:::\w+)*)::\{([^{}]*)\}",
                  lambda m: " ".join(f"{m.group(1)}::{b.strip()}" for b in m.group(2).split(",")),
                  code)
    here = own.split("::") if own else []
    for m in PATH_RE.finditer(code):
        head, tail = m.group(1), [p for p in m.group(2).split("::") if p]
        if head == "crate":
            base = []
        elif head == "self":
            base = list(here) if is_dir_module else here[:-1]
        else:  # super
            base = here[:-1] if is_dir_module else here[:-2]
            while tail and tail[0] == "super":
                tail, base = tail[1:], base[:-1]
        target = base + tail
        # The longest prefix that is a file of the crate.
        for k in range(len(target), 0, -1):
            name = "::".join(target[:k])
            if name in modules:
                if name != own:
                    found.add(name)
                break
    return found


def cycles(graph):
    """Every elementary cycle's members, found by Tarjan's strongly connected components."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def main():
    listing = 0
    if "--list" in sys.argv:
        listing = int(sys.argv[sys.argv.index("--list") + 1])
    problems = []
    all_fns = []
    graphs = {}
    sources = [(c, p) for c, p in library_sources() if os.path.basename(p) != "tests.rs"]
    modules = {}
    for crate, path in sources:
        crate_src = os.path.join(ROOT, "crates", crate, "src")
        modules.setdefault(crate, set()).add(module_of(crate_src, path))
    for crate, path in sources:
        lines = open(path, encoding="utf-8").read().split("\n")
        end = test_module_start(lines)
        rel = os.path.relpath(path, ROOT)
        if end > MAX_FILE:
            problems.append(f"{rel}: {end} lines outside tests (at most {MAX_FILE})")
        for n, name, first in functions(lines, end):
            all_fns.append((n, f"{rel}:{first} {name}"))
            if n > MAX_FN:
                problems.append(f"{rel}:{first}: fn {name} is {n} lines (at most {MAX_FN})")
        crate_src = os.path.join(ROOT, "crates", crate, "src")
        own = module_of(crate_src, path)
        is_dir_module = os.path.basename(path) in ("mod.rs", "lib.rs", "main.rs")
        graph = graphs.setdefault(crate, {})
        graph.setdefault(own, set()).update(imports(lines, end, own, is_dir_module, modules[crate]))
    for crate, graph in sorted(graphs.items()):
        for comp in cycles(graph):
            names = [c or "lib" for c in comp]
            problems.append(f"crates/{crate}: files import each other in a cycle: {' <-> '.join(names)}")
    if listing:
        for n, where in sorted(all_fns, reverse=True)[:listing]:
            print(f"{n:5} {where}")
    for p in problems:
        print(p)
    if problems:
        print(f"check_layout: {len(problems)} problems", file=sys.stderr)
        return 1
    print("check_layout: functions <= 150 lines, files <= 1500 lines, no import cycles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
