"""Run the benchmarks behind `docs/benchmarks.md` and write their results.

    python bench/run.py [--scale F] [--repeats-rust N] [--repeats-python N]
                        [--output DIR]

Builds `bench/rust` in release mode and runs it, runs `bench/python/suite.py`
with this interpreter and, when one is on PATH, with a free-threaded
`python3.14t`/`python3.13t`; then writes `DIR/results.json` (the machine, and
each case's median, minimum and maximum over the repeats) and one SVG plot
per group. `nox -s bench` runs it; `--scale 0.05 --output /tmp/bench` is a
quick smoke run that leaves the committed results alone.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RUST = BENCH / "rust"
BINARY = RUST / "target" / "release" / "concurrency-bench"
SUITE = BENCH / "python" / "suite.py"
FREE_THREADED = ["python3.14t", "python3.13t"]
NOT_FOUND = "not measured: no free-threaded interpreter found"
#: Iterations per chunk of the Python CPU job (bench/python/cpu.py).
PYTHON_CPU_ITERATIONS = 3_000
#: No single step may take longer than this; a hang fails the run.
TIMEOUT = 600

#: Page order, titles and units of the groups; a case's group is one of these.
GROUPS: dict[str, dict[str, str]] = {
    "cpu": {"title": "CPU-bound work", "unit": "ns per iteration"},
    "counter": {"title": "A shared counter", "unit": "ns per increment"},
    "lock": {"title": "An uncontended lock", "unit": "ns per lock and unlock"},
    "rwlock": {"title": "RwLock or Mutex", "unit": "ns per operation"},
    "channels": {"title": "Channel throughput", "unit": "ns per message"},
    "arc": {"title": "Arc::clone and Rc::clone", "unit": "ns per clone and drop"},
    "false_sharing": {"title": "False sharing", "unit": "ns per increment"},
    "processes": {"title": "Processes or threads", "unit": "ns per task"},
    "bridge": {"title": "Calling Rust from Python", "unit": "ns per byte"},
}


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(command: list[str], cwd: Path = ROOT) -> str:
    log(" ".join(command))
    return subprocess.run(
        command,
        cwd=cwd,
        check=True,
        capture_output=False,
        text=True,
        stdout=subprocess.PIPE,
        timeout=TIMEOUT,
    ).stdout


# --------------------------------------------------------------------------
# The machine
# --------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                return value.strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def os_name() -> str:
    pretty = ""
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                pretty = line.partition("=")[2].strip().strip('"')
    except OSError:
        pass
    kernel = f"{platform.system()} {platform.release()}"
    return f"{pretty}, {kernel}" if pretty else kernel


def machine(python: dict[str, Any]) -> dict[str, Any]:
    rustc = subprocess.run(
        ["rustc", "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count() or 1,
        "os": os_name(),
        "rustc": rustc.removeprefix("rustc "),
        "python": f"{python['implementation']} {python['version']}",
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d"),
    }


# --------------------------------------------------------------------------
# Other work on the machine
# --------------------------------------------------------------------------

#: Start only when other processes use less than this many cores...
QUIET = 0.25
#: ...over this many seconds...
QUIET_WINDOW = 5
#: ...but wait no longer than this many seconds for it.
QUIET_WAIT = 150


def machine_busy() -> float | None:
    """CPU seconds the whole machine has been busy since boot (/proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:9]
    except (OSError, IndexError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields)
    busy = user + nice + system + irq + softirq + steal
    return busy / os.sysconf("SC_CLK_TCK")


