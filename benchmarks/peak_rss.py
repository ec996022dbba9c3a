"""Run a command; report wall clock, CPU time and the peak memory of each of its processes.

    .venv/bin/python benchmarks/peak_rss.py [--stdout FILE] -- COMMAND ARGS...

``ru_maxrss`` of a waited-for command is the largest of any one process in its
tree, which hides whether the parent or a worker holds the memory. This script
polls ``/proc/<pid>/status`` (``VmHWM``, the process's own high-water mark) for
the command and every descendant every 0.1 s and prints, at the end, wall
seconds, user+system CPU seconds of the whole tree, the load average before and
after (the machine is shared), and each process's peak RSS in MB, largest first.
Linux only.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--stdout", type=Path, help="Write the command's standard output here.")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    cmd = [c for c in args.command if c != "--"] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("give a command after --")
    load0 = os.getloadavg()
    out = args.stdout.open("wb") if args.stdout else subprocess.DEVNULL
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out)
    peaks: dict[int, float] = {}
    while proc.poll() is None:
        stack = [proc.pid]
        while stack:
            pid = stack.pop()
            hwm = _hwm_mb(pid)
            if hwm is not None:
                peaks[pid] = max(peaks.get(pid, 0.0), hwm)
            stack += _children(pid)
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    load1 = os.getloadavg()
    print(f"exit {proc.returncode}, wall {wall:.1f} s, CPU {usage.ru_utime + usage.ru_stime:.1f} s,"
          f" load {load0[0]:.1f} -> {load1[0]:.1f}", file=sys.stderr)
    print("peak RSS per process (MB): " + ", ".join(
        f"{mb:.0f}" for mb in sorted(peaks.values(), reverse=True)), file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
