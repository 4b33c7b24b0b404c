"""Every exercise notebook runs from top to bottom: starting points, solutions, tests.

A notebook is executed in a fresh kernel of the interpreter running the tests, so it
sees the same `primitives`. A cell that raises fails the notebook, naming the cell.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "docs").rglob("*.ipynb"))
CELL_TIMEOUT_SECONDS = 60


@pytest.mark.parametrize(
    "notebook", NOTEBOOKS, ids=[str(path.relative_to(ROOT)) for path in NOTEBOOKS]
)
def test_notebook_runs_clean(notebook: Path) -> None:
    document = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        document,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"{notebook.relative_to(ROOT)}: {error}", pytrace=False)
    code_cells = [cell for cell in document.cells if cell.cell_type == "code"]
    assert code_cells, f"{notebook.relative_to(ROOT)} has no code cell"
    assert all(cell.get("execution_count") for cell in code_cells), (
        f"{notebook.relative_to(ROOT)}: some code cells were not executed"
    )


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
