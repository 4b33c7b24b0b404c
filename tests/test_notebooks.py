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
