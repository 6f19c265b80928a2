"""Names: what makes an author string something other than one clean person's name.

A byline prefix kept ("By", "Von" before a name), markup or an escaped
entity, a URL, e-mail address or handle, a UI string ("Profile Picture"), a
date or time, a job title (in English, German, and Korean, Japanese and
Chinese), several names joined in one string, far too long a string, a stray
separator, a URL slug. Initials and particles inside one name are not joins
("Chris E Hayner", "José Ortega y Gasset"), and a given name that is also a
prefix word is a name ("Di Wu", "Von Miller").
"""

from __future__ import annotations

import re

from ..core import fold, name_key
from .organizations import KNOWN_ORGANIZATIONS, WEB_ADDRESS

__all__ = ["CONTACT", "ROLE_CJK", "joiner", "noise_reason"]


# -- noise: what makes a string something other than one clean name ----------------------------

#: A byline label and what follows it. "Text" is a label only with its colon ("Text: Jane Roe").
_PREFIX = re.compile(
    r"^\s*(?P<word>written by|words by|reporting by|by|text|von|por|par|door|di|av|from)\b"
    r"(?P<colon>\s*:)?\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
#: Labels that never begin a name. The others ("Von", "Di", "Door", "Av", "Por", "Par", "From")
#: are also given names or particles (Von Miller, Di Wu), so they count only before a byline.
_UNAMBIGUOUS = frozenset({"by", "written by", "words by", "reporting by"})
#: Particles that continue a surname after an ambiguous label ("Von der Leyen" is a name).
_PARTICLES = frozenset({"der", "den", "dem", "van", "von", "de", "del", "della", "da", "das", "do", "dos", "du",
                        "la", "le", "les", "lo", "di", "zu", "zur", "ten", "ter", "y", "e"})  # fmt: skip
_ROLE = re.compile(
    r"\b(staff writer|staff reporter|reporter|correspondent|editor|columnist|contributor|"
    r"photographer|producer|writer|redakteur(in)?|korrespondent(in)?|autor(in)?|"
    r"journalist(in)?|journaliste|periodista|giornalista|jornalista|dziennikarz)\b",
    re.IGNORECASE,
)
#: Job titles in Korean, Japanese and Chinese, which follow a name with or without a space ("신현주 기자",
#: "松岡大地記者"), so no word boundary: reporter, correspondent, editorial writer, editor, columnist,
#: anchor, bureau chief, intern. None of these is a syllable pair that begins or ends a name.
ROLE_CJK = re.compile(
    r"기자|특파원|논설위원|편집위원|해설위원|칼럼니스트|앵커|"
    r"記者|特派員|編集委員|論説委員|解説委員|支局長|編輯|編集者|"
    r"记者|特派员|编辑|评论员|評論員|通讯员|通訊員|主编|主編|实习生"
)
_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|jun(e)?|jul(y)?|aug(ust)?|"
    r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?"
)
_DATE = re.compile(
    rf"\d{{1,2}}:\d{{2}}|\b\d{{4}}\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b|"
    rf"\b({_MONTHS})\b\.?\s+\d{{1,2}}\b|\b(a\.?m\.?|p\.?m\.?)$|\b(updated|published|ago)\b",
    re.IGNORECASE,
)
CONTACT = re.compile(
    r"https?://|www\.|\S+@\S+\.\w+|^@\w+|\.(com|org|net)\b"
    # What is left of an address an extractor cut up ("The Washington Times https").
    r"|\s(?:https?|www):?$",
    re.IGNORECASE,
)
_UI = re.compile(
    r"\b(profile picture|e-?mail the author|follow|view (all )?(posts|articles)|more from|"
    r"read more|share|subscribe|sign in|log in|avatar|click here|contact|"
    # The labels of an author box's social links ("Iowa. twitter mailto" on an AP page).
    r"twitter|facebook|instagram|linkedin|mailto|bluesky|threads)\b",
    re.IGNORECASE,
)
#: Joiners that mean "and" in any case: ";", "&", "and", "und", "et".
_STRONG_JOINER = re.compile(r";|\s(?:and|und|et|&)\s", re.IGNORECASE)
#: Spanish, Portuguese and Italian "and": also a particle (Ortega y Gasset) and an initial
#: (Chris E Hayner), so only lowercase and only between two full names.
_WEAK_JOINER = re.compile(r"\s(?:y|e)\s")
#: Where one name of a list ends: a comma, semicolon or ampersand, or a joiner.
_LIST_BREAK = re.compile(r"[,;&]|\s(?i:and|und|et)\s|\s(?:y|e)\s")
_MARKUP = re.compile(r"<[a-z/]|&(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+|[a-z]{2,8});", re.IGNORECASE)
#: A URL slug: words joined by hyphens, no spaces ("lucy-thornton", "madeline-fry-2"), read from an
#: author page's address. In lowercase only: "Jean-Luc" and "Anne-Marie" are names.
_SLUG = re.compile(r"[^\W\d_]+(?:-[^\W_]+)+")