def own_busy() -> float:
    """CPU seconds used by this process and the subprocesses it has waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class OtherLoad:
    """How many cores other processes kept busy, on average, since `start`."""

    def __init__(self) -> None:
        self.start()

    def start(self) -> None:
        self.wall = time.perf_counter()
        self.machine = machine_busy()
        self.own = own_busy()

    def cores(self) -> float | None:
        machine = machine_busy()
        if machine is None or self.machine is None:
            return None
        others = (machine - self.machine) - (own_busy() - self.own)
        return max(0.0, others / (time.perf_counter() - self.wall))


def wait_for_quiet() -> float:
    """Wait until other processes leave the cores (mostly) idle, or give up
    after QUIET_WAIT seconds. Returns the seconds waited."""
    started = time.perf_counter()
    probe = OtherLoad()
    while True:
        time.sleep(QUIET_WINDOW)
        load = probe.cores()
        waited = time.perf_counter() - started
        if load is None or load < QUIET:
            return waited
        if waited >= QUIET_WAIT:
            log(f"other processes still use {load:.2f} cores; starting anyway")
            return waited
        log(f"other processes use {load:.2f} cores; waiting for the machine")
        probe.start()


# --------------------------------------------------------------------------
# Running the two halves
# --------------------------------------------------------------------------


def rust_cases(args: argparse.Namespace, threads: int) -> list[dict[str, Any]]:
    run(["cargo", "build", "--release", "--quiet"], cwd=RUST)
    output = run(
        [
            str(BINARY),
            "--repeats",
            str(args.repeats_rust),
            "--max-threads",
            str(threads),
            "--scale",
            str(args.scale),
        ]
    )
    cases: list[dict[str, Any]] = json.loads(output)["cases"]
    for case in cases:
        case["repeats"] = args.repeats_rust
    return cases


def python_suite(
    interpreter: str, args: argparse.Namespace, threads: int, *extra: str
) -> dict[str, Any]:
    output = run(
        [
            interpreter,
            str(SUITE),
            "--repeats",
            str(args.repeats_python),
            "--max-threads",
            str(threads),
            "--scale",
            str(args.scale),
            *extra,
        ]
    )
    suite: dict[str, Any] = json.loads(output)
    for case in suite["cases"]:
        case["repeats"] = args.repeats_python
    return suite


def free_threaded(
    args: argparse.Namespace, threads: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The first free-threaded interpreter on PATH, or a note saying why not."""
    probe = "import sysconfig; print(sysconfig.get_config_var('Py_GIL_DISABLED'))"
    for name in FREE_THREADED:
        path = shutil.which(name)
        if path is None:
            continue
        built = subprocess.run(
            [path, "-c", probe], capture_output=True, text=True, timeout=60
        ).stdout.strip()
        if built != "1":
            log(f"{name} is on PATH but is not a free-threaded build; skipped")
            continue
        suite = python_suite(path, args, threads, "--free-threaded")
        info = suite["python"]
        note = f"measured with {name} ({info['implementation']} {info['version']})"
        if info["gil_enabled"]:
            note += ", but the GIL was enabled at run time"
        return {"measured": True, "note": note, **info}, suite["cases"]
    log(NOT_FOUND)
    return {"measured": False, "note": NOT_FOUND}, []


def cpu_checksums(scale: float) -> dict[str, Any]:
    """Both languages' CPU job at the Python size: the same work, the same sum."""
    iterations = max(1, int(PYTHON_CPU_ITERATIONS * scale))
    rust = int(run([str(BINARY), "--checksum", str(iterations)]))
    python = int(run([sys.executable, str(SUITE), "--checksum", str(iterations)]))
    if rust != python:
        raise SystemExit(f"CPU job checksums differ: Rust {rust}, Python {python}")
    return {"iterations_per_chunk": iterations, "rust": rust, "python": python}


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------


def significant(value: float) -> float:
    return float(f"{value:.5g}")


def summarise(case: dict[str, Any]) -> dict[str, Any]:
    samples = [significant(s) for s in case["samples"]]
    return {
        "id": case["id"],
        "series": case["series"],
        "label": case["label"],
        "threads": case["threads"],
        "unit": case["unit"],
        "ops": case["ops"],
        "repeats": case["repeats"],
        "median": significant(statistics.median(case["samples"])),
        "min": min(samples),
        "max": max(samples),
        "samples": samples,
    }


