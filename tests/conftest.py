"""Shared fixtures: the seed log, temporary logs, the CLI, and a headless Chromium page with no network."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# Hypothesis's per-example deadline is a timing assertion, and a shared or busy machine (CI) trips it on correct
# code: speed goals live in the benchmarks, never in tests.
settings.register_profile("timeline", deadline=None)
settings.load_profile("timeline")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "events.yaml"
CHROMIUM = os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's query cache out of the user's home."""
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def seed_path() -> Path:
    """Give the bundled events.yaml."""
    return SEED


@pytest.fixture
def write_log(tmp_path: Path) -> Callable[..., Path]:
    """Give a function that writes YAML text (str or bytes) to a fresh file and returns its path."""
    def write(text: str | bytes, name: str = "events.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path
    return write


class CliResult:
    """What a CLI run gave: exit code, stdout, stderr."""

    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    """Give a function that runs `timeline ARGS...` in-process and returns a CliResult."""
    from timeline.cli import app

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> CliResult:
        runner = CliRunner()
        result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)
    return run


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Give a headless Chromium browser (playwright), or skip with the reason when it cannot start here."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package (.ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed: pip install -e '.[test]'")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(chromium: Any) -> Iterator[Any]:
    """Give a page whose every network request is refused and recorded in `page.requests_seen`.

    Only file:// URLs load; `page.console_errors` collects console errors and uncaught page errors.
    """
    context = chromium.new_context(offline=True)
    page = context.new_page()
    page.requests_seen = []
    page.console_errors = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file://", "data:", "blob:", "about:")):
            r.continue_()
        else:
            page.requests_seen.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()
