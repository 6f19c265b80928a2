"""Adapter for jusText: the good paragraphs, classified with the page language's stoplist."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import justext

from .shape import Raw, document_lang, join_paragraphs

_FALLBACK = "English"

# Language tags (ISO 639-1, else 639-3) of jusText 3.0.2's stoplist names.
# Only names that get_stoplists() reports are ever used, so a stoplist a
# future release drops falls back to English instead of raising.
_STOPLIST_BY_TAG = {
    "af": "Afrikaans",
    "an": "Aragonese",
    "ar": "Arabic",
    "ast": "Asturian",
    "az": "Azerbaijani",
    "be": "Belarusian",
    "be-tarask": "Belarusian_Taraskievica",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "bpy": "Bishnupriya_Manipuri",
    "br": "Breton",
    "bs": "Bosnian",
    "ca": "Catalan",
    "ceb": "Cebuano",
    "cs": "Czech",
    "cv": "Chuvash",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "fy": "West_Frisian",
    "ga": "Irish",
    "gl": "Galician",
    "gu": "Gujarati",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "ht": "Haitian",
    "hu": "Hungarian",
    "hy": "Armenian",
    "id": "Indonesian",
    "ig": "Igbo",
    "io": "Ido",
    "is": "Icelandic",
    "it": "Italian",
    "iw": "Hebrew",
    "jv": "Javanese",
    "ka": "Georgian",
    "kk": "Kazakh",
    "kn": "Kannada",
    "ko": "Korean",
    "ku": "Kurdish",
    "ky": "Kyrgyz",
    "la": "Latin",
    "lb": "Luxembourgish",
    "lmo": "Lombard",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mk": "Macedonian",
    "ml": "Malayalam",
    "mr": "Marathi",
    "ms": "Malay",
    "mt": "Maltese",
    "nap": "Neapolitan",
    "nb": "Norwegian_Bokmal",
    "nds": "Low_Saxon",
    "ne": "Nepali",
    "new": "Newar",
    "nl": "Dutch",
    "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal",
    "oc": "Occitan",
    "pl": "Polish",
    "pms": "Piedmontese",
    "pnb": "Western_Panjabi",
    "pt": "Portuguese",
    "qu": "Quechua",
    "ro": "Romanian",
    "ru": "Russian",
    "rup": "Aromanian",
    "scn": "Sicilian",
    "sgs": "Samogitian",
    "sh": "Serbo_Croatian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sq": "Albanian",
    "sr": "Serbian",
    "su": "Sundanese",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "tk": "Turkmen",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "vi": "Vietnamese",
    "vo": "Volapuk",
    "wa": "Walloon",
    "war": "Waray_Waray",
    "yo": "Yoruba",
}


@cache
def _available() -> frozenset[str]:
    return frozenset(justext.get_stoplists())


def stoplist_name(lang: str | None) -> str:
    """The jusText stoplist for an ``<html lang>`` value ("de-AT" → "German"), else English."""
    if lang:
        tag = lang.strip().lower().replace("_", "-")
        for candidate in (tag, tag.split("-")[0]):
            name = _STOPLIST_BY_TAG.get(candidate)
            if name is not None and name in _available():
                return name
    return _FALLBACK


@cache
def _stoplist(name: str) -> frozenset[str]:
    return frozenset(justext.get_stoplist(name))


@dataclass(frozen=True)
class Paragraphs:
    """jusText's output for one page: its good paragraphs' text, and the stoplist used."""

    good: tuple[str, ...]
    stoplist: str


def read(html: str, url: str) -> Raw[Paragraphs]:
    """Run jusText with its default thresholds; keep the paragraphs it does not call boilerplate.

    jusText finds no title, authors or dates: the Raw holds the body alone.
    """
    name = stoplist_name(document_lang(html))
    paragraphs = justext.justext(
        html,
        _stoplist(name),
        length_low=70,
        length_high=200,
        stopwords_low=0.30,
        stopwords_high=0.32,
        max_link_density=0.2,
        max_heading_distance=200,
        no_headings=False,
    )
    return Raw(Paragraphs(tuple(p.text for p in paragraphs if not p.is_boilerplate), name))


def convert(raw: Raw[Paragraphs]) -> dict[str, object]:
    """Map the good paragraphs onto the extraction shape."""
    return {"body": join_paragraphs(raw.source.good), "extra": {"stoplist": raw.source.stoplist}}


def extract(html: str, url: str) -> dict[str, object]:
    """Run jusText on ``html`` and map its good paragraphs onto the extraction shape."""
    return convert(read(html, url))
