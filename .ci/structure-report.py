#!/usr/bin/env python3
"""Structure figures for issue 10 (core redesign), read from a git revision, not from a work tree.

usage: python3 .ci/structure-report.py [REPO] [REV] [--path-list FILE] [--project src/ClientVpnExporter]
  REPO defaults to the current directory, REV to HEAD. Rerun after the redesign with the new REV and a new path list.

Prints: files per folder; namespace dependency edges (from `using ClientVpnExporter.X` and from type
references in code, comments and strings stripped) and their cycles (strongly connected components);
the five longest methods and types (lines from declaration to closing brace/semicolon, doc comments and
attributes excluded); meter creation sites; and, with --path-list, the files and types on the data path.
"""
import re
import subprocess
import sys
from collections import defaultdict

ROOT_NS = "ClientVpnExporter"
TYPE_KW = re.compile(r"\b(record\s+struct|record\s+class|record|class|struct|interface|enum)\s+([A-Za-z_]\w*)")
NOT_METHODS = {"if", "for", "foreach", "while", "switch", "catch", "using", "lock", "fixed", "return", "new",
               "nameof", "typeof", "sizeof", "default", "when", "await", "throw", "base", "this", "checked"}


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def strip(src):
    """Comments and string/char literals blanked (newlines kept), so braces and names are code only."""
    out = []
    i, n = 0, len(src)

    def blank(text):
        out.append("".join("\n" if c == "\n" else " " for c in text))

    def skip_string(j, interpolated, verbatim):
        # j points just after the opening quote; returns the index after the closing quote.
        while j < n:
            c = src[j]
            if verbatim and c == '"' and j + 1 < n and src[j + 1] == '"':
                j += 2
                continue
            if not verbatim and c == "\\":
                j += 2
                continue
            if interpolated and c == "{":
                if j + 1 < n and src[j + 1] == "{":
                    j += 2
                    continue
                j = skip_hole(j + 1)
                continue
            if c == '"':
                return j + 1
            j += 1
        return j

    def skip_hole(j):
        depth = 1
        while j < n and depth:
            c = src[j]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            elif c == '"':
                j = skip_string(j + 1, False, False)
                continue
            elif c == "$" and j + 1 < n and src[j + 1] == '"':
                j = skip_string(j + 2, True, False)
                continue
            j += 1
        return j

    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            blank(src[i:j]); i = j; continue
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            blank(src[i:j]); i = j; continue
        m = re.match(r'(\$*)(@?)("{3,})', src[i:i + 16])
        if m and (m.group(1) or True) and len(m.group(3)) >= 3 and not m.group(2):
            quotes = m.group(3)
            j = src.find(quotes, i + m.end())
            j = n if j < 0 else j + len(quotes)
            blank(src[i:j]); i = j; continue
        m = re.match(r'(\$@|@\$|\$|@)?"', src[i:i + 3])
        if m and (c == '"' or c in "$@"):
            prefix = m.group(1) or ""
            j = skip_string(i + m.end(), "$" in prefix, "@" in prefix)
            blank(src[i:j]); i = j; continue
        if c == "'":
            m = re.match(r"'(\\.|[^\\'])[^']*'", src[i:i + 12])
            if m:
                blank(m.group(0)); i += m.end(); continue
        out.append(c)
        i += 1
    return "".join(out)


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


