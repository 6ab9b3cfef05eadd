"""Source addresses a desk would send back: warned about, by general rules, never an error.

The examples are deliberately not the addresses that prompted the rules (a Free Malaysia
Today dev host, a Google Translate copy of the BBC, a tag page): a rule that only knew
those would pass the first story and miss the next one.
"""

from __future__ import annotations

import pytest
from story_helpers import FIRST_STORY

from storymap.authoring.checks import check_story
from storymap.cli import main
from storymap.loading import read_story
from storymap.source_addresses import address_concern, address_warnings
from storymap.story_yaml import read_yaml


@pytest.mark.parametrize(
    ("url", "says"),
    [
        # translation proxies: the proxy's host says so, wherever the page comes from
        (
            "https://translate.google.co.id/translate?sl=en&tl=id&u=https://www.reuters.com/world/x",
            "translation proxy",
        ),
        (
            "https://es-m-wikipedia-org.translate.goog/wiki/Pyongyang?_x_tr_sl=es&_x_tr_tl=en",
            "translation proxy",
        ),
        (
            "https://translate.yandex.ru/translate?url=https://tass.ru/politika/1&lang=ru-en",
            "translation proxy",
        ),
        (
            "https://translated.turbopages.org/proxy_u/ru-en.en.1/https/ria.ru/x",
            "translation proxy",
        ),
        # development, staging and private hosts
        (
            "https://staging.thejakartapost.com/world/2025/01/01/story.html",
            "development or staging host",
        ),
        ("https://dev2.tempo.co/read/123/berita", "development or staging host"),
        ("https://uat-www.example-news.co.uk/news/article-1", "development or staging host"),
        ("https://qa.kompas.id/baca/internasional/2025/10/27/x", "development or staging host"),
        ("https://my-paper-staging.vercel.app/story/1", "development or staging host"),
        ("http://127.0.0.1:8000/story", "local or private host"),
        ("http://newsroom.local/cms/preview/77", "local or private host"),
        ("http://[::1]/x", "local or private host"),
        # pages that list stories instead of reporting one
        ("https://www.thejakartapost.com/tag/north-korea", "tag or category page"),
        ("https://www.aljazeera.com/tag/russia-ukraine-war/page/3/", "tag or category page"),
        ("https://www.detik.com/topics/korea-utara", "tag or category page"),
        ("https://example-news.com/category/asia/", "tag or category page"),
        ("https://someblog.blogspot.com/search/label/Korea", "tag or category page"),
        ("https://www.kompas.com/search?q=korea+utara", "search page"),
        ("https://www.example-news.com/?s=kim+jong+un", "search page"),
        # link shorteners: known services, and any short host with one opaque key
        ("https://bit.ly/3Kx9Qz", "link shortener"),
        ("https://s.id/PutinKim25", "link shortener"),
        ("https://kmp.im/AbC12x", "link shortener"),
        ("https://zz.ab/Qx7Lm2", "link shortener"),
    ],
)
def test_a_desk_would_send_this_address_back(url, says):
    concern = address_concern(url)
    assert concern is not None and says in concern, (url, concern)
    assert "\n" not in concern


@pytest.mark.parametrize(
    "url",
    [
        "https://www.reuters.com/world/asia-pacific/putin-kim-sign-pact-2024-06-19/",
        "https://www.freemalaysiatoday.com/category/world/2025/10/24/n-korea-building-memorial",
        "https://tass.com/politics/1951633",
        "https://irannews.example.com/123670",  # one numeric segment on a long host name
        "https://www.devdiscourse.com/article/politics/3282146-moscow-meets-pyongyang",
        "https://prod.biz.chosun.com/en/en-policy/2025/07/18/2CLFXYZR4RCD7GAC7I6JKLVEKY",
        "https://www.translation-journal.com/article/on-interpreting",  # about translation
        "https://www.bbc.com/news",
        "https://nasional.kompas.com/read/2022/04/09/10033761/indonesia-pilih-abstain",
        "https://www.nknews.org/2025/04/in-a-first-russia-confirms-north-koreas-involvement/",
        "http://kcna.kp/en/article/q/87d7061fc0ecc179b1319cc22ec6ae7a.kcmsf",
        "https://youtu.be/dQw4w9WgXcQ",  # YouTube's own short form: it can only lead to YouTube
        "https://www.example.com/news/tag/korea/2025/01/02/the-report-itself",  # a tag, then a report
        "not an address at all",
        "http://[broken",
    ],
)
def test_an_outlets_own_page_passes(url):
    assert address_concern(url) is None


