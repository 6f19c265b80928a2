"""Reading and writing vcrpy cassettes whose bodies stay readable.

The files are standard vcrpy YAML (``interactions`` + ``version: 1``), so
``vcr.use_cassette`` replays them as they are. PyYAML's emitter falls back
to an escaped one-line string for about half of real pages (any trailing
space or tab is enough), so bodies are written here by hand as literal
blocks, with an escaped double-quoted scalar only for text that a literal
block cannot hold (carriage returns, control characters). Every write is
read back and compared before it is returned.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import FixtureError

__all__ = ["dump_cassette", "load_cassette"]

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# Characters YAML cannot hold literally (non-printable), or that it reads as
# line breaks (CR, NEL, LS, PS) or strips (a BOM): a literal block cannot keep them.
_NOT_LITERAL = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_ .,;:/=+()*'-]*")
_RESOLVER = yaml.resolver.Resolver()
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _NOT_LITERAL.match(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (
        _PLAIN.fullmatch(text)
        and not text.endswith((" ", ":"))
        and ": " not in text
        and " #" not in text
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        == "tag:yaml.org,2002:str"
    ):
        return text
    return _quoted(text)


def _block(text: str, indent: str) -> str:
    """``text`` as a YAML scalar that starts on the key's line, literal when possible."""
    if not text or _NOT_LITERAL.search(text):
        return _quoted(text)
    stripped = text.rstrip("\n")
    trailing = len(text) - len(stripped)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    # An explicit indentation indicator (relative to the key, two columns to
    # its left) when the first line starts with a space or a tab, or the text starts
    # with a blank line: auto-detection would misread either.
    indicator = "2" if text[0] in " \t\n" else ""
    lines = [indent + line if line else "" for line in stripped.split("\n")]
    lines.extend([""] * (trailing - 1))
    return f"|{indicator}{chomp}\n" + "\n".join(lines)


def _headers(headers: dict[str, list[str]], indent: str) -> list[str]:
    if not headers:
        return [" {}"]
    out = [""]
    for name, values in headers.items():
        out.append(f"{indent}{_scalar(name)}:")
        out.extend(f"{indent}- {_scalar(value)}" for value in values)
    return out


def _interaction(item: dict[str, Any]) -> list[str]:
    request, response = item["request"], item["response"]
    body = response["body"]["string"]
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    request_headers = _headers(request.get("headers") or {}, "      ")
    response_headers = _headers(response.get("headers") or {}, "      ")
    status = response["status"]
    return [
        "- request:",
        f"    body: {_scalar(request.get('body'))}",
        "    headers:" + request_headers[0],
        *request_headers[1:],
        f"    method: {_scalar(request.get('method', 'GET'))}",
        f"    uri: {_scalar(request['uri'])}",
        "  response:",
        "    body:",
        "      string: " + _block(body, "        "),
        "    headers:" + response_headers[0],
        *response_headers[1:],
        "    status:",
        f"      code: {int(status['code'])}",
        f"      message: {_scalar(status.get('message', ''))}",
    ]


def dump_cassette(interactions: list[dict[str, Any]]) -> str:
    """The YAML text of a vcrpy cassette holding ``interactions``, bodies as literal blocks.

    Each interaction is vcrpy's dict shape: ``{"request": {"body", "headers",
    "method", "uri"}, "response": {"body": {"string"}, "headers", "status":
    {"code", "message"}}}``, with response bodies as text.
    """
    lines = ["interactions:"]
    for item in interactions:
        lines.extend(_interaction(item))
    lines.append("version: 1")
    text = "\n".join(lines) + "\n"
    try:
        same = _read(text, "<written cassette>") == _canonical(interactions)
    except FixtureError:  # found by fuzzing: a text the hand-written block cannot hold
        same = False
    if not same:
        # A shape the hand-written emitter does not cover: let PyYAML write it.
        text = yaml.dump(
            {"interactions": interactions, "version": 1},
            Dumper=yaml.SafeDumper,
            allow_unicode=True,
            sort_keys=False,
        )
    return text


def _canonical(interactions: list[dict[str, Any]]) -> dict[str, Any]:
    out = []
    for item in interactions:
        request, response = item["request"], item["response"]
        body = response["body"]["string"]
        out.append(
            {
                "request": {
                    "body": request.get("body"),
                    "headers": request.get("headers") or {},
                    "method": request.get("method", "GET"),
                    "uri": request["uri"],
                },
                "response": {
                    "body": {"string": body.decode("utf-8") if isinstance(body, bytes) else body},
                    "headers": response.get("headers") or {},
                    "status": {
                        "code": int(response["status"]["code"]),
                        "message": response["status"].get("message", ""),
                    },
                },
            }
        )
    return {"interactions": out, "version": 1}


def _read(text: str, source: str) -> Any:
    try:
        # Cassettes never need anchors and aliases; a file built of nested aliases (a
        # "billion laughs") would expand without bound, so it is refused before loading.
        if "*" in text and any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=_Loader)):
            raise FixtureError(source, "uses YAML aliases (*name), which a cassette never needs; refusing to expand it")
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise FixtureError(source, f"not valid YAML{where}: {problem}") from None


