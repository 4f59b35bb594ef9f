"""The seed log and the meaning of a log: resolution against sources, reconciliation of claims, order."""

from __future__ import annotations

import pytest

import timeline
from timeline import Day

D = Day.parse


def test_seed_log_resolves_the_verge_story(seed_path) -> None:
    log = timeline.load(seed_path)
    got = {r.id: (r.start.iso(), r.end.iso(), r.kind) for r in log.records}
    assert got["sutskever-leaves"] == ("2024-05-14", "2024-05-14", "point")
    assert got["leike-resigns"] == ("2024-05-13", "2024-05-16", "point")
    assert got["schulman-takes-over"] == ("2024-05-13", "2024-05-16", "point")
    assert got["leike-posts"] == ("2024-05-17", "2024-05-17", "point")
    assert got["board-coup"] == ("2023-11-17", "2023-11-22", "span")
    assert got["superalignment-formed"] == ("2023-07-05", "2023-07-05", "point")
    assert got["openai-founded"] == ("2015-12-11", "2015-12-11", "point")
    assert got["superalignment-disbanded"] == ("2024-05-17", "2024-05-17", "point")


def test_seed_log_keeps_the_articles_own_phrases_and_quotes(seed_path) -> None:
    article = (seed_path.parent.parent / "shared" / "seed" / "verge-leike-article.txt")
    log = timeline.load(seed_path)
    verge = [r for r in log.records if r.dates[0].claim.source == "verge-leike"]
    assert len(verge) == len(log.records)
    if article.exists():
        text = " ".join(article.read_text(encoding="utf-8").replace("\u2019", "'").replace("\u201c", '"')
                        .replace("\u201d", '"').split())
        for record in verge:
            claim = record.dates[0].claim
            assert claim.when.lower() in text.lower() or claim.when == "December 2015", claim.when
            for part in claim.quote.split("..."):
                assert part.strip() in text, (record.id, part)


HEAD = "title: t\nsources:\n  s:\n    published: \"2024-05-17\"\n  o:\n    published: \"2024-06-30\"\nevents:\n"


def one(text: str, write_log):  # type: ignore[no-untyped-def]
    log = timeline.load(write_log(HEAD + text))
    assert len(log.records) == 1
    return log.records[0]


def test_claims_intersect_their_bounds(write_log) -> None:
    rec = one("  - id: a\n    title: A\n    when: last year\n    source: s\n    claims:\n"
              "      - when: November 2023\n        source: o\n", write_log)
    assert (rec.start, rec.end, rec.precision, rec.edtf) == (D("2023-11-01"), D("2023-11-30"), "month", "2023-11")
    assert len(rec.dates) == 2


def test_span_claim_narrows_a_vague_point(write_log) -> None:
    rec = one("  - id: a\n    title: A\n    when: last year\n    source: s\n    claims:\n"
              "      - when: 2023-11-17\n        until: 2023-11-22\n", write_log)
    assert rec.kind == "span"
    assert (rec.start, rec.start_latest, rec.end_earliest, rec.end) == (
        D("2023-11-17"), D("2023-11-17"), D("2023-11-22"), D("2023-11-22"))
    assert rec.edtf == "2023-11-17/2023-11-22"


def test_span_with_uncertain_start_keeps_both_bounds(write_log) -> None:
    rec = one("  - id: a\n    title: A\n    when: last July\n    until: Tuesday\n    source: s\n", write_log)
    assert (rec.start, rec.start_latest, rec.end_earliest, rec.end) == (
        D("2023-07-01"), D("2023-07-31"), D("2024-05-14"), D("2024-05-14"))
    assert rec.edtf == "2023-07/2024-05-14"


def test_claim_inherits_the_events_source_as_anchor(write_log) -> None:
    rec = one("  - id: a\n    title: A\n    when: this week\n    source: s\n    claims:\n"
              "      - when: Wednesday\n", write_log)
    assert (rec.start, rec.end) == (D("2024-05-15"), D("2024-05-15"))


def test_explicit_anchor_without_source(write_log) -> None:
    rec = one("  - id: a\n    title: A\n    when: yesterday\n    anchor: 2024-03-01\n", write_log)
    assert rec.start == D("2024-02-29")


def test_planned_event_may_be_after_its_source(write_log) -> None:
    rec = one("  - id: a\n    title: A\n    when: Tuesday\n    source: s\n    planned: true\n", write_log)
    assert rec.start == D("2024-05-21")


def test_bce_and_early_dates_sort_first(write_log) -> None:
    log = timeline.load(write_log(
        HEAD + "  - id: caesar\n    title: Caesar\n    when: 44 BC\n"
               "  - id: hastings\n    title: Hastings\n    when: 1066\n"
               "  - id: ides\n    title: Ides\n    when: -0043-03-15\n"))
    assert [r.id for r in log.records] == ["caesar", "ides", "hastings"]
    assert log.records[0].start.iso() == "-0043-01-01"
    assert log.records[0].edtf == "-0043"


