#!/usr/bin/env python3
"""Runs a command and reports the resources of its whole process tree as one JSON line.

Why not only `/usr/bin/time -v`: its CPU time counts only descendants that were reaped by a
waiting parent, and its "maximum resident set size" is the largest single process, not the sum
of a multi-process run (datatrove's LocalPipelineExecutor forks one worker per core). So this
samples /proc every 50 ms and records, for every process in the tree:
- CPU: the last seen utime+stime of each process, summed over all processes (a process's last
  <50 ms can be missed; the kernel's rusage of the reaped children is taken when it is larger);
- memory: the peak of the summed RSS of all processes alive at one sample ("tree RSS"), and the
  largest single process RSS (what `/usr/bin/time -v` calls maximum resident set size).

Usage: measure.py OUT.json -- COMMAND ARGS...
"""

import json
import os
import resource
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def children_map():
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
        except OSError:
            continue
        # Fields after the command name (which may contain spaces) start after the last ')'.
        rest = stat[stat.rindex(")") + 2 :].split()
        ppid = int(rest[1])
        utime, stime = int(rest[11]), int(rest[12])
        rss_pages = int(rest[21])
        kids.setdefault(ppid, []).append((int(d), utime + stime, rss_pages * PAGE))
    return kids


def main():
    if "--" not in sys.argv or sys.argv.index("--") != 2:
        sys.exit(__doc__)
    out_path, cmd = sys.argv[1], sys.argv[3:]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd)
    cpu_ticks = {}
    peak_tree = peak_one = 0
    while proc.poll() is None:
        kids = children_map()
        stack, tree_rss = [proc.pid], 0
        seen = set()
        # proc.pid itself: find its own entry among its parent's children.
        for pid, ticks, rss in kids.get(os.getpid(), []):
            if pid == proc.pid:
                cpu_ticks[pid] = ticks
                tree_rss += rss
                peak_one = max(peak_one, rss)
        while stack:
            p = stack.pop()
            if p in seen:
                continue
            seen.add(p)
            for c, ticks, rss in kids.get(p, []):
                cpu_ticks[c] = max(cpu_ticks.get(c, 0), ticks)
                tree_rss += rss
                peak_one = max(peak_one, rss)
                stack.append(c)
        peak_tree = max(peak_tree, tree_rss)
        time.sleep(0.05)
    wall = time.monotonic() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampled = sum(cpu_ticks.values()) / TICK
    reaped = ru.ru_utime + ru.ru_stime
    result = {
        "cmd": cmd,
        "rc": proc.returncode,
        "wall_s": round(wall, 3),
        "cpu_s": round(max(sampled, reaped), 3),
        "cpu_sampled_s": round(sampled, 3),
        "cpu_reaped_s": round(reaped, 3),
        "peak_tree_rss_mb": round(peak_tree / 2**20, 1),
        "peak_process_rss_mb": round(max(peak_one, ru.ru_maxrss * 1024) / 2**20, 1),
        "processes": len(cpu_ticks),
    }
    with open(out_path, "w") as f:
        json.dump(result, f)
        f.write("\n")
    print(json.dumps(result), file=sys.stderr)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
