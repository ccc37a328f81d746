"""Spelling candidates for a query word the index does not have (pure, no index access).

Misspellings as Thai people make them cost little (CHEAP): a consonant of the same sound
(ศ/ษ/ส, ท/ธ/ฒ, ล/ร/ฬ; any consonant of the same final sound at the end of a syllable,
ทุจริด/ทุจริต, ราชกาน/ราชการ), the other vowel length (ะ/า, ิ/ี, ุ/ู), ไ/ใ, a tone mark
swapped, dropped or added (็ counts as one), a missing or extra ์ or ะ, a missing ร/ล/ว of a cluster,
ำ for รรม, ริ for ฤ, a doubled letter, a loanword's missing final ร์. Other single edits
cost more (EDIT): a letter dropped, two adjacent letters swapped, a consonant added or
replaced by any other. Up to MAX_CHEAP cheap substitutions combine (พระราชกริสดีกา has
three). `candidates` lists them cheapest first, capped, in a fixed order: the backends
only count documents per candidate (search.plan.suggest picks), so both suggest alike.

Latin words get the classic edits (delete, swap, replace, insert) at EDIT cost.
`same_sound` (PyThaiNLP's lk82 key) breaks ties among the candidates the index has; it
is computed only for those few, as it costs microseconds per word.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .lexicon import _lexicon
from .terms import _analyze

CHEAP, EDIT = 0.5, 1.0
MAX_CANDIDATES = 300  # terms per backend lookup (Elasticsearch: one filter each)
MAX_LATIN = 200  # a Latin word's single edits, the likelier first (a 12-letter word has 661)
MIN_CHARS = 2  # shorter words are not corrected
MAX_CHARS = 30  # nor very long runs (a glued sentence)

CONSONANTS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮ"
_CONSONANT = frozenset(CONSONANTS) - {"ฤ", "ฦ"}
LEADING = frozenset("เแโใไ")
TONES = "่้๊๋็"  # the four tone marks and ็ (mai taikhu), typed on the same keys and as often missed
THANTHAKHAT = "์"
# Consonants that sound alike as a syllable's initial.
INITIAL_CLASSES = ("ศษสซ", "ทธฒฑ", "ถฐ", "ดฎ", "ตฏ", "นณ", "ลรฬ", "คฆขฃฅ", "พภผ", "ฟฝ", "ยญ", "ชฌฉ", "หฮ")
# ... and as a syllable's final (where every one of a class is pronounced the same).
FINAL_CLASSES = ("ดตทธฒฑฎฏจชซศษสถฐ", "นณรลฬญ", "กขคฆ", "บปพภฟ")
VOWEL_PAIRS = (("ะ", "า"), ("ิ", "ี"), ("ึ", "ื"), ("ุ", "ู"), ("ไ", "ใ"))
# Strings written for one another (both ways).
SWAPS = (("ำ", "รรม"), ("ำ", "ัม"), ("ฤ", "ริ"), ("ฤ", "รึ"), ("ฤ", "เริ"), ("ัน", "รร"))
CLUSTER_SECONDS = "รลว"
_THAI_RE = re.compile(r"[\u0e01-\u0e4e]+")
_LATIN_RE = re.compile(r"[a-z]+")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_VOWELS = "aeiouy"


def _alike(classes):
    table = {}
    for group in classes:
        for char in group:
            table[char] = table.get(char, "") + "".join(c for c in group if c != char and c not in table.get(char, ""))
    return table


_INITIAL_ALIKE = _alike(INITIAL_CLASSES)
_FINAL_ALIKE = _alike(FINAL_CLASSES)
_VOWEL_ALIKE = {a: b for pair in VOWEL_PAIRS for a, b in (pair, pair[::-1])}


def _is_final(word, i):
    """A consonant that ends a syllable: after a consonant or vowel, before a consonant,
    a leading vowel or the end (a rough rule; a wrong guess only adds candidates)."""
    if i == 0 or word[i - 1] in LEADING:
        return False
    following = word[i + 1] if i + 1 < len(word) else ""
    return not following or following in _CONSONANT or following in LEADING


def _latin_edits(word):
    """Single edits of a Latin word, the likelier first: a letter dropped, doubled or
    swapped with the next, a vowel added or changed, then any letter added or changed."""
    n = len(word)
    for i in range(n):
        yield word[:i] + word[i + 1 :]
    for i in range(n):
        yield word[: i + 1] + word[i:]
    for i in range(n - 1):
        yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    for letters in (_VOWELS, _LETTERS):
        for i in range(n + 1):
            for c in letters:
                yield word[:i] + c + word[i:]
        for i in range(n):
            for c in letters:
                if c != word[i]:
                    yield word[:i] + c + word[i + 1 :]


class Vocabulary:
    """The words a Thai correction may become (the analysis dictionary): a set, and the
    same words sorted, to list the letters that can follow a prefix (a trie's children
    without the trie's memory)."""

    MAX_CACHED = 200_000  # prefixes whose children are kept

    def __init__(self, words):
        self.words = frozenset(words)
        self._sorted = sorted(self.words)
        self._children = {}

    def __contains__(self, word):
        return word in self.words

    def children(self, prefix):
        """The letters that follow `prefix` in some word, as a string ("" when none)."""
        known = self._children.get(prefix)
        if known is not None:
            return known
        words, size, at, out = self._sorted, len(prefix), bisect.bisect_left(self._sorted, prefix), []
        while at < len(words) and words[at].startswith(prefix):
            if len(words[at]) == size:
                at += 1
                continue
            char = words[at][size]
            out.append(char)
            at = bisect.bisect_left(words, prefix + chr(ord(char) + 1), at)
        if len(self._children) >= self.MAX_CACHED:
            self._children.clear()
        known = self._children[prefix] = "".join(out)
        return known


def _thai_corrections(word, vocabulary, limit_cost):
    """{candidate: cost} of the words of `vocabulary` within limit_cost of `word`: a
    depth-first walk over the typed letters that only follows prefixes of the vocabulary
    (so it stays fast whatever the edits allow)."""
    n = len(word)
    found = {}
    best = {}  # (position, prefix) -> lowest cost seen
    children = vocabulary.children

    def visit(i, prefix, cost):
        key = (i, prefix)
        if best.get(key, limit_cost + 1) <= cost:
            return
        best[key] = cost
        if i == n and prefix != word and prefix in vocabulary and cost < found.get(prefix, limit_cost + 1):
            found[prefix] = cost
        following = children(prefix)
        if not following:
            return

        def go(j, text, extra):
            """Continue at word[j] with `text` appended, when the vocabulary allows."""
            if cost + extra > limit_cost:
                return
            head = prefix
            for char in text:
                if char not in children(head):
                    return
                head += char
            visit(j, head, cost + extra)

        last = prefix[-1] if prefix else ""
        nxt = word[i] if i < n else ""
        # Insertions before word[i] (or at the end).
        if (last in _CONSONANT or last in "ิีึืุู") and nxt not in TONES and nxt != THANTHAKHAT:
            for tone in TONES:
                if tone in following:
                    go(i, tone, CHEAP)
        if i == n and last and last != THANTHAKHAT:
            go(i, "ร" + THANTHAKHAT, CHEAP)  # a loanword's silent final: คอมพิวเตอ -> คอมพิวเตอร์
        if last in _CONSONANT:
            if nxt != THANTHAKHAT:
                go(i, THANTHAKHAT, CHEAP)
            for char in following:
                if char == "ะ" or (char in CLUSTER_SECONDS and char != last):  # ออสเตเลีย -> ออสเตรเลีย
                    go(i, char, CHEAP)
                elif char in _CONSONANT and i:
                    go(i, char, EDIT)
        elif last in _VOWEL_AFTER and i:  # a consonant dropped after a vowel: จริธรรม -> จริยธรรม
            for char in following:
                if char in _CONSONANT:
                    go(i, char, EDIT)
        if i == n:
            if n >= MIN_COMPLETE:  # the last letter not typed: อนุสัญญ -> อนุสัญญา, ความร่วมมื -> ความร่วมมือ
                for char in following:
                    go(i, char, EDIT)
            return
        char = word[i]
        if char in following:
            visit(i + 1, prefix + char, cost)
        for alike in _alike_at(word, i):
            if alike in following:
                go(i + 1, alike, CHEAP)
        cheap_drop = char in TONES or char in (THANTHAKHAT, "ะ", "ั") or char == last
        if cheap_drop or i:
            go(i + 1, "", CHEAP if cheap_drop else EDIT)
        for x, y in _SWAP_PAIRS:
            if word.startswith(x, i):
                go(i + len(x), y, CHEAP)
        if char in TONES:
            for tone in TONES:
                if tone != char and tone in following:
                    go(i + 1, tone, CHEAP)
        if not i:  # the costlier edits spare the first letter (typed right far more often)
            return
        if i + 1 < n and word[i + 1] != char:
            go(i + 2, word[i + 1] + char, EDIT)
        if char in _CONSONANT:
            for other in following:
                if other != char and other in _CONSONANT:
                    go(i + 1, other, EDIT)

    visit(0, "", 0.0)
    return found


def _alike_at(word, i):
    char = word[i]
    if char not in _CONSONANT:
        return _VOWEL_ALIKE.get(char, "")
    alike = _INITIAL_ALIKE.get(char, "")
    if _is_final(word, i):
        alike += "".join(c for c in _FINAL_ALIKE.get(char, "") if c not in alike)
    return alike


# Vowels written after a consonant, after which a dropped consonant is looked for.
_VOWEL_AFTER = frozenset("ัาิีึืุูำ")
MIN_COMPLETE = 5  # a word typed this long may lack its last letter (shorter: too many words)

_SWAP_PAIRS = tuple(p for a, b in SWAPS for p in ((a, b), (b, a)))


def candidates(word, vocabulary=None, limit=MAX_CANDIDATES, cost=None):
    """[(candidate, cost)] for a folded word, cheapest first (ties: alphabetical), without
    the word itself, at most `limit`, costing at most `cost` (default: max_cost(word)).
    A Thai word's candidates are words of `vocabulary` (a Vocabulary); a Latin word's,
    its single edits (EDIT each), whatever they are: the index will tell. [] for words
    too short, too long or of mixed scripts."""
    if not (MIN_CHARS <= len(word) <= MAX_CHARS):
        return []
    limit_cost = max_cost(word) if cost is None else min(cost, max_cost(word))
    if _LATIN_RE.fullmatch(word):
        if len(word) < 4 or limit_cost < EDIT:
            return []
        return [(c, EDIT) for c in dict.fromkeys(_latin_edits(word)) if c != word][: min(limit, MAX_LATIN)]
    if vocabulary is None or not _THAI_RE.fullmatch(word):
        return []
    found = _thai_corrections(word, vocabulary, limit_cost)
    return sorted(found.items(), key=lambda item: (item[1], item[0]))[:limit]


def max_cost(word):
    """The costliest correction accepted for a word of this length: short words have
    many neighbours, so only one cheap edit."""
    n = len(word)
    if n <= 3:
        return CHEAP
    if n <= 5:
        return EDIT
    return 3 * CHEAP


@lru_cache(maxsize=4096)
def sound_key(word):
    """PyThaiNLP's lk82 key of a Thai word ("" for other words or on any failure)."""
    if not _THAI_RE.fullmatch(word or ""):
        return ""
    try:
        from pythainlp.soundex import lk82

        return lk82(word)
    except Exception:  # a key is only a tie-breaker
        return ""


def same_sound(a, b):
    key = sound_key(a)
    return bool(key) and key == sound_key(b)


# ---------------------------------------------------------------------- queries
@cache
def default_vocabulary():
    """The analysis dictionary and the synonym groups' joined members (built once)."""
    lex = _lexicon()
    return Vocabulary(lex.words | set(lex.canon))


@dataclass
class _Span:
    start: int  # offsets into the query text
    end: int
    word: str  # the folded text between them
    tokens: int  # how many of the query's tokens it covers
    group: int  # the chunk of text (no space or punctuation inside) it is in
    covers: bool  # all of the chunk's suspect tokens (see _windows)


MAX_WINDOW = 6  # tokens of one stretch to correct


def _chunks(toks):
    """Runs of tokens with nothing between them (a misspelt word is cut into such a run)."""
    chunk = []
    for tok in toks:
        if chunk and chunk[-1].end != tok.start:
            yield chunk
            chunk = []
        chunk.append(tok)
    if chunk:
        yield chunk


def has_fragments(terms, vocabulary=None):
    """Whether some of the terms are Thai pieces that are no word (a misspelling's)."""
    return _fragments(terms, vocabulary or default_vocabulary()) > 0


def _fragments(tokens, vocabulary):
    """Thai tokens that are no word (a misspelling segments into such pieces: จ|ริ|ยะ)."""
    return sum(1 for tok in tokens if _THAI_RE.fullmatch(tok) and tok not in vocabulary)


def _short(term, stop=frozenset()):
    """A Thai piece of one or two letters that is no stopword (ทุ, จร, ติ)."""
    return len(term) <= 2 and term not in stop and bool(_THAI_RE.fullmatch(term))


def short_runs(terms, stop=frozenset()):
    """Indexes of the tokens in runs of SHORT_RUN or more adjacent short pieces: a
    misspelling of a long word often segments into dictionary pieces (ทุจรติ -> ทุ|จร|ติ),
    each found somewhere, none of them meant. `terms`: one chunk's token terms."""
    marked, run = set(), []
    for index, term in enumerate([*terms, ""]):
        if term and _short(term, stop):
            run.append(index)
            continue
        if len(run) >= SHORT_RUN:
            marked.update(run)
        run = []
    return marked


def has_short_runs(text, stop=frozenset()):
    """Whether a chunk of the query text segments into such a run (see short_runs)."""
    return any(short_runs([tok.term for tok in chunk], stop) for chunk in _chunks(_analyze(text)[2]))


SHORT_RUN = 2  # adjacent short pieces that make a chunk suspect although each is a word


def _windows(text, counts, covered, stop, vocabulary):
    """The stretches of a query that may be misspelt: in each chunk with a suspect token
    (one no document has, not a stopword nor matched otherwise, a Thai piece that is no
    word, or one of a run of short pieces: short_runs), every run of up to MAX_WINDOW
    tokens that holds one. Returns ([(start, end, token terms, real words only)] per
    chunk, spans); `real words only`: the chunk's suspects are all such runs' pieces."""
    _, folded, toks, _ = _analyze(text)
    chunks, spans = [], []
    for group, chunk in enumerate(_chunks(toks)):
        terms = [tok.term for tok in chunk]
        runs = short_runs(terms, stop)

        def suspect(term):
            if term in covered:
                return False
            if not counts.get(term) and term not in stop:
                return True
            return bool(_THAI_RE.fullmatch(term)) and term not in vocabulary

        marks = [suspect(tok.term) for tok in chunk]
        real_words = not any(marks)
        marks = [mark or k in runs for k, mark in enumerate(marks)]
        chunks.append((chunk[0].start, chunk[-1].end, terms, real_words))
        if not any(marks):
            continue
        # The pieces of two letters or fewer beside a suspect are likely the same
        # misspelling's (อัจ|ริ|ยะ, though ริ and ยะ are in the dictionary).
        near = list(marks)
        for order in (range(len(chunk)), range(len(chunk) - 1, -1, -1)):
            for k in order:
                short = len(chunk[k].term) <= 2 and _THAI_RE.fullmatch(chunk[k].term)
                if short and any(near[j] for j in (k - 1, k + 1) if 0 <= j < len(chunk)):
                    near[k] = True
        lo, hi = near.index(True), len(near) - 1 - near[::-1].index(True)
        for a in range(len(chunk)):
            for b in range(a, min(len(chunk), a + MAX_WINDOW)):
                if any(marks[a : b + 1]):
                    start, end = chunk[a].start, chunk[b].end
                    if end - start <= MAX_CHARS:
                        spans.append(_Span(start, end, folded[start:end], b - a + 1, group, a <= lo and hi <= b))
    return chunks, spans


def _analyze_after(text, span, word, chunk):
    """The token terms of the span's chunk once the span is `word`: a right correction
    joins a misspelling's pieces back into words (จ|ริ|ยะ|ธรรม -> จริยธรรม)."""
    start, end = chunk[:2]
    return [tok.term for tok in _analyze(text[start : span.start] + word + text[span.end : end])[2]]


@dataclass
class Correction:
    text: str  # the query text, corrected
    # per corrected stretch whose typed pieces are all in the index (a real-word typo:
    # ทุ|จร|ติ): (the word it became, the typed pieces' terms in order). The typed form
    # may still be meant, so the search keeps it beside the correction (search.plan.suggest).
    typed: list
    # every corrected stretch is in some document as typed (has_letters): no typo for this
    # index ("คุณหมายถึง" for text that is there would mislead)
    quiet: bool = False


def correction(text, term_counts, counts, covered=frozenset(), stop=frozenset(), vocabulary=None, has_letters=None):
    """A Correction of the query text whose misspelt stretches are replaced by words the
    index has, or None when there is nothing to correct. Per chunk of text, the best
    correction: one covering its suspect pieces and leaving none that is no word, then
    the one leaving the fewest tokens, the cheapest, covering more tokens, sounding the
    same (lk82), in more documents, alphabetical. A chunk is only changed by a
    correction of the first kind or one that leaves it in fewer tokens; a chunk whose
    only suspects are a run of real short words (short_runs) only by one that leaves it
    in fewer tokens (joins the pieces back into a word).

    term_counts(terms) -> {term: documents} asks the index; `counts` holds what it said
    already (it is added to); `covered`: terms the query matches through otherwise (a
    synonym, a compound's parts); `stop`: stopword terms. One lookup per cost tier
    (CHEAP, EDIT, 3 * CHEAP) while a chunk keeps such pieces, each of at most
    MAX_CANDIDATES terms. has_letters(text) -> bool: some document has these letters as
    typed (four or more Thai letters: the layer's); Correction.quiet when every corrected
    stretch is such."""
    vocabulary = vocabulary or default_vocabulary()
    _, _, toks, _ = _analyze(text)
    unknown = [tok.term for tok in toks if tok.term not in counts]
    if unknown:
        counts.update(term_counts(list(dict.fromkeys(unknown))))
    chunks, spans = _windows(text, counts, covered, stop, vocabulary)
    if not spans:
        return None
    best = {}  # chunk -> (key, span, word)
    for tier in (CHEAP, EDIT, 3 * CHEAP):
        # A chunk is settled once its best correction covers its suspects and leaves no
        # piece that is no word.
        open_groups = {span.group for span in spans if span.group not in best or best[span.group][0][0]}
        if not open_groups:
            break
        found = [
            (span, [c for c, cost in candidates(span.word, vocabulary, cost=tier) if cost == tier])
            for span in spans
            # Costlier corrections only of whole misspellings (they are slower to find).
            if span.group in open_groups and tier <= max_cost(span.word) and (span.covers or tier == CHEAP)
        ]
        asked = [c for c in dict.fromkeys(c for _, cands in found for c in cands) if c not in counts]
        if asked:
            counts.update(term_counts(asked[:MAX_CANDIDATES]))
        for span, cands in found:
            for c in cands:
                if not counts.get(c):
                    continue
                after = _analyze_after(text, span, c, chunks[span.group])
                key = (not span.covers or _fragments(after, vocabulary) > 0, len(after), tier, -span.tokens)
                key += (not same_sound(span.word, c), -counts[c], c)
                if span.group not in best or key < best[span.group][0]:
                    best[span.group] = (key, span, c)
    out, typed, quiet = text, [], None
    for group in sorted(best, reverse=True):  # right to left: offsets stay valid
        key, span, word = best[group]
        fewer = key[1] < len(chunks[group][2])
        if fewer or (not key[0] and not chunks[group][3]):
            there = has_letters is not None and has_letters(span.word)
            quiet = there if quiet is None else quiet and there
            out = out[: span.start] + word + out[span.end :]
            pieces = [tok.term for tok in toks if span.start <= tok.start and tok.end <= span.end]
            if pieces and all(counts.get(piece) for piece in pieces):
                typed.insert(0, (word, pieces))
    return Correction(out, typed, bool(quiet)) if out != text else None