def results(
    args: argparse.Namespace,
    cases: list[dict[str, Any]],
    python: dict[str, Any],
    free: dict[str, Any],
    checksums: dict[str, Any],
    conditions: dict[str, Any],
) -> dict[str, Any]:
    groups: dict[str, Any] = {
        name: {**meta, "cases": []} for name, meta in GROUPS.items()
    }
    for case in cases:
        group = groups[case["group"]]
        if case["unit"] != group["unit"]:
            raise SystemExit(f"{case['id']}: unit {case['unit']!r} in {group}")
        group["cases"].append(summarise(case))
    return {
        "schema": 1,
        "machine": machine(python),
        "settings": {
            "repeats_rust": args.repeats_rust,
            "repeats_python": args.repeats_python,
            "scale": args.scale,
            "statistic": "median over the repeats, after one warm-up run",
            "spread": "minimum and maximum over the repeats",
        },
        "conditions": {
            "other_load": None
            if conditions["other_load"] is None
            else significant(conditions["other_load"]),
            "other_load_unit": "cores kept busy by other processes, on average",
            "waited_for_quiet": conditions["waited_for_quiet"],
        },
        "free_threaded": free,
        "cpu_checksum": checksums,
        "groups": groups,
    }


# --------------------------------------------------------------------------
# Plots
# --------------------------------------------------------------------------

PALETTE = ["#b7410e", "#306998", "#5a8f29", "#8e5ea2", "#c99a2e", "#444444"]


def series_of(group: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for case in group["cases"]:
        found.setdefault(case["series"], []).append(case)
    return found


def cpu_plot(plt: Any, data: dict[str, Any]) -> Any:
    """Speed-up over one thread (or process), with the ideal line."""
    figure, axes = plt.subplots(figsize=(7, 4.2))
    series = series_of(data["groups"]["cpu"])
    top = max(case["threads"] for cases in series.values() for case in cases)
    counts = list(range(1, top + 1))
    axes.plot(counts, counts, "--", color="#888888", label="ideal (linear)")
    for colour, cases in zip(PALETTE, series.values(), strict=False):
        one = next(case for case in cases if case["threads"] == 1)["median"]
        threads = [case["threads"] for case in cases]
        # Whiskers: the speed-up against this case's slowest and fastest run.
        speedup = [one / case["median"] for case in cases]
        low = [one / case["median"] - one / case["max"] for case in cases]
        high = [one / case["min"] - one / case["median"] for case in cases]
        axes.errorbar(
            threads,
            speedup,
            yerr=[low, high],
            marker="o",
            capsize=4,
            color=colour,
            label=cases[0]["label"],
        )
    axes.set_xticks(counts)
    axes.set_xlabel("threads (or processes)")
    axes.set_ylabel("speed-up over 1 (median)")
    axes.set_ylim(bottom=0)
    axes.set_title("CPU-bound job: speed-up with more threads")
    axes.legend(loc="upper left")
    return figure


def dots(axes: Any, cases: list[dict[str, Any]], labels: list[str]) -> None:
    """A dot per case at its median, whiskers from min to max, first case on
    top, one colour per series. Dots rather than bars: on a log scale a bar's
    length means nothing."""
    order = list(dict.fromkeys(case["series"] for case in cases))
    positions = list(range(len(cases)))[::-1]
    for position, case in zip(positions, cases, strict=True):
        colour = PALETTE[order.index(case["series"]) % len(PALETTE)]
        axes.errorbar(
            [case["median"]],
            [position],
            xerr=[[case["median"] - case["min"]], [case["max"] - case["median"]]],
            fmt="o",
            color=colour,
            capsize=3,
        )
    axes.set_yticks(positions, labels)
    axes.set_ylim(-0.6, len(cases) - 0.4)


def labelled(case: dict[str, Any], language: str, with_threads: bool) -> str:
    """A case's label without its language, which the panel's title gives."""
    label = str(case["label"]).removeprefix(f"{language} ")
    if not with_threads:
        return label
    plural = "s" if case["threads"] > 1 else ""
    return f"{label}, {case['threads']} thread{plural}"


#: Groups whose cases span orders of magnitude are drawn on a log scale.
LOG_SCALE = {"counter", "rwlock", "channels", "processes", "bridge"}


def plain_numbers(axes: Any) -> None:
    """Log-scale ticks as plain numbers (100, not 10^2), major ticks only."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    axes.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    axes.xaxis.set_minor_formatter(NullFormatter())


#: Groups whose cases span so many orders of magnitude (nanoseconds to a
#: second) that the axis is labelled in time units, one tick per power of ten.
DURATION_AXIS = {"processes"}


def duration_ticks(axes: Any) -> None:
    """Log-scale ticks at powers of ten, labelled 10 µs, 1 ms, 100 ms..."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    def label(nanoseconds: float, _: object) -> str:
        for unit, size in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
            if nanoseconds >= size:
                return f"{nanoseconds / size:g} {unit}"
        return f"{nanoseconds:g} ns"

    axes.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0,)))
    axes.xaxis.set_major_formatter(FuncFormatter(label))
    axes.xaxis.set_minor_formatter(NullFormatter())


