"""The house's walls: no import cycle, no stage reaching the store or the front ends, cheap start-up.

The graph is read from the source (``newsparallax.devtools.imports``); the
import checks run in a fresh interpreter, since this one has long imported
everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsparallax
from newsparallax.devtools.imports import cycles, forbidden_edges, import_graph, module_files, module_level, short

PACKAGE = Path(newsparallax.__file__).resolve().parent
# The libraries that take seconds to load: none of them is needed to import the package or show --help.
HEAVY = ("spacy", "sklearn", "scipy", "numpy", "datasketch", "trafilatura", "fastapi")

# Run in a fresh interpreter: each module alone (every newsparallax* module dropped first), failures as JSON.
IMPORT_EACH = """
import importlib, json, sys, traceback
failures = {}
for name in json.loads(sys.argv[1]):
    for loaded in [m for m in sys.modules if m.startswith("newsparallax")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except BaseException as exc:  # SystemExit too: a module must not exit on import
        failures[name] = traceback.format_exception_only(exc)[-1].strip()
print(json.dumps(failures))
"""

# Run in a fresh interpreter: import argv[1] (and show the CLI's help when argv[2] says so), print what HEAVY loaded.
LOADED_AFTER = """
import importlib, json, sys
module, show_help, heavy = sys.argv[1], sys.argv[2] == "help", json.loads(sys.argv[3])
importlib.import_module(module)
if show_help:
    from newsparallax.cli import run
    sys.argv = ["parallax", "--help"]
    try:
        run()
    except SystemExit:
        pass  # --help ends the program; what it loaded is what we want to see
print(json.dumps([name for name in heavy if name in sys.modules]))
"""


def _python(code: str, *args: str) -> str:
    """stdout of ``code`` run by this Python on this checkout (PYTHONPATH: not an installed copy)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PACKAGE.parent), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          cwd=PACKAGE.parent, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def graph():
    """The package's import graph, read once for the tests below."""
    return import_graph(PACKAGE)


def test_the_import_graph_has_no_cycle(graph):
    for title, edges in (("module-level imports", module_level(graph)), ("all imports (late ones too)", graph)):
        found = cycles(edges)
        assert not found, f"import cycles through {title}: " + "; ".join(
            " <-> ".join(short(m) for m in component) for component in found)


def test_no_stage_imports_the_store_or_a_front_end_and_the_store_no_stage(graph):
    bad = forbidden_edges(graph)
    assert not bad, "forbidden imports: " + ", ".join(f"{short(a)} -> {short(b)}" for a, b in bad)


def test_every_module_imports_on_its_own():
    names = [name for name in module_files(PACKAGE) if name != "newsparallax.__main__"]  # __main__ runs the CLI
    failures = json.loads(_python(IMPORT_EACH, json.dumps(names)))
    assert not failures, "modules that fail to import alone:\n" + "\n".join(f"  {m}: {e}" for m, e in failures.items())


def test_importing_the_package_loads_no_heavy_library():
    loaded = json.loads(_python(LOADED_AFTER, "newsparallax", "no", json.dumps(HEAVY)))
    assert not loaded, f"import newsparallax loads {loaded}"


def test_the_cli_and_its_help_load_no_heavy_library():
    loaded = json.loads(_python(LOADED_AFTER, "newsparallax.cli", "help", json.dumps(HEAVY)))
    assert not loaded, f"newsparallax.cli (parallax --help) loads {loaded}"
