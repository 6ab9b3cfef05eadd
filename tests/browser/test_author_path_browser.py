"""The author's path, measured: from an article (a presidential tour of Africa, in
Indonesian) to a valid, two-language, saved story of 10 events, every action counted.

An action is what a person does: a click, a key press, or filling one box (clicking into
it and typing its text). Waiting for the page is not an action. The count is printed
and kept in the README; the test fails above ``MAX_ACTIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from app_server import ROOT
from author_helpers import NOT_RUNNING, SLOW, start_author_app, wait_idle
from browser_helpers import ARTIFACTS, shoot, wait_until, watch
from playwright.sync_api import expect

from storymap.loading import parse_story

pytestmark = pytest.mark.browser

ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "id-jokowi-africa-tour.txt"
MAX_ACTIONS = 90  # issue 21: half of the 180 a new author needed
RUNS = "Number(document.getElementById('author-run')?.dataset.run || 0)"


@dataclass
class Counted:
    """The page, with every action the author takes counted (and listed, to read)."""

    page: object
    actions: list[str] = field(default_factory=list)

    def click(self, locator: object, what: str, reruns: bool = True) -> None:
        before = self._runs()
        locator.click()
        self._done(f"click {what}", before if reruns else None)

    def fill(self, locator: object, text: str, what: str) -> None:
        """Fill a box and leave it, as the next click does; the page's run is awaited (a
        person types slower than the page runs: Playwright fills a box at once)."""
        before = self._runs()
        locator.fill(text)
        locator.blur()
        self._done(f"fill {what}", before)

    def key_in(self, locator: object, text: str, what: str) -> None:
        """Click into a box and type, key by key (a list that filters as one types): one fill."""
        locator.click()
        expect(locator).to_be_focused()
        self.page.keyboard.type(text)
        self._done(f"fill {what}", None)

    def type(self, text: str, what: str) -> None:
        self.page.keyboard.type(text)
        self._done(f"type {what}", None)

    def press(self, key: str, what: str) -> None:
        before = self._runs()
        self.page.keyboard.press(key)
        self._done(f"press {key} ({what})", before)

    def _runs(self) -> int:
        """The page's finished runs (``author_view.run_mark``)."""
        wait_idle(self.page)
        return self.page.evaluate(RUNS)

    def _done(self, action: str, runs_before: int | None) -> None:
        """Count the action; if it runs the page, wait until a later run has finished."""
        self.actions.append(action)
        if runs_before is not None:
            wait_until(self.page, f"{RUNS} > {runs_before} && {NOT_RUNNING}", SLOW / 1000)

    # the author page's parts, as a person finds them
    def box(self, label: str, within: object = None) -> object:
        where = within if within is not None else self.page.locator("[data-stale=false]")
        return where.locator(f'input[aria-label="{label}"], textarea[aria-label="{label}"]')

    def button(self, name: str, within: object = None) -> object:
        return (within or self.page).get_by_role("button", name=name, exact=True)

    def drop_place(self, card: object, name: str) -> None:
        """Click the × of a place in the event's places."""
        places = card.locator("[data-testid=stMultiSelect]")
        self.click(places.get_by_role("button", name=f"Remove {name}"), f"× {name}")

    def add_place(self, card: object, typed: str) -> None:
        """Type a place's name into the event's places and press Enter (a new place is
        found by its name; an existing one is chosen)."""
        self.key_in(card.locator("[data-testid=stMultiSelect] input"), typed, f"places: {typed}")
        chosen = self.page.locator("[role=option][data-focused=true]")
        expect(chosen).to_contain_text(typed, timeout=SLOW)  # the list has caught up
        self.press("Enter", "choose it")

    def write(self, card: object, texts: tuple[str, str, str, str]) -> None:
        """An event's title and summary in both languages."""
        for label, text in zip(("Title · id", "Title · en", "Summary · id", "Summary · en"),
                               texts, strict=True):  # fmt: skip
            self.fill(self.box(label, card), text, label)

    def checks(self) -> object:
        """The to-dos of the side panel with a box to tick (checked, and right)."""
        wait_idle(self.page)
        return self.page.get_by_test_id("stSidebar").locator("[class*=st-key-todo-row-]")


@pytest.fixture
def server(tmp_path: Path):
    running = start_author_app(ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml",
                               tmp_path)  # fmt: skip
    yield running
    running.stop()


# What the author writes for each event, in their own words: (title id, title en,
# summary id, summary en).
BANDUNG = ("Konferensi Asia-Afrika di Bandung", "The Asia–Africa Conference in Bandung",
           "Negara-negara Asia dan Afrika bertemu di Bandung; di sanalah persahabatan "
           "Indonesia dan Afrika bermula.", "Asian and African states met in Bandung, where "
           "Indonesia's friendships in Africa began.")  # fmt: skip
