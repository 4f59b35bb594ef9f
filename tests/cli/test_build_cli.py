"""`timeline build`: what it writes, byte-identical rebuilds, atomic writes, filters, errors, and --watch."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import timeline
import timeline.render.build
from timeline.render.build import OUTPUTS, build, render
from timeline.storage import replace
from timeline.cli.build import watch
from timeline.errors import StorageError

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _without_plotly_js(data: bytes) -> bytes:
    """Give a page without the inlined plotly.js bundle and the CSP line that hashes it.

    They change with each update of the bundle in timeline/assets, which would otherwise call reports/ stale
    although nothing of the log's changed; everything of ours is still compared byte for byte.
    """
    from timeline.render.page import plotly_js

    bundle = plotly_js().encode("utf-8")
    data = data.replace(bundle, b"PLOTLY.JS")
    data = re.sub(rb"<script>(?:(?!</script>).){1000000,}</script>", b"<script>PLOTLY.JS</script>", data, flags=re.S)
    return re.sub(rb'<meta http-equiv="Content-Security-Policy"[^>]*>', b"<meta CSP>", data)


def test_reports_folder_holds_the_build_of_the_bundled_log(seed_path: Path) -> None:
    """Fails when reports/ is stale: rebuild with `timeline build` and commit reports/."""
    files = render(timeline.load(seed_path))
    stale = []
    for name, data in files.items():
        path = ROOT / "reports" / name
        if not path.is_file():
            stale.append(name)
        elif name == "timeline.html":
            if _without_plotly_js(path.read_bytes()) != _without_plotly_js(data):
                stale.append(name)
        elif path.read_bytes() != data:
            stale.append(name)
    assert not stale, f"reports/ is stale ({', '.join(stale)}): run `timeline build` and commit reports/"


def test_the_staleness_check_sees_a_changed_page(seed_path: Path) -> None:
    page = render(timeline.load(seed_path))["timeline.html"]
    assert _without_plotly_js(page) != _without_plotly_js(page.replace(b"Sutskever", b"Sutskevar"))
    assert len(_without_plotly_js(page)) < len(page) // 10


def test_build_writes_the_page_and_the_reports(cli: Callable[..., object], seed_path: Path, tmp_path: Path) -> None:
    result = cli("build", "-f", str(seed_path), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.output
    assert result.stdout.splitlines() == [f"wrote {tmp_path / 'out' / name}" for name in OUTPUTS]
    assert result.stderr == ""  # not a terminal: no progress display
    # a second build of the same log keeps every file and says so
    again = cli("build", "-f", str(seed_path), "-o", str(tmp_path / "out"))
    assert again.code == 0, again.output
    assert again.stdout.splitlines() == [f"unchanged {tmp_path / 'out' / name}" for name in OUTPUTS]
    # a file that no longer holds its bytes is written again, and only it
    (tmp_path / "out" / "report.md").write_text("edited by hand\n", encoding="utf-8")
    third = cli("build", "-f", str(seed_path), "-o", str(tmp_path / "out"))
    assert third.stdout.splitlines() == [f"{'wrote' if name == 'report.md' else 'unchanged'} {tmp_path / 'out' / name}"
                                         for name in OUTPUTS]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUTS)  # no temporary files left
    page = (tmp_path / "out" / "timeline.html").read_text(encoding="utf-8")
    assert "<title>OpenAI&#x27;s safety exodus, 2023-2024</title>" in page
    assert len(json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))) == 8


def test_build_leaves_the_readme_picture_of_the_page_alone(cli: Callable[..., object], seed_path: Path,
                                                           tmp_path: Path) -> None:
    """reports/timeline.png (tests/readme_screenshot.py takes it) is not build's: kept byte for byte, untouched."""
    picture = ROOT / "reports" / "timeline.png"
    data = picture.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 150_000  # small, as the README promises
    assert "](reports/timeline.png)" in (ROOT / "README.md").read_text(encoding="utf-8")
    out = tmp_path / "reports"
    out.mkdir()
    (out / "timeline.png").write_bytes(data)
    os.utime(out / "timeline.png", ns=(1, 1))
    for _ in range(2):  # a first build and a rebuild
        result = cli("build", "-f", str(seed_path), "-o", str(out))
        assert result.code == 0, result.output
        assert "timeline.png" not in result.stdout
    assert (out / "timeline.png").read_bytes() == data and (out / "timeline.png").stat().st_mtime_ns == 1
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, "timeline.png"])