def test_sort_is_start_then_end_then_id(write_log) -> None:
    log = timeline.load(write_log(
        HEAD + "".join(f"  - id: {i}\n    title: T\n    when: {w}\n    source: s\n" for i, w in [
            ("b", "May 2024"), ("a", "May 2024"), ("c", "2024-05-01"), ("d", "2024"), ("e", "earlier this week")])))
    assert [r.id for r in log.records] == ["d", "c", "a", "b", "e"]


def test_query_overlap_and_within_respect_bounds(seed_path) -> None:
    log = timeline.load(seed_path)
    may14 = D("2024-05-14")
    assert {r.id for r in log.query(start=may14, end=may14)} == {
        "sutskever-leaves", "leike-resigns", "schulman-takes-over"}
    assert [r.id for r in log.query(start=may14, end=may14, within=True)] == ["sutskever-leaves"]
    assert [r.id for r in log.query(start=D("2023-11-20"), end=D("2023-11-20"))] == ["board-coup"]
    assert log.query(start=D("2023-11-20"), end=D("2023-11-20"), within=True) == []


@pytest.mark.parametrize("kw,ids", [
    ({"tags": ["Governance"]}, ["board-coup"]),
    ({"actors": ["ilya sutskever"], "start": D("2024-01-01")}, ["sutskever-leaves"]),
    ({"sources": ["wired-disbanded"]}, ["superalignment-disbanded"]),
    ({"tags": ["founding", "governance"]}, ["openai-founded", "board-coup"]),
])
def test_query_filters(seed_path, kw, ids) -> None:  # type: ignore[no-untyped-def]
    assert [r.id for r in timeline.load(seed_path).query(**kw)] == ids


def test_explain_tells_phrase_anchor_rule_and_result(seed_path) -> None:
    from timeline.render.explain import explain_record

    log = timeline.load(seed_path)
    text, data = explain_record(log.record("sutskever-leaves"), log)
    assert "'Tuesday'" in text and "Fri 17 May 2024" in text and "Tue 14 May 2024" in text
    assert data["claims"][0]["when"]["rule"] and data["claims"][0]["anchor"] == "2024-05-17"
    assert data["result"]["start"] == data["result"]["end"] == "2024-05-14"


def test_unknown_record_id_suggests(seed_path) -> None:
    with pytest.raises(timeline.LogError, match="did you mean 'leike-posts'"):
        timeline.load(seed_path).record("leike-post")


@pytest.mark.parametrize("when,until,edtf", [
    ("last July", "earlier this week", "2023-07/2024-05"),       # the end lies somewhere in 13-16 May
    ("earlier this week", "2024-05-17", "2024-05/2024-05-17"),
    ("2023-12-30", "2024-01-02", "2023-12-30/2024-01-02"),
])
def test_span_edtf_covers_every_possible_day(when: str, until: str, edtf: str, write_log) -> None:
    rec = one(f"  - id: a\n    title: A\n    when: {when}\n    until: {until}\n    source: s\n", write_log)
    assert rec.edtf == edtf


@pytest.mark.parametrize(("claims", "start_source", "end_source"), [
    # one claim: its source sets both bounds
    ("    when: May 2024\n    source: s\n", ("s",), ("s",)),
    # a narrower second claim sets both bounds alone
    ("    when: last year\n    source: s\n    claims:\n      - when: November 2023\n        source: o\n",
     ("o",), ("o",)),
    # each claim narrows one side: the first gives the start, the second the end
    ("    when: 2024-05-01\n    until: June 2024\n    source: s\n    claims:\n"
     "      - when: '2024'\n        until: 2024-06-10\n        source: o\n", ("s",), ("o",)),
    # two sources that agree on the day are both credited, in claim order, once each
    ("    when: 2024-05-13\n    source: s\n    claims:\n      - when: 2024-05-13\n        source: o\n"
     "      - when: May 2024\n        source: s\n", ("s", "o"), ("s", "o")),
    # no source, or an open side: nobody is credited for it
    ("    when: 2024-05-13\n    anchor: 2024-05-17\n", (), ()),
    ("    when: recently\n    source: s\n", (), ("s",)),
])
def test_the_claims_that_set_the_bounds_are_credited(claims: str, start_source: tuple[str, ...],
                                                      end_source: tuple[str, ...], write_log) -> None:
    rec = one("  - id: a\n    title: A\n" + claims, write_log)
    assert (rec.start_source, rec.end_source) == (start_source, end_source)


def test_the_founding_day_is_credited_to_the_announcement(seed_path) -> None:
    from timeline.render.rows import record_row

    log = timeline.load(seed_path)
    row = record_row(log.record("openai-founded"), log.sources)
    assert (row["source"], row["start_source"], row["end_source"]) == (
        "verge-leike", "openai-introducing", "openai-introducing")


def test_open_and_vague_dates_sort_by_the_bound_they_have(write_log) -> None:
    log = timeline.load(write_log(
        HEAD + "  - id: caesar\n    title: Caesar\n    when: 44 BC\n"
               "  - id: recent\n    title: Recently\n    when: recently\n    source: s\n"
               "  - id: may\n    title: May\n    when: 2024-05-01\n"
               "  - id: later\n    title: Later\n    when: 2024-06-01\n"))
    # "recently" is before 17 May 2024: it sorts at that day, after 1 May, not before 44 BC
    assert [r.id for r in log.records] == ["caesar", "may", "recent", "later"]
