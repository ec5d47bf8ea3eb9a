"""创新型产业集群发展规划（2021-2023） (seed 002 附件2), written the way a cluster on the roster writes it.

One complete and correct plan of 咸宁智能机电创新型产业集群 (roster torch-2021): 五 parts, 一 with
its seven numbered sub-items and 二 with its three. Then one file per planted defect, each differing
from the correct one in a single place.
"""

from __future__ import annotations

from pathlib import Path

from samples.gen._outline_docs import (
    Part,
    Submission,
    change,
    change_child,
    drop,
    drop_child,
    generate_all,
    move_after,
    repeat_after,
    same,
)

PACK = "torch-2021-plan"
CLUSTER = "咸宁智能机电创新型产业集群"
UNIT = "咸宁高新区管委会"

BASICS = (
    "1.集群现状及主要形成过程", "2.集群发展基础及特色", "3.纳入省级政府或部门产业发展规划情况",
    "4.纳入国家高新区年度工作计划情况", "5.支持集群建设的主要政策措施", "6.支持集群建设的工作推进体系",
    "7.集群公共服务能力状况与创新创业活动情况",
)
CHAINS = (
    "1.集群产业国内外发展概况与趋势",
    "2.集群产业链描述（包括领军企业、核心技术与产品、大中小企业融通发展情况等）",
    "3.集群创新链描述（包括大学与研究机构、产学研合作、公共技术平台、创新创业服务机构等）",
)

OK = Submission(
    cover=(f"{CLUSTER}发展规划（2021-2023）", f"集群名称：{CLUSTER}", f"建设单位：{UNIT}"),
    parts=(
        Part("一、集群基本情况", children=tuple(Part(h, 320, seed=20 + k) for k, h in enumerate(BASICS))),
        Part("二、集群产业链、创新链发展状况", children=tuple(Part(h, 450, seed=30 + k) for k, h in enumerate(CHAINS))),
        Part("三、集群发展面临的问题与对策", 700, seed=41),
        Part("四、集群发展的思路、目标与任务", 900, seed=42),
        Part("五、集群发展规划的推进机制与保障措施", 650, seed=43),
    ),
    mode="outline",
)

DEFECTS = {
    "missing-section": (drop("三、"), "style"),
    "missing-subitem": (drop_child("一、", "4."), "bold"),
    "out-of-order": (move_after("二、", "四、"), "outline"),
    "duplicate": (repeat_after("四、", "五、"), "style"),
    "empty-section": (change("五、", words=0), "bold"),
    "empty-subitem": (change_child("二、", "2.", words=0), "outline"),
    # the OCR'd spelling of the notice's own list (002 附件3: 十堪), left uncorrected by the applicant
    "ocr-name": (same, "style", ("十堪商用车及部件创新型产业集群发展规划（2021-2023）",
                                 "集群名称：十堪商用车及部件创新型产业集群", "建设单位：十堪高新区管委会")),
    "not-on-roster": (same, "bold", ("武汉光谷生物医药产业集群发展规划（2021-2023）",
                                     "集群名称：武汉光谷生物医药产业集群", "建设单位：东湖高新区管委会")),
}


def generate(out: Path) -> list[Path]:
    return generate_all(PACK, OK, DEFECTS, out)
