"""Run the default nox sessions in lanes at once: `python3 dev.py`, no session named.

noxfile.py's `LANES` splits the default sessions into lanes. Each lane is one nox run of
its sessions in order; the lanes run side by side, so the Python checks keep one core
busy while Cargo's builds use the other. Every line a lane prints is shown as it comes,
after the lane's name. The run's exit status is non-zero if any lane's is, and
`--report FILE` gets one nox report holding every lane's sessions. Standard library
only: dev.py runs this before anything is installed.
"""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

#: Options that choose sessions, or ask nox for something other than a run: with any
#: of these, dev.py hands its arguments to one nox run unchanged.
SELECTING = {
    "-s",
    "--session",
    "--sessions",
    "-e",
    "-k",
    "--keywords",
    "-t",
    "--tags",
    "-l",
    "--list",
    "--list-sessions",
    "--json",
    "-h",
    "--help",
    "--version",
    "--usage",
    "--",
}
#: Set to 1 to run the default sessions in one nox run, one after the other.
ONE_LANE = "DEV_ONE_LANE"


class LaneError(Exception):
    """noxfile.py's LANES is missing or malformed."""


def read_lanes(noxfile: Path) -> dict[str, list[str]]:
    """noxfile.py's `LANES`: each lane's name and its sessions, in order.

    Read from the file's syntax tree, without importing nox.
    """
    tree = ast.parse(noxfile.read_text(encoding="utf-8"), str(noxfile))
    for statement in tree.body:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and statement.targets[0].id == "LANES"
        ):
            try:
                lanes = ast.literal_eval(statement.value)
            except ValueError as error:
                raise LaneError(f"{noxfile}: LANES is not a literal: {error}") from None
            if not (
                isinstance(lanes, dict)
                and lanes
                and all(
                    isinstance(name, str)
                    and isinstance(sessions, list)
                    and sessions
                    and all(isinstance(session, str) for session in sessions)
                    for name, sessions in lanes.items()
                )
            ):
                raise LaneError(
                    f"{noxfile}: LANES must map each lane's name to a list of sessions"
                )
            return lanes
    raise LaneError(f"{noxfile}: no LANES = {{...}} at the top level")


def lane_arguments(arguments: Sequence[str]) -> tuple[list[str], str | None] | None:
    """Split a full run's arguments into those every lane gets and the report's path.

    Returns None when the arguments name sessions or ask for something other than a
    run: those go to a single nox run as they are.
    """
    shared: list[str] = []
    report: str | None = None
    remaining = list(arguments)
    while remaining:
        argument = remaining.pop(0)
        option = argument.split("=", 1)[0]
        if option in SELECTING:
            return None
        if argument == "--report":
            if not remaining:
                return None  # nox itself says what is missing
            report = remaining.pop(0)
        elif argument.startswith("--report="):
            report = argument.removeprefix("--report=")
        else:
            shared.append(argument)
    return shared, report


def merge_reports(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One nox report for the lanes' reports: every session, passed only if all did."""
    return {
        "result": int(all(report["result"] for report in reports)),
        "sessions": [session for report in reports for session in report["sessions"]],
    }


def relay(name: str, width: int, stream: IO[str], write: Callable[[str], None]) -> None:
    """Pass each line of `stream` to `write`, after the lane's name."""
    for line in stream:
        write(f"{name:<{width}} | {line}")


def run_lanes(
    nox: Sequence[str],
    lanes: dict[str, list[str]],
    shared: Sequence[str],
    report: str | None,
    write: Callable[[str], None],
) -> int:
    """Run each lane's sessions with `nox`, all lanes at once; return the exit status.

    Interrupted (Ctrl-C), every lane is interrupted and the run waits for it to stop.
    """
    width = max(map(len, lanes))
    lock = threading.Lock()

    def locked_write(text: str) -> None:
        with lock:
            write(text)

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dev-lanes-") as scratch:
        running: list[tuple[str, subprocess.Popen[str], Path, threading.Thread]] = []
        for name, sessions in lanes.items():
            lane_report = Path(scratch) / f"{name}.json"
            process = subprocess.Popen(
                [*nox, *shared, "--report", str(lane_report), "-s", *sessions],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
                start_new_session=True,
            )
            assert process.stdout is not None
            relaying = threading.Thread(
                target=relay, args=(name, width, process.stdout, locked_write)
            )
            relaying.start()
            running.append((name, process, lane_report, relaying))
        try:
            for _, process, _, relaying in running:
                process.wait()
                relaying.join()
        except KeyboardInterrupt:
            for _, process, _, _ in running:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGINT)
            for _, process, _, relaying in running:
                process.wait()
                relaying.join()
            return 130
        statuses = {name: process.returncode for name, process, _, _ in running}
        lane_reports = [
            json.loads(path.read_text(encoding="utf-8"))
            for _, _, path, _ in running
            if path.is_file()
        ]
        if report is not None:
            if len(lane_reports) == len(running):
                merged = merge_reports(lane_reports)
                Path(report).write_text(json.dumps(merged, indent=2), encoding="utf-8")
            else:
                Path(report).unlink(missing_ok=True)
    elapsed = time.monotonic() - started
    summary = ", ".join(
        f"{name} {'passed' if status == 0 else f'failed ({status})'}"
        for name, status in statuses.items()
    )
    write(f"dev.py: lanes finished in {elapsed:.0f} s: {summary}\n")
    return 0 if all(status == 0 for status in statuses.values()) else 1


def main(nox: Sequence[str], arguments: Sequence[str], noxfile: Path) -> int | None:
    """Run the lanes if `arguments` ask for the full run; None if they do not."""
    if os.environ.get(ONE_LANE) == "1":
        return None
    split = lane_arguments(arguments)
    if split is None:
        return None
    shared, report = split
    try:
        lanes = read_lanes(noxfile)
    except LaneError as error:
        sys.exit(f"dev.py: {error}")

    def write(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()

    return run_lanes(nox, lanes, shared, report, write)
