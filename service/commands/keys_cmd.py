"""`clustercheck keys create|list|revoke` — API keys, managed on the server's own database."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("keys", help="管理 API 密钥", description="管理 API 密钥（存于数据库，只保存哈希）。")
    actions = p.add_subparsers(dest="keys_action", metavar="ACTION", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="数据目录（默认 ./data，或 CLUSTERCHECK_DATA_DIR）")
    c = actions.add_parser("create", help="新建密钥（只显示这一次）", parents=[common])
    c.add_argument("--role", required=True, choices=["reviewer", "portal", "admin"],
                   help="reviewer 查看与网页；portal 提交并查看自己的；admin 另可管理密钥")
    c.add_argument("--name", default="", help="备注名称，如报送平台名")
    actions.add_parser("list", help="列出密钥", parents=[common])
    r = actions.add_parser("revoke", help="吊销密钥", parents=[common])
    r.add_argument("id", type=int, help="密钥编号（keys list 中的 id）")
    return p


def run(args: argparse.Namespace) -> int:
    from service.auth import create_key, list_keys, revoke_key
    from service.runtime import Runtime
    from service.settings import get_settings

    settings = get_settings(**({"data_dir": args.data_dir} if args.data_dir else {}))
    rt = Runtime.open(settings, migrate=True)
    try:
        with rt.sessions.begin() as s:
            if args.keys_action == "create":
                row, key = create_key(s, args.role, args.name)
                print(key)
                print(f"已创建 {row.role} 密钥 #{row.id}{'（' + row.name + '）' if row.name else ''}；"
                      "密钥只显示这一次，请妥善保存。", file=sys.stderr)
                print(f"回调签名密钥 (callback secret): {row.callback_secret}", file=sys.stderr)
            elif args.keys_action == "list":
                for k in list_keys(s):
                    state = f"已吊销 {k.revoked_at:%Y-%m-%d}" if k.revoked_at else "有效"
                    print(f"{k.id}\t{k.role}\t{k.prefix}…\t{k.name}\t{k.created_at:%Y-%m-%d %H:%M}\t{state}")
            else:
                row = revoke_key(s, args.id)
                if row is None:
                    print(f"没有编号为 {args.id} 的密钥", file=sys.stderr)
                    return 1
                print(f"已吊销密钥 #{row.id}（{row.role}）", file=sys.stderr)
    finally:
        rt.close()
    return 0
