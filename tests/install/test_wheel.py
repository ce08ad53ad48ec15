"""The built wheel is the product: installed non-editable into a fresh virtual environment and run from
a folder far from the checkout, it serves the Browser guide and style and extracts facts, because the
files the code reads (queries, Browser assets, knowledge YAML, the launcher's pom.xml) ship inside it.

The wheel is built offline (`python -m build --no-isolation`: sdist, then the wheel from that sdist, so a
file missing from either fails here) from a copy of the checkout without its build leftovers: a stale
`policygraph.egg-info` would otherwise put files into the sdist that `package-data` does not name.

The fresh environment gets third-party dependencies from this run's environment through a `.pth` line
(its site-packages, whose own `.pth` files, the editable install's among them, are not processed), so
nothing is downloaded; policygraph's own packages come from the wheel alone, which a test checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serving import free_port, wait_until_answers

from api.browser import read
from api.routes.browser import render_guide

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("api", "graph", "ingest", "localserver", "notebooks", "policygraph", "queries")
# Every file the installed code reads through importlib.resources, by where it lives in the checkout.
DATA = ("queries/**/*.cypher", "ingest/data/*.yaml", "api/browser/*.html", "api/browser/*.grass",
        "localserver/pom.xml")
# Not copied into the build's source: version control, environments, caches and earlier builds' output.
LEFTOVERS = (".git", ".venv", ".env", "*.egg-info", "build", "dist", "__pycache__", ".*_cache", ".hypothesis",
             "artifacts", ".ipynb_checkpoints")
TEXT = "---\ntitle: Wheel check\n---\n“We will act,” said Harbor Foundation director Pilar Esquivel.\n"


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
        ) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)
    assert done.returncode == 0, f"{' '.join(command[:4])}…:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source") / "policygraph"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LEFTOVERS))
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)], cwd=out)
    (built,) = out.glob("policygraph-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment (no system site-packages) with the wheel installed; returns its bin folder."""
    home = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", str(home)], cwd=home)
    python = home / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
         "--disable-pip-version-check", str(wheel)], cwd=home)
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                    cwd=home).stdout.strip())
    (site / "zz_project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return home / "bin"


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working folder of every installed command: no checkout, no `.env` around it."""
    return tmp_path_factory.mktemp("elsewhere")


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return {**clean, "COLUMNS": "200", "PYTHONDONTWRITEBYTECODE": "1"}


def test_the_wheel_carries_every_data_file_and_no_tests(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {p.relative_to(ROOT).as_posix() for pattern in DATA for p in ROOT.glob(pattern)}
    assert len(wanted) > 60 and {"api/browser/guide.html", "ingest/data/gazetteer.yaml"} <= wanted
    assert wanted - names == set()
    assert {f"{package}/__init__.py" for package in PACKAGES} <= names
    assert not {n for n in names if n.startswith(("tests/", "bench/", "corpus/"))}


def test_installed_packages_come_from_the_wheel(venv: Path, elsewhere: Path, env: dict[str, str]) -> None:
    code = ("import importlib, sys; "
            f"print('\\n'.join(importlib.import_module(p).__file__ for p in {PACKAGES!r})); "
            "print(*sys.path, sep='\\n', file=sys.stderr)")
    done = run([str(venv / "python"), "-c", code], cwd=elsewhere, env=env)
    site = venv.parent / "lib"
    assert all(Path(f).is_relative_to(site) for f in done.stdout.split()), done.stdout
    assert str(ROOT) not in done.stderr.split("\n")


@pytest.fixture(scope="module")
def served(venv: Path, elsewhere: Path, env: dict[str, str]) -> Iterator[str]:
    """`policygraph serve` from the fresh environment; its base URL."""
    port = free_port()
    log = (elsewhere / "serve.log").open("w")
    proc = subprocess.Popen([str(venv / "policygraph"), "serve", "--port", str(port)], cwd=elsewhere,
                            env={**env, "POLICYGRAPH_CACHE_ENTRIES": "0"}, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(f"{base}/health", proc, 90, (elsewhere / "serve.log").read_text)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_serve_answers_the_browser_files_from_the_wheel(served: str) -> None:
    guide = httpx.get(f"{served}/browser/guide.html", timeout=10)
    assert guide.status_code == 200, guide.text[:500]
    assert guide.text == render_guide(f"{served}/")  # the checkout's guide, its query slots filled
    style = httpx.get(f"{served}/browser/style.grass", timeout=10)
    assert style.status_code == 200 and style.text == read("style.grass")


def test_extract_prints_facts(venv: Path, elsewhere: Path, env: dict[str, str]) -> None:
    article = elsewhere / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    done = run([str(venv / "policygraph"), "extract", str(article)], cwd=elsewhere, env=env)
    # The role needs titles.yaml ("director"), the quote the cue words: knowledge the wheel carries.
    for shown in ("quote", "We will act", "role", "director", "Harbor Foundation", "Pilar Esquivel"):
        assert shown in done.stdout, done.stdout
