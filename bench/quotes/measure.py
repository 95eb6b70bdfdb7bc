#!/usr/bin/env python3
"""Runs one command with its stdout to a file and records that process's own CPU time (os.wait4) and peak
RSS (GNU time), for the docs/s, MB/s per core and memory columns of the quotes table.

    measure.py USAGE.json OUT_FILE -- CMD ARG...
"""
import json, os, subprocess, sys, tempfile, time


def main():
    usage, out = sys.argv[1], sys.argv[2]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    # Peak RSS from GNU time when installed: wait4's own ru_maxrss would also count this Python
    # process's memory (the child is forked from it; Linux keeps the high-water mark across exec).
    gnu_time = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    t0 = time.perf_counter()
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        full = [gnu_time, "-f", "%M", "-o", rss_file.name, *cmd] if gnu_time else cmd
        with open(out, "wb") as f, subprocess.Popen(full, stdout=f) as p:
            _, status, ru = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
        words = rss_file.read().split()
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} exited with {p.returncode}")
    rss_kb = int(words[-1]) if gnu_time and words else ru.ru_maxrss
    with open(usage, "w") as f:
        json.dump({"cpu_s": ru.ru_utime + ru.ru_stime, "wall_s": wall, "max_rss_kb": rss_kb}, f)


if __name__ == "__main__":
    main()
