"""Templates keep to their app, as the README's Architecture states. Each app's templates lie
under `templates/<app>/`; what several apps share lies under `templates/cms/`; the top level
holds only the site's frame, the error pages Django looks up by name and the overrides of
libraries' templates. A template under `templates/<app>/` loads only its own app's tag
libraries, cms' or a library's, and extends or includes only its own app's templates, the
shared ones, the site's frame (`base.html`) or a library's. A new edge fails here, naming the
template and what it reaches."""

import re
from pathlib import Path

import pytest
from django.template import engines
from django.template.utils import get_app_template_dirs

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
APPS = ["cms", "iisg_pages", "needs_snippets", "workflows"]
#: What every app's templates may use besides their own: cms is the shared plumbing.
SHARED_APP = "cms"
#: The site's frame, which the site's pages of every app extend.
FRAME = "base.html"
#: The top level's files: the frame, and the error pages Django renders by name.
TOP_LEVEL_FILES = {FRAME, "400.html", "404.html", "429.html", "500.html", "503.html"}
#: The top level's folders besides the apps': libraries' templates the site overrides.
OVERRIDES = {"account", "allauth", "ninja", "registration", "wagtailadmin", "wagtailcore"}

LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
REFERENCE = re.compile(r"{%\s*(extends|include)\s+[\"']([^\"']+)[\"']")


def templates_of(app):
    """(path relative to templates/, text) of each file under templates/<app>/."""
    for path in sorted((TEMPLATES / app).rglob("*")):
        if path.is_file():
            yield path.relative_to(TEMPLATES).as_posix(), path.read_text(encoding="utf-8")


def libraries_loaded(text):
    """The tag libraries `text` loads by name (`{% load a b %}`, `{% load x from a %}`)."""
    for arguments in LOAD.findall(text):
        names = arguments.split()
        yield from names[-1:] if "from" in names else names


def owner_of_library(name):
    """The top-level package whose module registers the tag library `name`."""
    return engines["django"].engine.libraries[name].split(".")[0]


def libraries_template_dirs():
    """The template folders of the installed libraries (not of our apps)."""
    ours = {ROOT / app / "templates" for app in APPS}
    return [directory for directory in get_app_template_dirs("templates") if directory not in ours]


def shipped_by_a_library(name):
    """True when an installed library ships the template `name`."""
    return any((directory / name).is_file() for directory in libraries_template_dirs())


def may_reach(app, name):
    """True when a template of `app` may extend or include the template `name`."""
    if name.split("/")[0] in (app, SHARED_APP):
        return True
    if name == FRAME:
        return app != SHARED_APP  # the frame is the site's; the shared templates stand alone
    return shipped_by_a_library(name)


@pytest.mark.parametrize("app", APPS)
def test_templates_load_their_app_s_tag_libraries_or_shared_ones(app):
    wrong = [
        f"templates/{path} loads {library} ({owner})"
        for path, text in templates_of(app)
        for library in libraries_loaded(text)
        if (owner := owner_of_library(library)) in APPS and owner not in (app, SHARED_APP)
    ]
    assert wrong == []


@pytest.mark.parametrize("app", APPS)
def test_templates_extend_and_include_their_app_s_templates_or_shared_ones(app):
    wrong = [
        f"templates/{path} {tag}s {name}"
        for path, text in templates_of(app)
        for tag, name in REFERENCE.findall(text)
        if not may_reach(app, name)
    ]
    assert wrong == []


def test_the_top_level_holds_only_the_frame_error_pages_apps_and_overrides():
    allowed = TOP_LEVEL_FILES | set(APPS) | OVERRIDES
    assert sorted(entry.name for entry in TEMPLATES.iterdir() if entry.name not in allowed) == []


def test_the_overridden_folders_are_libraries_template_folders():
    """An override folder is one a library's templates live in: no app's folder hides there."""
    folders = {
        entry.name
        for directory in libraries_template_dirs()
        for entry in directory.iterdir()
        if entry.is_dir()
    }
    assert OVERRIDES - folders == set()