@pytest.mark.parametrize("fixture", ["events.yaml", "tests/fixtures/hostile.yaml", "tests/fixtures/ancient.yaml"])
def test_two_builds_are_byte_identical(fixture: str, tmp_path: Path) -> None:
    log = timeline.load(ROOT / fixture)
    first = build(log, tmp_path / "a")
    second = build(timeline.load(ROOT / fixture), tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_a_rebuild_of_an_unchanged_log_leaves_files_alone(seed_path: Path, tmp_path: Path) -> None:
    log = timeline.load(seed_path)
    paths = build(log, tmp_path)
    for p in paths:
        os.utime(p, ns=(1, 1))
    build(log, tmp_path)
    assert [p.stat().st_mtime_ns for p in paths] == [1] * len(paths)


def test_replace_replaces_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old")
    inode = target.stat().st_ino
    assert replace(target, [b"new"]) is True
    assert target.read_bytes() == b"new" and target.stat().st_ino != inode  # a new file moved into place
    assert replace(target, [b"new"]) is False
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_reports_follow_the_one_permission_policy(seed_path: Path, tmp_path: Path) -> None:
    """storage's policy: a new file gets what the umask allows, a replaced file keeps its permission bits."""
    log = timeline.load(seed_path)
    old_mask = os.umask(0o027)
    try:
        paths = build(log, tmp_path / "a")
        assert {p.stat().st_mode & 0o777 for p in paths} == {0o640}
        os.umask(0o022)
        paths = build(log, tmp_path / "b")
        assert {p.stat().st_mode & 0o777 for p in paths} == {0o644}
        paths[1].chmod(0o600)
        paths[1].write_text("changed, so the next build replaces it")
        build(log, tmp_path / "b")
        assert paths[1].stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_mask)


def test_an_out_dir_that_is_a_file_is_a_clear_error(cli: Callable[..., object], seed_path: Path,
                                                    tmp_path: Path) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("")
    result = cli("build", "-f", str(seed_path), "-o", str(blocker))
    assert result.code == 1
    assert result.stderr.strip() == f"{blocker}: is a file, not a folder; choose another with -o DIR"
    with pytest.raises(StorageError):
        build(timeline.load(seed_path), blocker)


