"""Scrapy spiders as extractors: ``scrapy:package.module:SpiderClass`` or ``…:SpiderClass.callback``.

The callback (``parse`` unless the spec names one) is called as Scrapy
contracts and a spider's unit tests call it, with no engine, middleware or
pipeline: on an ``HtmlResponse`` built from the recorded page (the URL after
redirects, status, headers, the stored text encoded as UTF-8), its ``Request``
attached so that ``response.meta`` works. The spider is made by
``from_crawler`` with a crawler built from the project's settings, found as
``scrapy`` finds them (``SCRAPY_SETTINGS_MODULE``, else the ``[settings]`` of
the closest ``scrapy.cfg``), and the spider's ``custom_settings`` over them.

What the callback yields is read as Scrapy reads it (items of any kind
itemadapter knows, requests; ``async def`` callbacks too). A request for a
page the cassette holds is followed: its callback (``parse`` by default) is
called on that recorded response with the request's ``cb_kwargs`` and
``meta``, duplicates dropped as Scrapy's filter drops them, at most
:data:`MAX_FOLLOWED` in all. A request for a page the cassette lacks is not
fetched: each is told to the harness (:func:`harness.core.report_refused`),
which reports it as ``extractor.network`` naming it, and the items the
callbacks yielded are graded all the same.

The item graded is the first whose ``url`` is the page's (after or before
redirects), else the first yielded, read through the field map; a spider that
yields no item gives an empty extraction, and the checks report each field
the page has as missing.
"""

from __future__ import annotations

import asyncio
import collections
import inspect
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from ...core import WIRE_HEADERS, ExtractorError, ExtractorNotInstalledError, header, report_refused
from ..fieldmap import map_for
from ..guard import untouched
from ..registry import LoadedExtractor, import_target
from .loaded import page_extractor

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from scrapy import Request, Spider
    from scrapy.http import Response
    from scrapy.settings import Settings

    from ...core import Page
    from ..fieldmap import FieldMap, MappedItem

__all__ = ["MAX_FOLLOWED", "RefusedRequest", "load_spider"]

#: How many requests one page's callbacks may follow inside the cassette (a guard against loops).
MAX_FOLLOWED = 10
#: How many redirects one request may follow inside the cassette, as RedirectMiddleware's default allows.
_MAX_REDIRECTS = 20


@dataclass(frozen=True)
class RefusedRequest:
    """A request the spider made that the cassette does not hold."""

    method: str
    uri: str


def _canonical(url: str) -> str:
    from w3lib.url import canonicalize_url

    return canonicalize_url(url)


class _Cassette:
    """The cassette's interactions by method and canonical URL (the first of each kept)."""

    def __init__(self, interactions: Iterable[Mapping[str, Any]]) -> None:
        self.by_key: dict[tuple[str, str], Mapping[str, Any]] = {}
        for item in interactions:
            request = item["request"]
            self.by_key.setdefault((str(request["method"]).upper(), _canonical(request["uri"])), item)

    def follow(self, method: str, url: str) -> tuple[Mapping[str, Any] | None, list[str], str]:
        """The interaction that ends the redirect chain of ``method url`` (None when a link of it is
        missing), the URLs redirected from, and the URL last asked for."""
        chain: list[str] = []
        for _ in range(_MAX_REDIRECTS + 1):
            found = self.by_key.get((method.upper(), _canonical(url)))
            if found is None:
                return None, chain, url
            response = found["response"]
            location = header(response.get("headers") or {}, "location")
            if not (300 <= int(response["status"]["code"]) < 400 and location):
                return found, chain, url
            chain.append(url)
            url, method = urljoin(url, location), "GET"
        return None, chain, url


def _response(
    url: str, status: int, headers: Mapping[str, Any], body: str | bytes, request: Request, *, html: bool = False
) -> Response:
    """A Scrapy response of the class its headers and body call for (``HtmlResponse`` with ``html``);
    text stored as text is encoded as UTF-8 and declared so."""
    from scrapy.http import Headers, HtmlResponse, TextResponse
    from scrapy.responsetypes import responsetypes

    kept = {
        str(k): [str(v) for v in (values if isinstance(values, (list, tuple)) else [values])]
        for k, values in headers.items()
        if str(k).lower() not in WIRE_HEADERS
    }
    raw = body.encode("utf-8") if isinstance(body, str) else body
    cls = HtmlResponse if html else responsetypes.from_args(headers=Headers(kept), url=url, body=raw)
    if isinstance(body, str) and issubclass(cls, TextResponse):
        return cls(url=url, status=status, headers=kept, body=raw, request=request, encoding="utf-8")
    return cls(url=url, status=status, headers=kept, body=raw, request=request)


