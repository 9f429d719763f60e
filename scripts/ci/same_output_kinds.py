"""Checks that a notebook executed by nbconvert has, cell by cell, the same kinds of outputs as the
stored notebook (stream, display_data with image/png, execute_result, error), as NotebooksTest does
for jgrad's own runner. Text is not compared: numbers may differ between CPUs.

Usage: python3 same_output_kinds.py STORED.ipynb EXECUTED.ipynb
"""
import json
import sys


def kinds(path):
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    return [[(o["output_type"], sorted(o.get("data", {})) or o.get("name")) for o in cell["outputs"]]
            for cell in cells]


stored, executed = kinds(sys.argv[1]), kinds(sys.argv[2])
problems = [f"code cell {i + 1}: stored {s}, through Jupyter {e}"
            for i, (s, e) in enumerate(zip(stored, executed)) if s != e]
if len(stored) != len(executed):
    problems.append(f"{len(stored)} code cells stored, {len(executed)} executed")
for problem in problems:
    print(f"{sys.argv[1]}: {problem}")
sys.exit(1 if problems else 0)
