"""lessons._nbrun.normalize: a saved notebook must not depend on how busy the machine was."""

from __future__ import annotations

import nbformat

from lessons._nbrun import normalize


def _nb_with_outputs(outputs: list) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("for i in range(3): print(i)")
    cell.id = "cell-1"
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    nb.cells.append(cell)
    return nb


def test_split_stream_output_is_merged_into_one() -> None:
    # Reproduction: under load, one print loop arrived as two stream messages, so `make execute` changed the file.
    split = _nb_with_outputs(
        [
            {"output_type": "stream", "name": "stdout", "text": "date   launch area\n2019-05"},
            {"output_type": "stream", "name": "stdout", "text": "-04  Hodo\n"},
        ]
    )
    whole = _nb_with_outputs([{"output_type": "stream", "name": "stdout", "text": "date   launch area\n2019-05-04  Hodo\n"}])
    assert nbformat.writes(normalize(split, "x.ipynb")) == nbformat.writes(normalize(whole, "x.ipynb"))


def test_different_streams_and_other_outputs_stay_apart() -> None:
    nb = _nb_with_outputs(
        [
            {"output_type": "stream", "name": "stdout", "text": "a\n"},
            {"output_type": "stream", "name": "stderr", "text": "b\n"},
            {"output_type": "display_data", "data": {"text/plain": "x"}, "metadata": {}},
            {"output_type": "stream", "name": "stdout", "text": "c\n"},
        ]
    )
    outputs = normalize(nb, "x.ipynb").cells[0].outputs
    assert [o["output_type"] for o in outputs] == ["stream", "stream", "display_data", "stream"]
