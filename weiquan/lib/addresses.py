"""Resolving a free-text Chinese address to a county-level division code.

One Aho-Corasick pass finds every province, city and county name in the address (full names, and short
names where they are unambiguous enough), including abolished names, which stand for the division that
took them over. The county whose ancestors are also named wins; a tie between counties in different
places is reported as candidates, never settled by a guess.

Pure: the caller supplies the divisions (`Division` rows) and keeps the built `AddressResolver`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import ahocorasick

from .quick_unicode import Translation, nfkc

PROVINCE, CITY, COUNTY = 1, 2, 3

# Suffixes stripped to get a short name, longest first.
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_CITY_SUFFIXES = ("自治州", "地区", "盟", "市")
_COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "新区", "区", "县", "市", "旗")
# A short name followed by one of these is a street, a building or a town, not a division (长治路, 大同街,
# 古县岳阳镇) — unless another division's name starts there (朔州山阴).
_NOT_A_DIVISION_AFTER = set("路街道巷弄里村桥站庄湖园山河大镇乡")
# Scores closer than this are a tie: being today's name does not settle a rivalry with a name abolished
# recently (大同市矿区, 2018, is still written), but it does with one abolished long ago.
_TIE = 0.25
_STILL_WRITTEN_YEARS = 10
# Traditional forms seen in addresses typed on Hong Kong/Taiwan keyboards (place names and address words);
# only characters whose simplified form is unambiguous.
_TRADITIONAL = Translation(
    "區縣鎮鄉號樓門廣東陽陰龍華壽萬豐臺灣雲興濟寧遼蘇遠衛邊順鄭貴開關齊長晉澤臨絳榮聞堯離嵐鳳義黨壺岡渾靈"
    "運鹽靜馬呂魯應懷權遙婁煩嶺陸層棟場園單屬業務電話樣貨藥賣買飯館廳間橋灣莊嶽島"
    "勝蘭鄂雞漢羅鐵錦陝甯黃銅濱鋼嶺貝",
    "区县镇乡号楼门广东阳阴龙华寿万丰台湾云兴济宁辽苏远卫边顺郑贵开关齐长晋泽临绛荣闻尧离岚凤义党壶冈浑灵"
    "运盐静马吕鲁应怀权遥娄烦岭陆层栋场园单属业务电话样货药卖买饭馆厅间桥湾庄岳岛"
    "胜兰鄂鸡汉罗铁锦陕宁黄铜滨钢岭贝")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: int
    parent: str | None
    current: str  # today's code (itself when still in use)
    is_current: bool = True
    short_name: str = ""
    valid_to: int | None = None  # last year in use, for an abolished code


@dataclass
class Resolution:
    code: str = ""  # county code (or city code when only the city is known); "" when unresolved
    level: int = 0
    candidates: list[str] = field(default_factory=list)  # when ambiguous: today's codes of the rivals
    matched: list[str] = field(default_factory=list)  # names found, for the clerk to check

    @property
    def resolved(self) -> bool:
        return bool(self.code)


def normalise(address: str) -> str:
    text = _TRADITIONAL(nfkc(address or ""))
    return _SPACES.sub("", text)


def _short(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


class _Hit(NamedTuple):  # a tuple: an address gives half a dozen, and a frozen dataclass is slow to build
    start: int
    end: int
    code: str
    level: int
    full: bool


def _longest_first(span: tuple[int, int]) -> tuple[int, int]:
    return span[0] - span[1], span[0]


class AddressResolver:
    def __init__(self, divisions: Iterable[Division]):
        self.divisions: dict[str, Division] = {}
        self._ancestry: dict[str, tuple[str | None, str | None]] = {}
        names: dict[str, list[tuple[str, int, bool]]] = {}
        for d in divisions:
            self.divisions[d.code] = d
            names.setdefault(d.name, []).append((d.code, d.level, True))
        self._same_place_as_namesake()
        years = [d.valid_to for d in self.divisions.values() if d.valid_to]
        self._long_ago = (max(years) - _STILL_WRITTEN_YEARS) if years else 0
        self._current_names = {d.name for d in self.divisions.values() if d.is_current}
        short_owners: dict[str, set[str]] = {}
        for d in self.divisions.values():
            suffixes = {PROVINCE: _PROVINCE_SUFFIXES, CITY: _CITY_SUFFIXES, COUNTY: _COUNTY_SUFFIXES}[d.level]
            short = d.short_name if d.short_name and d.short_name != d.name else _short(d.name, suffixes)
            if short and len(short) >= 2 and short not in names:
                short_owners.setdefault(short, set()).add(d.code)
        for short, codes in short_owners.items():
            for code in codes:
                d = self.divisions[code]
                names.setdefault(short, []).append((code, d.level, False))
        self._automaton = ahocorasick.Automaton()
        for key, entries in names.items():
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._automaton.make_automaton()

    def _city_today(self, d: Division) -> str | None:
        parent = self.divisions.get(d.parent or "")
        if parent is None or parent.level != CITY:
            return None
        return parent.current

    def _same_place_as_namesake(self) -> None:
        """An abolished county named like a current county of the same city (today) is that county under an
        older code (a prefecture became a city and recoded its counties), whatever its recorded successor."""
        current = {(d.name, self._city_today(d)): d.code for d in self.divisions.values()
                   if d.level == COUNTY and d.is_current}
        for d in list(self.divisions.values()):
            if d.level != COUNTY or d.is_current:
                continue
            namesake = current.get((d.name, self._city_today(d)))
            if namesake and namesake != d.current and self._city_today(d) is not None:
                self.divisions[d.code] = replace(d, current=namesake)

    def _ancestors(self, code: str) -> tuple[str | None, str | None]:
        """(city, province) codes of a division, today's codes."""
        found = self._ancestry.get(code)
        if found is None:
            found = self._ancestry[code] = self._find_ancestors(code)
        return found

    def _find_ancestors(self, code: str) -> tuple[str | None, str | None]:
        d = self.divisions.get(code)
        city = province = None
        hops = 0
        while d is not None and d.parent and hops < 4:
            parent = self.divisions.get(d.parent)
            if parent is None:
                break
            if parent.level == CITY:
                city = parent.code
            elif parent.level == PROVINCE:
                province = parent.code
            d, hops = parent, hops + 1
        return city, province

    def _hits(self, text: str) -> list[_Hit]:
        found = list(self._automaton.iter(text))
        starts = {end_index - length + 1 for end_index, (length, _entries) in found}
        size = len(text)
        raw = []
        higher = set()  # spans read as a province or a city
        for end_index, (length, entries) in found:
            start, end = end_index - length + 1, end_index + 1
            # a short name followed by 路, 街, 镇…: a street or a town, unless another name starts there
            street = end < size and text[end] in _NOT_A_DIVISION_AFTER and end not in starts
            for code, level, full in entries:
                if not full and street:
                    continue
                raw.append(_Hit(start, end, code, level, full))
                if level < COUNTY:
                    higher.add((start, end))
        # The same short name as a city and as a county ("大同": the city, and the abolished 大同县):
        # read it as the higher level.
        if higher:
            raw = [h for h in raw if h.full or h.level < COUNTY or (h.start, h.end) not in higher]
        # Where names overlap, the longer wins (平城区 over 城区; 大同市 over 同市), and of two as long, the one
        # read first (阳泉市郊区: 阳泉市 + 郊区, not 市郊区).
        spans = sorted({(h.start, h.end) for h in raw}, key=_longest_first)
        taken: set[tuple[int, int]] = set()
        for start, end in spans:
            if not any(start < e and s < end for s, e in taken):
                taken.add((start, end))
        if len(taken) == len(spans):
            return raw
        return [h for h in raw if (h.start, h.end) in taken]

    def resolve(self, address: str, *, normalised: bool = False) -> Resolution:
        """The division an address names; `normalised`: the address went through `normalise` already."""
        text = address if normalised else normalise(address)
        hits = self._hits(text)
        if not hits:
            return Resolution()
        # codes named, at every level, including the ancestors' and successors' codes
        named = {h.code for h in hits} | {self.divisions[h.code].current for h in hits}
        named_cities = {c for c in named if self.divisions.get(c) and self.divisions[c].level == CITY}
        named_provinces = {c for c in named if self.divisions.get(c) and self.divisions[c].level == PROVINCE}
        matched = sorted({text[h.start:h.end] for h in hits}, key=text.find)

        # A name that is a city's and also a county's ("运城市": the city, and the county-level city that became
        # 盐湖区) reads as the city unless the county's own city is named elsewhere ("运城地区运城市").
        city_spans = {(h.start, h.end) for h in hits if h.level < COUNTY and self.divisions[h.code].is_current}
        cities_elsewhere: dict[tuple[int, int], set[str]] = {}
        for span in {(h.start, h.end) for h in hits if h.level == COUNTY}:
            cities_elsewhere[span] = {c for h in hits if (h.start, h.end) != span and h.level == CITY
                                      for c in (h.code, self.divisions[h.code].current)}

        best: dict[str, float] = {}
        for hit in hits:
            if hit.level != COUNTY:
                continue
            division = self.divisions[hit.code]
            city, province = self._ancestors(hit.code)
            current_city, current_province = self._ancestors(division.current)
            # a short name alone ("小店" in "门口小店") is weak evidence: it needs its city or province
            shared = (hit.start, hit.end) in city_spans
            score = (3.5 if hit.full and not shared else 2.0) + (0.2 if division.is_current else 0.0)
            if division.valid_to and division.valid_to < self._long_ago and division.name in self._current_names:
                score -= 0.5  # a name out of use for long: today's namesake elsewhere is meant
            if shared:
                if city in cities_elsewhere[(hit.start, hit.end)]:
                    score += 2
            elif (city in named_cities) or (current_city in named_cities):
                score += 2
            elif cities_elsewhere[(hit.start, hit.end)] and (city or current_city):
                score -= 2  # another city is named: this county is probably a street name
            if (province in named_provinces) or (current_province in named_provinces):
                score += 1
            elif named_provinces:
                score -= 1
            key = division.current
            best[key] = max(best.get(key, float("-inf")), score)
        if best:
            top = max(best.values())
            winners = sorted(code for code, score in best.items() if score > top - _TIE)
            if top >= 3 and len(winners) == 1:
                return Resolution(winners[0], COUNTY, [], matched)
            if len(winners) > 1 or not named_cities:
                return Resolution("", 0, winners, matched)
        cities = sorted({self.divisions[c].current for c in named_cities})
        if len(cities) == 1:
            return Resolution(cities[0], CITY, [], matched)
        if len(cities) > 1:
            return Resolution("", 0, cities, matched)
        return Resolution("", 0, [], matched)


