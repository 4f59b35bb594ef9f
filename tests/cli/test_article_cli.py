"""`timeline tag` and `timeline draft` as a user runs them: exit codes, messages, and the log left alone."""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "verge-leike-article.txt"
STORY = "The council voted on Tuesday to close the bridge. Repairs will begin next month, the mayor said.\n"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


# --- tag ---------------------------------------------------------------------------------------------------------

def test_tag_prints_each_mention_with_its_place(cli, story: Path) -> None:
    result = cli("tag", str(story), "--anchor", "2024-05-17")
    assert result.code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["1:22", "21-28", "DATE", "2024-05-14", "'Tuesday'"]
    assert "2024-05-14 .. 2024-05-14  day" in lines[0]
    assert lines[1].split()[:4] == ["1:70", "69-79", "DATE", "2024-06"]


def test_tag_json_gives_offsets_type_value_and_bounds(cli, story: Path) -> None:
    result = cli("tag", str(story), "--anchor", "2024-05-17", "--json")
    mentions = json.loads(result.stdout)
    assert mentions[0] | {} == mentions[0] and mentions[0]["start"] == 21 and mentions[0]["end"] == 28
    assert STORY[mentions[0]["start"]:mentions[0]["end"]] == "Tuesday"
    assert [(m["type"], m["value"], m["start_day"]) for m in mentions] == [("DATE", "2024-05-14", "2024-05-14"),
                                                                          ("DATE", "2024-06", "2024-06-01")]


def test_tag_reads_stdin(cli) -> None:
    result = cli("tag", "-", "--anchor", "2024-05-17", "--json", input="It happened last July.")
    assert [m["value"] for m in json.loads(result.stdout)] == ["2023-07"]


def test_tag_jsonl_writes_one_line_per_document_in_order(cli) -> None:
    lines = [{"text": "Shares fell Tuesday.", "anchor": "2024-05-17"},
             {"text": "Nothing dated here.", "anchor": "2024-05-17T08:15:00Z"},
             {"text": "The vote came in 1998 and again two years ago.", "anchor": "2013-03-22"}]
    result = cli("tag", "--jsonl", input="".join(json.dumps(x) + "\n" for x in lines))
    assert result.code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["mentions"][0] | {"start": 12, "end": 19, "text": "Tuesday", "type": "DATE",
                                    "value": "2024-05-14"} == out[0]["mentions"][0]
    assert out[1] == {"mentions": []}
    assert [m["value"] for m in out[2]["mentions"]] == ["1998", "2011"]


def test_tag_jsonl_bad_lines_are_error_lines_and_exit_1(cli) -> None:
    result = cli("tag", "--jsonl", input='not json\n{"text": 5}\n{"text": "Monday", "anchor": "soon"}\n'
                                         '{"text": "Friday", "anchor": "2024-05-17"}\n')
    assert result.code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["error"].split(":")[0] for o in out[:3]] == ["line 1", "line 2", "line 3"]
    assert out[3]["mentions"][0]["value"] == "2024-05-17"


