"""Place names for splitting a cluster name into its place and its industry.

Cluster names are "[place][park][industry][generic words]": 黄冈高新区生物医药省级创新型产业集群. Two
clusters of one roster differ by place (黄冈/宜昌 生物医药) or by industry (黄石高新区 高端工模具/
先进电子元器件), so the matcher scores the two apart, and it must know which characters are a place.
A place it knows (here, or learned from the roster's own names) that differs is a different
cluster; a place it does not know (十堪, 海坊, 萍泽) is more likely a misreading, and is compared
character by character.

The lists hold every province and prefecture-level division, the county-level divisions of Hubei
and Hunan (the rosters this product ships), and the districts, towns and parks the rosters name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


def _names(*lines: str) -> tuple[str, ...]:
    return tuple(w for line in lines for w in line.split())


PROVINCES = _names(
    "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 "
    "重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 台湾 香港 澳门 闽东 青藏高原",
)

CITIES = _names(
    # 河北 山西 内蒙古
    "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 "
    "临汾 吕梁 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安 锡林郭勒 阿拉善 "
    # 辽宁 吉林 黑龙江
    "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 长春 四平 辽源 通化 白山 松原 "
    "白城 延边 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭 "
    # 江苏 浙江 安徽
    "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 "
    "衢州 舟山 台州 丽水 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 "
    # 福建 江西 山东
    "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 "
    "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 "
    # 河南 湖北 湖南
    "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源 "
    "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 天门 神农架 "
    "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西 "
    # 广东 广西 海南
    "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮 "
    "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左 海口 三亚 三沙 儋州 "
    # 四川 贵州 云南 西藏
    "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 "
    "凉山 贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 "
    "红河 文山 西双版纳 大理 德宏 怒江 迪庆 拉萨 日喀则 昌都 林芝 山南 那曲 阿里 "
    # 陕西 甘肃 青海 宁夏 新疆
    "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 "
    "定西 陇南 临夏 甘南 西宁 海东 海北 黄南 果洛 玉树 海西 银川 石嘴山 吴忠 固原 中卫 乌鲁木齐 克拉玛依 "
    "吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 石河子 五家渠",
)

COUNTIES = _names(
    # 湖北: county-level divisions and the districts, towns and parks its rosters name
    "大冶 阳新 丹江口 郧阳 郧西 竹山 竹溪 房县 张湾 茅箭 宜都 当阳 枝江 远安 兴山 秭归 长阳 五峰 夷陵 猇亭 "
    "老河口 枣阳 宜城 南漳 谷城 保康 襄州 樊城 鄂城 梁子湖 葛店 京山 钟祥 沙洋 东宝 掇刀 应城 安陆 汉川 孝昌 "
    "大悟 云梦 孝南 石首 洪湖 松滋 监利 江陵 沙市 麻城 武穴 团风 红安 罗田 英山 浠水 蕲春 黄梅 黄州 赤壁 嘉鱼 "
    "通城 崇阳 通山 咸安 广水 随县 曾都 利川 建始 巴东 宣恩 咸丰 来凤 鹤峰 江岸 江汉 硚口 汉阳 武昌 洪山 "
    "东西湖 汉南 蔡甸 江夏 黄陂 新洲 东湖 光谷 临空港 大冶湖 西塞山 下陆 铁山 黄石港 新港 "
    # 湖南
    "浏阳 宁乡 望城 醴陵 攸县 茶陵 炎陵 湘乡 韶山 耒阳 常宁 衡南 衡东 衡山 祁东 武冈 邵东 新邵 隆回 洞口 "
    "绥宁 新宁 城步 汨罗 临湘 平江 湘阴 华容 云溪 君山 临港 津市 澧县 桃源 汉寿 石门 慈利 桑植 沅江 桃江 安化 "
    "南县 资兴 宜章 汝城 桂阳 嘉禾 临武 永兴 安仁 祁阳 东安 双牌 道县 江永 宁远 蓝山 新田 江华 洪江 沅陵 辰溪 "
    "溆浦 中方 麻阳 新晃 芷江 会同 靖州 冷水江 涟源 双峰 新化 吉首 泸溪 凤凰 花垣 保靖 古丈 永顺 龙山 "
    # districts, towns and parks named by the national roster
    "中关村 海淀 亦庄 丰台 北辰 滨海 泰达 张江 浦东 漕河泾 嘉定 金山 金桥 江宁 宜兴 江阴 武进 昆山 赛岐 火炬 "
    "三灶 翠亨 小榄 仲恺 璧山 榆次 杨凌 西塞山区 咸安区",
)

PARKS = {  # surface -> the kind it is written as in a roster
    "高新技术产业开发区": "高新区", "高新技术开发区": "高新区", "新技术开发区": "高新区", "高新区": "高新区",
    "经济技术开发区": "经开区", "经济开发区": "经开区", "经开区": "经开区", "开发区": "开发区",
    "工业园区": "工业园", "工业园": "工业园", "产业园区": "产业园", "产业园": "产业园", "科技园": "科技园",
    "园区": "园区", "新区": "新区", "示范区": "示范区", "农高区": "农高区",
}
_PARK_MAX = max(map(len, PARKS))
_SUFFIX = {"province": ("省", "市"), "city": ("市",), "county": ("市", "县", "区", "镇")}
_LEAD_COUNTY = re.compile(r"^(.{1,3}?县|.{2,3}?市)")  # 道县, 浏阳市 at the very start of a name
SUBPLACE_GAP = 6  # longest unnamed sub-place before a park word: 李时珍医药(工业园), 大冶湖(高新区)


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical: without 省/市/县/区
    known: bool  # in the lists or the roster's own names; an unknown one may be a misreading
    province: bool = False


@dataclass(frozen=True, slots=True)
class Split:
    places: tuple[Place, ...]
    parks: tuple[str, ...]  # park kinds: 高新区, 经开区, …
    industry: str

    @property
    def place_text(self) -> str:
        return "".join(p.name for p in self.places)


class Gazetteer:
    """Surface forms (黄石, 黄石市, 西塞山区, 道县) -> Place, matched longest first at a position."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        self.surfaces: dict[str, Place] = {}
        for kind, names in (("county", [*COUNTIES, *extra]), ("city", CITIES), ("province", PROVINCES)):
            for name in names:
                base = name[:-1] if len(name) > 2 and name[-1] in "区县" else name
                place = Place(base, True, kind == "province")
                if len(base) >= 2:
                    self.surfaces[base] = place
                for suffix in _SUFFIX[kind]:
                    self.surfaces.setdefault(base + suffix, place)
        self.longest = max(map(len, self.surfaces))

    def at(self, text: str, pos: int) -> tuple[int, Place] | None:
        for n in range(min(self.longest, len(text) - pos), 1, -1):
            hit = self.surfaces.get(text[pos:pos + n])
            if hit:
                return n, hit
        return None

    def knows(self, name: str) -> bool:
        return name in self.surfaces


