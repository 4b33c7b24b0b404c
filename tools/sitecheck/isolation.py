"""Run a page's example in a child process that cannot hang, end or skip the run.

The example runs in a forked copy of the test process (``primitives`` is already
imported there, so a fork costs a few milliseconds). Whatever the example does stays in
that child: threads it leaves running, exceptions it swallows, signal handlers it
installs, ``sys.exit`` or ``os._exit``, reading from standard input (which is
``/dev/null``). The parent waits on a wall clock; when the limit passes it kills the
child's whole process group and says what the child had reached.

The child behaves like ``python3 example.py``: when the code returns, it waits for the
non-daemon threads the code started, as the interpreter does at exit, and only then
reports. Its stdout and stderr are files the parent reads afterwards, so the output is
complete even when a thread prints after the code returned, and partial output is
shown when the limit passes.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

_POLL_SECONDS = 0.01


@dataclass(frozen=True)
class ChildResult:
    """What an isolated example did.

    ``failure`` is ``None`` when the code returned, its threads finished and the code's
    own check (a doctest's, for instance) found nothing wrong; otherwise it says what
    went wrong, without the page and line (the caller adds those).
    """

    failure: str | None
    stdout: str
    stderr: str


def run_isolated(run: Callable[[], str | None], limit_seconds: float) -> ChildResult:
    """Call ``run`` in a forked child; return what happened within ``limit_seconds``.

    ``run`` returns a description of a failure it found itself, or ``None``. An
    exception it raises is a failure whose traceback is reported.
    """
    with (
        tempfile.TemporaryFile() as stdout_file,
        tempfile.TemporaryFile() as stderr_file,
    ):
        reader, writer = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        # The child's collector then leaves the parent's objects alone instead of
        # touching (and so copying) every page that holds one.
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's lines are not traced
            os.close(reader)
            _child(run, writer, stdout_file.fileno(), stderr_file.fileno())
        gc.unfreeze()
        os.close(writer)
        try:
            messages, status = _watch(pid, reader, limit_seconds)
        finally:
            os.close(reader)
        stdout = _read(stdout_file)
        stderr = _read(stderr_file)
    return ChildResult(_verdict(messages, status, limit_seconds), stdout, stderr)


def _read(file: IO[bytes]) -> str:
    file.seek(0)
    return file.read().decode("utf-8", errors="replace")


def _child(
    run: Callable[[], str | None], writer: int, stdout: int, stderr: int
) -> None:  # pragma: no cover - runs in the forked child only
    """The child's whole life: run, wait for threads, report, leave with os._exit."""
    try:
        os.setpgid(0, 0)
        for number in (signal.SIGALRM, signal.SIGTERM, signal.SIGINT):
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.setitimer(signal.ITIMER_REAL, 0)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(stdout, 1)
        os.dup2(stderr, 2)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", 1, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", 1, encoding="utf-8", closefd=False)  # noqa: SIM115
        report: dict[str, object]
        try:
            report = {"stage": "done", "failure": run()}
        except SystemExit as exit_:
            report = {
                "stage": "done",
                "failure": f"the example raised SystemExit({exit_.code!r}): an "
                "example on a page must not end the interpreter",
            }
        except BaseException as error:
            report = {
                "stage": "done",
                "failure": "the example raised an exception\n" + _shown(error),
            }
        running = [
            thread
            for thread in threading.enumerate()
            if thread is not threading.main_thread() and not thread.daemon
        ]
        _send(writer, {"stage": "returned", "threads": [t.name for t in running]})
        for thread in running:
            thread.join()
        sys.stdout.flush()
        sys.stderr.flush()
        _send(writer, report)
    except BaseException:
        os.write(
            2, f"isolation failed in the child:\n{traceback.format_exc()}".encode()
        )
    finally:
        os._exit(0)


def _shown(error: BaseException) -> str:  # pragma: no cover - child only
    """The traceback of ``error`` from the example's own frames on (this package's
    frames, which only call the example, are left out)."""
    frames = error.__traceback__
    here = Path(__file__).parent
    while (
        frames is not None and Path(frames.tb_frame.f_code.co_filename).parent == here
    ):
        frames = frames.tb_next
    return "".join(traceback.format_exception(type(error), error, frames))


def _send(writer: int, message: dict[str, object]) -> None:  # pragma: no cover
    os.write(writer, (json.dumps(message) + "\n").encode())


def _watch(
    pid: int, reader: int, limit_seconds: float
) -> tuple[list[dict[str, object]], int | None]:
    """Read the child's messages until it reports and exits or the limit passes.

    Returns the messages and the child's wait status (``None`` if it was killed at
    the limit).
    """
    deadline = time.monotonic() + limit_seconds
    received = b""
    open_pipe = True
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            _kill(pid)
            return _parse(received), None
        if open_pipe:
            ready, _, _ = select.select([reader], [], [], min(remaining, 1.0))
            if ready:
                chunk = os.read(reader, 65536)
                if chunk:
                    received += chunk
                else:
                    open_pipe = False
            continue
        messages = _parse(received)
        # After its report the child only calls os._exit: waiting is safe.
        reported = any(message.get("stage") == "done" for message in messages)
        finished, status = os.waitpid(pid, 0 if reported else os.WNOHANG)
        if finished:
            return messages, status
        time.sleep(_POLL_SECONDS)


def _kill(pid: int) -> None:
    for target in (-pid, pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(target, signal.SIGKILL)
    os.waitpid(pid, 0)


def _parse(received: bytes) -> list[dict[str, object]]:
    messages = []
    for line in received.decode("utf-8", errors="replace").splitlines():
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if isinstance(message, dict):
            messages.append(message)
    return messages


def _verdict(
    messages: list[dict[str, object]], status: int | None, limit_seconds: float
) -> str | None:
    stages = {str(message.get("stage")): message for message in messages}
    if status is None:
        returned = stages.get("returned")
        if returned is not None:
            names = returned.get("threads")
            shown = ", ".join(map(str, names)) if isinstance(names, list) else "?"
            return (
                f"the example's code returned, but threads it started were still "
                f"running after {limit_seconds:g} s: {shown}"
            )
        return f"example still running after {limit_seconds:g} s"
    done = stages.get("done")
    if done is None:
        if os.WIFSIGNALED(status):
            how = f"was killed by signal {os.WTERMSIG(status)}"
        else:
            how = f"exited with status {os.waitstatus_to_exitcode(status)}"
        return (
            f"the example's process {how} before it finished: an example on a page "
            "must not end the interpreter"
        )
    failure = done.get("failure")
    return None if failure is None else str(failure)