def group_plot(plt: Any, data: dict[str, Any], name: str) -> Any:
    """A dot per case; Rust and Python on separate panels, because their
    scales differ by one to three orders of magnitude."""
    group = data["groups"][name]
    halves = [
        (language, [c for c in group["cases"] if c["id"].startswith(prefix)])
        for language, prefix in (("Rust", "rust"), ("Python", "python"))
    ]
    halves = [(language, half) for language, half in halves if half]
    height = 1.2 + 0.32 * sum(len(half) + 1 for _, half in halves)
    figure, panels = plt.subplots(
        len(halves),
        1,
        figsize=(8, height),
        squeeze=False,
        gridspec_kw={"height_ratios": [len(half) for _, half in halves]},
    )
    for axes, (language, half) in zip(panels[:, 0], halves, strict=True):
        many_threads = len({case["threads"] for case in half}) > 1
        dots(axes, half, [labelled(c, language, many_threads) for c in half])
        if name in LOG_SCALE:
            axes.set_xscale("log")
            if name in DURATION_AXIS:
                duration_ticks(axes)
            else:
                plain_numbers(axes)
        else:
            axes.set_xlim(left=0)
        axes.grid(axis="x", which="both", color="#e4e4e4")
        axes.set_axisbelow(True)
        axes.set_title(language, loc="left", fontweight="bold")
    scale = ", log scale" if name in LOG_SCALE else ""
    panels[-1, 0].set_xlabel(
        f"{group['unit']}{scale} (dot: median; whiskers: min to max)",
        loc="right",
    )
    figure.suptitle(group["title"])
    return figure


def write_plots(data: dict[str, Any], output: Path, digest: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "concurrency-bench",
            "font.family": "sans-serif",
            "font.size": 9,
            "figure.facecolor": "white",
            "axes.facecolor": "white",
        }
    )
    metadata = {
        "Date": None,
        "Creator": "bench/run.py",
        "Description": f"Plotted from results.json with sha256 {digest}",
    }
    for name in GROUPS:
        if not data["groups"][name]["cases"]:
            continue
        figure = cpu_plot(plt, data) if name == "cpu" else group_plot(plt, data, name)
        figure.tight_layout()
        figure.savefig(output / f"{name}.svg", format="svg", metadata=metadata)
        plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats-rust", type=int, default=9)
    parser.add_argument("--repeats-python", type=int, default=7)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks")
    args = parser.parse_args()
    if not 0 < args.scale <= 1:
        parser.error("--scale must be in (0, 1]")
    if not shutil.which("cargo"):
        raise SystemExit("cargo is not on PATH: install a Rust toolchain")
    started = time.perf_counter()
    threads = os.cpu_count() or 1
    waited = wait_for_quiet()
    load = OtherLoad()

    cases = rust_cases(args, threads)
    suite = python_suite(sys.executable, args, threads)
    cases += suite["cases"]
    free, free_cases = free_threaded(args, threads)
    cases += free_cases
    checksums = cpu_checksums(args.scale)
    conditions = {"other_load": load.cores(), "waited_for_quiet": round(waited)}

    data = results(args, cases, suite["python"], free, checksums, conditions)
    args.output.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2) + "\n"
    (args.output / "results.json").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()

    write_plots(data, args.output, digest)
    other = data["conditions"]["other_load"]
    if other is not None and other >= QUIET:
        log(
            f"other processes kept {other:.2f} cores busy during the run: the "
            "results are noisy; consider rerunning when the machine is quiet"
        )
    log(f"wrote {args.output} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
