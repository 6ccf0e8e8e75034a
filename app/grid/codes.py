"""Grid codes (GB/T 30428 编码): the length of each level's code and the 未定位 placeholders.

District 6 digits (区县), street 9 (街道), community 12 (社区), cell 15 (单元网格); each code starts
with its parent's. A case without a location counts in its district under codes padded with
zeros ("未定位": `370303` → street `370303000`, community `370303000000`, cell
`370303000000000`).
"""

from __future__ import annotations

from typing import Final

CODE_LENGTH: Final = {"district": 6, "street": 9, "community": 12, "cell": 15}


def is_code(level: str, code: str) -> bool:
    """Return whether `code` has the form of a code of `level` (digits, the level's length)."""
    return len(code) == CODE_LENGTH[level] and code.isdigit()


def code_regex(level: str) -> str:
    """Return the regular expression of a level's code: its length in digits (SQL checks, queries)."""
    return rf"^\d{{{CODE_LENGTH[level]}}}$"


def unlocated(level: str, district_code: str) -> str:
    """Return the 未定位 placeholder code of `level` in a district (the district code zero-padded)."""
    return district_code.ljust(CODE_LENGTH[level], "0")


def unlocated_sql(level: str, district_expr: str) -> str:
    """Render `unlocated` as SQL over a district-code expression."""
    pad = "0" * (CODE_LENGTH[level] - CODE_LENGTH["district"])
    return f"{district_expr} || '{pad}'"
