#!/usr/bin/env python3
"""The statements LandMap ran for one request, taken from the bench cluster's server log, as a
pgbench script: the peer "the same SQL straight in PostgreSQL" always runs what the service runs
now, never a copy that went stale when the service's SQL changed (bench/items.sh, bench/tiles.sh).

  replay.py LOG_SLICE OUT_PREFIX --var NAME=VALUE ... [--prelude FILE]

LOG_SLICE: the server log written while the request ran with log_min_duration_statement=0
(bench/common.sh's capture_statements). A statement is kept when one of its parameters has the
value of a --var (the request's box or tile: z, x, y); the others (the ETag counter, a pool's
own polls, other users of the cluster) are left out. In what is kept, a parameter with a --var's
value becomes :NAME, every other one a pgbench variable of its own (-D, sent as a parameter of
the unnamed statement like the driver's values). Writes:
  OUT_PREFIX.pgbench  the prelude, then each kept statement on one line
  OUT_PREFIX.sql      the same statements with :NAME left and every other value inlined as a literal
                      (for psql after sed: EXPLAIN, or checking the bytes of another tile)
and prints the -D options for pgbench, one per line. Exits 1 when nothing matched.
"""
import argparse
import re
import sys

ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (\w+):  (.*)$")
EXECUTE = re.compile(r"^duration: [\d.]+ ms  execute [^:]*: (.*)$", re.S)
PARAM = re.compile(r"\$(\d+) = (NULL|'((?:[^']|'')*)')")
PLACEHOLDER = re.compile(r"\$(\d+)(?!\d)")


def entries(path):
    """(pid, level, text) of each log entry, continuation lines (a leading tab) joined back."""
    current = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = ENTRY.match(line.rstrip("\n"))
            if m:
                if current:
                    yield current
                current = [m.group(1), m.group(2), m.group(3)]
            elif current and line.startswith("\t"):
                current[2] += "\n" + line[1:].rstrip("\n")
        if current:
            yield current


def executed(path):
    """(sql, {n: value or None}) of each executed statement, its parameters from the DETAIL that follows."""
    pending = {}
    for pid, level, text in entries(path):
        m = EXECUTE.match(text) if level == "LOG" else None
        if m:
            if pid in pending:
                yield pending.pop(pid)
            pending[pid] = (m.group(1), {})
        elif level == "DETAIL" and pid in pending and text.startswith("parameters: "):
            sql, _ = pending.pop(pid)
            yield sql, {int(n): (None if raw == "NULL" else v.replace("''", "'")) for n, raw, v in PARAM.findall(text)}
    yield from pending.values()


def same(value, wanted):
    if value is None:
        return False
    try:
        return abs(float(value) - float(wanted)) < 1e-9
    except ValueError:
        return value == wanted


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("out")
    ap.add_argument("--var", action="append", default=[], help="NAME=VALUE of the request (box or tile)")
    ap.add_argument("--prelude", help="pgbench lines that set the --var names (\\set, \\gset)")
    a = ap.parse_args()
    wanted = [v.split("=", 1) for v in a.var]
    kept = []
    for sql, params in executed(a.log):
        names = {n: next((name for name, w in wanted if same(v, w)), None) for n, v in params.items()}
        if any(names.values()):
            kept.append((sql, params, names))
    if not kept:
        print(f"replay.py: no statement in {a.log} has a parameter {a.var}", file=sys.stderr)
        return 1
    options, bench, literal = [], [], []
    for i, (sql, params, names) in enumerate(kept, 1):
        def as_variable(m):
            n = int(m.group(1))
            if names.get(n):
                return ":" + names[n]
            if params.get(n) is None:
                return "NULL"
            options.append(f"-Dp{i}_{n}={params[n]}")
            return f":p{i}_{n}"

        def as_literal(m):
            n = int(m.group(1))
            if names.get(n):
                return ":" + names[n]
            return "NULL" if params.get(n) is None else "'" + params[n].replace("'", "''") + "'"

        flat = " ".join(line.strip() for line in sql.splitlines())
        bench.append(PLACEHOLDER.sub(as_variable, flat) + ";")
        literal.append(PLACEHOLDER.sub(as_literal, flat) + ";")
    with open(a.out + ".pgbench", "w", encoding="utf-8") as f:
        if a.prelude:
            f.write(open(a.prelude, encoding="utf-8").read().rstrip("\n") + "\n")
        f.write("\n".join(dict.fromkeys(bench)) + "\n")
    with open(a.out + ".sql", "w", encoding="utf-8") as f:
        f.write("\n".join(dict.fromkeys(literal)) + "\n")
    print("\n".join(dict.fromkeys(options)))
    print(f"replay.py: {len(dict.fromkeys(bench))} statement(s) kept", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