def park_at(text: str, pos: int) -> tuple[int, str] | None:
    for n in range(min(_PARK_MAX, len(text) - pos), 1, -1):
        kind = PARKS.get(text[pos:pos + n])
        if kind:
            return n, kind
    return None


def split_name(key: str, gaz: Gazetteer) -> Split:
    """Split a normalised, generic-stripped name into leading places, park words and the industry."""
    places: list[Place] = []
    parks: list[str] = []
    pos = 0
    while pos < len(key):
        hit = gaz.at(key, pos)
        if hit:
            places.append(hit[1])
            pos += hit[0]
            continue
        park = park_at(key, pos)
        if park:
            parks.append(park[1])
            pos += park[0]
            continue
        ahead = _subplace(key, pos)
        if ahead:
            places.append(Place(key[pos:ahead], gaz.knows(key[pos:ahead])))
            pos = ahead
            continue
        m = _LEAD_COUNTY.match(key) if pos == 0 else None
        if m:
            places.append(Place(m.group(0)[:-1] if len(m.group(0)) > 2 else m.group(0), False))
            pos = m.end()
            continue
        break
    return Split(tuple(places), tuple(parks), key[pos:])


def _subplace(key: str, pos: int) -> int | None:
    """End of an unnamed sub-place: the characters before a park word a few characters ahead."""
    for end in range(pos + 2, min(len(key), pos + SUBPLACE_GAP + 1)):
        if park_at(key, end):
            return end
    return None


@lru_cache(maxsize=64)
def gazetteer(extra: frozenset[str] = frozenset()) -> Gazetteer:
    return Gazetteer(sorted(extra))
