"""The edge types every request uses: what the database can store, checked at the edge.

Edge types (one place for what the database can store): `CleanStr` refuses text PostgreSQL
cannot hold (NUL, lone surrogates) with a 422 naming the field; `BigId`/`IntId` bound ids to
the range of bigint/integer columns, `PgInt` any other integer stored in an integer column.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from annotated_types import Ge, Gt, Le
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

BIGINT_MAX = 2**63 - 1
INT_MAX = 2**31 - 1

_NOT_STORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(value: str) -> bool:
    """Whether `value` holds NUL or a lone surrogate (PostgreSQL cannot store them)."""
    return _NOT_STORABLE.search(value) is not None


def storable_text(value: str) -> str:
    """Return `value` unless it holds NUL or a lone surrogate (refused: 422 naming the field)."""
    if unstorable(value):
        raise PydanticCustomError(
            "text_not_storable", "文本含有无法保存的字符（NUL 或不成对的代理字符）"
        )
    return value


CleanStr = Annotated[str, AfterValidator(storable_text)]
BigId = Annotated[int, Ge(1), Le(BIGINT_MAX)]
IntId = Annotated[int, Ge(1), Le(INT_MAX)]
PgInt = Annotated[int, Ge(-INT_MAX - 1), Le(INT_MAX)]
# Stage limits and extension hours are numeric(10, 2) columns.
NUMERIC_10_2_MAX = Decimal("99999999.99")
Numeric10_2 = Annotated[Decimal, Ge(-NUMERIC_10_2_MAX), Le(NUMERIC_10_2_MAX)]
LimitValue = Annotated[Decimal, Gt(0), Le(NUMERIC_10_2_MAX)]
