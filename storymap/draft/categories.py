"""A first guess at an event's category, from the words of its sentences.

Each category has word stems in Indonesian and English; the category whose stems occur
most often wins, ties going to the one listed first. A date long before the article
counts for ``history``. No stem at all gives ``None``: the author chooses.
"""

from __future__ import annotations

import re

KEYWORDS: dict[str, tuple[str, ...]] = {
    "military": (
        "militer",
        "military",
        "tentara",
        "prajurit",
        "pasukan",
        "troop",
        "soldier",
        "army",
        "perang",
        "war",
        "senjata",
        "weapon",
        "misil",
        "rudal",
        "missile",
        "serang",
        "attack",
        "tempur",
        "combat",
        "battle",
        "pertahanan",
        "defen",
        "nuklir",
        "nuclear",
        "drone",
        "tewas",
        "killed",
        "invasi",
        "invasion",
        "offensive",
        "serangan",
        "bom",
        "bomb",
    ),
    "diplomacy": (
        "menlu",
        "diplomat",
        "bertemu",
        "pertemuan",
        "meeting",
        "met ",
        "kunjung",
        "visit",
        "perjanjian",
        "treaty",
        "pakta",
        "pact",
        "dialog",
        "talks",
        "konferensi",
        "conference",
        "summit",
        "ktt",
        "pbb",
        "united nations",
        "duta",
        "ambassador",
        "mengakui",
        "recogni",
        "sanksi",
        "sanction",
        "kemitraan",
        "partnership",
        "negosiasi",
        "negotiat",
        "aliansi",
        "alliance",
        "menteri luar negeri",
        "foreign minister",
        "resolusi",
        "resolution",
    ),
    "economy": (
        "ekonomi",
        "econom",
        "dagang",
        "perdagangan",
        "trade",
        "investasi",
        "invest",
        "pariwisata",
        "wisata",
        "touris",
        "bisnis",
        "business",
        "ekspor",
        "export",
        "impor",
        "import",
        "harga",
        "price",
        "pasar",
        "market",
        "industri",
        "industr",
        "energi",
        "energy",
        "minyak",
        "oil",
        "gas",
        "pabrik",
        "factory",
        "anggaran",
        "budget",
    ),
    "transport": (
        "penerbangan",
        "flight",
        "bandara",
        "airport",
        "jalur",
        "route",
        "kereta",
        "rail",
        "jalan raya",
        "road",
        "jembatan",
        "bridge",
        "pelabuhan",
        "port",
        "kapal",
        "ship",
        "ferry",
        "feri",
        "perbatasan",
        "border crossing",
        "transportasi",
        "transport",
    ),
    "history": (
        "sejarah",
        "histor",
        "museum",
        "monumen",
        "monument",
        "memorial",
        "peringatan",
        "mengenang",
        "commemorat",
        "abad",
        "century",
        "leluhur",
        "ancestr",
        "warisan",
        "heritage",
        "anniversary",
        "ulang tahun",
    ),
    "society": (
        "masyarakat",
        "society",
        "budaya",
        "cultur",
        "pendidikan",
        "educat",
        "sekolah",
        "school",
        "warga",
        "citizen",
        "festival",
        "protes",
        "protest",
        "kesehatan",
        "health",
        "agama",
        "religio",
        "olahraga",
        "sport",
        "mahasiswa",
        "student",
        "seni",
        "art ",
    ),
}


_WORD_START = re.compile(r"\b\w\w?")  # a stem starts where a word does: read once


def _stems_by_start() -> dict[str, list[tuple[str, str]]]:
    """(category, stem) by the stem's first two letters."""
    found: dict[str, list[tuple[str, str]]] = {}
    for category, stems in KEYWORDS.items():
        for stem in stems:
            found.setdefault(stem[:2], []).append((category, stem))
    return found


_BY_START = _stems_by_start()


def guess_category(text: str, years_before: int = 0) -> str | None:
    """The best-scoring category for the text, or ``None`` when no keyword occurs.

    Each stem counts where it begins a word (``\\b`` + stem), in one reading of the text
    whatever the number of stems."""
    lowered = " " + " ".join(text.lower().split()) + " "
    scores = dict.fromkeys(KEYWORDS, 0)
    ends: dict[str, int] = {}  # where each stem's last occurrence ended: they do not overlap
    for word in _WORD_START.finditer(lowered):
        at = word.start()
        for category, stem in _BY_START.get(word[0], ()):
            if at >= ends.get(stem, 0) and lowered.startswith(stem, at):
                scores[category] += 1
                ends[stem] = at + len(stem)
    if years_before >= 30:
        scores["history"] += 2
    best = max(scores.values())
    if best == 0:
        return None
    return next(category for category, score in scores.items() if score == best)