@pytest.mark.parametrize(
    ("proxied", "original"),
    [
        (
            "https://translate.google.com/website?sl=ko&tl=th&u=http://news.example.co.uk/2/hi/1427367.stm",
            "http://news.example.co.uk/2/hi/1427367.stm",
        ),
        (
            "https://www-example--news-co-uk.translate.goog/world/story-1?_x_tr_sl=en&_x_tr_tl=id&ref=a",
            "https://www.example-news.co.uk/world/story-1?ref=a",
        ),
    ],
)
def test_a_proxy_warning_gives_the_address_to_link_instead(proxied, original):
    assert address_concern(proxied).endswith(f"link the page itself: {original}")


def test_a_development_host_warning_names_the_public_site():
    concern = address_concern("https://dev-v3.example-times.com/world/2025/a")
    assert "(dev-v3.example-times.com)" in concern
    assert concern.endswith("public site (example-times.com)")


def test_every_url_in_the_data_is_read_in_the_files_order():
    data = {
        "source": {"url": "https://bit.ly/3Kx9Qz"},
        "events": [
            {
                "fact_check": {
                    "sources": [
                        {"url": "https://ok.example.com/a/b"},
                        {"url": "https://x.example.com/tag/y"},
                    ]
                }
            },
            {"media": [{"url": "http://localhost/picture.png", "credit": "x"}]},
        ],
        "places": "not a list",  # a broken file is still read as far as it goes
    }
    found = list(address_warnings(data))
    assert [loc for loc, _ in found] == [
        ("source", "url"),
        ("events", 0, "fact_check", "sources", 1, "url"),
        ("events", 1, "media", 0, "url"),
    ]


def test_deeply_nested_data_is_read_without_recursion():
    data: object = {"url": "https://bit.ly/3Kx9Qz"}
    for _ in range(5000):
        data = [data]
    [(loc, _)] = address_warnings(data)
    assert len(loc) == 5001


def _first_story_with(url: str) -> str:
    """The frozen first story, its article linked at ``url``."""
    text = FIRST_STORY.read_text(encoding="utf-8")
    return text.replace("  language: id\n", f"  language: id\n  url: {url}\n", 1)


def test_a_warning_does_not_make_a_story_invalid():
    text = _first_story_with("https://staging.example-news.com/a/b")
    reading = read_story(text, "story.yaml")
    assert reading.story is not None and not reading.problems
    [warning] = reading.warnings
    assert warning.where == "source.url"
    lines = text.splitlines()
    assert lines[warning.line - 1] == "  url: https://staging.example-news.com/a/b"


def test_validate_warns_on_stderr_and_still_says_ok(capsys, gazetteer, tmp_path):
    story = tmp_path / "story.yaml"
    story.write_text(_first_story_with("https://www.example-news.com/tag/korea/"), encoding="utf-8")
    code = main(["validate", str(story)])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.startswith(f"ok: {story}: ")
    [line] = err.splitlines()
    assert line.startswith(f"warning: {story}: line ")
    assert "source.url: is a tag or category page" in line


def test_validate_warns_about_addresses_in_a_story_that_has_errors_too(capsys, gazetteer, tmp_path):
    story = tmp_path / "story.yaml"
    text = _first_story_with("https://bit.ly/3Kx9Qz").replace('date: "1948"', 'date: "1948-13"', 1)
    story.write_text(text, encoding="utf-8")
    code = main(["validate", str(story)])
    err = capsys.readouterr().err
    assert code == 1
    assert "warning:" in err and "link shortener" in err
    assert "1948-13" in err


def test_the_author_page_lists_warnings_apart_and_the_story_stays_ready(gazetteer):
    data = read_yaml(_first_story_with("https://dev.example-news.com/a/b"), "story").raw
    checked = check_story(data)
    assert checked.ready
    [warning] = checked.warnings
    assert warning.kind == "warning" and warning not in checked.problems
    assert warning.path[-1] == "url" and "development or staging host" in warning.message