RELATIONS = ("Indonesia dan Kenya menjalin hubungan", "Indonesia and Kenya open relations",
             "Kedua negara resmi menjalin hubungan diplomatik.", "The two countries set up "
             "diplomatic relations.")  # fmt: skip
NAIROBI = ("Kedutaan Indonesia dibuka di Nairobi", "Indonesia opens an embassy in Nairobi",
           "Indonesia membuka kedutaan besarnya di ibu kota Kenya.", "Indonesia opened its "
           "embassy in Kenya's capital.")  # fmt: skip
TANZANIA = ("Jokowi bertemu Presiden Samia", "Jokowi meets President Samia",
            "Di Dar es Salaam, Jokowi berunding dengan Presiden Samia Suluhu Hassan.",
            "In Dar es Salaam, Jokowi held talks with President Samia Suluhu Hassan.")  # fmt: skip
MOZAMBIQUE = ("Jokowi di Mozambik", "Jokowi in Mozambique",
              "Di Maputo, Jokowi dan Presiden Filipe Nyusi bertemu untuk pembicaraan bilateral.",
              "In Maputo, Jokowi and President Filipe Nyusi met for bilateral talks.")  # fmt: skip
JAKARTA = ("Kenya membuka kedutaan di Jakarta", "Kenya opens an embassy in Jakarta",
           "Empat puluh tahun setelah Indonesia, Kenya membuka kedutaannya di Jakarta.",
           "Forty years after Indonesia, Kenya opened its own embassy in Jakarta.")  # fmt: skip
DEPARTURE = ("Jokowi berangkat ke Afrika", "Jokowi leaves for Africa",
             "Dari Kualanamu, Jokowi dan para menterinya terbang menuju Afrika, kunjungan "
             "pertamanya ke benua itu sebagai presiden.", "From Kualanamu, Jokowi and his "
             "ministers flew to Africa, his first visit there as president.")  # fmt: skip
KENYA = ("Jokowi tiba di Kenya", "Jokowi arrives in Kenya",
         "Kenya menjadi negara pertama dalam lawatan ini.", "Kenya is the first country of "
         "the tour.")  # fmt: skip
RUTO = ("Jokowi bertemu Presiden Ruto", "Jokowi meets President Ruto",
        "Di State House, kedua presiden membahas sejarah panjang persahabatan kedua negara.",
        "At State House, the two presidents spoke of their countries' long friendship.")  # fmt: skip
BRICS = ("Jokowi di KTT BRICS", "Jokowi at the BRICS summit",
         "Lawatan berakhir di Afrika Selatan, tempat para kepala negara BRICS berkumpul.",
         "The tour ends in South Africa, where the BRICS leaders gathered.")  # fmt: skip


