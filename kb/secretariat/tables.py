"""Tables: rebuilding rows from the page's one-cell-per-line tables (every cell a
line ending in " |", row boundaries lost) by choosing the column count that makes
the columns most homogeneous, and reading Markdown-style rows that keep theirs.
"""

from __future__ import annotations

import math
import re
from typing import Any

from kb.thai.digits import to_arabic_digits


def _cell_kind_num(cell: str) -> bool:
    return bool(re.fullmatch(r"[0-9๐-๙][0-9๐-๙.,/%\-–: ]*", cell))


def _eta_squared(columns: list[list[float]]) -> float | None:
    """Share of the variance explained by the column (one-way ANOVA eta²), adjusted
    for the number of columns (so many columns over few rows are not rewarded)."""
    values = [v for col in columns for v in col]
    n, k = len(values), len([c for c in columns if c])
    if n <= k or k < 1:
        return None
    mean = sum(values) / n
    total = sum((v - mean) ** 2 for v in values)
    if total == 0:
        return None
    between = sum(len(col) * ((sum(col) / len(col)) - mean) ** 2 for col in columns if col)
    eta = between / total
    return 1 - (1 - eta) * (n - 1) / (n - k)


def _chunk(cells: list[str], ncols: int) -> list[list[str]]:
    rows = [cells[i : i + ncols] for i in range(0, len(cells), ncols)]
    if rows and len(rows[-1]) < ncols:
        rows[-1] = rows[-1] + [""] * (ncols - len(rows[-1]))
    return rows


def _header_like(row: list[str]) -> bool:
    return all(c and len(c) <= 80 and not _cell_kind_num(c) for c in row)


def _score_columns(cells: list[str], ncols: int) -> float:
    rows = _chunk(cells, ncols)
    header = _header_like(rows[0])
    if not header and any(len(c) > 100 for c in rows[0]):
        # A first row holding prose cannot be the header row; such a split is only
        # plausible for header-less tables, which are rare on these pages.
        penalty = 0.5
    else:
        penalty = 0.0
    body = rows[1:] if header else rows
    if not body:
        return -1.0
    length_cols: list[list[float]] = [[] for _ in range(ncols)]
    num_cols: list[list[float]] = [[] for _ in range(ncols)]
    for row in body:
        for j, cell in enumerate(row):
            if cell:  # empty cells are wildcards (section rows, blank cells)
                length_cols[j].append(math.log1p(len(cell)))
                num_cols[j].append(1.0 if _cell_kind_num(cell) else 0.0)
    scores = [s for s in (_eta_squared(length_cols), _eta_squared(num_cols)) if s is not None]
    score = sum(scores) / len(scores) if scores else 0.0
    # Numbering in the first column (1, 2, 3 … or paragraph numbers 3, 6, 11 …).
    first = [to_arabic_digits(r[0]) for r in body if r[0]]
    nums = [int(c) for c in first if c.isdigit()]
    if len(nums) >= 2 and len(nums) >= 0.6 * len(first) and all(a < b for a, b in zip(nums, nums[1:])):
        score += 0.3
    if len(cells) % ncols:
        score -= 0.3
    return score - penalty


def infer_columns(cells: list[str]) -> int:
    """Number of columns of a one-cell-per-line table.

    THE ROW RULE.  The page flattens every <td>/<th> to its own line ending in " |"
    (an empty cell is a bare "|"), so row boundaries are lost.  They are rebuilt by
    choosing the column count c (2 ≤ c ≤ 12, at least one body row) that makes the
    columns most homogeneous:

    * the first c cells must look like a header row (short, non-numeric, non-empty);
      a split whose first row holds prose (>100 chars) is penalised;
    * over the body rows, cells of the same column must resemble each other: the
      adjusted eta² of log(cell length) and of "is a number" by column (empty cells
      are wildcards, so section rows like "ปฏิญญาสิงคโปร์ … | |" do not break it);
    * bonus when the first column is an increasing sequence of numbers (row
      numbers / paragraph numbers such as 3, 6, 11, 14 …);
    * a count that does not divide the number of cells is penalised (last row padded);
    * near ties (within 0.05) go to the smaller c — multiples of the true c
      (two real rows read as one) fit almost as well but are never better.

    Seed 002: table 1 has 22 cells -> 2 columns × 11 rows (header ย่อหน้า |
    รายละเอียดที่ปรับแก้ไข); table 2 has 12 cells -> 2 columns × 6 rows.
    """
    n = len(cells)
    if n < 4:
        return max(n, 1)
    scored = [(c, _score_columns(cells, c)) for c in range(2, min(12, n // 2) + 1)]
    best = max(s for _, s in scored)
    return min(c for c, s in scored if s >= best - 0.05)


def build_table(lines: list[str], caption: str) -> dict[str, Any]:
    """lines: the raw table lines (each ending in "|")."""
    # Markdown-ish rows ("a | b |", "---|---|") carry their own row boundaries.
    if any(re.search(r"\S\s*\|\s*\S", ln[:-1]) for ln in lines) or any(
        re.fullmatch(r"[-:| ]*-{3,}[-:| ]*", ln) for ln in lines
    ):
        rows: list[list[str]] = []
        header = False
        for ln in lines:
            if re.fullmatch(r"[-:| ]*-{3,}[-:| ]*", ln):
                header = header or len(rows) == 1
                continue
            rows.append([c.strip() for c in ln.rstrip("|").split("|")])
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
        return {"caption": caption, "rows": rows, "header": header}
    cells = [ln[:-1].strip() for ln in lines]
    ncols = infer_columns(cells)
    rows = _chunk(cells, ncols)
    header = len(rows) > 1 and _header_like(rows[0])
    return {"caption": caption, "rows": rows, "header": header}
