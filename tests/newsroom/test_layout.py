"""The layout's rules (README: Layout), read from the code itself with `ast`.

Every module of the project's packages, migrations included, is parsed; each
`import` and `from … import` (relative ones resolved, those inside functions
too) gives an arrow from its package to the package it names. Only the arrows
the layout allows may exist:

- nothing imports `newsroom`, the project (it names the apps in settings and
  URLs, as strings or its own imports);
- `core` imports no app; `pagecache` only core; `images` core and pagecache;
  `articles` those three and never comments or ops; `comments` everything but
  ops; `ops` every app;
- a migration imports only Django, its own app, core and third-party field
  classes, so it keeps working whatever the apps' code becomes;
- no cycle between the packages.

And the size of things (migrations aside): a module over MAX_MODULE_LINES lines,
or a function over MAX_FUNCTION_LINES, is a sign that it holds more than one
concern. A function's lines are counted from its `def` to its last line,
docstring and comments included (decorators not). The few that are big by
nature are named below, with the reason, as in the README; an entry that no
longer applies fails the test too, so the list stays true.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["newsroom", "core", "pagecache", "images", "articles", "comments", "ops"]
APPS = set(PACKAGES) - {"newsroom"}
# What each package may import of the others (anything not listed here is Django,
# the standard library or a third-party package, which every package may use).
ALLOWED = {
    "newsroom": set(APPS),
    "core": set(),
    "pagecache": {"core"},
    "images": {"core", "pagecache"},
    "articles": {"core", "pagecache", "images"},
    "comments": {"core", "pagecache", "images", "articles"},
    "ops": {"core", "pagecache", "images", "articles", "comments"},
}

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
BIG_MODULES = {
    "newsroom/settings/base.py": "the settings: every one where its environment variable "
    "is read and explained, in the order .env.example lists them",
    "ops/demo/content.py": "data, not code: the demo newsroom's sections, authors and "
    "fourteen articles, word for word",
    # articles/wordpress/ is another change's, split along its seams there.
    "articles/wordpress/content.py": "turning any WordPress post's HTML into a body: one "
    "converter, its many cases side by side",
    "articles/wordpress/wxr.py": "the WXR reader: one streaming parser of every export version",
}
BIG_FUNCTIONS = {}


def modules():
    """(path relative to ROOT, dotted module name, is a migration) of every module."""
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield relative, ".".join(parts), "migrations" in relative.parts


def imports_of(path, module):
    """The dotted names a module imports, relative imports resolved."""
    is_package = path.name == "__init__.py"
    names = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module
            names.append(name)
    return names


def arrows():
    """(importing module's path, its package, imported package, is a migration)."""
    for relative, module, migration in modules():
        for name in imports_of(ROOT / relative, module):
            target = name.split(".")[0]
            if target in PACKAGES:
                yield relative, module.split(".")[0], target, migration


def test_the_layout_parses_every_package():
    found = {module.split(".")[0] for _, module, _ in modules()}
    assert found == set(PACKAGES)
    assert len(list(modules())) > 150


def test_nothing_imports_the_project():
    wrong = [
        f"{path} imports newsroom"
        for path, package, target, _ in arrows()
        if target == "newsroom" and package != "newsroom"
    ]
    assert wrong == []


def test_each_package_imports_only_what_the_layout_allows():
    wrong = [
        f"{path} imports {target} ({package} may import {sorted(ALLOWED[package]) or 'no app'})"
        for path, package, target, migration in arrows()
        if not migration and target != package and target not in ALLOWED[package]
    ]
    assert wrong == []


def test_migrations_import_only_django_their_own_app_and_core():
    wrong = [
        f"{path} imports {target}"
        for path, package, target, migration in arrows()
        if migration and target not in {package, "core"}
    ]
    assert wrong == []


def test_no_cycle_between_packages():
    graph = {package: set() for package in PACKAGES}
    for _, package, target, _ in arrows():
        if target != package:
            graph[package].add(target)

    def reaches(start, goal, seen=()):
        return any(
            target == goal or (target not in seen and reaches(target, goal, {*seen, target}))
            for target in graph[start]
        )

    assert [package for package in PACKAGES if reaches(package, package)] == []


def test_the_rules_can_fail(tmp_path):
    """The walk sees what a rule is about: relative imports, imports in functions."""
    module = tmp_path / "views.py"
    module.write_text(
        "from ..models import Article\nfrom . import likes\n"
        "def f():\n    from comments.models import Comment\n    import newsroom.urls\n"
    )
    assert imports_of(module, "articles.views.views") == [
        "articles.models",
        "articles.views",
        "comments.models",
        "newsroom.urls",
    ]
    package = tmp_path / "__init__.py"
    package.write_text("from .models import Article\n")
    assert imports_of(package, "articles.views") == ["articles.views.models"]


def sizes():
    """(path, lines of the module, {function name: lines}) of every module but migrations."""
    for relative, _, migration in modules():
        if migration:
            continue
        text = (ROOT / relative).read_text()
        functions = {}
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                functions[node.name] = max(
                    functions.get(node.name, 0), node.end_lineno - node.lineno + 1
                )
        yield str(relative), len(text.splitlines()), functions


def test_no_module_is_too_big_unless_big_by_nature():
    big = {path: lines for path, lines, _ in sizes() if lines > MAX_MODULE_LINES}
    assert sorted(set(big) - set(BIG_MODULES)) == [], big
    assert sorted(set(BIG_MODULES) - set(big)) == [], "no longer big: take it off the list"


def test_no_function_is_too_long_unless_named():
    long = {
        f"{path}:{name}": lines
        for path, _, functions in sizes()
        for name, lines in functions.items()
        if lines > MAX_FUNCTION_LINES
    }
    assert sorted(set(long) - set(BIG_FUNCTIONS)) == [], long
    assert sorted(set(BIG_FUNCTIONS) - set(long)) == [], "no longer long: take it off the list"


@pytest.mark.parametrize(
    "listed", dict.fromkeys([*BIG_MODULES, *(name.split(":")[0] for name in BIG_FUNCTIONS)])
)
def test_the_readme_names_what_is_big_by_nature(listed):
    readme = (ROOT / "README.md").read_text()
    layout = readme[readme.index("## Layout") :]
    assert f"`{listed}`" in layout
