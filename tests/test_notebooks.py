"""Every exercise notebook runs from top to bottom: starting points, solutions, tests.

A notebook is executed in a fresh kernel of the interpreter running the tests, so it
sees the same `primitives`. A cell that raises fails the notebook, naming the cell by
its index and giving the error once, as plain text. A notebook stores no output: the
site shows notebooks as they are stored (mkdocs-jupyter does not execute them), so a
stored output would be shown without being checked.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "docs").rglob("*.ipynb"))
CELL_TIMEOUT_SECONDS = 60


@dataclass
class Execution:
    """A notebook executed from top to bottom, and what stopped it, if anything."""

    document: nbformat.NotebookNode
    error: BaseException | None


async def execute(notebooks: list[Path]) -> list[Execution]:
    """Execute each notebook in a fresh kernel of its own, all kernels at once.

    A kernel spends most of its short life starting up on one core; started
    together, they keep every core busy.
    """
    documents = [nbformat.read(notebook, as_version=4) for notebook in notebooks]
    clients = [
        NotebookClient(
            document,
            timeout=CELL_TIMEOUT_SECONDS,
            kernel_name="python3",
            resources={"metadata": {"path": str(notebook.parent)}},
        )
        for notebook, document in zip(notebooks, documents, strict=True)
    ]
    errors = await asyncio.gather(
        *(client.async_execute() for client in clients), return_exceptions=True
    )
    return [
        Execution(document, error if isinstance(error, BaseException) else None)
        for document, error in zip(documents, errors, strict=True)
    ]


@pytest.fixture(scope="module")
def executions(request: pytest.FixtureRequest) -> dict[Path, Execution]:
    """The notebooks this run checks, each executed once, all at the same time."""
    asked = {
        item.callspec.params["notebook"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_notebook_runs_clean"
    }
    notebooks = [notebook for notebook in NOTEBOOKS if notebook in asked]
    return dict(zip(notebooks, asyncio.run(execute(notebooks)), strict=True))


# The notebooks run together in the first test's set-up: it gets every
# notebook's time limit.
@pytest.mark.timeout(60 * len(NOTEBOOKS))
@pytest.mark.parametrize(
    "notebook", NOTEBOOKS, ids=[str(path.relative_to(ROOT)) for path in NOTEBOOKS]
)
def test_notebook_runs_clean(notebook: Path, executions: dict[Path, Execution]) -> None:
    document, error = executions[notebook].document, executions[notebook].error
    if isinstance(error, CellExecutionError):
        pytest.fail(failure_message(notebook, document, error), pytrace=False)
    if error is not None:
        raise error
    code_cells = [cell for cell in document.cells if cell.cell_type == "code"]
    assert code_cells, f"{notebook.relative_to(ROOT)} has no code cell"
    assert all(cell.get("execution_count") for cell in code_cells), (
        f"{notebook.relative_to(ROOT)}: some code cells were not executed"
    )


ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def failure_message(
    notebook: Path, document: nbformat.NotebookNode, error: CellExecutionError
) -> str:
    """Which cell failed (its index from 0, as Jupyter counts) and why, uncoloured."""
    where = notebook.relative_to(ROOT) if notebook.is_relative_to(ROOT) else notebook
    failed = [
        (index, cell)
        for index, cell in enumerate(document.cells)
        if cell.cell_type == "code"
        and any(out.get("output_type") == "error" for out in cell.get("outputs", []))
    ]
    if not failed:
        return f"{where}: {ANSI_ESCAPE.sub('', str(error))}"
    index, cell = failed[0]
    output = next(o for o in cell.outputs if o.get("output_type") == "error")
    frames = [ANSI_ESCAPE.sub("", frame) for frame in output.get("traceback", [])]
    in_cell = [frame for frame in frames if frame.lstrip().startswith("Cell In[")]
    shown = in_cell[-1].rstrip() + "\n" if in_cell else ""
    return f"{where}, cell {index}: {error.ename}: {error.evalue}\n{shown}"


@pytest.mark.parametrize(
    "notebook", NOTEBOOKS, ids=[str(path.relative_to(ROOT)) for path in NOTEBOOKS]
)
def test_notebook_stores_no_output(notebook: Path) -> None:
    document = nbformat.read(notebook, as_version=4)
    stored = [
        f"{notebook.relative_to(ROOT)}, cell {index}: stores "
        + ("an output" if cell.get("outputs") else "an execution count")
        for index, cell in enumerate(document.cells)
        if cell.cell_type == "code"
        and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not stored, (
        "the site shows a stored output unchecked; clear the outputs "
        "(Jupyter: Edit > Clear Outputs of All Cells):\n" + "\n".join(stored)
    )


def test_a_failing_cell_is_named_once_without_colour(tmp_path: Path) -> None:
    """The error output as ipykernel records it: coloured, the assertion twice."""
    notebook = tmp_path / "broken.ipynb"
    red, green, plain = "\x1b[0;31m", "\x1b[0;32m", "\x1b[0m"
    traceback = [
        f"{red}---------------------------------------------------------{plain}",
        f"{red}AssertionError{plain}    Traceback (most recent call last)",
        f"Cell {green}In[2], line 1{plain}\n{green}----> 1{plain} assert total == 3, "
        "f'total is {total}, expected 3'",
        f"{red}AssertionError{plain}: total is 2, expected 3",
    ]
    failing = nbformat.v4.new_code_cell(
        "assert total == 3, f'total is {total}, expected 3'"
    )
    failing.outputs = [
        nbformat.v4.new_output(
            "error",
            ename="AssertionError",
            evalue="total is 2, expected 3",
            traceback=traceback,
        )
    ]
    document = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Broken"),
            nbformat.v4.new_code_cell("total = 1 + 1"),
            failing,
        ]
    )
    error = CellExecutionError(
        "\n".join(traceback), "AssertionError", "total is 2, expected 3"
    )
    message = failure_message(notebook, document, error)
    assert message.startswith(f"{notebook}, cell 2: AssertionError: total is 2")
    assert message.count("total is 2, expected 3") == 1
    assert "Cell In[2], line 1" in message
    assert "\x1b[" not in message


SOLUTION_TAG = "solution"


@pytest.mark.parametrize(
    "notebook", NOTEBOOKS, ids=[str(path.relative_to(ROOT)) for path in NOTEBOOKS]
)
def test_shown_solution_is_the_one_that_runs(notebook: Path) -> None:
    """The collapsed solution on the page is the tagged cell the checks execute."""
    document = nbformat.read(notebook, as_version=4)
    solutions = [
        cell.source.strip()
        for cell in document.cells
        if cell.cell_type == "code" and SOLUTION_TAG in cell.metadata.get("tags", [])
    ]
    shown = "\n".join(
        cell.source for cell in document.cells if cell.cell_type == "markdown"
    )
    where = notebook.relative_to(ROOT)
    assert len(solutions) == 1, f"{where}: expected one cell tagged {SOLUTION_TAG!r}"
    assert f"```python\n{solutions[0]}\n```" in shown, (
        f"{where}: the solution shown in the page's collapsed block differs from "
        f"the {SOLUTION_TAG!r} cell that is executed"
    )
