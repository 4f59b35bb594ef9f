"""Articles -> draft events: reading text and saved pages, drafting, rendering, adding without duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from timeline.calendar import Day
from timeline.errors import ArticleError, EditError, ImportFileError, TimelineError
from timeline.exchange.article import MAX_ARTICLE_BYTES, add_drafts, draft_events, read_article, render_drafts
from timeline.log.load import load

ROOT = Path(__file__).resolve().parents[2]
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "verge-leike-article.txt"
FRI = Day.parse("2024-05-17")

STORY = ("The city council voted on Tuesday to close the old bridge. Repairs will begin next month, the mayor "
         "said. The bridge opened in 1932 and has carried traffic every day for decades.\n\n"
         "Engineers have warned for years that it was unsafe. Now the council has run out of patience.")

PAGE = """<!DOCTYPE html>
<html><head><title>Council votes to close bridge | Metro News</title>
<meta property="og:site_name" content="Metro News">
<meta property="og:title" content="Council votes to close old bridge">
<meta property="article:published_time" content="2024-05-17T09:30:00Z">
<link rel="canonical" href="https://news.example.com/2024/05/17/bridge">
</head><body><nav>Home | World | Sports</nav>
<article><h1>Council votes to close old bridge</h1>
<p>The city council voted on Tuesday to close the old bridge, ending a debate that has lasted for years.</p>
<p>Repairs will begin next month, the mayor said, and are expected to take about two years to finish.</p>
<p>The bridge opened in 1932 and carried traffic every day until the vote, said the city's chief engineer.</p>
</article><footer>Copyright Metro News</footer></body></html>
"""


def whens(drafts) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.fields["when"] for d in drafts]


# --- drafting ----------------------------------------------------------------------------------------------------

def test_each_placing_date_becomes_a_draft_with_its_sentence() -> None:
    drafts = draft_events(STORY, FRI, source="metro")
    assert whens(drafts) == ["Tuesday", "next month", "1932"]
    first = drafts[0].fields
    assert first == {"title": "The city council voted to close the old bridge", "when": "Tuesday",
                     "source": "metro", "quote": "The city council voted on Tuesday to close the old bridge.",
                     "tags": []}
    assert drafts[1].fields["tense"] == "future"  # "next month" had not come when the story ran
    assert "tense" not in drafts[0].fields


def test_a_date_read_against_another_carries_that_anchor(tmp_path: Path) -> None:
    text = "The ship sank on Jan. 5, 2021. The next day, divers found the wreck."
    drafts = draft_events(text, FRI, source="metro")
    assert whens(drafts) == ["Jan. 5, 2021", "The next day"]
    assert drafts[1].fields["anchor"] == "2021-01-05" and "anchor" not in drafts[0].fields
    log = tmp_path / "events.yaml"
    add_drafts(log, drafts, source="metro", source_fields={"published": "2024-05-17"})
    days = {r.event.claims[0].when: r.start.iso() for r in load(log).records if r.start}
    assert days == {"Jan. 5, 2021": "2021-01-05", "The next day": "2021-01-06"}


def test_durations_and_sets_qualify_an_event_and_make_none() -> None:
    drafts = draft_events(STORY, FRI, source="metro")
    assert "decades" not in whens(drafts) and "every day" not in whens(drafts) and "years" not in whens(drafts)
    assert drafts[2].qualifiers == ("every day", "decades")
    assert drafts[2].fields["notes"] == "every day (recurring P1D); decades (lasting PXY)"
    assert "notes" not in drafts[0].fields


def test_vague_references_place_nothing() -> None:
    assert draft_events("Now the council has run out of patience. Prices rose recently.", FRI, source="m") == []


def test_seed_story_gives_the_dated_events_of_the_bundled_log() -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    drafts = draft_events(text, FRI, source="verge-leike")
    got = {(d.fields["when"], d.value) for d in drafts}
    for expected in [("Tuesday", "2024-05-14"), ("last July", "2023-07"), ("last year", "2023"),
                     ("Friday morning", "2024-05-17TMO"), ("earlier this week", "2024-W20")]:
        assert expected in got
    titles = {d.fields["when"]: d.fields["title"] for d in drafts}
    assert titles["Tuesday"] == "Sutskever announced his departure"
    assert "coup" in titles["last year"]
    seed = load(ROOT / "events.yaml")
    seed_whens = {c.when for e in seed.events for c in e.claims if c.source == "verge-leike"}
    assert {"Tuesday", "last July", "last year", "Friday morning", "earlier this week"} <= seed_whens


# --- reading -----------------------------------------------------------------------------------------------------

def test_saved_page_gives_text_title_publisher_and_date() -> None:
    article = read_article(PAGE.encode(), name="bridge.html")
    assert "voted on Tuesday" in article.text and "Home | World" not in article.text
    assert "Copyright" not in article.text
    assert article.publisher == "Metro News"
    assert "bridge" in article.title.lower()
    assert article.published == Day.parse("2024-05-17")
    assert whens(draft_events(article.text, article.published, source="metro"))[:2] == ["Tuesday", "next month"]


def test_plain_text_is_read_as_it_is() -> None:
    article = read_article(STORY.encode(), name="story.txt")
    assert article.text == STORY and article.published is None


@pytest.mark.parametrize("data,message", [
    (b"", "is empty"),
    (b"  \n\n ", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"caf\xe9 au lait", "not UTF-8"),
    (b"<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>", "without an article"),
])
def test_bad_articles_say_what_is_wrong(data: bytes, message: str) -> None:
    with pytest.raises(ArticleError, match=message) as caught:
        read_article(data, name="in.txt")
    assert isinstance(caught.value, ImportFileError) and caught.value.path == "in.txt"  # the one error family


def test_a_huge_text_is_refused() -> None:
    with pytest.raises(ArticleError, match="more than an article"):
        read_article(b"a" * (MAX_ARTICLE_BYTES + 1), name="big.txt")


def test_another_language_drafts_nothing() -> None:
    text = "Le conseil municipal a voté mardi la fermeture du vieux pont. Les travaux commenceront le mois prochain."
    assert draft_events(read_article(text.encode(), name="fr.txt").text, FRI, source="m") == []


# --- rendering and adding ----------------------------------------------------------------------------------------

def test_rendered_drafts_read_back_as_the_log_would() -> None:
    article = read_article(PAGE.encode(), name="bridge.html")
    drafts = draft_events(article.text, article.published, source="metro")
    data = yaml.safe_load(render_drafts(drafts, source="metro", article=article, source_is_new=True))
    assert data["sources"]["metro"]["publisher"] == "Metro News"
    assert data["sources"]["metro"]["published"] == "2024-05-17"
    assert [e["when"] for e in data["events"]] == whens(drafts)
    assert all(e["tags"] == [] and e["source"] == "metro" for e in data["events"])
    assert render_drafts([], source="metro") == "events: []\n"


def test_add_creates_the_source_then_skips_what_is_there(tmp_path: Path) -> None:
    log = tmp_path / "events.yaml"
    drafts = draft_events(STORY, FRI, source="metro")
    fields = {"title": "Council votes", "publisher": "Metro News", "url": None, "published": "2024-05-17"}
    done = add_drafts(log, drafts, source="metro", source_fields=fields)
    assert len(done.ids) == 3 and done.skipped == 0 and done.source_created
    loaded = load(log)
    assert loaded.sources["metro"].published == FRI
    assert {r.event.claims[0].when for r in loaded.records} == {"Tuesday", "next month", "1932"}
    before = log.read_bytes()
    again = add_drafts(log, drafts, source="metro", source_fields=None)
    assert again.ids == [] and again.skipped == 3 and not again.source_created
    assert log.read_bytes() == before


def test_a_refused_batch_leaves_the_log_as_it_was(tmp_path: Path) -> None:
    log = tmp_path / "events.yaml"
    log.write_text("title: t\nsources: {}\nevents: []\n", encoding="utf-8")
    before = log.read_bytes()
    drafts = draft_events(STORY, FRI, source="metro")
    drafts[0].fields["when"] = "Tusday"  # a typo the log refuses
    with pytest.raises(TimelineError) as caught:
        add_drafts(log, drafts, source="metro", source_fields={"published": "2024-05-17"})
    assert str(log) in str(caught.value) and "Tusday" in str(caught.value)
    assert log.read_bytes() == before  # not even the new source was written


def test_an_unknown_source_without_a_date_is_refused(tmp_path: Path) -> None:
    from timeline.cli import HOW

    log = tmp_path / "events.yaml"
    with pytest.raises(EditError) as caught:
        add_drafts(log, draft_events(STORY, FRI, source="metro"), source="metro", source_fields=None)
    # the library speaks of the source's published date; the command line names its options
    assert "published date" in str(caught.value) and "--published" not in str(caught.value)
    assert "--published" in caught.value.located(HOW)
    assert not log.exists()
