"""The README tells the truth: every page, CLI command, filter flag and theme is documented."""

import re

import pytest
from helpers import ROOT

from bilateral.cli import build_parser
from bilateral.filters import QUERY_KEYS
from bilateral.model import EventType, Theme

README = (ROOT / "README.md").read_text(encoding="utf-8")


def cli_commands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", cli_commands())
def test_every_cli_command_is_in_the_readme(command):
    assert re.search(rf"`{re.escape(command)}[ `]", README), command


@pytest.mark.parametrize("theme", [t.value for t in Theme])
def test_every_theme_is_in_the_readme(theme):
    assert theme in README


def test_every_event_type_is_in_the_readme():
    for event_type in EventType:
        assert event_type.value in README


@pytest.mark.parametrize("key", list(QUERY_KEYS))
def test_every_filter_flag_is_in_the_readme(key):
    assert f"`--{key.replace('_', '-')}" in README


def test_every_page_path_is_in_the_readme():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    paths = re.findall(r'url_path="([^"]*)"', app)
    assert paths, "app.py lists its pages with url_path"
    for path in paths:
        assert f"`/{path}`" in README, path


def test_the_two_commands_are_in_the_readme():
    assert "make run" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_screenshot_exists():
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / image).exists(), image
