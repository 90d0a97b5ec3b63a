"""The tests' own layout (README: Layout), read from tests/ itself.

- Test modules live in folders that mirror the packages: tests/articles/discovery/
  holds the tests of articles/discovery/, and so on; browser tests, which drive
  the whole site in Chromium, live in tests/browser/. None sits at the top of tests/.
- Every folder of Python files is a package (an __init__.py), so two test modules
  of the same name in two folders never clash.
- A helper or fixture is defined once: the shared ones in tests/conftest.py, a
  folder's conftest.py or tests/helpers/, never copied from module to module. A
  name defined at the top of two modules is a copy, or two things that need
  telling apart.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
PACKAGES = ["newsroom", "core", "pagecache", "images", "articles", "comments", "ops"]


# Names two modules still define, written while the tests were reorganised (most
# are different helpers that happen to share a name, a few are copies): each is to
# be renamed or moved into tests/helpers/ or a conftest. The list only shrinks; a
# name that is no longer defined twice fails the test until it is taken off.
NAMED_TWICE = {
    "_no_wait",
    "article",
    "captions",
    "count_queries",
    "environment",
    "fetch",
    "get",
    "heading",
    "headlines",
    "page",
    "reader_pages",
    "refused",
    "send",
    "signed_in",
    "site",
    "stored",
    "uploads",
    "words",
}


def python_files():
    return sorted(
        path for path in TESTS.rglob("*.py") if "__pycache__" not in path.relative_to(TESTS).parts
    )


def misplaced(paths, root=ROOT):
    """Test modules that are not in a folder mirroring a package (or tests/browser/)."""
    wrong = []
    for path in paths:
        folder = path.parent.relative_to(root / "tests").parts
        if not path.name.startswith("test_") or folder[:1] == ("browser",):
            continue
        if not folder:
            wrong.append(f"{path.relative_to(root)}: at the top of tests/")
        elif folder[0] not in PACKAGES or not root.joinpath(*folder).is_dir():
            wrong.append(f"{path.relative_to(root)}: {'/'.join(folder)}/ is not a package folder")
    return wrong


def defined_twice(paths, root=ROOT):
    """{name: [modules]} of helpers and fixtures defined at the top of two modules."""
    defined = defaultdict(list)
    for path in paths:
        for node in ast.parse(path.read_text(), str(path)).body:
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_function and not node.name.startswith("test_"):
                defined[node.name].append(str(path.relative_to(root)))
    return {name: where for name, where in defined.items() if len(where) > 1}


def test_test_modules_live_in_folders_that_mirror_the_packages():
    assert len(python_files()) > 80
    assert misplaced(python_files()) == []


def test_every_folder_of_tests_is_a_package():
    folders = {path.parent for path in python_files()}
    assert (
        sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists()) == []
    )


def test_no_helper_or_fixture_is_defined_twice():
    twice = defined_twice(python_files())
    assert sorted(set(twice) - NAMED_TWICE) == [], {name: twice[name] for name in twice}
    assert sorted(NAMED_TWICE - set(twice)) == [], "no longer twice: take it off the list"


def test_the_rules_can_fail(tmp_path):
    """Each rule sees what it is about: a module at the top, in a folder no package
    has, a helper copied into a second module."""
    (tmp_path / "articles" / "discovery").mkdir(parents=True)
    files = {
        "tests/test_search.py": "def text(response):\n    pass\n",
        "tests/articles/discovery/test_feeds.py": "def text(response):\n    pass\n"
        "def test_x():\n    pass\n",
        "tests/articles/search/test_search.py": "def test_y():\n    pass\n",
        "tests/browser/test_pages_browser.py": "def test_z():\n    pass\n",
    }
    for name, source in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(source)
    paths = [tmp_path / name for name in files]
    assert misplaced(paths, tmp_path) == [
        "tests/test_search.py: at the top of tests/",
        "tests/articles/search/test_search.py: articles/search/ is not a package folder",
    ]
    assert defined_twice(paths, tmp_path) == {
        "text": ["tests/test_search.py", "tests/articles/discovery/test_feeds.py"]
    }
