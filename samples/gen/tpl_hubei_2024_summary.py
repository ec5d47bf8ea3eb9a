"""2024年度创新型产业集群总结报告 (seed 001 附件3), written the way a cluster on the roster writes it.

One complete and correct report of 襄阳新能源汽车关键部件创新型产业集群 (roster hubei-2024): 五
parts with 二（一）–（四）, about 3500 字, every provincial-or-higher platform and policy backed by
an attachment (六、相关要求 2). Then one file per planted defect, each differing in a single place.
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

PACK = "hubei-2024-summary"
CLUSTER = "襄阳新能源汽车关键部件创新型产业集群"
UNIT = "襄阳高新区管委会"

PLATFORMS = "集群拥有国家级企业技术中心3家、省级重点实验室5家，研发机构覆盖主导产业关键环节（见附件2）。"
SERVICES = "集群内有国家级科技企业孵化器2家、省级众创空间4家，形成了覆盖企业全生命周期的服务体系（佐证材料见附件3）。"
PLAN = "集群纳入《襄阳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》（襄政发〔2021〕5号）。"
POLICY = "高新区出台《襄阳高新区支持新能源汽车关键部件产业集群发展若干政策》（襄高管发〔2023〕8号），设立专项资金支持集群企业研发创新（见附件1）。"
POLICY_BARE = "高新区出台《襄阳高新区支持新能源汽车关键部件产业集群发展若干政策》，设立专项资金支持集群企业研发创新（见附件1）。"
NEW_TITLES = "2024年集群新增国家级专精特新“小巨人”企业6家，获湖北省科技进步奖一等奖1项。"
EVIDENCE = (
    "附件1：集群纳入地方规划及专项支持政策文件（襄政发〔2021〕5号、襄高管发〔2023〕8号）",
    "附件2：国家级企业技术中心、省级重点实验室认定文件",
    "附件3：国家级科技企业孵化器、省级众创空间认定文件",
)

OK = Submission(
    cover=(f"2024年度{CLUSTER}总结报告", f"集群名称：{CLUSTER}", f"依托单位：{UNIT}"),
    parts=(
        Part("一、集群总体情况", 300, seed=11),
        Part("二、集群发展情况", children=(
            Part("（一）集群产业结构发展情况", 340, seed=12),
            Part("（二）集群创新能力建设情况", 250, paragraphs=(PLATFORMS,), seed=13),
            Part("（三）集群创新服务建设体系", 250, paragraphs=(SERVICES,), seed=14),
            Part("（四）集群发展环境", 200, paragraphs=(PLAN, POLICY), seed=15),
        )),
        Part("三、集群发展成效", 400, seed=16),
        Part("四、存在问题与下一步工作考虑", 300, seed=17),
        Part("五、集群企业典型发展案例", 400, seed=18),
        Part("六、相关佐证材料", paragraphs=EVIDENCE),
    ),
    mode="bold",
)

DEFECTS = {
    "missing-section": (drop("三、"), "style"),
    "missing-subitem": (drop_child("二、", "（三）"), "outline"),
    "out-of-order": (move_after("一、", "三、"), "bold"),
    "duplicate": (repeat_after("三、", "四、", words=120), "style"),
    "empty-section": (change_child("二、", "（四）", words=0, paragraphs=()), "outline"),
    "too-long": (change("三、", words=2200), "bold"),
    "instructions-left": (change("一、", paragraphs=("包括集群总体发展情况、各项主要指标完成情况等。",)), "style"),
    "no-evidence": (drop("六、"), "outline"),
    "unevidenced-claim": (change("三、", paragraphs=(NEW_TITLES,)), "bold"),
    "policy-without-number": (change_child("二、", "（四）", paragraphs=(PLAN, POLICY_BARE)), "style"),
    # the provincial list writes 省级 into the name; applicants drop it
    "name-differs": (same, "outline", ("2024年度宜昌高新区生物医药创新型产业集群总结报告",
                                       "集群名称：宜昌高新区生物医药创新型产业集群", "依托单位：宜昌高新区管委会")),
    "not-on-roster": (same, "style", ("2024年度长沙电力智能控制与设备创新型产业集群总结报告",
                                      "集群名称：长沙电力智能控制与设备创新型产业集群", "依托单位：长沙高新区管委会")),
}


def generate(out: Path) -> list[Path]:
    return generate_all(PACK, OK, DEFECTS, out)
