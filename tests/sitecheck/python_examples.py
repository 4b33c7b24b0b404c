"""Run every Python fence of the site and check what it prints.

Each ``python`` fence becomes one Sybil example. It runs in a fresh namespace (a reader
can copy it alone), under a timeout, with stdout captured. Its output is compared with
the output fence that follows it on the page (a ``text`` fence titled ``Output...``,
found before the next Python fence); when that fence includes a listing's output file,
the same file is what the Rust listing's run is compared with. A fence whose first
line starts with ``>>>`` is run as a doctest instead.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import signal
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from sybil import Document, Example, Region

from .expected import ROOT, Expected, from_snippet_file
from .fences import Fence, iter_fences

EXAMPLE_TIMEOUT_SECONDS = 20.0


class ExampleTimeout(Exception):
    """Raised inside an example that ran past its time limit."""


@dataclass(frozen=True)
class PythonExample:
    """A Python fence and the output fence that belongs to it, if any."""

    fence: Fence
    output: Fence | None

    def expected(self) -> Expected | None:
        if self.output is None:
            return None
        includes = self.output.includes
        if includes:
            if len(includes) > 1 or self.output.body.strip().count("\n"):
                raise ValueError(
                    f"{self.output.where()}: an output fence includes one file and "
                    "nothing else"
                )
            return from_snippet_file(includes[0].path)
        return Expected(self.output.body, f"{self.output.where()} (output fence)")


def relative(path: str | Path) -> Path:
    path = Path(path).resolve()
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def python_examples(page: Path, text: str) -> Iterator[PythonExample]:
    """Pair each Python fence of a page with its output fence."""
    fences = list(iter_fences(page, text))
    for index, fence in enumerate(fences):
        if not fence.is_python:
            continue
        output = None
        for later in fences[index + 1 :]:
            if later.is_python:
                break
            if later.is_output:
                output = later
                break
        yield PythonExample(fence, output)


def parse_document(document: Document) -> Iterator[Region]:
    """Sybil parser: one region per Python fence, evaluated by ``evaluate``."""
    page = relative(document.path)
    for example in python_examples(page, document.text):
        yield Region(example.fence.start, example.fence.end, example, evaluate)


@contextlib.contextmanager
def time_limit(seconds: float, where: str) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise ExampleTimeout(f"{where}: example still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def evaluate(example: Example) -> str | None:
    """Run one Python fence; return a description of the failure, or ``None``."""
    parsed: PythonExample = example.parsed
    fence = parsed.fence
    if fence.body.lstrip().startswith(">>>"):
        return _run_doctest(fence)
    try:
        expected = parsed.expected()
    except (ValueError, FileNotFoundError) as error:
        return f"{fence.where()}: {error}"
    padded = "\n" * (fence.body_line - 1) + fence.body
    code = compile(padded, str(fence.page), "exec")
    stdout = io.StringIO()
    namespace = {"__name__": "__main__"}
    try:
        with (
            time_limit(EXAMPLE_TIMEOUT_SECONDS, fence.where()),
            contextlib.redirect_stdout(stdout),
        ):
            exec(code, namespace)
    except ExampleTimeout as error:
        return str(error)
    except BaseException:
        shown = traceback.format_exc()
        return f"{fence.where()}: the example raised an exception\n{shown}"
    printed = stdout.getvalue()
    if expected is None:
        if printed:
            return (
                f"{fence.where()}: the example printed output but no output fence "
                f'(```text title="Output") follows it:\n{printed}'
            )
        return None
    mismatch = expected.mismatch(printed)
    if mismatch:
        return f"{fence.where()}: {mismatch}"
    return None


def _run_doctest(fence: Fence) -> str | None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(
        fence.body,
        {"__name__": "__main__"},
        str(fence.page),
        str(fence.page),
        fence.body_line - 1,
    )
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    with time_limit(EXAMPLE_TIMEOUT_SECONDS, fence.where()):
        try:
            result = runner.run(test, out=report.write, clear_globs=True)
        except ExampleTimeout as error:
            return str(error)
    if result.failed:
        return f"{fence.where()}: doctest failed\n{report.getvalue()}"
    if result.attempted == 0:
        return f"{fence.where()}: doctest fence has no examples"
    return None
