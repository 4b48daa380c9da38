"""The developer docs point at files and definitions that exist.

docs/architecture.md, docs/design.md and docs/personal-data.md send the
next engineer to a file (`events/models.py`) or to a definition in it
(`events/models.py::Event.derive`); a change that moves or renames one
must bring the docs along. Links between the docs must resolve too.
"""

import ast
import os
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ["docs/architecture.md", "docs/design.md", "docs/personal-data.md"]
LINKING = ["README.md", *DOCS]
# Linked before it lands: written by another engineer (issue 19, point 8).
PENDING = {"docs/import-engine.md"}
# Cited, but kept outside the repository (the seed report).
OUTSIDE = ("shared/",)
EXTENSIONS = (".py", ".md", ".html", ".toml", ".sh", ".css", ".txt", ".cfg", ".ini")

CODE = re.compile(r"`([^`\s]+)`")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
# A file in a diagram of a fenced block: reports/views.py::page
DRAWN = re.compile(r"(?<![\w/.])([a-z_]+(?:/[\w.]+)+\.(?:py|html|md|toml))(?:::([\w.]+))?")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _text(doc: str) -> str:
    return (ROOT / doc).read_text(encoding="utf-8")


def _is_path(span: str) -> bool:
    """A span that names a file or folder of the repository: a path whose
    first folder is one of the repository's, or any name with a file's
    extension. URL paths (/reports/2022/), templates of names (<app>/) and
    other slashes (Asia/Novokuznetsk) are not."""
    if span.startswith(("/", "http")) or any(c in span for c in "<>*{}$=|"):
        return False
    if "/" not in span:
        return span.endswith(EXTENSIONS)
    first = span.split("/", 1)[0]
    return (ROOT / first).is_dir() or span.rstrip("/").endswith(EXTENSIONS) \
        or span.startswith(OUTSIDE)


def cited(doc: str) -> list[tuple[str, str]]:
    """(path, name) of each code span of `doc` that names a path, and of
    each file drawn in its fenced blocks, with the definition after `::`
    if any."""
    text = _text(doc)
    out = []
    for span in CODE.findall(FENCE.sub("", text)):
        path, _, name = span.partition("::")
        path = path.rstrip(":,.")
        if _is_path(path) and not path.startswith(OUTSIDE):
            out.append((path, name.rstrip("()")))
    for block in FENCE.findall(text):
        out.extend(DRAWN.findall(block))
    return out


def _members(body, prefix: str, into: set) -> None:
    for node in body:
        names = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        for name in names:
            into.add(prefix + name)
        if isinstance(node, ast.ClassDef):
            _members(node.body, f"{prefix}{node.name}.", into)


@cache
def _tracked_names() -> frozenset[str]:
    """The names of the repository's files (the virtualenv left out)."""
    skip = {".venv", ".git", "node_modules", "media", "staticfiles", "__pycache__"}
    out = set()
    for _, folders, files in os.walk(ROOT):
        folders[:] = [f for f in folders if f not in skip]
        out.update(files)
    return frozenset(out)


@cache
def definitions(path: str) -> frozenset[str]:
    """Every top-level name and class member (`Event.derive`) defined in a
    module, or in any module of a package."""
    target = ROOT / path
    files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
    out: set[str] = set()
    for file in files:
        if "migrations" not in file.parts:
            _members(ast.parse(file.read_text(encoding="utf-8")).body, "", out)
    return frozenset(out)


ALL_CITED = sorted({(doc, path, name) for doc in DOCS for path, name in cited(doc)})


def test_the_docs_cite_paths():
    """The extraction finds something: a broken pattern would pass every
    other test here."""
    assert len(ALL_CITED) > 40


@pytest.mark.parametrize(("doc", "path", "name"), ALL_CITED,
                         ids=[f"{d}:{p}::{n}" if n else f"{d}:{p}" for d, p, n in ALL_CITED])
def test_cited_path_exists(doc, path, name):
    if "/" not in path:  # a file's bare name (`columns.py`): somewhere here
        assert _tracked_names() & {path}, f"{doc} cites {path}: no such file"
        return
    assert (ROOT / path).exists(), f"{doc} cites {path}, which does not exist"


@pytest.mark.parametrize(
    ("doc", "path", "name"), [c for c in ALL_CITED if c[2]],
    ids=[f"{d}:{p}::{n}" for d, p, n in ALL_CITED if n])
def test_cited_name_is_defined_there(doc, path, name):
    assert (ROOT / path).exists(), f"{doc} cites {path}, which does not exist"
    assert path.endswith(".py") or (ROOT / path).is_dir(), f"{path}::{name}: not Python"
    assert name in definitions(path), f"{doc}: {path} defines no {name}"


def _links(doc: str) -> list[str]:
    base = (ROOT / doc).parent
    out = []
    for target in LINK.findall(_text(doc)):
        target = target.split("#", 1)[0]
        if not target or re.match(r"^[a-z]+:", target):
            continue
        out.append((base / target).resolve().relative_to(ROOT).as_posix())
    return out


ALL_LINKS = sorted({(doc, target) for doc in LINKING for target in _links(doc)})


@pytest.mark.parametrize(("doc", "target"), ALL_LINKS)
def test_linked_file_exists(doc, target):
    if target in PENDING and not (ROOT / target).exists():
        pytest.skip(f"{target} is not written yet")
    assert (ROOT / target).exists(), f"{doc} links {target}, which does not exist"


def test_architecture_says_where_the_two_asked_for_rules_live():
    """The two questions the page must answer from itself alone: where an
    event's territory is decided, where figure 6 is computed."""
    text = _text("docs/architecture.md")
    assert "`events/models.py::Event.derive`" in text
    assert "`reports/aggregates.py::_events`" in text


def test_design_figures_name_functions_of_the_aggregates():
    """The last column of docs/design.md's table of figures names where
    each figure is computed in reports/aggregates.py."""
    rows = [line for line in _text("docs/design.md").splitlines()
            if re.match(r"^\| \d+ \|", line)]
    assert [int(row.split("|")[1]) for row in rows] == list(range(1, 23))
    defined = definitions("reports/aggregates.py")
    for row in rows:
        names = CODE.findall(row.rstrip(" |").rsplit("|", 1)[-1])
        assert names, f"no function named for: {row[:40]}"
        assert all(name in defined for name in names), row[:40]