def _outputs(result: Any, where: str) -> Iterable[Any]:
    """What a callback gave, as Scrapy iterates it: an async generator or coroutine run to its end."""
    from scrapy.utils.misc import arg_to_iter

    if inspect.isasyncgen(result):

        async def drain() -> list[Any]:
            return [output async for output in result]

        return asyncio.run(drain())
    if inspect.iscoroutine(result):
        result = asyncio.run(result)
    if hasattr(result, "addCallback"):
        msg = f"{where} returned a Twisted Deferred, which a recorded page cannot wait for; use async def"
        raise TypeError(msg)
    outputs: Iterable[Any] = arg_to_iter(result)
    return outputs


def _handles(spider: Spider, request: Request, status: int) -> bool:
    """Whether Scrapy's HttpErrorMiddleware lets a response of ``status`` reach the callback."""
    if 200 <= status < 300:
        return True
    meta = request.meta
    if meta.get("handle_httpstatus_all"):
        return True
    allowed = meta.get("handle_httpstatus_list", getattr(spider, "handle_httpstatus_list", ()))
    return status in allowed


def _url_of(item: Any) -> str | None:
    from itemadapter import ItemAdapter

    value = ItemAdapter(item).get("url")
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


class _Run:
    """One page's crawl: the callbacks called, the items and refused requests collected."""

    def __init__(self, spider: Spider, page: Page, name: str) -> None:
        self.spider, self.page, self.name = spider, page, name
        self.cassette = _Cassette(page.interactions)
        self.items: list[Any] = []
        self.refused: list[RefusedRequest] = []
        self.seen: set[tuple[str, str]] = set()
        self.followed = 0
        self.queue: collections.deque[tuple[Response, Callable[..., Any], dict[str, Any]]] = collections.deque()

    def start(self, callback: Callable[..., Any]) -> None:
        from scrapy import Request

        page = self.page
        _, chain, _ = self.cassette.follow("GET", page.requested_url)
        request = Request(page.url, meta={"redirect_urls": chain} if chain else None, dont_filter=True)
        self.seen.add(("GET", _canonical(page.url)))
        self.queue.append((_response(page.url, page.status, page.headers, page.html, request, html=True), callback, {}))

    def run(self) -> list[Any]:
        from itemadapter import is_item
        from scrapy import Request
        from scrapy.http.request import NO_CALLBACK

        while self.queue:
            response, callback, kwargs = self.queue.popleft()
            where = f"{self.name} ({getattr(callback, '__name__', callback)!s} on {response.url})"
            for output in _outputs(callback(response, **kwargs), where):
                if isinstance(output, Request):
                    if output.callback is not NO_CALLBACK:
                        self._request(output)
                elif is_item(output):
                    self.items.append(output)
        for refused in self.refused:  # never fetched: extractor.network, and the items are still graded
            report_refused(f"{refused.method} {refused.uri} (not in the cassette)")
        return self.items

    def _request(self, request: Request) -> None:
        key = (request.method.upper(), _canonical(request.url))
        if key in self.seen and not request.dont_filter:
            return  # as Scrapy's duplicate filter drops it
        self.seen.add(key)
        found, chain, last = self.cassette.follow(request.method, request.url)
        if found is None:
            self.refused.append(RefusedRequest(request.method if not chain else "GET", last))
            return
        if self.followed >= MAX_FOLLOWED:
            return
        self.followed += 1
        recorded = found["response"]
        status = int(recorded["status"]["code"])
        meta = {**request.meta, "redirect_urls": chain} if chain else request.meta
        final = request.replace(url=found["request"]["uri"], meta=meta) if chain else request
        if not _handles(self.spider, final, status):
            return
        body = (recorded.get("body") or {}).get("string") or b""
        response = _response(final.url, status, recorded.get("headers") or {}, body, final)
        callback = request.callback or self.spider.parse
        self.queue.append((response, callback, dict(request.cb_kwargs)))


