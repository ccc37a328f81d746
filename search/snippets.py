"""Snippets cut from the original (cleaned) text with the matched words in <mark>.

Matching runs on fold(text), which maps character for character onto the display text,
so Thai-digit dates, upper-case English and every synonym surface highlight correctly.
"""

from html import escape

from .analysis import fold

SNIPPET_CHARS = 240
LEAD_CHARS = 60


def match_spans(text, terms):
    """Non-overlapping (start, end, term_index) spans of query surfaces in text."""
    folded = fold(text)
    spans = []
    for index, term in enumerate(terms):
        for surface in sorted(set(term.surfaces), key=len, reverse=True):
            if not surface:
                continue
            start = folded.find(surface)
            while start != -1:
                spans.append((start, start + len(surface), index))
                start = folded.find(surface, start + len(surface))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    merged = []
    for span in spans:
        if merged and span[0] < merged[-1][1]:
            continue
        merged.append(span)
    return merged


def _best_window(spans, length):
    """Start of the window of `length` chars covering the most distinct query words."""
    best_start, best_score = 0, (-1, 0)
    for i, (start, _end, _t) in enumerate(spans):
        window_start = max(0, start - LEAD_CHARS)
        inside = [s for s in spans[i:] if s[1] <= window_start + length]
        score = (len({s[2] for s in inside}), len(inside))
        if score > best_score:
            best_start, best_score = window_start, score
    return best_start


def highlight(text, terms, spans=None):
    """The whole text, escaped, with matches marked."""
    spans = match_spans(text, terms) if spans is None else spans
    out, position = [], 0
    for start, end, _t in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def make_snippet(text, terms, length=SNIPPET_CHARS):
    text = " ".join((text or "").split())  # one line: newlines and runs of spaces read as one space
    if not text:
        return ""
    # Stopwords (การ, ที่, และ) are letters inside half the words of a Thai text: marked
    # only when the query has nothing else.
    terms = [t for t in terms if not getattr(t, "stopword", False)] or terms
    spans = match_spans(text, terms) if terms else []
    start = _best_window(spans, length) if spans else 0
    if start:
        space = text.rfind(" ", start - 20, start)  # begin on a word boundary when one is near
        start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.find(" ", end, end + 20)
        end = space if space != -1 else end
    window = [(s - start, e - start, t) for s, e, t in spans if s >= start and e <= end]
    body = highlight(text[start:end], terms, window)
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