# Development zones: the kind of zone, and the ways people write it.
_ZONE_KINDS = (
    ("经济技术开发区", ("经济技术开发区", "经济开发区", "经开区", "开发区")),
    ("高新技术产业开发区", ("高新技术产业开发区", "高新技术开发区", "高新区")),
    ("综合改革示范区", ("综合改革示范区", "综改示范区", "综改区")),
)
# Kinds a province has only one of: the kind alone names the zone ("综改区").
_ONE_PER_PROVINCE = {"综合改革示范区"}


def zone_aliases(name: str) -> list[str]:
    """The names under which a development zone appears in addresses, its full name first."""
    out = [name]
    for kind, aliases in _ZONE_KINDS:
        if not name.endswith(kind):
            continue
        place = name[: -len(kind)]
        for alias in aliases:
            out += [place + alias, place + "市" + alias]
            if kind in _ONE_PER_PROVINCE:
                out.append(alias)
    return list(dict.fromkeys(a for a in out if a))


class ZoneNames:
    """The names of development zones in addresses: (alias, zone code, organisation code, zone's county)
    entries, longest alias first, and one automaton over the aliases, so that the zones an address names
    are found in one pass rather than by a substring test per alias."""

    def __init__(self, entries: Iterable[tuple[str, str, str, str]]):
        self.entries = sorted(entries, key=lambda entry: -len(entry[0]))
        positions: dict[str, list[int]] = {}
        for i, (alias, *_rest) in enumerate(self.entries):
            positions.setdefault(alias, []).append(i)
        self._automaton = ahocorasick.Automaton()
        for alias, found_at in positions.items():
            self._automaton.add_word(alias, tuple(found_at))
        if positions:
            self._automaton.make_automaton()

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def named_in(self, text: str) -> list[tuple[str, str, str, str]]:
        """The entries whose alias `text` (normalised) contains, in the order of `entries`."""
        if not self.entries:
            return []
        return [self.entries[i] for i in sorted({i for _end, found_at in self._automaton.iter(text) for i in found_at})]
