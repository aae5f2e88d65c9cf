"""Compiled templates kept between builds are used only while their source is unchanged."""

from __future__ import annotations

import os

import yaml
from jinja2 import Environment, FileSystemLoader

from atlas import build
from atlas.template_cache import on_env, template_cache

fresh_cache = template_cache.__wrapped__  # the function itself, not the process's one cache


def test_an_edited_template_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_TEMPLATE_CACHE", str(tmp_path / "cache"))
    (tmp_path / "page.html").write_text("first {{ x }}", "utf-8")

    def render() -> str:
        loader = FileSystemLoader(tmp_path)
        environment = Environment(loader=loader, bytecode_cache=fresh_cache())
        return environment.get_template("page.html").render(x=1)

    assert render() == "first 1"
    assert len(os.listdir(tmp_path / "cache")) == 1  # kept for the next build
    (tmp_path / "page.html").write_text("second {{ x }}", "utf-8")
    assert render() == "second 1"


def test_without_a_writable_folder_templates_are_compiled_as_before(tmp_path, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    monkeypatch.setenv("ATLAS_TEMPLATE_CACHE", str(folder))
    try:
        assert os.geteuid() == 0 or fresh_cache() is None
        monkeypatch.setenv("ATLAS_TEMPLATE_CACHE", str(tmp_path / "a-file"))
        (tmp_path / "a-file").write_text("", "utf-8")
        assert fresh_cache() is None
    finally:
        folder.chmod(0o755)


def test_every_language_build_gives_mkdocs_the_cache(fixture_build):
    """Each language's MkDocs config names the hook, and MkDocs' theme templates are kept."""
    for language in ("en", "zh-hant", "zh-hans"):
        config = yaml.safe_load((fixture_build / "build" / language / "mkdocs.yml").read_text())
        assert str(build.TEMPLATE_CACHE_HOOK) in config["hooks"]
    environment = Environment()
    assert on_env(environment, None, None) is environment
    assert environment.bytecode_cache is template_cache()
