# SPDX-License-Identifier: Apache-2.0
"""Loads the idconform pytest plugin for runs from this project (see pytest.ini).

Inactive unless --idconform-sut is given, so `pytest tests/python` needs no
idconform binary.
"""
import pathlib
import sys

_PYTHON_DIR = str(pathlib.Path(__file__).resolve().parent / "python")
if _PYTHON_DIR not in sys.path:  # pytest.ini's pythonpath does this too; keep both
    sys.path.insert(0, _PYTHON_DIR)

pytest_plugins = ["idconform_pytest"]
