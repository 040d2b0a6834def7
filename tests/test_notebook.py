"""examples/screening.ipynb runs from top to bottom, in a kernel of this interpreter, headless."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
manager = pytest.importorskip("jupyter_client.manager")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOTEBOOK = EXAMPLES / "screening.ipynb"


class ThisInterpreter(manager.KernelManager):  # type: ignore[misc]
    """A kernel of the interpreter running the tests, whatever kernelspecs are installed."""

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        return [sys.executable, "-m", "ipykernel_launcher", "-f", self.connection_file]


def outputs(cell: Any, kind: str) -> list[Any]:
    return [o for o in cell.get("outputs", []) if kind in o.get("data", {})]


@pytest.fixture(scope="module")
def executed() -> Any:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        kernel_manager_class=ThisInterpreter,
        timeout=180,
        startup_timeout=120,
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    # matplotlib's inline backend draws with Agg: no display, and the figures end up in the
    # outputs. No network: the notebook reads the CSV next to it.
    client.execute(env={**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"})
    return notebook


def test_the_shipped_notebook_has_no_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, "strip the outputs before committing the notebook"
            assert cell.execution_count is None


def test_every_cell_runs(executed: Any) -> None:
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", "".join(output.get("traceback", []))
            if output.output_type == "stream":
                assert output.name == "stdout", output.text


def test_the_plots_are_drawn(executed: Any) -> None:
    figures = [cell for cell in executed.cells if outputs(cell, "image/png")]
    assert len(figures) == 2
    assert "Risk level" in figures[0].source
    assert "Most frequent findings" in figures[1].source


def test_the_screened_table_and_the_card(executed: Any) -> None:
    html = [o["data"]["text/html"] for cell in executed.cells for o in outputs(cell, "text/html")]
    assert any("name_match" in table and "account_masked" in table for table in html)
    assert any('class="acctverify-report"' in block for block in html)
    invalid = next(cell for cell in executed.cells if "input.invalid_request" in cell.source)
    table = outputs(invalid, "text/html")[0]["data"]["text/html"]
    assert "见截图" in table  # the rows that could not be read are listed
