"""The direction of imports the README's Architecture states: iisg_pages → needs_snippets →
workflows, each of them → cms, never back; in cms only the URL configuration imports the apps.
A new import against the direction fails here, naming the file and the line."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ["cms", "iisg_pages", "needs_snippets", "workflows"]
#: What each package may import of the others.
ALLOWED = {
    "workflows": {"cms"},
    "needs_snippets": {"cms", "workflows"},
    "iisg_pages": {"cms", "needs_snippets", "workflows"},
    "cms": set(),
}
#: The one place a lower layer reads the apps: it mounts their URLs.
MOUNTS = {Path("cms/urls.py")}


def imports_of(path):
    """(line, top-level package) of each import in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


@pytest.mark.parametrize("package", APPS)
def test_imports_go_one_way(package):
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts or relative in MOUNTS:
            continue
        for line, imported in imports_of(path):
            if imported in APPS and imported != package and imported not in ALLOWED[package]:
                wrong.append(f"{relative}:{line} imports {imported}")
    assert wrong == []


def modules_imported_by(path):
    """(line, last part of the module name) of each module `path` imports, relative imports
    and `from package import module` included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.rsplit(".", 1)[-1]
        elif isinstance(node, ast.ImportFrom):
            if node.module:
                yield node.lineno, node.module.rsplit(".", 1)[-1]
            for alias in node.names:
                yield node.lineno, alias.name


def test_no_test_module_imports_another():
    """Tests share what they need through conftest fixtures or helper modules (factories.py,
    membership.py …), never by importing a test module: changing one module's tests would
    break another's."""
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for line, name in modules_imported_by(path)
        if name.startswith("test_")
    ]
    assert wrong == []


def test_no_test_file_imports_a_conftest():
    """conftest.py files are pytest's plugins, not modules: a fixture reaches other directories
    through the nearest common conftest.py, a plain helper lives in a helper module (pages.py,
    workflow_steps.py …) that conftest files and tests import alike."""
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for line, name in modules_imported_by(path)
        if name == "conftest"
    ]
    assert wrong == []
