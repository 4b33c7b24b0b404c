"""Run every Python fence of the site and check what it prints.

Each Python fence (``python``, ``py``, ``python3``) and each interpreter session
(``pycon``, or a Python fence whose first line starts with ``>>>``) becomes one Sybil
example. It runs in a fresh namespace (a reader can copy it alone), in a child process
with a wall-clock limit (see ``sitecheck.isolation``), with stdout captured. A script's
output is compared with the output fence that follows it on the page (a ``text``
fence titled ``Output...``, found before the next Python fence); when that fence
includes a listing's output file, the same file is what the Rust listing's run is
compared with. A session is run as a doctest: its outputs are the lines under its
prompts.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

from sybil import Document, Example, Region

from .expected import ROOT
from .fences import Fence
from .isolation import run_isolated
from .pages import PythonExample, python_examples

EXAMPLE_TIMEOUT_SECONDS = 20.0


def relative(path: str | Path) -> Path:
    path = Path(path).resolve()
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def parse_document(document: Document) -> Iterator[Region]:
    """Sybil parser: one region per Python fence, evaluated by ``evaluate``."""
    page = relative(document.path)
    for example in python_examples(page, document.text):
        yield Region(example.fence.start, example.fence.end, example, evaluate)


def evaluate(example: Example) -> str | None:
    """Run one Python fence in a child process; return its failure, or ``None``."""
    parsed: PythonExample = example.parsed
    fence = parsed.fence
    try:
        expected = parsed.expected()
    except (ValueError, FileNotFoundError) as error:
        return f"{fence.where()}: {error}"
    _preload_primitives(fence.body)
    if fence.is_session:
        result = run_isolated(lambda: _run_session(fence), EXAMPLE_TIMEOUT_SECONDS)
    else:
        padded = "\n" * (fence.body_line - 1) + fence.body
        code = compile(padded, str(fence.page), "exec")
        result = run_isolated(
            lambda: exec(code, {"__name__": "__main__"}), EXAMPLE_TIMEOUT_SECONDS
        )
    if result.failure is not None:
        shown = f"\nprinted so far:\n{result.stdout}" if result.stdout else ""
        errors = f"\nstandard error:\n{result.stderr}" if result.stderr else ""
        return f"{fence.where()}: {result.failure}{shown}{errors}"
    if expected is None:
        if result.stdout:
            return (
                f"{fence.where()}: the example printed output but no output fence "
                f'(```text title="Output") follows it:\n{result.stdout}'
            )
        return None
    mismatch = expected.mismatch(result.stdout)
    if mismatch:
        return f"{fence.where()}: {mismatch}"
    return None


def _preload_primitives(source: str) -> None:
    """Import here, once, the ``primitives`` modules an example imports.

    Each example runs in a fork of this process; a module imported here is already
    loaded there, instead of being imported again by every example (tens of
    milliseconds each). Only ``primitives`` is preloaded: importing it has no side
    effect, which cannot be said of any module a page might name.
    """
    for name in re.findall(r"^\s*(?:from|import)\s+(primitives[\w.]*)", source, re.M):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _run_session(fence: Fence) -> str | None:
    """Run an interpreter session (``>>>`` prompts) as a doctest; report a failure."""
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
    result = runner.run(test, out=report.write, clear_globs=True)
    if result.failed:
        return f"doctest failed\n{report.getvalue()}"
    if result.attempted == 0:
        return "this interpreter session has no `>>>` example"
    return None