def matching(text, open_pos):
    depth = 0
    for j in range(open_pos, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(text) - 1


def members(text, start, end):
    """Depth-0 member segments of a type body text[start:end] as (seg_start, seg_end, body_open or -1)."""
    segs, seg_start, j, paren = [], start, start, 0
    while j < end:
        c = text[j]
        if c in "([":
            paren += 1
        elif c in ")]":
            paren -= 1
        elif c == ";" and paren == 0:
            segs.append((seg_start, j, -1)); seg_start = j + 1
        elif c == "{" and paren == 0:
            close = matching(text, j)
            # `=> new X { ... };` or `= new() { ... };`: the braces belong to an expression; run on to the `;`.
            k = close + 1
            while k < end and text[k] in " \t\r\n":
                k += 1
            header = text[seg_start:j]
            if "=" in header.replace("==", "").replace("=>", "=") and k < end and text[k] in ";,)":
                j = close + 1
                continue
            segs.append((seg_start, close, j)); seg_start = close + 1; j = close
        j += 1
    return segs


def header_start(text, seg_start, seg_end):
    """First code character of a member, after attributes and whitespace."""
    j = seg_start
    while j < seg_end:
        if text[j].isspace():
            j += 1
        elif text[j] == "[":
            depth = 0
            while j < seg_end:
                depth += text[j] == "["
                depth -= text[j] == "]"
                j += 1
                if depth == 0:
                    break
        else:
            return j
    return seg_end


def analyse(path, src, types, methods):
    text = strip(src)

    def walk_type(kind, name, decl_pos, body_open, body_close, outer):
        full = f"{outer}.{name}" if outer else name
        types.append((line_of(text, body_close) - line_of(text, decl_pos) + 1, full, path, line_of(text, decl_pos)))
        if body_open < 0 or kind == "enum":
            return
        for s, e, body in members(text, body_open + 1, body_close):
            h = header_start(text, s, e)
            head = text[h:(body if body >= 0 else e)]
            tm = TYPE_KW.search(head)
            if tm and "(" not in head[:tm.start()] and "=" not in head[:tm.start()]:
                walk_type(tm.group(1).split()[-1], tm.group(2), h + tm.start(), body, e, full)
                continue
            paren = head.find("(")
            cut = min([p for p in (head.find("="), head.find("{")) if p >= 0] or [len(head)])
            if paren < 0 or paren > cut:
                continue  # field, property, event
            before = re.findall(r"[A-Za-z_]\w*", head[:paren])
            if not before or before[-1] in NOT_METHODS:
                continue
            methods.append((line_of(text, e) - line_of(text, h) + 1, f"{full}.{before[-1]}", path, line_of(text, h)))

    # Top-level types (file-scoped or block namespaces).
    j = 0
    while True:
        m = TYPE_KW.search(text, j)
        if not m:
            break
        # Only declarations at namespace level: brace depth 0 (file-scoped) or 1 (block namespace).
        depth = text.count("{", 0, m.start()) - text.count("}", 0, m.start())
        block_ns = re.search(r"\bnamespace\s+[\w.]+\s*\{", text[:m.start()]) is not None
        if depth != (1 if block_ns else 0):
            j = m.end(); continue
        k = m.end(); paren = 0
        while k < len(text):
            if text[k] in "(<[":
                paren += 1
            elif text[k] in ")>]":
                paren -= 1
            elif paren == 0 and text[k] in "{;":
                break
            k += 1
        decl = m.start()
        if text[k] == "{":
            close = matching(text, k)
            walk_type(m.group(1).split()[-1], m.group(2), decl, k, close, "")
            j = close + 1
        else:
            walk_type(m.group(1).split()[-1], m.group(2), decl, -1, k, "")
            j = k + 1
    return text


def tarjan(nodes, edges):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def strong(v):
        index[v] = low[v] = counter[0]; counter[0] += 1
        stack.append(v); on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                strong(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            strong(v)
    return [c for c in out if len(c) > 1]


def simple_cycles(comp, graph):
    """Every elementary cycle inside one strongly connected component, each listed once from its smallest node."""
    comp, found = sorted(comp), []

    def walk(start, v, path, seen):
        for w in sorted(graph[v]):
            if w == start:
                found.append(list(path))
            elif w in comp and w > start and w not in seen:
                walk(start, w, path + [w], seen | {w})

    for start in comp:
        walk(start, start, [start], {start})
    return sorted(found, key=len)


def main(argv):
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("repo", nargs="?", default=".")
    parser.add_argument("rev", nargs="?", default="HEAD")
    parser.add_argument("--project", default="src/ClientVpnExporter")
    parser.add_argument("--path-list")
    a = parser.parse_args(argv)
    repo, rev, project, path_list = a.repo, a.rev, a.project, a.path_list

    sha = git(repo, "rev-parse", "--short", rev).strip()
    files = [p for p in git(repo, "ls-tree", "-r", "--name-only", rev, "--", project).split()
             if p.endswith(".cs") and "/obj/" not in p and "/bin/" not in p]
    print(f"# {repo} @ {sha}: {len(files)} C# files under {project}\n")

    folders = defaultdict(int)
    for p in files:
        rel = p[len(project) + 1:]
        folders[rel.split("/")[0] if "/" in rel else "(root)"] += 1
    print("## files per folder")
    for f, c in sorted(folders.items()):
        print(f"  {f:<16}{c}")

    types, methods, stripped, namespaces, usings = [], [], {}, {}, {}
    for p in files:
        src = git(repo, "show", f"{rev}:{p}")
        stripped[p] = analyse(p, src, types, methods)
        m = re.search(r"^\s*namespace\s+([\w.]+)", stripped[p], re.M)
        namespaces[p] = m.group(1) if m else "(global)"
        usings[p] = set(re.findall(rf"^\s*(?:global\s+)?using\s+(?:static\s+)?({ROOT_NS}(?:\.\w+)*)\s*;", stripped[p], re.M))

    def short(ns):
        return ns[len(ROOT_NS) + 1:] if ns.startswith(ROOT_NS + ".") else ns

    # Namespace graph: using edges, and code edges (a type of namespace B named in code of namespace A,
    # B imported by `using`, an ancestor of A, or written fully qualified).
    declared = defaultdict(set)
    for _, full, p, _ in types:
        declared[full.split(".")[0]].add(namespaces[p])
    using_edges, code_edges, why = defaultdict(set), defaultdict(set), defaultdict(set)
    nodes = set(short(n) for n in namespaces.values())
    for p in files:
        a = namespaces[p]
        for u in usings[p]:
            if u != a:
                using_edges[short(a)].add(short(u))
        code = re.sub(r"^\s*(?:global\s+)?using\s+[^;]*;", "", stripped[p], flags=re.M)
        # A name after "." is a member (options.ApiBudget), not a type; qualified type names are checked below.
        tokens = set(re.findall(r"(?<![.\w])\s*([A-Za-z_]\w*)", code))
        for t in tokens:
            for b in declared.get(t, ()):
                if b == a:
                    continue
                visible = b in usings[p] or a.startswith(b + ".") or b == ROOT_NS or f"{b}.{t}" in stripped[p]
                if visible:
                    code_edges[short(a)].add(short(b))
                    why[(short(a), short(b))].add(f"{p.rsplit('/', 1)[-1]}:{t}")
    for graph in (using_edges, code_edges):
        for v in nodes:
            graph.setdefault(v, set())

    print("\n## namespace edges (code references; * = also a using)")
    for a in sorted(code_edges):
        for b in sorted(code_edges[a]):
            mark = "*" if b in using_edges[a] else " "
            print(f"  {a:<22}-> {b:<20}{mark} {', '.join(sorted(why[(a, b)])[:4])}")
    for label, graph in (("using directives", using_edges), ("code references", code_edges)):
        cycles = tarjan(nodes, graph)
        print(f"\n## namespace cycles by {label}: {len(cycles)}")
        for comp in cycles:
            pairs = [f"{a}<->{b}" for a in comp for b in comp if a < b and b in graph[a] and a in graph[b]]
            print(f"  {{{', '.join(comp)}}}  two-way: {', '.join(pairs) or '(longer loop)'}")
            loops = simple_cycles(comp, graph)
            print(f"  {len(loops)} elementary loops, e.g. " + "; ".join(" -> ".join(c + [c[0]]) for c in loops[:6]))

    print("\n## longest methods (lines)")
    for lines, name, p, at in sorted(methods, reverse=True)[:5]:
        print(f"  {lines:4}  {name}  ({p}:{at})")
    print("\n## longest types (lines)")
    for lines, name, p, at in sorted(types, reverse=True)[:5]:
        print(f"  {lines:4}  {name}  ({p}:{at})")

    print("\n## meters (creation sites)")
    for p in files:
        for m in re.finditer(r"new\s+Meter\s*\(|\.Create\s*\(\s*[\w.]*MeterName|meterFactory\.Create\s*\(", stripped[p]):
            print(f"  {p}:{line_of(stripped[p], m.start())}")

    if path_list:
        lines = [l for l in open(path_list, encoding="utf-8")]
        detail = {l.split("#")[0].strip() for l in lines if "#" in l and l.split("#", 1)[1].strip().startswith("detail")}
        wanted = [l.split("#")[0].strip() for l in lines]
        carriers = [w[len("carrier:"):].strip() for w in wanted if w.startswith("carrier:")]
        wanted = [w for w in wanted if w and not w.startswith("carrier:")]
        on_path = [p for p in files if p[len(project) + 1:] in wanted]
        missing = [w for w in wanted if f"{project}/{w}" not in files]
        path_types = [full for _, full, p, _ in types if p in on_path]
        all_names = {full.split(".")[-1] for _, full, _, _ in types}
        print(f"\n## data path ({path_list}): {len(on_path)} files, {len(path_types)} types declared in them")
        for p in on_path:
            print(f"  {p[len(project) + 1:]:<44}{', '.join(f for _, f, q, _ in types if q == p)}")
        base = [p for p in on_path if p[len(project) + 1:] not in detail]
        print(f"  without the lines marked detail: {len(base)} files, "
              f"{sum(1 for _, _, p, _ in types if p in base)} types")
        if missing:
            print(f"  not found at this revision: {', '.join(missing)}")
        if carriers:
            found = [c for c in carriers if c in all_names]
            print(f"  intermediate carrier types: {len(found)} of {len(carriers)} listed exist: {', '.join(found)}")


if __name__ == "__main__":
    main(sys.argv[1:])
