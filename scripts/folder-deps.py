#!/usr/bin/env python3
"""Lists, for each top-level folder of api/LandMap.Api (Features/<X> counted as a folder of its
own), the other folders its .cs files use: `using LandMap.Api.<ns>` directives and fully
qualified `LandMap.Api.<ns>.` references. Prints the edges and any cycles.
The architecture test (tests/LandMap.Tests/Architecture/DependencyTests.cs) asserts the same
graph; this script is the quick look while moving code."""
import os, re, sys
from collections import defaultdict

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "api", "LandMap.Api")
ref = re.compile(r"LandMap\.Api\.((?:Features\.)?[A-Z][A-Za-z]*)")

def folder_of(rel):
    parts = rel.split(os.sep)
    if len(parts) == 1:
        return None  # Program.cs: the composition root may use everything
    return "/".join(parts[:2]) if parts[0] == "Features" else parts[0]

edges = defaultdict(set)
for d, _, files in os.walk(root):
    if "/obj" in d or "/bin" in d:
        continue
    for f in files:
        if not f.endswith(".cs"):
            continue
        rel = os.path.relpath(os.path.join(d, f), root)
        src = folder_of(rel)
        if src is None:
            continue
        for line in open(os.path.join(d, f), encoding="utf-8"):
            if line.startswith("namespace "):
                continue
            for m in ref.finditer(line):
                dst = m.group(1).replace(".", "/")
                if dst != src:
                    edges[src].add(dst)

for src in sorted(edges):
    print(f"{src:24} -> {', '.join(sorted(edges[src]))}")

# cycles: strongly connected components with more than one folder
index, low, stack, on, sccs, n = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
    for w in edges.get(v, ()):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(sorted(comp))
for v in list(edges):
    if v not in index: visit(v)
print("\ncycles (folders that reach each other):" if sccs else "\nno cycles")
for c in sccs:
    print("  " + " <-> ".join(c))
feature_edges = [(s, d) for s in edges for d in edges[s] if s.startswith("Features/") and d.startswith("Features/")]
print(f"\nfeature -> feature edges: {len(feature_edges)}")
for s, d in sorted(feature_edges):
    print(f"  {s} -> {d}")