# A body block as this module writes it: "string: |" (with an optional "2" and
# chomping indicator) at six spaces, its lines at eight.
_HEADER = "\n      string: |"
_HEADER_TAIL = re.compile(r"(2?)([-+]?)\n")
_BLOCK_END = re.compile(r"\n(?!        |\n)")
_PLACEHOLDER = "\n      string: ''\n"


def _read_fast(text: str) -> Any:
    """Read a cassette this module wrote without handing its bodies to the YAML parser.

    Each literal body block is cut out and read here with plain string
    operations; the small remainder is parsed by YAML as usual. Anything
    unexpected returns None, and the caller parses the whole file with YAML
    instead. The result equals YAML's (a test holds the two together on real
    pages); the point is speed, since libyaml is the larger part of loading a page.
    """
    bodies: list[str] = []
    pieces: list[str] = []
    position = 0
    while True:
        found = text.find(_HEADER, position)
        if found < 0:
            break
        tail = _HEADER_TAIL.match(text, found + len(_HEADER))
        if tail is None:
            return None
        end, body = _block_at(text, tail.end() - 1, explicit=bool(tail.group(1)), chomp=tail.group(2))
        if body is None:
            return None
        pieces.append(text[position:found])
        pieces.append(_PLACEHOLDER)
        bodies.append(body)
        position = end + 1
    if not bodies:
        return None
    pieces.append(text[position:])
    try:
        data = yaml.load("".join(pieces), Loader=_Loader)
        interactions = data["interactions"]
        if len(interactions) != len(bodies):
            return None
        for interaction, body in zip(interactions, bodies, strict=True):
            if interaction["response"]["body"]["string"] != "":
                return None
            interaction["response"]["body"]["string"] = body
    except (yaml.YAMLError, TypeError, KeyError, IndexError):
        return None
    return data


def _block_at(text: str, start: int, *, explicit: bool, chomp: str) -> tuple[int, str | None]:
    """The literal block whose first line break is at ``start``: where it ends, and its content.

    The block runs until the first line that is neither empty nor indented
    eight spaces. Its content is None when the block is not the shape this
    module writes.
    """
    found = _BLOCK_END.search(text, start)
    end = found.start() if found else len(text)
    if found:
        line_end = text.find("\n", end + 1)
        if not text[end + 1 : line_end if line_end >= 0 else len(text)].strip(" "):
            return start, None  # a short all-space line: leave it to YAML's rules
    block = text[start:end]  # starts with the header's line break
    if len(block) < 2 or (not explicit and block.startswith("\n         ")):
        return start, None
    content = block.replace("\n        ", "\n")[1:]
    stripped = content.rstrip("\n")
    if chomp == "-":
        body = stripped
    elif chomp == "+":
        body = content + "\n"
    else:
        body = stripped + "\n" if stripped else ""
    return end, body


def load_cassette(text: str, source: str) -> list[dict[str, Any]]:
    """The interactions of a vcrpy cassette, checked for the shape vcrpy writes.

    Raises:
        FixtureError: naming ``source`` and what is wrong.
    """
    data = _read_fast(text)
    if data is None:
        data = _read(text, source)
    if isinstance(data, list) and data and isinstance(data[0], dict) and "request" in data[0]:
        raise FixtureError(source, "an old vcrpy cassette layout (a bare list of interactions); re-record it "
                                   "with a current vcrpy or 'harness record'")  # fmt: skip
    if not isinstance(data, dict) or "interactions" not in data:
        raise FixtureError(source, "not a vcrpy cassette: no top-level 'interactions' list")
    if data.get("version") != 1:
        raise FixtureError(
            source,
            f"cassette format version {data.get('version')!r} is not supported; "
            "news-harness reads vcrpy's version 1 (re-record it with a current vcrpy)",
        )
    interactions = data["interactions"]
    if not isinstance(interactions, list) or not interactions:
        raise FixtureError(source, "the cassette holds no interactions")
    for number, item in enumerate(interactions, 1):
        problem = _interaction_problem(item)
        if problem:
            raise FixtureError(source, f"interaction {number}: {problem}")
    return interactions


def _interaction_problem(item: object) -> str | None:
    if not isinstance(item, dict):
        return "is not a mapping"
    request, response = item.get("request"), item.get("response")
    if not isinstance(request, dict) or not isinstance(request.get("uri"), str):
        return "has no request.uri"
    if not re.match(r"https?://[^\s/]", request["uri"]):
        return f"request.uri {request['uri'][:80]!r} is not an http(s) URL"
    if not isinstance(response, dict):
        return "has no response"
    status = response.get("status")
    if not isinstance(status, dict) or not isinstance(status.get("code"), int):
        return "has no response.status.code"
    body = response.get("body")
    if not isinstance(body, dict) or not isinstance(body.get("string"), (str, bytes)):
        return "has no response.body.string"
    headers = response.get("headers", {})
    if headers is not None and not isinstance(headers, dict):
        return "response.headers is not a mapping"
    return None
