#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""bench_smoke: run idc_bench once with a tiny min time; check it exits 0,
that no benchmark reported an error, and that every expected name ran.

Timing is never asserted (the machines are shared and noisy).

  smoke_check.py path/to/idc_bench bench/expected_benchmarks.txt
"""
import json
import subprocess
import sys


def expected_names(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: smoke_check.py IDC_BENCH EXPECTED_NAMES")
    binary, names_file = sys.argv[1:]
    proc = subprocess.run(
        [binary, "--benchmark_min_time=0.001", "--benchmark_format=json"],
        capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        sys.exit(f"idc_bench exited {proc.returncode}")
    ran = {}
    for b in json.loads(proc.stdout)["benchmarks"]:
        ran[b["name"]] = b
    problems = []
    for name in expected_names(names_file):
        if name not in ran:
            problems.append(f"missing benchmark {name}")
        elif ran[name].get("error_occurred"):
            problems.append(f"{name}: {ran[name].get('error_message')}")
    unexpected = sorted(set(ran) - set(expected_names(names_file)))
    problems += [f"not in {names_file}: {n}" for n in unexpected]
    for p in problems:
        print("bench_smoke:", p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"bench_smoke: {len(ran)} benchmarks ran")


if __name__ == "__main__":
    main()