def test_a_bad_log_gives_located_problems_and_no_traceback(cli: Callable[..., object],
                                                           write_log: Callable[..., Path], tmp_path: Path) -> None:
    path = write_log("title: t\nevents:\n  - id: a\n    title: A\n    when: Tusday\n")
    result = cli("build", "-f", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert result.stderr.startswith(f"{path}:5:11: event 'a'")
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


# --- options ------------------------------------------------------------------------------------------------------

def events_in(folder: Path) -> list[str]:
    return [row["id"] for row in json.loads((folder / "events.json").read_text(encoding="utf-8"))]


def test_filters_choose_the_events_like_query(cli: Callable[..., object], seed_path: Path, tmp_path: Path) -> None:
    result = cli("build", "-f", str(seed_path), "-o", str(tmp_path), "--tag", "departures")
    assert result.code == 0, result.output
    assert events_in(tmp_path) == ["leike-resigns", "sutskever-leaves", "leike-posts"]
    page = (tmp_path / "timeline.html").read_text(encoding="utf-8")
    assert "3 events from 13 May 2024 to 17 May 2024 (filtered from 8)." in page

    result = cli("build", "-f", str(seed_path), "-o", str(tmp_path), "--from", "last week", "--to", "2024-05-16",
                 "--within", "--anchor", "2024-05-20")
    assert result.code == 0, result.output
    assert events_in(tmp_path) == ["leike-resigns", "schulman-takes-over", "sutskever-leaves"]


def test_a_bad_range_is_a_usage_error(cli: Callable[..., object], seed_path: Path, tmp_path: Path) -> None:
    result = cli("build", "-f", str(seed_path), "-o", str(tmp_path), "--from", "2024-05-20", "--to", "2024-05-01")
    assert result.code == 2
    assert "--to (2024-05-01) is before --from (2024-05-20); swap them" in result.stderr


def test_lanes_option(cli: Callable[..., object], seed_path: Path, tmp_path: Path) -> None:
    assert cli("build", "-f", str(seed_path), "-o", str(tmp_path), "--lanes", "actor").code == 0
    page = (tmp_path / "timeline.html").read_text(encoding="utf-8")
    assert '"ticktext":["\\u003cb\\u003eOpenAI\\u003c/b\\u003e"' in page
    bad = cli("build", "-f", str(seed_path), "-o", str(tmp_path), "--lanes", "colour")
    assert bad.code == 2 and "colour" in bad.output


def test_help_names_every_option(cli: Callable[..., object]) -> None:
    text = cli("build", "--help").stdout
    for option in ("--file", "--out", "--lanes", "--from", "--to", "--within", "--tag", "--actor", "--source",
                   "--anchor", "--watch", "--no-sources"):
        assert option in text


# --- the page is self-contained -----------------------------------------------------------------------------------

def test_the_page_holds_plotly_and_asks_the_network_for_nothing(seed_path: Path) -> None:
    page = render(timeline.load(seed_path))["timeline.html"].decode("utf-8")
    from timeline.render.page import plotly_js

    assert plotly_js() in page and "plotly.js (cartesian - minified) v" in page
    ours = page.replace(plotly_js(), "")  # plotly.js itself names URLs it never fetches for a chart like ours
    assert not re.search(r"<script[^>]+src=", ours) and "<link" not in ours
    assert "src=" not in ours and "url(" not in ours and "@import" not in ours  # links (<a href>) fetch nothing
    assert 'id="timeline-chart"' in page
    assert "MathJax.js" not in page


def test_the_content_security_policy_allows_exactly_our_scripts(seed_path: Path) -> None:
    page = render(timeline.load(seed_path))["timeline.html"].decode("utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    assert policy.startswith("default-src 'none'; ")
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts}
    allowed = set(re.search(r"script-src ([^;]+);", policy).group(1).split())  # type: ignore[union-attr]
    # plotly.js, ours, and the "as known on" control's (the seed's sources have publication days)
    assert len(scripts) == 3 and hashes == allowed


def test_user_text_cannot_close_the_data_block(tmp_path: Path) -> None:
    page = render(timeline.load(FIXTURES / "hostile.yaml"))["timeline.html"].decode("utf-8")
    block = page.split('<script type="application/json" id="timeline-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    data = json.loads(block)
    assert {t["name"] for t in data["data"]} >= {"Exact day"}
    control = 'id="timeline-asof"' in page
    # the chronology's data (the phone's, and a tapped mark's details) holds the log's text too
    chrono = page.split('<script type="application/json" id="timeline-chrono">', 1)[1].split("</script>", 1)[0]
    assert "<" not in chrono and ">" not in chrono
    hostile = timeline.load(FIXTURES / "hostile.yaml")
    assert {e["id"] for e in json.loads(chrono)["entries"]} == {r.id for r in hostile.records}
    for marker in ('<script type="application/json" id="timeline-asof">',) if control else ():
        known = page.split(marker, 1)[1].split("</script>", 1)[0]
        assert "<" not in known and ">" not in known
        assert json.loads(known)["stops"]
    # the data blocks, plotly.js and ours (and the control's data and script): nothing from the log
    assert page.count("</script>") == (6 if control else 4)


# --- --watch ------------------------------------------------------------------------------------------------------

def test_watch_rebuilds_on_every_save_and_survives_errors(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("v1")
    saves = iter(["v2 longer", None, "bad", "v4 good"])  # None: a poll where nothing changed
    seen: list[str] = []
    messages: list[str] = []

    def rebuild() -> None:
        text = path.read_text()
        seen.append(text)
        if text == "bad":
            raise timeline.LogError("cannot read", path=str(path), line=1, col=1)

    def sleep(_: float) -> None:
        text = next(saves, None)
        if text is not None:
            path.write_text(text)
            os.utime(path, ns=(len(seen) * 10**9, len(seen) * 10**9))  # a new mtime even within one tick

    builds = watch(path, rebuild, max_checks=5, sleep=sleep, report=messages.append)
    assert seen == ["v1", "v2 longer", "bad", "v4 good"]
    assert builds == 4
    assert messages == [f"{path}:1:1: cannot read"]


def test_watch_waits_for_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    messages: list[str] = []
    built: list[int] = []

    def sleep(_: float) -> None:
        if not path.exists():
            path.write_text("now here")

    assert watch(path, lambda: built.append(1), max_checks=2, sleep=sleep, report=messages.append) == 1
    assert messages == [f"{path}: waiting for the file to appear"] and built == [1]


def test_watch_from_the_command_line(cli: Callable[..., object], seed_path: Path, tmp_path: Path) -> None:
    result = cli("build", "-f", str(seed_path), "-o", str(tmp_path), "--watch",
                 env={"TIMELINE_WATCH_MAX_CHECKS": "1"})
    assert result.code == 0, result.output
    assert f"watching {seed_path}; Ctrl-C to stop" in result.stderr
    assert re.search(r"\d\d:\d\d:\d\d built 5 files in .+ \(\d+\.\d s\)", result.stdout)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(OUTPUTS)


def test_watch_stops_cleanly_on_ctrl_c(cli: Callable[..., object], seed_path: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline.cli.build as command

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "watch", interrupted)
    result = cli("build", "-f", str(seed_path), "-o", str(tmp_path), "--watch")
    assert result.code == 0
    assert result.stderr.strip().endswith("stopped watching")


def test_a_page_too_large_to_list_points_to_the_report(write_log: Callable[..., Path], tmp_path: Path) -> None:
    from timeline.render import chart, page

    n = page.TABLE_MAX + 1
    first = timeline.Day.of(2000, 1, 1)
    events = "".join(f"  - id: e{i}\n    title: Event {i}\n    when: '{first.plus(5 * i).iso()}'\n" for i in range(n))
    files = render(timeline.load(write_log(f"title: big\nevents:\n{events}")))
    html = files["timeline.html"].decode("utf-8")
    assert f"{n:,} events are more than the chart draws one by one (up to {chart.MARKS_MAX:,})" in html
    assert '<a href="report.html">report.html</a>' in html and "<table" not in html
    assert html.count("<tr>") == 0 and files["report.html"].decode("utf-8").count("<tr>") == n + 1


def test_the_page_table_and_every_report_hold_the_same_events_in_the_same_order(seed_path: Path) -> None:
    files = {name: data.decode("utf-8") for name, data in render(timeline.load(seed_path)).items()}
    order = [row["id"] for row in json.loads(files["events.json"])]
    assert re.findall(r'<th scope="row" id="ev-([^"]+)">', files["timeline.html"]) == order
    assert re.findall(r'<th scope="row" id="ev-([^"]+)">', files["report.html"]) == order
    assert [line.split(",", 1)[0] for line in files["report.csv"].splitlines()[1:]] == order
    assert re.findall(r"\*\* \(([^)]+)\) \|", files["report.md"]) == order


# --- a build of inputs unchanged since the last one keeps its files without loading the log -----------------------

def _nudge_log(log: Path, out: Path) -> None:
    log.write_bytes(log.read_bytes() + b"# a comment changes the bytes, not the records\n")


def _edit_a_report(log: Path, out: Path) -> None:
    path = out / "report.md"
    path.write_bytes(path.read_bytes().replace(b"|", b"!", 1))  # same size, other bytes


def _touch_the_page(log: Path, out: Path) -> None:
    os.utime(out / "timeline.html", ns=(1, 1))


def _delete_a_report(log: Path, out: Path) -> None:
    (out / "events.json").unlink()


def _break_the_stamp(log: Path, out: Path) -> None:
    for stamp in (Path(os.environ["TIMELINE_CACHE_DIR"]) / "builds").iterdir():
        stamp.write_text("{not json", encoding="utf-8")


def _nothing(log: Path, out: Path) -> None:
    pass


@pytest.mark.parametrize(("change", "args", "env", "full"), [
    # the same bytes, options and code: the files are kept and the log is not even parsed
    (_nothing, (), {}, False),
    # an input changed: a full build
    (_nudge_log, (), {}, True),
    (_nothing, ("--lanes", "actor"), {}, True),
    (_nothing, ("--from", "2023-11-18"), {}, True),
    (_nothing, ("--no-sources",), {}, True),
    (_nothing, ("--as-of", "2024-01-01"), {}, True),
    (_nothing, (), {"TIMELINE_MAX_EVENTS": "500"}, True),
    # an output is not as the last build left it: a full build, which writes only what differs
    (_edit_a_report, (), {}, True),
    (_touch_the_page, (), {}, True),
    (_delete_a_report, (), {}, True),
    # any doubt about the stamp, or no cache at all: a full build
    (_break_the_stamp, (), {}, True),
    (_nothing, (), {"TIMELINE_NO_CACHE": "1"}, True),
])
def test_a_build_of_unchanged_inputs_keeps_the_files(cli: Callable[..., Any], seed_path: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, change: Callable[..., None],
                                                     args: tuple[str, ...], env: dict[str, str], full: bool) -> None:
    import timeline.log.load as loader

    log, out = tmp_path / "events.yaml", tmp_path / "out"
    log.write_bytes(seed_path.read_bytes())
    first = cli("build", "-f", str(log), "-o", str(out))
    assert first.code == 0, first.output
    change(log, out)
    expected = timeline.render.build.render(timeline.loads(log.read_text(encoding="utf-8")))  # before counting
    loads = []
    real = loader.loads
    monkeypatch.setattr(loader, "loads", lambda *a, **k: loads.append(1) or real(*a, **k))
    again = cli("build", "-f", str(log), "-o", str(out), *args, env=env)
    assert again.code == 0, again.output
    assert bool(loads) == full
    lines = again.stdout.splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == [str(out / name) for name in OUTPUTS]
    if not full:
        assert all(line.startswith("unchanged ") for line in lines)
    if not args:  # the files hold the build of the log as it is now, whichever way they were made
        for name in OUTPUTS:
            assert (out / name).read_bytes() == expected[name], name
    # and the next build of the same inputs keeps them (no cache: builds in full again)
    loads.clear()
    third = cli("build", "-f", str(log), "-o", str(out), *args, env=env)
    assert all(line.startswith("unchanged ") for line in third.stdout.splitlines())
    assert bool(loads) == ("TIMELINE_NO_CACHE" in env)


def test_a_build_of_unchanged_inputs_loads_nothing_of_the_pipeline(seed_path: Path, tmp_path: Path) -> None:
    """The shortcut costs about a cached query: no YAML parser, no records, no page code is even imported."""
    import subprocess
    import sys

    log, out = tmp_path / "events.yaml", tmp_path / "out"
    log.write_bytes(seed_path.read_bytes())
    code = ("import sys\nfrom timeline.cli import main\nsys.argv = ['timeline', 'build', '-f', sys.argv[1], '-o', "
            "sys.argv[2]]\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint(sorted(m for m in ('yaml', "
            "'timeline.log.load', 'timeline.log.yamltree', 'timeline.render.page', 'timeline.render.chart') "
            "if m in sys.modules), file=sys.stderr)\n")
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code, str(log), str(out)], capture_output=True, text=True,
                           env=env, check=True) for _ in range(2)]
    assert runs[0].stdout.startswith("wrote ") and runs[0].stderr.strip() != "[]"  # the first build loads it all
    assert runs[1].stdout.splitlines() == [f"unchanged {out / name}" for name in OUTPUTS]
    assert runs[1].stderr.strip() == "[]"
