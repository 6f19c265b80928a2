"""web-poet page objects as extractors: ``web-poet:package.module:PageClass``.

The page object's inputs are built from the recorded page, as scrapy-poet
would build them from a live response: ``HttpResponse`` (the final URL,
status, headers and the stored text, encoded as UTF-8), ``ResponseUrl``,
``RequestUrl`` (the first request of the redirect chain) and empty
``PageParams``; anything else it asks for is built by web-poet's own
dependency plan, and what cannot be built from a recorded page (an
``HttpClient`` for further requests, a browser) is an ``extractor.error``
naming it. ``to_item()`` is awaited and the item read through the field map.
"""

from __future__ import annotations

import asyncio
import inspect
import re
import typing
from typing import TYPE_CHECKING, Any

from ...core import ExtractorError, ExtractorNotInstalledError
from ..fieldmap import map_for
from ..registry import LoadedExtractor, import_target
from .loaded import page_extractor

if TYPE_CHECKING:
    from ...core import Page
    from ..fieldmap import FieldMap, MappedItem

__all__ = ["load_page_object", "page_inputs"]


def page_inputs(page: Page) -> dict[type, Any]:
    """web-poet's page inputs for ``page``, by type."""
    from web_poet import HttpResponse, HttpResponseHeaders, PageParams, RequestUrl, ResponseUrl

    pairs = [{"name": k, "value": v} for k, v in page.stored_headers()]
    response = HttpResponse(
        url=page.url, body=page.html.encode("utf-8"), status=page.status,
        headers=HttpResponseHeaders.from_name_value_pairs(pairs), encoding="utf-8",
    )  # fmt: skip
    return {HttpResponse: response, ResponseUrl: ResponseUrl(page.url), RequestUrl: RequestUrl(page.requested_url),
            PageParams: PageParams()}  # fmt: skip


def _build(page_cls: type, provided: dict[type, Any]) -> Any:
    """The page object, its dependencies planned by andi as web-poet plans them."""
    import andi
    from web_poet.pages import is_injectable

    try:
        plan = andi.plan(
            page_cls, is_injectable=is_injectable, externally_provided=set(provided), full_final_kwargs=True
        )
    except andi.NonProvidableError as error:
        found = re.search(r"argument '(\w+)'", str(error))
        argument = found.group(1) if found else "?"
        try:
            wanted = typing.get_type_hints(page_cls.__init__).get(argument)  # type: ignore[misc]
        except Exception:  # an annotation that does not resolve: name the argument alone
            wanted = None
        kind = getattr(wanted, "__name__", None) or "an input"
        msg = (
            f"{page_cls.__name__} asks for {kind} (argument {argument!r}), which a recorded page cannot give; "
            "the harness provides HttpResponse, ResponseUrl, RequestUrl and PageParams"
        )
        raise RuntimeError(msg) from None
    deps: dict[Any, Any] = dict(provided)
    for step, kwargs in plan[:-1]:
        if step not in deps and callable(step):
            deps[step] = step(**kwargs.kwargs(deps))
    return page_cls(**plan.final_kwargs(deps))


def load_page_object(target: str, *, spec: str, source: str, fields: FieldMap | None = None) -> LoadedExtractor:
    """The extractor that runs page object ``target`` (``package.module:PageClass``).

    Raises:
        ExtractorNotInstalledError: web-poet is not installed (naming the extra).
        ExtractorError: the class cannot be imported or is not a web-poet page object.
    """
    try:
        import web_poet
    except ImportError:
        msg = f"Extractor {spec!r} needs web-poet, which is not installed: pip install 'news-harness[web-poet]'"
        raise ExtractorNotInstalledError(msg) from None
    page_cls, module_name = import_target(target, spec=spec, source=source)
    if not (inspect.isclass(page_cls) and issubclass(page_cls, web_poet.ItemPage)):
        msg = f"Extractor spec {spec!r} names {page_cls!r}, not a web-poet page object (a subclass of ItemPage)"
        raise ExtractorError(msg)

    def extract(page: Page) -> MappedItem:
        page_object = _build(page_cls, page_inputs(page))
        item = page_object.to_item()
        if inspect.isawaitable(item):
            item = asyncio.run(_awaited(item))
        return map_for(item, fields).apply(item)

    return page_extractor(spec, extract, module_name, fields, "web-poet")


async def _awaited(awaitable: Any) -> Any:
    return await awaitable