def test_tag_empty_text_is_an_empty_list(cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = cli("tag", str(empty), "--anchor", "2024-05-17", "--json")
    assert result.code == 0 and json.loads(result.stdout) == []


def test_tag_bad_anchor_is_a_usage_error(cli, story: Path) -> None:
    result = cli("tag", str(story), "--anchor", "17/05/2024")
    assert result.code == 2 and "--anchor" in result.stderr and "YYYY-MM-DD" in result.stderr


# --- draft -------------------------------------------------------------------------------------------------------

def test_draft_prints_the_seed_storys_events_and_changes_nothing(cli, tmp_path: Path) -> None:
    log = tmp_path / "events.yaml"
    shutil.copy(ROOT / "events.yaml", log)
    before = log.read_bytes()
    result = cli("draft", str(SEED_ARTICLE), "--source", "verge-leike", "-f", str(log))
    assert result.code == 0, result.output
    whens = re.findall(r"^    when: (.*)$", result.stdout, re.M)
    assert {"Tuesday", "last July", "last year", "Friday morning", "earlier this week"} <= set(whens)
    assert "sources:" not in result.stdout  # the source is already in the log
    assert "review them, then run again with --add" in result.stderr
    assert log.read_bytes() == before


def test_draft_add_into_the_seed_log_skips_what_is_there(cli, tmp_path: Path) -> None:
    log = tmp_path / "events.yaml"
    shutil.copy(ROOT / "events.yaml", log)
    first = cli("draft", str(SEED_ARTICLE), "--source", "verge-leike", "-f", str(log), "--add")
    assert first.code == 0, first.output
    added, skipped = map(int, re.search(r"added (\d+) events?, skipped (\d+)", first.stdout).groups())  # type: ignore[union-attr]
    assert added >= 1 and skipped >= 1  # Sutskever's sentence is in the seed log word for word
    assert cli("validate", "-f", str(log)).code == 0
    after = log.read_bytes()
    second = cli("draft", str(SEED_ARTICLE), "--source", "verge-leike", "-f", str(log), "--add")
    assert second.code == 0 and f"added 0 events, skipped {added + skipped} already there" in second.stdout
    assert log.read_bytes() == after


def test_draft_add_creates_the_log_and_source(cli, story: Path, tmp_path: Path) -> None:
    log = tmp_path / "new" / "events.yaml"
    log.parent.mkdir()
    result = cli("draft", str(story), "--source", "metro", "-f", str(log), "--add", "--published", "2024-05-17",
                 "--title", "Council votes", "--publisher", "Metro News")
    assert result.code == 0, result.output
    assert "added 2 events, skipped 0 already there, created source 'metro'" in result.stdout
    again = cli("draft", str(story), "--source", "metro", "-f", str(log), "--add")
    assert "added 0 events, skipped 2 already there" in again.stdout


def test_draft_add_of_a_new_source_only_adds_lines(cli, story: Path, tmp_path: Path) -> None:
    # one edit: the new source's lines after the last source, the events' after the last event, nothing else
    log = tmp_path / "events.yaml"
    log.write_text("# Kept by hand.\ntitle: T\nsources:\n  wire:  # the wire\n    published: '2024-05-01'\n\n"
                   "events:\n  - id: old\n    title: Old\n    when: '2024-05-01'\n    source: wire\n",
                   encoding="utf-8")
    before = log.read_text(encoding="utf-8").splitlines()
    result = cli("draft", str(story), "--source", "metro", "-f", str(log), "--add", "--published", "2024-05-17",
                 "--publisher", "Metro News")
    assert result.code == 0, result.output
    after = log.read_text(encoding="utf-8").splitlines()
    edits = [op for op in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert [op[0] for op in edits] == ["insert", "insert"]  # two places, nothing replaced or removed
    (_, at, _, b1, b2), (_, end, _, c1, _) = edits
    assert (at, after[b1:b2]) == (5, ["  metro:", "    publisher: Metro News", '    published: "2024-05-17"'])
    assert end == len(before) and after[c1 + 1] == "  - id: the-council-voted-to-close-the-bridge"
    assert cli("validate", "-f", str(log)).code == 0


def test_draft_needs_a_date_for_a_new_source(cli, story: Path, tmp_path: Path) -> None:
    result = cli("draft", str(story), "--source", "metro", "-f", str(tmp_path / "events.yaml"))
    assert result.code == 2 and "--published" in result.stderr


def test_draft_of_a_foreign_story_is_empty(cli, tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text("Le conseil a voté mardi la fermeture du pont.", encoding="utf-8")
    result = cli("draft", str(path), "--source", "fr", "--published", "2024-05-17", "-f", str(tmp_path / "e.yaml"))
    assert result.code == 0 and "events: []" in result.stdout


# --- bad input: a located message, a non-zero exit, never a traceback, the log untouched ---------------------------

def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "photo.jpg",
        "huge": tmp_path / "huge.txt",
        "no-article": tmp_path / "menu.html",
        "not-utf8": tmp_path / "latin1.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    with open(files["huge"], "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: costs no disk
    files["no-article"].write_text("<!doctype html><html><body><nav>Home | Sports</nav></body></html>")
    files["not-utf8"].write_bytes("Le café a fermé mardi.".encode("latin-1"))
    return files


@pytest.mark.parametrize("kind,message", [
    ("empty", "is empty"), ("binary", "binary file"), ("huge", "more than an article"),
    ("no-article", "without an article"), ("not-utf8", "not UTF-8"),
])
def test_bad_articles_as_a_process(kind: str, message: str, tmp_path: Path) -> None:
    log = tmp_path / "events.yaml"
    shutil.copy(ROOT / "events.yaml", log)
    before = log.read_bytes()
    path = _bad_inputs(tmp_path)[kind]
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache")}
    for args in (["draft", str(path), "--source", "verge-leike", "-f", str(log), "--add"],
                 ["tag", str(path), "--anchor", "2024-05-17"]):
        if args[0] == "tag" and kind in ("empty", "no-article"):
            continue  # an empty text has no dates (exit 0); tag reads HTML as the text it is
        run = subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True, env=env,
                             timeout=60)
        assert run.returncode == 1, (args, run.stdout, run.stderr)
        assert "Traceback" not in run.stderr
        assert run.stderr.startswith(f"{path}") and message in run.stderr, run.stderr
    assert log.read_bytes() == before


def test_a_missing_article_is_located(cli, tmp_path: Path) -> None:
    result = cli("draft", str(tmp_path / "nope.txt"), "--source", "s", "--published", "2024-05-17")
    assert result.code == 1 and result.stderr.startswith(f"{tmp_path / 'nope.txt'}: no such file")


# --- the README section runs as written ----------------------------------------------------------------------------

def _readme_examples() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From an article to draft events", 1)[1].split("\n## ", 1)[0]
    examples = []
    for block in re.findall(r"```console\n(.*?)```", section, re.S):
        command, _, output = block.partition("\n")
        examples.append((command.removeprefix("$ "), output))
    return examples


@pytest.mark.parametrize("command,output", _readme_examples())
def test_readme_examples_run_from_the_repository(command: str, output: str, tmp_path: Path, cli,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "events.yaml", tmp_path / "events.yaml")
    args = shlex.split(command)
    assert args[0] == "timeline"
    args = [str((ROOT / a).resolve()) if a.startswith("../") else a for a in args[1:]]
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.code == 0, result.output
    shown = [line for line in output.splitlines() if line.strip() and not line.startswith("...")]
    for line in shown:
        assert line in result.stdout.splitlines() or line in result.stderr.splitlines(), line


def test_the_readme_section_has_examples() -> None:
    assert len(_readme_examples()) >= 3
