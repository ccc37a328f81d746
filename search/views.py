"""The search page (/search/) and the JSON API (/api/search/), both over the public index.

Each API result is Hit.as_api(): identifier, title, type, type_label, url, date, year,
agency, status, snippet, and attachment — {"title", "url", "page"} of the attached file
page the hit was found on when the record's own text lacks a query word, else null
(docs/search-files.md). The page shows the same under the hit ("พบในไฟล์แนบ").
The answer's "suggestion" is the corrected query when a word was misspelt and
corrected (its results are the corrected query's), else null (docs/search-typos.md); the
page offers it as "คุณหมายถึง: …"."""

import functools
import logging

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import plan, registry
from .backends import SearchUnavailable, get_index
from .query import FACETS, SearchQuery
from .recut import has_letters, recut

logger = logging.getLogger(__name__)

RETRY_AFTER = 30  # seconds, when nothing better is known
SUGGESTIONS = ["มติคณะรัฐมนตรี", "ประมวลจริยธรรม", "บันทึกความเข้าใจ", "พระราชบัญญัติ", "ศูนย์ปฏิบัติการต่อต้านการทุจริต"]


def run_search(params):
    """(query, results, error) — error is set when the index cannot answer. When a query
    word is misspelt, the corrected query is searched (search.plan.suggest) and
    results.suggestion is its text (None otherwise)."""
    query = SearchQuery.from_params(params)
    try:
        results = search_corrected(query)
    except SearchUnavailable as exc:
        logger.warning("search index unavailable: %s", exc)
        return query, None, exc
    return query, results, None


def search_corrected(query):
    """The public index's results for the query, its misspellings corrected (search.plan.
    suggest; results.suggestion is the corrected text or None). Raises SearchUnavailable."""
    index = get_index()
    term_counts = _remembered(index.term_counts)
    suggestion, searched = plan.suggest(query, term_counts, functools.partial(has_letters, index.letter_texts))
    try:
        searched = recut(searched, term_counts, index.letter_texts)
    except SearchUnavailable as exc:  # the cut is an extra: the words as analysed still search
        logger.warning("search: the documents' cut was skipped: %s", exc)
    results = index.search(searched)
    results.suggestion = suggestion
    return results


def _remembered(term_counts):
    """term_counts that asks the index once per term within one search."""
    known = {}

    def counts(terms):
        missing = [t for t in dict.fromkeys(terms) if t not in known]
        if missing:
            found = term_counts(missing)
            known.update((t, found.get(t, 0)) for t in missing)
        return {t: known[t] for t in terms if known.get(t)}

    return counts


def facet_options(results, params):
    """Facet values with counts and the URL that toggles each one (keeps q, sort, other filters)."""
    labels = registry.facet_labels()
    names = {"type": "ประเภทเอกสาร", "year": "ปี พ.ศ.", "agency": "หน่วยงาน", "status": "สถานะทางกฎหมาย"}
    selected = results.query.filters
    facets = []
    for name in FACETS:
        options = []
        for value, count in results.facets.get(name, {}).items():
            is_selected = str(selected.get(name, "")) == value
            toggled = params.copy()
            toggled.pop("page", None)
            if is_selected:
                toggled.pop(name, None)
            else:
                toggled[name] = value
            options.append(
                {
                    "value": value,
                    "label": labels.get(name, {}).get(value, value),
                    "count": count,
                    "selected": is_selected,
                    "url": "?" + toggled.urlencode(),
                }
            )
        if name == "year":
            options.sort(key=lambda o: o["value"], reverse=True)
        facets.append({"name": name, "label": names[name], "options": options, "selected": selected.get(name)})
    return facets


def fallback_titles(query, limit=20):
    """A basic title match from the database (the source's), used when the index cannot answer."""
    return registry.get_source().fallback(query.text, limit)


@require_GET
def search_page(request):
    query, results, error = run_search(request.GET)
    context = {"query": query, "results": results, "search_error": error, "suggestions": SUGGESTIONS}
    if error is not None:
        context["fallback"] = fallback_titles(query)
    elif query.text:
        context["facets"] = facet_options(results, request.GET)
        context["page_obj"] = Paginator(range(results.total), query.per_page).get_page(query.page)
        # Each hit carries its date label from the index (no database query per page of hits).
    return render(request, "search/search.html", context, status=503 if error is not None else 200)


def api_error(status, error, message, **headers):
    """The API's error body, the same for every status (also used by search.middleware)."""
    response = JsonResponse(
        {"error": error, "message": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def retry_after(error, default=RETRY_AFTER):
    """Seconds until the index may answer again: the breaker knows, otherwise a default."""
    while error is not None:
        if getattr(error, "retry_after", None):
            return int(error.retry_after)
        error = error.__cause__
    return default


def search_api(request):
    if request.method not in ("GET", "HEAD"):
        return api_error(405, "method_not_allowed", "ใช้ได้เฉพาะคำขอแบบ GET (only GET is allowed)", Allow="GET, HEAD")
    query, results, error = run_search(request.GET)
    if error is not None:
        return api_error(
            503,
            "search_unavailable",
            "ระบบค้นหาขัดข้องชั่วคราว โปรดลองใหม่ภายหลัง (search is temporarily unavailable)",
            Retry_After=str(retry_after(error)),
        )
    return JsonResponse(
        {
            "query": query.text,
            "total": results.total,
            "matched_all": results.matched_all,
            "page": query.page,
            "per_page": query.per_page,
            "sort": query.sort,
            "filters": query.filters,
            "results": [hit.as_api() for hit in results.hits],
            "facets": results.facets,
            "notices": query.notices,
            "suggestion": results.suggestion,
        },
        json_dumps_params={"ensure_ascii": False},
    )
