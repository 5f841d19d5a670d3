"""The part of a Chinese business name that people remember and search by.

A registered enterprise name is built as 行政区划 + 字号 + 行业 + 组织形式 (企业名称登记管理规定): staff look up
"大同市平城区龙城汽车销售服务有限公司" by typing 龙城. `trade_part` drops the leading division names, so that a
prefix index on what is left answers such searches as it answers searches by the whole name.

Pure: the caller passes the division names to drop (full names such as 大同市, and the short forms worth
dropping such as 山西 or 大同) as `Divisions`.
"""

from __future__ import annotations

_SEPARATORS = " \u3000·-()（）"
_KEEP = 2  # never leave less than this: a division name followed by one character is itself a name


class Divisions:
    """The division names to drop, with their lengths (longest first), so that a name is tried only
    against the lengths some division has."""

    def __init__(self, names):
        self.names = frozenset(n for n in names if len(n) >= 2)
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)

    @classmethod
    def from_regions(cls, rows) -> Divisions:
        """From (name, short name, level) rows of the division table: every full name, and the short name
        of the province and its cities (山西, 大同, level 1 and 2) — names use those bare, while a county's
        short name (小店, 城区) is too often an ordinary word."""
        names = set()
        for name, short, level in rows:
            names.add(name)
            if short and level <= 2:
                names.add(short)
        return cls(names)

    def __bool__(self) -> bool:
        return bool(self.names)


def trade_part(name: str, divisions: Divisions) -> str:
    """`name` without its leading division names, the longest first and one after the other, or "" when it
    starts with none (the whole name already starts where a user would start typing)."""
    text = name.strip()
    dropped = False
    names, lengths = divisions.names, divisions.lengths
    while True:
        for size in lengths:
            if len(text) - size >= _KEEP and text[:size] in names:
                text = text[size:].lstrip(_SEPARATORS)
                dropped = True
                break
        else:
            return text if dropped else ""
