#!/usr/bin/env python3
"""Runs one command with its stdout to a file and records that process's own CPU time and peak
RSS (os.wait4), for the docs/s, MB/s per core and memory columns of the quotes table.

    measure.py USAGE.json OUT_FILE -- CMD ARG...
"""
import json, os, subprocess, sys, time


def main():
    usage, out = sys.argv[1], sys.argv[2]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    t0 = time.perf_counter()
    with open(out, "wb") as f, subprocess.Popen(cmd, stdout=f) as p:
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} exited with {p.returncode}")
    with open(usage, "w") as f:
        json.dump({"cpu_s": ru.ru_utime + ru.ru_stime, "wall_s": wall, "max_rss_kb": ru.ru_maxrss}, f)


if __name__ == "__main__":
    main()