def test_from_an_article_to_a_saved_story_in_at_most_90_actions(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    watched = watch(context.new_page())
    page = watched.page
    page.goto(f"{server.url}/author?lang=en")
    page.get_by_text("Write a story map").wait_for(timeout=SLOW)
    author = Counted(page)

    # the article, its outlet, headline and day; the draft
    author.fill(page.get_by_label("Paste the article's text here"), ARTICLE.read_text("utf-8"),
                "the article")  # fmt: skip
    author.fill(author.box("Outlet"), "Jabar Ekspres", "outlet")
    author.fill(author.box("The article's headline"),
                "Presiden Jokowi Kunjungi 4 Destinasi Kepresidenan di Benua Afrika",
                "headline")  # fmt: skip
    author.click(page.get_by_role("spinbutton", name="year, The day the article was published"),
                 "the year", reruns=False)  # fmt: skip
    author.type("20230823", "the day")
    author.click(author.button("Make a draft from the article"), "make the draft")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("The story is valid")).to_be_visible(timeout=SLOW)
    shoot(page, "author-path-1-draft-1280")

    # the story's title and subtitle
    for label, text in (
        ("Title · id", "Jokowi ke Afrika: empat negara dalam lima hari"),
        ("Title · en", "Jokowi in Africa: four countries in five days"),
        ("Subtitle · id", "Lawatan Presiden Indonesia ke Kenya, Tanzania, Mozambik dan "
                          "Afrika Selatan, Agustus 2023"),
        ("Subtitle · en", "The Indonesian president's tour of Kenya, Tanzania, Mozambique "
                          "and South Africa, August 2023"),
    ):  # fmt: skip
        author.fill(author.box(label), text, label)

    # the events, every one in a row
    author.click(page.locator("[data-testid=stButtonGroup] button", has_text="Events").first,
                 "Events")  # fmt: skip
    author.click(page.get_by_role("radio", name="Every event in a row"), "every event")
    card = lambda index: page.locator(f".st-key-event-card-{index}")  # noqa: E731
    # the draft has 17 events, one a sentence; seven say again what another says
    for index, what in (
        (15, "'this week' (the tour)"),
        (13, "Kenya, undated (the tour)"),
        (12, "the flight, undated"),
        (8, "Mozambique, a third time"),
        (7, "Mozambique, again"),
        (5, "Tanzania, again"),
        (1, "1961 (Belgrade)"),
    ):  # fmt: skip  (from the last: cards keep places)
        author.click(author.button("Remove the event", card(index)), f"remove {what}")
    author.write(card(0), BANDUNG)  # 1955: in Bandung, not in Kenya
    author.drop_place(card(0), "Kenya")
    author.write(card(1), RELATIONS)  # 1979
    author.write(card(2), NAIROBI)  # 1982
    author.fill(author.box("Date", card(3)), "2023-08-22", "date")  # Tanzania: undated
    author.drop_place(card(3), "Tanzania")
    author.add_place(card(3), "Dar es Salaam")
    author.write(card(3), TANZANIA)
    author.fill(author.box("Date", card(4)), "2023-08-22", "date")  # Mozambique: undated
    author.drop_place(card(4), "Mozambique")
    author.add_place(card(4), "Maputo")
    author.write(card(4), MOZAMBIQUE)
    author.write(card(5), JAKARTA)  # 2022
    author.fill(author.box("Date", card(6)), "2023-08-22/2023-08-24", "date")  # BRICS
    author.drop_place(card(6), "South Africa")
    author.add_place(card(6), "Johannesburg")
    author.write(card(6), BRICS)
    author.write(card(7), DEPARTURE)  # from Kualanamu airport
    author.write(card(8), KENYA)
    author.write(card(9), RUTO)
    author.click(author.button("Sort by date"), "sort by date (the visits got their days)")

    # what the draft asks to check, then the draft mark; then save
    wait_idle(page)
    shoot(page, "author-path-2-events-1280")
    for _ in range(20):  # each to-do that asks for a check, read and checked; the draft mark
        if not author.checks().count():
            break
        row = author.checks().first
        what = row.inner_text().replace("edit_note", "").strip()
        author.click(row.locator("[data-testid=stCheckbox] label"), f"✓ {what[:70]}")
    expect(sidebar.get_by_text("The story is valid")).to_be_visible(timeout=SLOW)
    author.click(sidebar.get_by_role("button", name="Save"), "save")
    expect(page.get_by_text("Saved:")).to_be_visible(timeout=SLOW)
    shoot(page, "author-path-3-saved-1280")

    saved = (tmp_path / "stories" / f"{_saved_id(tmp_path)}.yaml").read_text()
    (ARTIFACTS / "author-path-story.yaml").write_text(saved)
    story = parse_story(saved)
    count = len(author.actions)
    print(f"\nactions from article to saved story: {count}")
    print("\n".join(f"{n:3}. {a}" for n, a in enumerate(author.actions, 1)))
    assert len(story.events) == 10 and story.languages == ["id", "en"]
    assert story.draft is None
    titles = {e.title.get("en") for e in story.events}
    assert {"Jokowi meets President Samia", "Jokowi at the BRICS summit"} <= titles
    visits = {e.title.get("en"): e for e in story.events}
    assert visits["Jokowi in Mozambique"].category == "diplomacy"
    assert visits["Jokowi meets President Samia"].places == ["dar-es-salaam"]
    assert visits["Jokowi in Mozambique"].places == ["maputo"]
    assert visits["Jokowi at the BRICS summit"].places == ["johannesburg"]
    assert visits["Jokowi leaves for Africa"].places == ["kuala-namu-international-airport"]
    assert story.id == "jokowi-in-africa-four-countries-in-five-days"  # ids from names
    assert visits["Jokowi meets President Samia"].id == "jokowi-meets-president-samia"
    assert not [e.id for e in story.events if "undated" in e.id or e.id.startswith("event-")]
    where = {p.id: p for p in story.places}
    assert where["dar-es-salaam"].country == "TZ" and where["johannesburg"].country == "ZA"
    assert all("[write" not in e.title.get("en") for e in story.events)
    assert watched.dialogs == [] and watched.errors == []
    assert count <= MAX_ACTIONS, author.actions
    context.close()


def _saved_id(folder: Path) -> str:
    [saved] = list((folder / "stories").glob("*.yaml"))
    return saved.stem
