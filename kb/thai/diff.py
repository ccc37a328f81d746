"""Readable revision comparisons for Thai.

Wagtail's own `wagtail.admin.compare.diff_text` groups "alphanumeric" characters into
words, but Thai vowels and tone marks are not alphanumeric and Thai has no spaces, so a
one-word edit shows up as scattered single letters. This version cuts Thai into words
with the search analysis' segmenter (same dictionary) and is installed in place of
Wagtail's function when the app is ready (kb.apps); everything else about the diff is
Wagtail's. Wagtail is imported on call, so kb.thai stays importable without Django.
"""

import difflib


def thai_diff_text(a, b):
    from wagtail.admin import compare

    from search.analysis import segment

    a_tokens, b_tokens = segment(a or ""), segment(b or "")
    matcher = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            changes.append(("equal", "".join(a_tokens[i1:i2])))
            continue
        if i2 > i1:
            changes.append(("deletion", "".join(a_tokens[i1:i2])))
        if j2 > j1:
            changes.append(("addition", "".join(b_tokens[j1:j2])))
    return compare.TextDiff(changes)


def install():
    from wagtail.admin import compare

    compare.diff_text = thai_diff_text
