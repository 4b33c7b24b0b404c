"""dev.py's full run: the default sessions in lanes at once (tools/dev_lanes.py)."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

import dev_lanes

ROOT = Path(__file__).resolve().parents[1]

#: Stands in for nox: prints its sessions, writes a nox-shaped report, and fails
#: when asked to run a session named "broken". With "slow" in its sessions, it
#: first waits until the other lane has written its report, which only lanes that
#: run at once can do.
FAKE_NOX = textwrap.dedent(
    """
    import json, pathlib, sys, time
    arguments = sys.argv[1:]
    report = pathlib.Path(arguments[arguments.index("--report") + 1])
    sessions = arguments[arguments.index("-s") + 1:]
    if "slow" in sessions:
        deadline = time.monotonic() + 20
        while not any(p != report for p in report.parent.glob("*.json")):
            if time.monotonic() > deadline:
                sys.exit("the other lane never ran")
            time.sleep(0.01)
    shared = [a for a in arguments if a.startswith("-P")]
    for session in sessions:
        print(f"nox > Running session {session} {shared}")
    failed = "broken" in sessions
    report.write_text(json.dumps({"result": int(not failed), "sessions": [
        {"name": s, "result": "failed" if s == "broken" else "success",
         "duration": 1.0} for s in sessions]}))
    sys.exit(1 if failed else 0)
    """
)


@pytest.fixture
def fake_nox(tmp_path: Path) -> list[str]:
    script = tmp_path / "fake_nox.py"
    script.write_text(FAKE_NOX, encoding="utf-8")
    return [sys.executable, str(script)]


def run(
    fake_nox: list[str], lanes: dict[str, list[str]], report: Path | None
) -> tuple[int, list[str]]:
    lines: list[str] = []
    status = dev_lanes.run_lanes(
        fake_nox, lanes, ["-P3.12"], str(report) if report else None, lines.append
    )
    return status, lines


def test_the_full_run_goes_to_lanes_and_a_selection_to_nox_unchanged() -> None:
    assert dev_lanes.lane_arguments([]) == ([], None)
    assert dev_lanes.lane_arguments(["--report", "r.json", "-P", "3.12"]) == (
        ["-P", "3.12"],
        "r.json",
    )
    assert dev_lanes.lane_arguments(["--report=r.json"]) == ([], "r.json")
    for selecting in (["-s", "tests"], ["--sessions=rust"], ["-l"], ["--", "x"]):
        assert dev_lanes.lane_arguments(selecting) is None, selecting


def test_the_lanes_run_every_default_session_exactly_once() -> None:
    lanes = dev_lanes.read_lanes(ROOT / "noxfile.py")
    sessions = [session for lane in lanes.values() for session in lane]
    assert len(lanes) >= 2
    assert len(sessions) == len(set(sessions))
    assert {"lint", "tests", "rust", "site", "browser"} <= set(sessions)
    python = lanes["python"]
    assert python.index("bridge") < python.index("tests"), "tests installs its wheel"
    assert python.index("site") < python.index("browser"), "browser tests its build"


def test_lanes_run_at_once_and_their_reports_merge(
    fake_nox: list[str], tmp_path: Path
) -> None:
    report = tmp_path / "report.json"
    status, lines = run(fake_nox, {"one": ["slow", "b"], "two": ["c"]}, report)
    assert status == 0, lines
    assert "one | nox > Running session slow ['-P3.12']\n" in lines
    assert "two | nox > Running session c ['-P3.12']\n" in lines
    merged = json.loads(report.read_text(encoding="utf-8"))
    assert merged["result"] == 1
    assert [session["name"] for session in merged["sessions"]] == ["slow", "b", "c"]
    assert lines[-1].startswith("dev.py: lanes finished in ")


def test_a_failing_lane_fails_the_run_and_the_report(
    fake_nox: list[str], tmp_path: Path
) -> None:
    report = tmp_path / "report.json"
    status, lines = run(fake_nox, {"one": ["a"], "two": ["broken"]}, report)
    assert status == 1
    merged = json.loads(report.read_text(encoding="utf-8"))
    assert merged["result"] == 0
    assert {s["name"]: s["result"] for s in merged["sessions"]} == {
        "a": "success",
        "broken": "failed",
    }
    assert "two failed (1)" in lines[-1]


def test_a_lane_that_writes_no_report_leaves_no_report(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text("stale", encoding="utf-8")
    silent = [sys.executable, "-c", "import sys; sys.exit(3)"]
    status, lines = run(silent, {"one": ["a"]}, report)
    assert status == 1
    assert not report.exists()
    assert "one failed (3)" in lines[-1]


def test_malformed_lanes_are_named(tmp_path: Path) -> None:
    noxfile = tmp_path / "noxfile.py"
    noxfile.write_text("LANES = {'python': 'lint'}\n", encoding="utf-8")
    with pytest.raises(dev_lanes.LaneError, match="list of sessions"):
        dev_lanes.read_lanes(noxfile)
    noxfile.write_text("SESSIONS = []\n", encoding="utf-8")
    with pytest.raises(dev_lanes.LaneError, match="no LANES"):
        dev_lanes.read_lanes(noxfile)
