"""2023年度创新型产业集群工作总结 (seed 000 附件2), written the way a cluster on the roster writes it.

One complete and correct summary of 十堰商用车及部件创新型产业集群 (roster hubei-2023): 11
sections in order, 二/三/七 over 2000 字, 五 over 1000 字, two 典型案例, an attachment list. Then
one file per planted defect, each differing from the correct one in a single place, and correct
variants that must pass as well: the attachments as scanned certificates only, no text at all.
"""

from __future__ import annotations

from pathlib import Path

from samples.gen._outline_docs import (
    Part,
    Submission,
    change,
    drop,
    generate_all,
    move_after,
    repeat_after,
    same,
)

PACK = "hubei-2023-summary"
CLUSTER = "十堰商用车及部件创新型产业集群"
UNIT = "十堰经开区管委会"

CASES = (
    Part("案例一：东风商用车有限公司带动产业链上下游大中小企业融通发展", 520, seed=101),
    Part("案例二：关键技术突破引领商用车产业创新", 520, seed=102),
)
ATTACHMENTS = (
    "附件1：《十堰市人民政府关于支持商用车及部件产业集群高质量发展的若干意见》（十政发〔2023〕12号）",
    "附件2：《十堰经济技术开发区科技创新专项资金管理办法》（十经开发〔2023〕5号）",
    "附件3：集群省级以上创新平台认定文件汇编",
)

OK = Submission(
    cover=(f"2023年度{CLUSTER}工作总结", f"集群名称：{CLUSTER}", f"依托（建设）单位：{UNIT}"),
    parts=(
        Part("一、集群总体情况", 650, seed=1),
        Part("二、集群企业发展情况", 2150, seed=2),
        Part("三、集群产业发展情况", 2150, seed=3),
        Part("四、集群创新能力情况", 900, seed=4),
        Part("五、集群金融创新发展情况", 1150, seed=5),
        Part("六、集群发展环境", 800, seed=6),
        Part("七、集群发展成效", 2150, seed=7),
        Part("八、主要做法和经验", 700, seed=8),
        Part("九、存在问题与下一步工作考虑", 700, seed=9),
        Part("十、典型案例", children=CASES),
        Part("十一、相关附件", paragraphs=ATTACHMENTS),
    ),
    mode="style",
)

DEFECTS = {
    "missing-section": (drop("五、"), "bold"),
    "short-section": (change("二、", words=1500), "outline"),
    "out-of-order": (move_after("五、", "七、"), "bold"),
    "duplicate": (repeat_after("六、", "七、"), "style"),
    "empty-section": (change("八、", words=0), "outline"),
    "three-cases": (change("十、", children=(*CASES, Part("案例三：集群数字化转型", 480, seed=103))), "style"),
    "instructions-left": (change("一、", paragraphs=("包括2023年度集群发展总体情况，各项指标完成情况等。",)), "bold"),
    "no-attachments": (change("十一、", paragraphs=()), "outline"),
    # 老河口 is on the 2024 list, not on the 2023 evaluation list (000 附件1)
    "not-on-roster": (same, "style", ("2023年度老河口高新区新能源汽车零部件创新型产业集群工作总结",
                                      "集群名称：老河口高新区新能源汽车零部件创新型产业集群",
                                      "依托（建设）单位：老河口高新区管委会")),
    "name-differs": (same, "bold", ("2023年度十堰商用车及部件产业集群工作总结", "集群名称：十堰商用车及部件产业集群",
                                    f"依托（建设）单位：{UNIT}")),
}


# Correct too, written differently: a checker must not fail them.
CLEAN_VARIANTS = {
    "scanned-attachments": (change("十一、", heading="十一、佐证材料", paragraphs=(), pictures=3), "style"),
}


def generate(out: Path) -> list[Path]:
    return generate_all(PACK, OK, DEFECTS | CLEAN_VARIANTS, out)
