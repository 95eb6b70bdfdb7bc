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

The largest single process RSS comes from GNU time (`/usr/bin/time -f %M`, which this script puts
in front of COMMAND) when it is installed, taken together with the /proc samples (GNU time does not
see processes nobody waited for). The kernel's own RUSAGE_CHILDREN ru_maxrss is not used then: the
command is forked from this Python process and Linux keeps the high-water mark across exec, so it
would count this script's ~10 MB too. Without /usr/bin/time a note is printed and the figure falls
back to max(samples, RUSAGE_CHILDREN ru_maxrss), an upper bound ("rss_source" in the JSON says
which). GNU time wrappers (process name "time") are left out of the tree RSS, and the tree's peak
is at least the largest single process's peak.

Usage: measure.py OUT.json [--stdout FILE] -- COMMAND ARGS...

The one measuring script of every benchmark under bench/ (refine, io, quotes, dedup).
`--stdout FILE` sends the command's standard output to FILE.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


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
        close = stat.rindex(")")
        comm = stat[stat.index("(") + 1 : close]
        rest = stat[close + 2 :].split()
        ppid = int(rest[1])
        utime, stime = int(rest[11]), int(rest[12])
        # GNU time wrappers (ours and any in COMMAND) are measuring tools, not the measured program.
        rss = 0 if comm == "time" else int(rest[21]) * PAGE
        kids.setdefault(ppid, []).append((int(d), utime + stime, rss))
    return kids


def main():
    if "--" not in sys.argv or sys.argv.index("--") < 2:
        sys.exit(__doc__)
    sep = sys.argv.index("--")
    out_path, opts, cmd = sys.argv[1], sys.argv[2:sep], sys.argv[sep + 1:]
    stdout = None
    if opts[:1] == ["--stdout"] and len(opts) == 2:
        stdout = open(opts[1], "wb")
    elif opts:
        sys.exit(__doc__)
    if GNU_TIME is None:
        print("measure.py: note: /usr/bin/time not found; peak_process_rss_mb falls back to "
              "RUSAGE_CHILDREN ru_maxrss, which also counts this Python process (an upper bound)",
              file=sys.stderr)
    rss_file = tempfile.NamedTemporaryFile("r", prefix="measure-", suffix=".rss")
    full = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *cmd] if GNU_TIME else cmd
    t0 = time.monotonic()
    proc = subprocess.Popen(full, stdout=stdout)
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
    # GNU time writes "Command exited with non-zero status N" (or a signal line) before %M.
    words = rss_file.read().split()
    rss_file.close()
    if GNU_TIME and words and words[-1].isdigit():
        peak_one = max(peak_one, int(words[-1]) * 1024)
        peak_tree = max(peak_tree, peak_one)
        rss_source = "gnu_time"
    else:
        if GNU_TIME:
            print("measure.py: note: no peak RSS from /usr/bin/time; falling back to "
                  "RUSAGE_CHILDREN ru_maxrss (an upper bound)", file=sys.stderr)
        peak_one = max(peak_one, ru.ru_maxrss * 1024)
        rss_source = "rusage_children"
    result = {
        "cmd": cmd,
        "rc": proc.returncode,
        "wall_s": round(wall, 3),
        "cpu_s": round(max(sampled, reaped), 3),
        "cpu_sampled_s": round(sampled, 3),
        "cpu_reaped_s": round(reaped, 3),
        "peak_tree_rss_mb": round(peak_tree / 2**20, 1),
        "peak_process_rss_mb": round(peak_one / 2**20, 1),
        "rss_source": rss_source,
        "processes": len(cpu_ticks),
    }
    with open(out_path, "w") as f:
        json.dump(result, f)
        f.write("\n")
    print(json.dumps(result), file=sys.stderr)
    if stdout:
        stdout.close()
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
