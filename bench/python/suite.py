"""The Python half of the benchmarks behind `docs/benchmarks.md`.

    python bench/python/suite.py [--repeats N] [--max-threads N] [--scale F]
                                 [--only GROUP]... [--free-threaded]
    python bench/python/suite.py --checksum ITERATIONS_PER_CHUNK

Prints one JSON object to stdout: the interpreter's description and the
cases with their raw samples. `--free-threaded` runs only the CPU-bound
threads case, for a `python3.13t`/`python3.14t` interpreter; it imports the
standard library only, so `primitives` need not be installed there.
`bench/run.py` runs this script and computes the statistics.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import sysconfig
from typing import Any

from common import Settings

GROUPS = ["cpu", "counter", "rwlock", "channels", "processes", "bridge"]


def interpreter() -> dict[str, Any]:
    gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)
    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": os.path.basename(sys.executable),
        "free_threaded_build": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil_enabled": bool(gil_enabled()),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--max-threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", action="append", choices=GROUPS, default=[])
    parser.add_argument("--free-threaded", action="store_true")
    parser.add_argument("--checksum", type=int, metavar="ITERATIONS_PER_CHUNK")
    args = parser.parse_args(argv)
    if args.checksum is not None:
        import cpu

        print(cpu.checksum(args.checksum))
        return
    if not 0 < args.scale <= 1 or args.repeats < 1 or args.max_threads < 1:
        parser.error("need 0 < --scale <= 1, --repeats >= 1, --max-threads >= 1")
    settings = Settings(args.repeats, args.max_threads, args.scale)
    info = interpreter()
    cases = []
    if args.free_threaded:
        import cpu

        label = f"Python threads, free-threaded ({info['executable']})"
        cases = cpu.run(settings, series_prefix="free_threaded", label=label)
    else:
        for name in args.only or GROUPS:
            print(f"python: {name}", file=sys.stderr)
            module = importlib.import_module(name)
            cases.extend(module.run(settings))
    json.dump(
        {"python": info, "cases": [case.to_json() for case in cases]},
        sys.stdout,
        indent=1,
    )
    print()


if __name__ == "__main__":
    main()
