#!/usr/bin/env python3
"""Compares the before-*.jsonl and after-*.jsonl dumps of locate-interleaved.sh (locate --dump lines).

Prints, per build, the fixed files first and in the best five, MRR and the best-10 and best-50 query times; the
paired per-report difference of the best-10 time; the reports whose first fixed file moved; and the after build's
table per repository (the columns of the benchmark's own table that its dump holds).

    locate-compare.py OUT_DIR
"""
import glob
import json
import re
import statistics
import sys


def load(folder, build):
    reports = {}
    for path in sorted(glob.glob(f"{folder}/{build}-*.jsonl")):
        for line in open(path, encoding="utf-8"):
            report = json.loads(line)
            reports[report["Id"]] = report
    return reports


def at(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


def within(rank, k):
    return rank is not None and 0 < rank <= k


def repository(report_id):
    match = re.match(r"(.+?)__(.+)-\d+$", report_id)
    return f"{match.group(1)}/{match.group(2)}"


def row(name, reports):
    n = len(reports)
    first = [r["First"] for r in reports]
    last = [None if any(g["Rank"] == 0 for g in r["Gold"]) else max(g["Rank"] for g in r["Gold"]) for r in reports]
    rate = lambda ranks, k: f"{sum(within(x, k) for x in ranks) / n:.2f}"
    # The benchmark's median: the upper middle value.
    median = lambda values: sorted(values)[len(values) // 2]
    return (f"| {name} | {n} | {rate(first, 1)} | {rate(first, 3)} | {rate(first, 5)} | {rate(first, 10)} | "
            f"{rate(last, 5)} | {rate(last, 10)} | {sum(1 / f for f in first if f) / n:.2f} | "
            f"{median([r['BotQueryMs'] for r in reports]):.1f} | {median([r['QueryMs'] for r in reports]):.1f} |")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: locate-compare.py OUT_DIR")
    folder = sys.argv[1]
    builds = {b: load(folder, b) for b in ("before", "after")}
    if not all(builds.values()):
        sys.exit(f"no before-*.jsonl or after-*.jsonl in {folder}")
    for name, reports in builds.items():
        n = len(reports)
        first = [r["First"] for r in reports.values()]
        top10 = [r["BotQueryMs"] for r in reports.values()]
        top50 = [r["QueryMs"] for r in reports.values()]
        print(f"{name}: n={n} any@1 {sum(within(f, 1) for f in first)} ({sum(within(f, 1) for f in first) / n:.3f}) "
              f"any@5 {sum(within(f, 5) for f in first)} ({sum(within(f, 5) for f in first) / n:.3f}) "
              f"MRR {sum(1 / f for f in first if f) / n:.3f} | best 10 first on its commit: median "
              f"{statistics.median(top10):.1f} p90 {at(top10, 0.9):.1f} p99 {at(top10, 0.99):.1f} max {max(top10):.1f} "
              f"over 50 ms {sum(t > 50 for t in top10)} | best 50: median {statistics.median(top50):.1f} "
              f"p90 {at(top50, 0.9):.1f}")
    before, after = builds["before"], builds["after"]
    common = [k for k in before if k in after]
    difference = [after[k]["BotQueryMs"] - before[k]["BotQueryMs"] for k in common]
    ratio = [after[k]["BotQueryMs"] / before[k]["BotQueryMs"] for k in common]
    print(f"paired over {len(common)}: after - before median {statistics.median(difference):+.2f} ms, "
          f"ratio median {statistics.median(ratio):.3f}")
    moved = [(k, before[k]["First"], after[k]["First"]) for k in common if before[k]["First"] != after[k]["First"]]
    print("into the five:", [m for m in moved if not within(m[1], 5) and within(m[2], 5)])
    print("out of the five:", [m for m in moved if within(m[1], 5) and not within(m[2], 5)])
    print("to first:", [m for m in moved if m[1] != 1 and m[2] == 1])
    print("from first:", [m for m in moved if m[1] == 1 and m[2] != 1])
    print(f"other moves: {len(moved)}")
    print()
    print("| repository | n | any@1 | any@3 | any@5 | any@10 | all@5 | all@10 | MRR | best 10, first on its commit: median ms | best 50: median ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    by_repository = {}
    for report in after.values():
        by_repository.setdefault(repository(report["Id"]), []).append(report)
    for name in sorted(by_repository):
        print(row(name, by_repository[name]))
    print(row("**all measured**", list(after.values())))


if __name__ == "__main__":
    main()