def _chosen_item(items: list[Any], page: Page) -> Any:
    """The item to grade: the first whose ``url`` is the page's (after or before redirects), else the first."""
    wanted = {_canonical(page.url), _canonical(page.requested_url)}
    for item in items:
        url = _url_of(item)
        if url is not None and _canonical(url) in wanted:
            return item
    return items[0] if items else None


def _settings(spec: str) -> Settings:
    """The project's settings, found as the ``scrapy`` command finds them (without changing the
    environment or ``sys.path`` as its ``init_env`` does)."""
    from scrapy.settings import Settings
    from scrapy.utils.conf import closest_scrapy_cfg, get_config

    settings = Settings()
    module = os.environ.get("SCRAPY_SETTINGS_MODULE")
    where = "the environment variable SCRAPY_SETTINGS_MODULE"
    if not module:
        project = os.environ.get("SCRAPY_PROJECT", "default")
        config = get_config()
        if config.has_option("settings", project):
            module = config.get("settings", project)
            where = f"[settings] {project} of {closest_scrapy_cfg() or 'scrapy.cfg'}"
    if module:
        try:
            with untouched(spec):
                settings.setmodule(module, priority="project")
        except ExtractorError:
            raise
        except Exception as error:
            msg = f"Cannot import the Scrapy settings module {module!r} (from {where}) for spec {spec!r}: {error}"
            raise ExtractorError(msg) from None
    return settings


def _spider_class(target: str, spec: str, source: str) -> tuple[type[Spider], str, str]:
    """The spider class a target names, its callback's name, and its module's name."""
    from scrapy import Spider

    module, _, attribute = target.partition(":")
    class_path, dot, callback = attribute.rpartition(".")
    if not dot:
        class_path, callback = attribute, "parse"
    spider_cls, module_name = import_target(f"{module}:{class_path}", spec=spec, source=source)
    if not (inspect.isclass(spider_cls) and issubclass(spider_cls, Spider)):
        msg = f"Extractor spec {spec!r} names {spider_cls!r}, not a Scrapy spider (a subclass of scrapy.Spider)"
        raise ExtractorError(msg)
    method = getattr(spider_cls, callback, None)
    defined = method is not None and callable(method) and not (callback == "parse" and method is Spider.parse)
    if not defined:
        own = sorted(name for name, value in vars(spider_cls).items() if callable(value) and not name.startswith("_"))
        msg = (
            f"Spider {spider_cls.__name__} (extractor spec {spec!r}) has no callback {callback!r}; "
            f"its methods: {', '.join(own) or 'none'}. Name one: 'scrapy:{module}:{class_path}.<callback>'"
        )
        raise ExtractorError(msg)
    return spider_cls, callback, module_name


def load_spider(target: str, *, spec: str, source: str, fields: FieldMap | None = None) -> LoadedExtractor:
    """The extractor that runs spider ``target`` (``package.module:SpiderClass[.callback]``).

    Raises:
        ExtractorNotInstalledError: Scrapy is not installed (naming the extra).
        ExtractorError: the class cannot be imported, is not a spider or lacks the callback, or
            the project's settings module cannot be imported.
    """
    try:
        import scrapy  # noqa: F401 - only whether it is there
    except ImportError:
        msg = f"Extractor {spec!r} needs Scrapy, which is not installed: pip install 'news-harness[scrapy]'"
        raise ExtractorNotInstalledError(msg) from None
    spider_cls, callback, module_name = _spider_class(target, spec, source)
    settings = _settings(spec)

    def extract(page: Page) -> MappedItem | dict[str, Any]:
        from scrapy.crawler import Crawler

        spider = spider_cls.from_crawler(Crawler(spider_cls, settings))
        run = _Run(spider, page, f"{spider_cls.__name__}.{callback}")
        run.start(getattr(spider, callback))
        item = _chosen_item(run.run(), page)
        if item is None:
            return {}
        return map_for(item, fields).apply(item)

    return page_extractor(spec, extract, module_name, fields, "scrapy")
