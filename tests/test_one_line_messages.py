"""One message for text that is not UTF-8, wherever it arrives, and a problem is one line.

A Latin-1 or UTF-16 file gets the same words from ``validate``, ``import``, ``draft`` and
the author page's upload; a YAML key or a file name holding a newline cannot split a
problem over several lines.
"""

from __future__ import annotations

import pytest

from storymap.authoring.uploads import UploadRefused, check_bytes
from storymap.cli import main
from storymap.languages import check_language
from storymap.messages import one_line

LATIN1 = "café".encode("latin-1")
NOT_UTF8 = (
    "is not UTF-8 text (byte {at} is not valid): save it as UTF-8 (Save as… → Encoding: UTF-8)"
)
UTF16 = "is UTF-16 text: save it as UTF-8 (Save as… → Encoding: UTF-8)"
CASES = {
    "latin-1": (lambda head: head + LATIN1 + b"\n", NOT_UTF8),
    "utf-16": (lambda head: (head + b"cafe\n").decode().encode("utf-16"), UTF16),
}


def _error(capsys, *argv: object) -> str:
    assert main([str(a) for a in argv]) == 1
    _, err = capsys.readouterr()
    [line] = err.splitlines()
    return line


@pytest.mark.parametrize("encoding", CASES)
def test_every_way_in_says_the_same_about_an_encoding(encoding, tmp_path, capsys):
    make, words = CASES[encoding]
    for name, head, argv in (
        ("story.yaml", b"id: ", ["validate"]),
        ("slides.json", b'{"a": "', ["import", "-o", tmp_path / "out.yaml"]),
        ("sheet.csv", b"Year,Headline\n1948,", ["import", "-o", tmp_path / "out.yaml"]),
        ("article.txt", b"Pada 2024 di Moskow ", ["draft", "--published", "2025-10-27", "-o", tmp_path / "d.yaml"]),
    ):  # fmt: skip
        data = make(head)
        path = tmp_path / name
        path.write_bytes(data)
        at = len(head) + 3 if encoding == "latin-1" else None  # the é of café
        expected = words.format(at=f"{at:,}" if at is not None else "")
        line = _error(capsys, argv[0], path, *argv[1:])
        assert line.endswith(expected), line
        with pytest.raises(UploadRefused) as refused:  # the author page's upload
            check_bytes(name, data)
        assert str(refused.value) == f"{name} {expected}"


def test_a_newline_in_a_yaml_key_or_value_stays_on_its_problems_line(tmp_path, capsys):
    path = tmp_path / "story.yaml"
    path.write_text('id: x\n"bad\\nkey": 1\nplaces:\n  - {id: "a\\rb", name: {id: x}}\n')
    assert main(["validate", str(path)]) == 1
    _, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[0].endswith(f"{len(lines) - 1} problems")
    assert all(line.startswith("  - line ") for line in lines[1:]), err
    assert "  - line 2: bad\\nkey: unknown field 'bad\\nkey' (a typo?)" in lines
    assert any("(place 'a\\rb')" in line for line in lines)


def test_one_line_writes_out_every_line_break():
    assert one_line("a\nb\r\nc\td\u2028e\x0bf") == "a\\nb\\r\\nc\\td\\u2028e\\u000bf"
    assert one_line("plain text") == "plain text"


def test_a_final_newline_does_not_pass_a_language_code():
    with pytest.raises(ValueError, match="is not a language code"):
        check_language("en\n")
