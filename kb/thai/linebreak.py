"""Thai line breaking at our word boundaries, for rendered public pages.

Chromium breaks Thai with ICU's dictionary, which lacks many words (it breaks
การกล่าว|หา, ราชกิจจา|นุเบกษา), and neither `word-break: keep-all` nor
`<wbr>` alone stops it (measured in headless Chromium, tests/layout). What does:
a run of Thai letters in `<span class="tw">` (white-space: nowrap in site.css)
with `<wbr>` between the words our segmenter (search.analysis, the one the
index uses) finds in it. The browser then breaks Thai only there, at spaces,
and between a run and the text around it.

Only text between tags changes: tags, attributes, entities and the text of
<head>, <script>, <style>, <pre>, <code>, <textarea>, <option>… are copied as
they are. Neither the span nor <wbr> adds characters, so copied text and
innerText are the original. The transform is idempotent (text already inside
a `tw` span is left alone). Long compounds (กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม)
may also break between their dictionary parts, so a heading on a phone never
overflows its column; abbreviations (พ.ร.บ., ครม.) stay whole.

LineBreakMiddleware applies it to every public HTML answer (pages, search, the
footer included), not to the admin, files or JSON/XML/CSV answers. The setting
THAI_LINE_BREAKS = False turns it off (the test settings do, so tests can look for
Thai phrases in a page; tests/layout turns it on again).
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings

from search.analysis import compound_words, thai_words

_THAI = "\u0e01-\u0e3a\u0e40-\u0e4e"  # letters, vowels, marks, ฯ, ๆ (as search.analysis)
# A run of Thai letters, dots inside so abbreviations (ป.ป.ช., พ.ร.บ.) reach the segmenter whole.
_THAI_RUN_RE = re.compile(rf"[{_THAI}](?:[{_THAI}.]*[{_THAI}])?\.?")
_HAS_THAI_RE = re.compile(f"[{_THAI}]")
# Elements whose text is left as it is: <head> (title, meta, JSON-LD), scripts and styles,
# code, form values; and our own spans (so a second pass changes nothing). Their whole
# content is skipped, as are comments. (The same element nested in itself is not expected.)
SKIP = ("head", "script", "style", "template", "title", "textarea", "select", "option", "pre", "code", "kbd", "samp")
SKIP += ("var", "svg", "math", "noscript")
SPAN_OPEN = '<span class="tw">'
_SKIP_RE = re.compile(
    rf"<!--.*?-->|<({'|'.join(SKIP)})(?=[\s/>])[^>]*>.*?</\1\s*>|{re.escape(SPAN_OPEN)}.*?</span>",
    re.DOTALL | re.IGNORECASE,
)
# A text node holding Thai (group 1): it follows the ">" of a tag and runs to the next tag.
# Text inside a tag (an attribute value) cannot match: it is not followed by "<".
_TEXT_RE = re.compile(rf">([^<>{_THAI}]*[{_THAI}][^<>]*)(?=<|$)")
WBR = "<wbr>"
LONG_WORD = 18  # a word this long (a compound) may also break between its parts


# "ครั้ง" + "ที่" are two dictionary words but one unit to a reader (ครั้งที่ 4, ฉบับที่ 2):
# an ordinal never breaks after its noun.
ORDINAL_NOUNS = frozenset(
    [
        "ครั้ง",
        "ฉบับ",
        "ลำดับ",
        "อันดับ",
        "ข้อ",
        "หน้า",
        "เล่ม",
        "ตอน",
        "ชุด",
        "รุ่น",
        "ระยะ",
        "ขั้น",
        "ชั้น",
        "ภาค",
        "หมวด",
        "มาตรา",
        "วาระ",
        "คน",
        "ปี",
    ]
)


def _join_ordinals(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if word == "ที่" and out and out[-1] in ORDINAL_NOUNS:
            out[-1] += word
        else:
            out.append(word)
    return out


@lru_cache(maxsize=8192)
def _compound(word: str) -> tuple[str, ...]:
    return compound_words(word)


def _pieces(word: str) -> list[str]:
    """A segmenter word, long compounds cut into their dictionary parts."""
    if len(word) < LONG_WORD or "." in word:
        return [word]
    parts = _compound(word)
    if not parts:
        return [word]
    return [piece for part in parts for piece in _pieces(part)]


def _run_markup(words: list[str]) -> str:
    """The markup of one run of Thai words: joined by <wbr>, kept whole by the span."""
    words = [piece for word in _join_ordinals(words) for piece in _pieces(word)]
    if len(words) == 1 and len(words[0]) <= 3:
        return words[0]  # a short word the browser's dictionary knows anyway
    return SPAN_OPEN + WBR.join(words) + "</span>"


def break_run(run: str) -> str:
    """The markup for one run of Thai letters (dots allowed)."""
    return _run_markup(thai_words(run))


CACHED_TEXT_CHARS = 500  # headings, menus, cards: cached; long paragraphs are not (memory per worker)


def _break_text(text: str) -> str:
    return _break_short_text(text) if len(text) <= CACHED_TEXT_CHARS else _break_any_text(text)


@lru_cache(maxsize=16384)
def _break_short_text(text: str) -> str:
    return _break_any_text(text)


def _break_any_text(text: str) -> str:
    """One text node, segmented in one call (nlpo3's cost is mostly per call); non-Thai
    pieces (spaces, digits, Latin, entities) are copied as they are. Cached: headers,
    menus, footers and headings repeat on every page."""
    pieces = thai_words(text)
    if "".join(pieces) != text:  # not expected; the run by run way is exact by construction
        return _THAI_RUN_RE.sub(lambda m: break_run(m.group()), text)
    out: list[str] = []
    run: list[str] = []
    for piece in pieces:
        if _HAS_THAI_RE.search(piece):
            run.append(piece)
            continue
        if run:
            out.append(_run_markup(run))
            run = []
        out.append(piece)
    if run:
        out.append(_run_markup(run))
    return "".join(out)


def _break_chunk(html: str) -> str:
    """HTML without skipped elements; it starts with text or a tag (hence the ">")."""
    return _TEXT_RE.sub(lambda m: ">" + _break_text(m.group(1)), ">" + html)[1:]


def add_line_breaks(html: str) -> str:
    """`html` (a page or a fragment) with its Thai text broken only at word boundaries."""
    if not _HAS_THAI_RE.search(html):
        return html
    out: list[str] = []
    pos = 0
    for match in _SKIP_RE.finditer(html):
        out.append(_break_chunk(html[pos : match.start()]))
        out.append(match.group())
        pos = match.end()
    out.append(_break_chunk(html[pos:]))
    return "".join(out)


def _public_html(request, response) -> bool:
    if not getattr(settings, "THAI_LINE_BREAKS", True):
        return False
    if response.streaming or response.status_code in (204, 304) or response.has_header("Content-Encoding"):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    return not request.path.startswith(getattr(settings, "THAI_LINE_BREAK_SKIP_PATHS", ("/admin/", "/django-admin/")))


class LineBreakMiddleware:
    """Applies add_line_breaks to public HTML answers (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _public_html(request, response):
            return response
        charset = response.charset or "utf-8"
        try:
            html = response.content.decode(charset)
        except (UnicodeDecodeError, LookupError):  # not the text it says it is: leave it alone
            return response
        changed = add_line_breaks(html)
        if changed is not html:
            response.content = changed.encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
