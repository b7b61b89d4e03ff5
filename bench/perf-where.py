#!/usr/bin/env python3
"""Where a process's CPU goes, from `perf script -F comm,tid,ip,sym,dso` output (bench/profile-api.sh).

Each sample goes to one category: thread-pool spin-waiting and the GC's own threads first, then the
innermost frame of its stack that matches a category below. Prints a markdown table: share of the
samples and CPU-ms per request (CPU seconds and request count given on the command line).
  perf-where.py SCRIPT_TXT CPU_SECONDS REQUESTS
"""
import collections
import re
import sys

FRAMES = [  # first match from the innermost frame outwards
    ("UTF-8 transcoding (string <-> bytes)", r"Utf8Utility|EncoderNLS|CreateStringFromEncoding|Ascii::Widen|GetPointerToFirstInvalidByte"),
    ("Npgsql: reading rows and messages, sending statements", r"\[Npgsql\]"),
    ("writing the page (StreamWriter or ChunkedUtf8, JSON of the links)", r"StreamWriter|ChunkedUtf8|System\.Text\.Json"),
    ("Kestrel: sending the response", r"DoSend|SocketConnection|TimingPipeFlusher|Http1OutputProducer|HttpResponseStream"),
    ("Kestrel: receiving and parsing requests", r"Kestrel"),
    ("OpenTelemetry metrics", r"OpenTelemetry|DiagnosticSource"),
    ("LandMap: SQL text, ETag, links, parameters", r"\[LandMap\.Api\] LandMap\.Api\.(Items|Hosting\.HttpCaching|Data\.ParcelState|Features\.Ogc)"),
    ("middleware and routing", r"Microsoft\.AspNetCore|\[LandMap\.Api\]"),
]
REST = "runtime and kernel outside those (thread wake-ups and context switches, allocation, thread pool)"


def samples(path):
    comm, frames = None, []
    for line in open(path, errors="replace"):
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
        elif not line.startswith(("\t", " ")):
            comm, frames = re.sub(r"\s+\d+\s*$", "", line.strip()), []
        elif comm is not None:
            parts = line.strip().split(None, 1)
            frames.append(parts[1] if len(parts) > 1 else "?")
    if comm is not None:
        yield comm, frames


def category(comm, frames):
    if any("LowLevelSpinWaiter" in f for f in frames):
        return "thread-pool workers spin-waiting for work (LowLevelSpinWaiter, sched_yield)"
    if comm in (".NET BGC", ".NET Server GC"):
        return "GC threads (background and server GC)"
    if comm.startswith(".NET Tiered"):
        return "JIT (tiered compilation)"
    if comm == ".NET Sockets":
        return "socket event loop (epoll thread)"
    for frame in frames:
        for name, pattern in FRAMES:
            if re.search(pattern, frame):
                return name
    return REST


def main():
    path, cpu, requests = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    counts = collections.Counter(category(c, f) for c, f in samples(path))
    n = sum(counts.values()) or 1
    print(f"{n} samples, {cpu:.2f} CPU-s, {requests:.0f} requests: {1000 * cpu / requests:.2f} CPU-ms a request\n")
    print("| share of the API's CPU | CPU-ms a request | where |")
    print("|---:|---:|---|")
    for name, k in counts.most_common():
        print(f"| {100 * k / n:.1f}% | {1000 * cpu / requests * k / n:.2f} | {name} |")


if __name__ == "__main__":
    main()
