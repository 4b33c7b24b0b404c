"""Whatever a page's example does, its check ends in time with a verdict.

Each case is a fence on a scratch page, evaluated exactly as the site's pages are (the
Sybil parser and evaluator of `sitecheck.python_examples`). The cases that hang run with
the time limit cut to a fraction of a second, so that they stay cheap.
"""

from __future__ import annotations

import re
import signal
import textwrap
import time
from pathlib import Path

import pytest
from sybil import Document

from sitecheck import python_examples
from sitecheck.python_examples import parse_document

LIMIT = 0.3


@pytest.fixture
def short_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(python_examples, "EXAMPLE_TIMEOUT_SECONDS", LIMIT)


def failures(tmp_path: Path, markdown: str) -> list[str | None]:
    """The verdict of every example on a page holding ``markdown``."""
    page = tmp_path / "page.md"
    page.write_text(textwrap.dedent(markdown), encoding="utf-8")
    document = Document.parse(str(page), parse_document)
    results = []
    for example in document.examples():
        try:
            example.evaluate()
        except Exception as error:  # Sybil raises SybilFailure with the message
            results.append(str(error))
        else:
            results.append(None)
    return results


def script(code: str, output: str | None = None) -> str:
    fence = f"```python\n{textwrap.dedent(code).strip()}\n```\n"
    if output is not None:
        fence += f'\n```text title="Output"\n{output}\n```\n'
    return fence


HANGING = {
    "a non-daemon thread left running": script(
        """
        import threading
        never = threading.Event()
        threading.Thread(target=never.wait).start()
        print("spawned")
        """,
        "spawned",
    ),
    "the time limit's exception swallowed": script(
        """
        import time
        while True:
            try:
                time.sleep(1)
            except BaseException:
                pass
        """
    ),
    "signal handlers replaced": script(
        """
        import signal, time
        for number in (signal.SIGALRM, signal.SIGTERM, signal.SIGINT):
            signal.signal(number, signal.SIG_IGN)
        time.sleep(60)
        """
    ),
    "a session with two hanging examples": (
        "```pycon\n>>> import time\n>>> time.sleep(60)\n>>> time.sleep(60)\n```\n"
    ),
}


@pytest.mark.usefixtures("short_limit")
@pytest.mark.parametrize("markdown", HANGING.values(), ids=HANGING.keys())
def test_a_hanging_example_fails_at_its_limit(tmp_path: Path, markdown: str) -> None:
    started = time.monotonic()
    (failure,) = failures(tmp_path, markdown)
    elapsed = time.monotonic() - started
    assert failure is not None
    assert "page.md, line 1" in failure
    assert f"after {LIMIT:g} s" in failure
    assert elapsed < LIMIT + 2


@pytest.mark.usefixtures("short_limit")
def test_a_left_thread_is_named(tmp_path: Path) -> None:
    (failure,) = failures(tmp_path, HANGING["a non-daemon thread left running"])
    assert failure is not None
    assert "threads it started were still running" in failure
    assert re.search(r"Thread-\d+ \(wait\)", failure), failure
    assert "printed so far:\nspawned" in failure


ENDING = {
    "sys.exit": ("import sys\nsys.exit(0)", "SystemExit(0)"),
    "os._exit": ("import os\nos._exit(0)", "exited with status 0"),
    "a signal to itself": (
        "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
        f"killed by signal {int(signal.SIGKILL)}",
    ),
    "reading standard input": ("print(input())", "EOFError"),
    "a skip from pytest": ("import pytest\npytest.skip('no')", "Skipped"),
}


@pytest.mark.parametrize(("code", "said"), ENDING.values(), ids=ENDING.keys())
def test_an_example_that_ends_or_skips_fails_and_the_next_runs(
    tmp_path: Path, code: str, said: str
) -> None:
    markdown = script(code) + "\n" + script("print('next')", "next")
    first, second = failures(tmp_path, markdown)
    assert first is not None
    assert "page.md, line 1" in first
    assert said in first
    assert second is None


def test_the_test_process_keeps_its_timer_and_handlers(tmp_path: Path) -> None:
    """The example's changes stay in its child; pytest-timeout's timer survives."""
    previous = signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.signal(signal.SIGALRM, previous)
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        code = "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)"
        assert failures(tmp_path, script(code)) == [None]
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < remaining <= 30
        assert signal.getsignal(signal.SIGALRM) is previous
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_output_printed_by_threads_after_the_code_returns_counts(
    tmp_path: Path,
) -> None:
    code = """
        import threading, time
        def late():
            time.sleep(0.05)
            print("late")
        threading.Thread(target=late).start()
        print("early")
        """
    assert failures(tmp_path, script(code, "early\nlate")) == [None]
    (failure,) = failures(tmp_path, script(code, "early"))
    assert failure is not None
    assert "late" in failure


def test_a_session_is_run_and_its_outputs_compared(tmp_path: Path) -> None:
    assert failures(tmp_path, "```pycon\n>>> 6 * 7\n42\n```\n") == [None]
    (failure,) = failures(tmp_path, "```pycon\n>>> 6 * 7\n41\n```\n")
    assert failure is not None
    assert "page.md, line 1" in failure
    assert "Expected:\n    41\nGot:\n    42" in failure


def test_no_process_is_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A killed example's whole process group goes, grandchildren included.

    The limit leaves time to start the grandchild on a busy machine: killed
    sooner, the example would leave no grandchild to look for.
    """
    monkeypatch.setattr(python_examples, "EXAMPLE_TIMEOUT_SECONDS", 3)
    marker = tmp_path / "grandchild.pid"
    code = f"""
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        open({str(marker)!r}, "w").write(str(child.pid))
        child.wait()
        """
    (failure,) = failures(tmp_path, script(code))
    assert failure is not None
    pid = int(marker.read_text())
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        if not running(pid):
            return
        time.sleep(0.02)
    pytest.fail(f"the example's grandchild {pid} is still running")


def running(pid: int) -> bool:
    """Whether ``pid`` is alive; a killed process not yet reaped (a zombie) is not."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_a_traceback_starts_at_the_page_code(tmp_path: Path) -> None:
    (failure,) = failures(
        tmp_path, script("def fail():\n    raise KeyError(7)\nfail()")
    )
    assert failure is not None
    frames = failure.split("Traceback (most recent call last):\n", 1)[1]
    assert frames.startswith(f'  File "{tmp_path / "page.md"}", line 4, in <module>')
    assert "sitecheck" not in frames
    assert frames.rstrip().endswith("KeyError: 7")
