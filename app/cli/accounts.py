"""`xiuhua user …` and `xiuhua apikey …`: accounts and API keys from the command line."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from app.cli.app import console, fail
from app.core.clock import now as clock_now
from app.core.db import unit_of_work
from app.core.errors import DomainError, InvalidInput
from app.identity import service as accounts

user_app = typer.Typer(help="用户账号（角色、单位、辖区、责任网格）", no_args_is_help=True)
apikey_app = typer.Typer(help="API 密钥（Open311 前端、视频/物联网接入）", no_args_is_help=True)


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [v.strip() for v in value.split(",") if v.strip()]


@user_app.command("create")
def user_create(
    username: Annotated[str, typer.Option("--username", help="登录名（字母、数字、_.@-）")],
    role: Annotated[str, typer.Option("--role", help="角色：" + "、".join(accounts.ROLE_CODES))],
    unit: Annotated[
        str | None, typer.Option("--unit", help="所属单位编码（处置单位用户必填）")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="姓名")] = None,
    districts: Annotated[
        str | None, typer.Option("--districts", help="辖区区县代码，逗号分隔；不填 = 全市")
    ] = None,
    cells: Annotated[
        str | None, typer.Option("--cells", help="监督员责任网格（15 位），逗号分隔")
    ] = None,
    communities: Annotated[
        str | None, typer.Option("--communities", help="监督员责任社区（12 位），逗号分隔")
    ] = None,
    city_wide: Annotated[
        bool, typer.Option("--city-wide", help="全市范围（受理员、值班长等不指定辖区时必须给出）")
    ] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="从标准输入读取密码（一行）")
    ] = False,
    disabled: Annotated[
        bool, typer.Option("--disabled", help="以停用状态创建（只有停用的账号可以暂不设密码）")
    ] = False,
) -> None:
    """新建用户；密码用 --password-stdin 从标准输入读取（不会出现在命令行历史里）。"""
    try:
        password = _password(password_stdin)
        with unit_of_work() as s:
            user = accounts.create_user(
                s,
                accounts.UserInput(
                    username=username,
                    role=role,
                    display_name=name,
                    password=password,
                    unit_code=unit,
                    districts=_split(districts),
                    cells=_split(cells),
                    communities=_split(communities),
                    active=not disabled,
                    city_wide=city_wide,
                ),
                clock_now(),
            )
            uid = user.id
    except DomainError as exc:
        raise fail(exc) from exc
    hint = "" if password else "（停用，未设置密码：xiuhua user update --password-stdin 后再启用）"
    console.print(f"已创建用户 {username}（id {uid}，角色 {role}）{hint}")


def _password(from_stdin: bool) -> str | None:
    if not from_stdin:
        return None
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InvalidInput("标准输入中没有密码", field="password")
    return password


@user_app.command("update")
def user_update(
    user: Annotated[str, typer.Argument(help="用户 id 或用户名")],
    role: Annotated[str | None, typer.Option("--role", help="新角色")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="所属单位编码")] = None,
    name: Annotated[str | None, typer.Option("--name", help="姓名")] = None,
    districts: Annotated[
        str | None, typer.Option("--districts", help="辖区区县代码，逗号分隔")
    ] = None,
    city_wide: Annotated[
        bool | None, typer.Option("--city-wide/--no-city-wide", help="全市范围")
    ] = None,
    cells: Annotated[str | None, typer.Option("--cells", help="责任网格，逗号分隔")] = None,
    communities: Annotated[
        str | None, typer.Option("--communities", help="责任社区，逗号分隔")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="从标准输入读取新密码（一行）")
    ] = False,
) -> None:
    """修改用户（未给出的选项不变）；改密码、角色或单位会吊销该用户的全部令牌。"""
    try:
        password = _password(password_stdin)
        with unit_of_work() as s:
            found = accounts.find_user(s, user)
            accounts.update_user(
                s,
                found.id,
                accounts.UserInput(
                    username=found.username,
                    role=role or "",
                    display_name=name,
                    password=password,
                    unit_code=unit,
                    districts=_split(districts),
                    cells=_split(cells),
                    communities=_split(communities),
                    city_wide=city_wide,
                ),
                clock_now(),
            )
            label = f"{found.username}（id {found.id}，角色 {found.role}）"
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(f"已修改用户 {label}")


def _set_active(user: str, active: bool) -> None:
    try:
        with unit_of_work() as s:
            found = accounts.find_user(s, user)
            accounts.update_user(
                s,
                found.id,
                accounts.UserInput(username=found.username, role="", active=active),
                clock_now(),
            )
            label = f"{found.username}（id {found.id}）"
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(f"已{'启用' if active else '停用'}用户 {label}")


@user_app.command("enable")
def user_enable(user: Annotated[str, typer.Argument(help="用户 id 或用户名")]) -> None:
    """启用用户（账号须已设置密码）。"""
    _set_active(user, True)


@user_app.command("disable")
def user_disable(user: Annotated[str, typer.Argument(help="用户 id 或用户名")]) -> None:
    """停用用户（吊销其令牌；不能停用最后一个启用的系统管理员）。"""
    _set_active(user, False)


@user_app.command("list")
def user_list(role: Annotated[str | None, typer.Option(help="只列出该角色")] = None) -> None:
    """列出用户。"""
    table = Table("id", "用户名", "姓名", "角色", "单位", "辖区", "状态")
    with unit_of_work() as s:
        for u in accounts.list_users(s, role):
            table.add_row(
                str(u.id),
                u.username,
                u.display_name,
                u.role,
                str(u.unit_id or ""),
                ",".join(u.district_codes) or "全市",
                "启用" if u.active else "停用",
            )
    console.print(table)


@apikey_app.command("create")
def apikey_create(
    name: Annotated[str, typer.Option("--name", help="密钥名称（如接入的前端名）")],
    scope: Annotated[
        list[str] | None, typer.Option("--scope", help="范围：open311、intake（可重复）")
    ] = None,
    rate: Annotated[int | None, typer.Option("--rate", help="每分钟请求上限（默认见配置）")] = None,
) -> None:
    """新建 API 密钥；明文只打印这一次，请妥善保存。"""
    try:
        with unit_of_work() as s:
            key, raw = accounts.create_api_key(s, name, scope or ["open311"], clock_now(), rate)
            summary = f"id {key.id}，范围 {','.join(key.scopes)}，每分钟 {key.rate_per_min} 次"
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(f"已创建 API 密钥“{name}”（{summary}）。明文只显示这一次：", highlight=False)
    print(raw)  # plain stdout, so scripts can capture it


@apikey_app.command("list")
def apikey_list() -> None:
    """列出 API 密钥（不含明文）。"""
    table = Table("id", "名称", "前缀", "范围", "每分钟", "最近使用", "状态")
    with unit_of_work() as s:
        for k in accounts.list_api_keys(s):
            table.add_row(
                str(k.id),
                k.name,
                k.prefix,
                ",".join(k.scopes),
                str(k.rate_per_min),
                k.last_used_at.isoformat(timespec="seconds") if k.last_used_at else "",
                "已吊销" if k.revoked_at else "有效",
            )
    console.print(table)


@apikey_app.command("revoke")
def apikey_revoke(key_id: Annotated[int, typer.Argument(help="密钥 id")]) -> None:
    """吊销 API 密钥。"""
    try:
        with unit_of_work() as s:
            accounts.revoke_api_key(s, key_id, clock_now())
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(f"已吊销 API 密钥 {key_id}")


@user_app.command("unlock")
def user_unlock(
    user: Annotated[str | None, typer.Argument(help="用户名")] = None,
    ip: Annotated[str | None, typer.Option("--ip", help="客户端地址")] = None,
) -> None:
    """解除登录锁定（用户名和/或客户端地址），记入账号事件。"""
    from app.identity import throttle

    try:
        with unit_of_work() as s:
            released = throttle.unlock(s, username=user, ip=ip, actor_id=None, now=clock_now())
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(f"已解除登录锁定：{released} 项正在锁定（失败次数已清零）")


@user_app.command("locks")
def user_locks() -> None:
    """列出当前的登录锁定。"""
    from app.identity import throttle

    table = Table("类型", "用户名/地址", "锁定至", "累计锁定次数")
    with unit_of_work() as s:
        for lock in throttle.list_locks(s, clock_now()):
            table.add_row(
                lock["kind_label"],
                lock["key"],
                lock["locked_until"].isoformat(timespec="seconds"),
                str(lock["lockouts"]),
            )
    console.print(table)