#: A photo credit taken for a byline: "(Image: Getty Images)", "Foto: Jane Roe", "Photo by".
_PHOTO_CREDIT = re.compile(r"\b(image|images|photo|photos|foto|fotos|picture|pictures|bild|credit)\s*(:|by\b)", re.I)


def noise_reason(name: str) -> str | None:
    """Why ``name`` is not a clean person name, or None when it looks clean."""
    text = fold(name)
    prefix = _prefix_reason(text)
    if prefix:
        return prefix
    checks = (
        (_MARKUP.search, "carries HTML markup or an escaped entity"),
        (CONTACT.search, "holds a URL, e-mail address or handle"),
        (WEB_ADDRESS.match, "holds a URL, e-mail address or handle"),
        (_UI.search, "is a UI string"),
        (_PHOTO_CREDIT.search, "is a photo credit"),
        (_DATE.search, "holds a date or time"),
        (_ROLE.search, "holds a job title"),
        (ROLE_CJK.search, "holds a job title"),
    )
    for find, reason in checks:
        match = find(text)
        if match:
            return f"{reason} ({match.group(0).strip()!r})"
    joined = joiner(text)
    if joined:
        return f"joins several names in one string ({joined!r})"
    if not text:
        return "is empty"
    if len(text) > 60 or len(text.split()) > 6:
        return f"is far too long for a name ({len(text)} characters)"
    if text[0] in ",;:|/-–—" or text[-1] in ",;:|/-–—":
        return "has a stray separator at an end"
    words = text.split()
    stray = [w for w in (words[0], words[-1]) if _is_join_word(w)] if len(words) > 1 else []
    if stray:
        # A credit cut off at its joiner ("Le Figaro et" for "Le Figaro et AFP").
        return f"has a stray joiner at an end ({stray[-1]!r})"
    return None


#: Words that join two credits; one at an end of a name means the name was cut. Single letters count
#: in lowercase only: "Jane A" ends with an initial, "Joao e" with a joiner.
_JOIN_WORDS = frozenset({"and", "und", "et", "&", "og", "och", "ve", "és"})
_JOIN_LETTERS = frozenset({"y", "e", "i", "a"})


def _is_join_word(word: str) -> bool:
    return word.casefold() in _JOIN_WORDS or word in _JOIN_LETTERS


def _prefix_reason(text: str) -> str | None:
    """A byline label at the start of ``text``, when a byline (or nothing) follows it."""
    match = _PREFIX.match(text)
    if not match:
        return None
    word = fold(match["word"]).casefold()
    colon = bool(match["colon"])
    if word == "text" and not colon:
        return None
    rest = match["rest"].strip()
    label = text[: match.start("rest")].strip()
    plain = word in _UNAMBIGUOUS or colon
    if not rest:
        return "is a byline label with no name" if plain else None
    if plain or _byline_follows(rest):
        return f"keeps a byline prefix ({label!r})"
    return None


def _byline_follows(rest: str) -> bool:
    """Whether ``rest`` reads as a byline after an ambiguous label: a first name of two or more
    words that is not a surname's continuation ("der Leyen"), or an agency ("von APA"). "Di Wu
    and Jane Roe" is two names joined, not a label."""
    words = _LIST_BREAK.split(rest)[0].split()
    if len(words) >= 2 and words[0] not in _PARTICLES:
        return True
    return name_key(rest) in KNOWN_ORGANIZATIONS


def joiner(text: str) -> str | None:
    """The joiner that makes ``text`` several names, or None: a joiner needs a name of two or more
    letters on each side, so initials ("J. & K. Smith") and particles inside one name are not joins."""
    for match in _STRONG_JOINER.finditer(text):
        if _letters(_word_before(text, match.start())) >= 2 and _letters(_word_after(text, match.end())) >= 2:
            return match.group(0).strip()
    for match in _WEAK_JOINER.finditer(text):
        left = _LIST_BREAK.split(text[: match.start()])[-1].split()
        right = _LIST_BREAK.split(text[match.end() :])[0].split()
        if len(left) >= 2 and len(right) >= 2 and _letters(left[-1]) >= 2 and _letters(right[0]) >= 2:
            return match.group(0).strip()
    return None


def _word_before(text: str, end: int) -> str:
    words = text[:end].split()
    return words[-1] if words else ""


def _word_after(text: str, start: int) -> str:
    words = text[start:].split()
    return words[0] if words else ""


def _letters(word: str) -> int:
    return sum(ch.isalpha() for ch in word)
