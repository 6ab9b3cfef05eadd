"""Reading an article: its headline, highlights, dateline and sentences, or one clear error."""

from __future__ import annotations

import pytest

from storymap.draft.article import ArticleError, parse_article, read_article, split_sentences

ARTICLE = """Putin Terima Kunjungan Menlu Korut, Bahas Apa?

- Rusia dan Korut mempererat hubungan militer pada 2024.
- Pyongyang membangun museum.
Jakarta, IDN Times – Presiden Rusia, Vladimir Putin, bertemu Choe di Kremlin, Moskow, pada Senin (27/10/2025). Pertemuan ini bagian dari dialog.
1. Pakta militer mempererat dukungan

Pada 2024, Rusia dan Korut menandatangani perjanjian.
"""


def test_headline_highlights_dateline_and_paragraphs():
    article = parse_article(ARTICLE)
    assert article.title == "Putin Terima Kunjungan Menlu Korut, Bahas Apa?"
    assert article.highlights == [
        "Rusia dan Korut mempererat hubungan militer pada 2024.",
        "Pyongyang membangun museum.",
    ]
    assert article.dateline == "Jakarta, IDN Times"
    assert article.outlet == "IDN Times"
    assert [(s.paragraph, s.text) for s in article.body] == [
        (
            0,
            "Presiden Rusia, Vladimir Putin, bertemu Choe di Kremlin, Moskow, "
            "pada Senin (27/10/2025).",
        ),
        (0, "Pertemuan ini bagian dari dialog."),
        (1, "Pakta militer mempererat dukungan"),  # a listicle's item names what it lists
        (2, "Pada 2024, Rusia dan Korut menandatangani perjanjian."),
    ]


def test_an_english_dateline():
    article = parse_article("MOSCOW (Reuters) - Russia said on Monday it would talk.\n")
    assert article.dateline == "MOSCOW (Reuters)"
    assert article.body[0].text == "Russia said on Monday it would talk."


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Dr. Kim arrived. He spoke.", ["Dr. Kim arrived.", "He spoke."]),
        (
            "The U.S. State Department said so. Then it left.",
            ["The U.S. State Department said so.", "Then it left."],
        ),
        (
            "Korut mengirim 10.000 prajurit. Itu banyak.",
            ["Korut mengirim 10.000 prajurit.", "Itu banyak."],
        ),
        ("“Kami tidak lupa.” Putin lalu pergi.", ["“Kami tidak lupa.”", "Putin lalu pergi."]),
        ("“Kami tidak lupa,” katanya.", ["“Kami tidak lupa,” katanya."]),
        ("J. Smith wrote it. Fine?  Yes!", ["J. Smith wrote it.", "Fine?", "Yes!"]),
    ],
)
def test_sentences_split_at_stops_but_not_after_abbreviations(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_a_saved_web_page_is_reduced_to_its_text_by_trafilatura():
    paragraphs = "".join(
        f"<p>Paragraf {n}: Presiden bertemu menteri di Moskow pada Senin (27/10/2025) untuk "
        "membahas kerja sama kedua negara dalam jangka panjang.</p>"
        for n in range(1, 6)
    )
    html = (
        "<!doctype html><html><head><title>Putin bertemu Choe | Contoh</title>"
        '<meta property="og:site_name" content="Contoh News"></head><body>'
        "<nav><a href='/'>Beranda</a> <a href='/x'>Politik</a></nav>"
        f"<article><h1>Putin bertemu Choe</h1>{paragraphs}</article>"
        "<footer>Hak cipta</footer></body></html>"
    )
    article = parse_article(html.encode())
    assert article.title == "Putin bertemu Choe"
    assert article.outlet == "Contoh News"
    assert len(article.body) == 5
    assert article.body[0].text.startswith("Paragraf 1: Presiden bertemu menteri di Moskow")
    assert "Beranda" not in article.text and "Hak cipta" not in article.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"  \n\n ", "the article is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "is a PNG picture, not an article's text or HTML"),
        (
            "Caf\u00e9 au lait".encode("latin-1"),
            "is not UTF-8 text (byte 3 is not valid): save it as UTF-8",
        ),
        (b"<html><body><script>x()</script></body></html>", "no article text found"),
    ],
)
def test_unusable_files_give_one_clear_line(tmp_path, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as raised:
        read_article(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="is a folder"):
        read_article(tmp_path)
