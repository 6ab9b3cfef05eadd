"""The words that tell where something happened, per language (``where`` uses them).

Our own short lists for the languages the draft is tested on (Indonesian, Malay, English,
Spanish, Portuguese, French, Italian, German, Dutch, Arabic): words of place, the verbs
whose object is where it happened (a visit, a landfall, a quake that shook a region), the
verbs of leaving, and the words that join two clauses.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words after which a name is where something happened (up to three lower-case words
# may stand between: "di medan perang Ukraina", "in the Kursk region", "en la ciudad de"),
# and the verbs of a visit, whose object is where it happened ("visited Cairo").
LOCATIVES: dict[str, frozenset[str]] = {
    "id": frozenset(
        [
            "di",
            "ke",
            "menuju",
            "kawasan",
            "wilayah",
            "mengunjungi",
            "menyambangi",
            "tiba",
            "mendarat",
        ]
    ),
    "ms": frozenset(
        ["di", "ke", "menuju", "kawasan", "wilayah", "mengunjungi", "tiba", "mendarat"]
    ),
    "en": frozenset(
        [
            "in",
            "at",
            "into",
            "to",
            "near",
            "over",
            "across",
            "off",
            "inside",
            "toward",
            "towards",
            "via",
            "visited",
            "visiting",
            "visit",
            "visits",
            "toured",
            "reached",
            "landed",
        ]
    ),
    "es": frozenset(
        [
            "en",
            "a",
            "al",
            "hacia",
            "cerca",
            "desde",
            "sobre",
            "visitó",
            "visita",
            "visitar",
            "recorrió",
        ]
    ),
    "pt": frozenset(
        ["em", "no", "na", "nos", "nas", "a", "ao", "para", "perto", "sobre", "visitou", "visita"]
    ),
    "fr": frozenset(
        [
            "à",
            "a",
            "au",
            "aux",
            "en",
            "dans",
            "vers",
            "près",
            "sur",
            "visité",
            "visite",
            "visiter",
            "rejoint",
        ]
    ),
    "it": frozenset(["a", "in", "nel", "nella", "nei", "presso", "verso", "visitato"]),
    "de": frozenset(["in", "im", "nach", "bei", "am", "an", "besuchte", "besucht"]),
    "nl": frozenset(["in", "te", "naar", "bij", "bezocht"]),
    "ar": frozenset(["في", "إلى", "الى", "قرب", "زار"]),
}
# Words that join two clauses; a cut between two dates is made at the strongest.
CONJUNCTIONS: dict[str, frozenset[str]] = {
    "id": frozenset(
        ["dan", "serta", "sedangkan", "sementara", "lalu", "kemudian", "namun", "tetapi"]
    ),
    "ms": frozenset(
        ["dan", "serta", "sedangkan", "sementara", "lalu", "kemudian", "namun", "tetapi"]
    ),
    "en": frozenset(["and", "while", "whereas", "then", "but"]),
    "es": frozenset(["y", "e", "mientras", "pero", "luego"]),
    "pt": frozenset(["e", "enquanto", "mas", "depois"]),
    "fr": frozenset(["et", "tandis", "mais", "puis"]),
    "it": frozenset(["e", "mentre", "ma", "poi"]),
    "de": frozenset(["und", "während", "aber", "dann"]),
    "nl": frozenset(["en", "terwijl", "maar"]),
    "ar": frozenset(["و", "ثم", "بينما", "لكن"]),
}
# Verbs whose object is where it happened: a quake that shook, a storm that hit, a flood
# that swamped ("gempa yang mengguncang Maluku Utara", "slammed into", "sacudió el sur").
IMPACTS: dict[str, frozenset[str]] = {
    "id": _words(
        "mengguncang mengguncangkan melanda menerjang menghantam merendam menggenangi "
        "menimpa memporakporandakan meluluhlantakkan"
    ),
    "ms": _words("menggegarkan melanda membadai menghentam menenggelamkan"),
    "en": _words(
        "hit hits struck strikes shook shakes rocked rocks slammed battered pounded lashed "
        "swept ravaged flooded swamped engulfed"
    ),
    "es": _words("sacudió sacude azotó azota golpeó golpea arrasó afectó inundó estremeció"),
    "pt": _words("atingiu atinge sacudiu abalou devastou inundou"),
    "fr": _words("frappé frappe secoué secoue ravagé ravage balayé touché inondé dévasté"),
    "it": _words("colpito colpisce scosso devastato"),
    "de": _words("erschütterte traf verwüstete"),
}
# Verbs of leaving: the place they leave ("left Moscow", "meninggalkan Makkah") or that
# their ORIGIN word names ("set off from Cape Town", "bertolak dari Bandara Kualanamu") is
# where the departure happened; the places the clause goes to (DESTINATIONS) are not.
LEAVING: dict[str, frozenset[str]] = {
    "id": _words(
        "bertolak berangkat diberangkatkan memberangkatkan meninggalkan bergerak lepas landas "
        "pulang"
    ),
    "ms": _words("bertolak berangkat meninggalkan berlepas"),
    "en": _words("left leaves leaving departed departs departing set sets off took"),
    "es": _words("partió salió zarpó despegó dejó abandonó partieron salieron zarparon"),
    "pt": _words("partiu saiu deixou zarpou decolou"),
    "fr": _words("parti partie partis partent quitté quitte élancent élancé décollé appareillé"),
    "it": _words("partito partita lasciato salpato decollato"),
    "de": _words("verließ abgereist startete"),
}
# The verbs of LEAVING whose object itself is the place left (not only after ORIGIN).
LEAVING_OBJECT: dict[str, frozenset[str]] = {
    "id": _words("meninggalkan"),
    "ms": _words("meninggalkan"),
    "en": _words("left leaves leaving"),
    "es": _words("dejó abandonó"),
    "pt": _words("deixou"),
    "fr": _words("quitté quitte"),
    "it": _words("lasciato"),
    "de": _words("verließ"),
}
ORIGINS: dict[str, frozenset[str]] = {
    "id": _words("dari"),
    "ms": _words("dari"),
    "en": _words("from"),
    "es": _words("de desde del"),
    "pt": _words("de do da desde"),
    "fr": _words("de du des depuis"),
    "it": _words("da dal dalla"),
    "de": _words("aus von ab"),
}
DESTINATIONS: dict[str, frozenset[str]] = {
    "id": _words("ke menuju"),
    "ms": _words("ke menuju"),
    "en": _words("to toward towards for"),
    "es": _words("a al hacia rumbo"),
    "pt": _words("a ao para rumo"),
    "fr": _words("à au aux vers pour"),
    "it": _words("a verso per"),
    "de": _words("nach zu"),
}
# Words that may stand between a word of place and the name, in any case: a distance and a
# direction ("di 11 km Timur Laut Jailolo", "40 km au sud-ouest de Marrakech").
BETWEEN = _words(
    "km kilometer kilometre kilometres kilometers kilómetros mil mile miles milles "
    "timur barat utara selatan laut daya tenggara north south east west northeast northwest "
    "southeast southwest nord sud est ouest norte sur este oeste noreste noroeste sureste "
    "suroeste nordeste sudeste sudoeste"
)
# Words that open a clause about something earlier ("tras dejar destrucción en el Caribe",
# "Usai mengunjungi Kenya, …"): its places are not where the sentence's event happened,
# when the sentence names another place as where.
EARLIER: dict[str, frozenset[str]] = {
    "id": _words("usai seusai setelah sesudah sehabis"),
    "ms": _words("selepas setelah sesudah"),
    "en": _words("after"),
    "es": _words("tras después"),
    "pt": _words("após depois"),
    "fr": _words("après"),
    "it": _words("dopo"),
    "de": _words("nach"),
}
# Articles and particles, which do not count among the words between a word of place and
# the name ("en la costa caribeña de México", "in the north of Syria").
FUNCTION_WORDS = _words(
    "the a an of el la los las lo un una de del le les l du des d da do das dos o os em no na "
    "il lo gli i der die das den dem des van het"
)
