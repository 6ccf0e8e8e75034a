"""One case per channel, end to end, through a real server and nothing but its HTTP API.

A real uvicorn (2 workers, `bench.api.uvicorn_server`) serves a committed clone of the 张店区
demo city on a free loopback port. The only thing done outside HTTP is the first admin, made
with `xiuhua user create … --password-stdin` as an operator would. From then on every actor is a
user the admin created through `/api/v1/admin/users`, logs in with its password
(`POST /api/v1/auth/token`) and acts with its own bearer token; the Open311 front end uses an
API key the admin created through `/api/v1/admin/api-keys`.

The three channels, each walked round the closed loop (DOMAIN.md §4) by the roles that own each
step:

- 城管通: the inspector reports with two photos in one multipart call (a retry with the same
  `Idempotency-Key` creates nothing) → 立案 → one-click dispatch from the dispatch board →
  the unit bulk-signs → handles with an after-photo → the inspector checks it through the task
  API → the shift leader closes it;
- 12345: the hotline agent files a ticket with an address only (no point); it is geocoded from
  the standard address table → the operator sends it to verify → the patrolling inspector
  verifies it with a photo → 立案 → dispatch → the unit signs, contacts the caller, records the
  result, handles → check → close → the agent reveals the caller (audited) and calls back (满意);
- Open311: a form-encoded POST exactly as FixMyStreet sends it (`.xml` paths, `deviceid`,
  `email`, `attribute[fixmystreet_id]`, `lat`/`long` with `address_id=#NOTPINPOINTED#` and an
  `address_string`) → verify → 立案 → one-click dispatch → sign → handle → check → close;
  `requests/{id}.xml` says closed and `servicerequestupdates.xml` tells the citizen each step.

Then: the final statuses, each case's hash-chained event trail, each unit handler's live stream
(SSE) holding exactly its unit's cases and their events, the 三率 the leader reads; and the
caller's phone number (and name), the citizen's e-mail, name and device id appear in no answer
to a role that may not see them, nor anywhere in the server's own stdout/stderr (uvicorn's access
log included), where the API key and the bearer tokens never appear either.

The walk is a series of steps, one test each, sharing one server (a module fixture) and run in
file order by one xdist worker (one `xdist_group`): each step reports under its own name, and a
step runs only when every step before it passed — otherwise it is skipped, naming the first
earlier step that failed, was skipped or did not run (as when only some steps are selected).
"""

from __future__ import annotations

import functools
import io
import itertools
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from PIL import Image
from sqlalchemy import create_engine

from bench.api import Server, uvicorn_server
from tests.support.databases import admin_engine, create_database, drop_database, url_for
from tests.support.open311 import address_code, fms_xml

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "e2e-Passw0rd-绣花"
JWT_SECRET = "e2e-jwt-secret-" + "k" * 40
PII_KEY = "ZTJlLXBpaS1rZXktbm90LWZvci1wcm9kdWN0aW9uISE="  # 32 bytes, url-safe base64

# The caller of the 12345 ticket and the citizen behind the FixMyStreet report.
CALLER_PHONE = "139 0731 9264"
CALLER_NAME = "欧阳修远"
CITIZEN_EMAIL = "lei.li.e2e@example.org"
CITIZEN_DEVICE = "fms-device-e2e-7f3a"
CITIZEN_NAME = ("Xiaolei", "Lizhangsun")
FMS_ID = "98765"

# Places in the demo city (standard addresses of 北关街道金城路, one community).
INSPECTOR_POINT = (118.04931, 36.71690)  # by 金城路20号, phone GPS (WGS-84)
HOTLINE_ADDRESS = "山东省淄博市张店区北关街道金城路12号"  # a grid_address.full_text
FMS_ADDRESS = "张店区金城路5号"  # FixMyStreet's address_string
FMS_STANDARD = "山东省淄博市张店区北关街道金城路5号"
FMS_POINT = (118.0457, 36.7174)  # the pin, not pinpointed

# What each case's trail (GET /api/v1/cases/{id}/events) must be at the end.
# fmt: off
LOOP = ["file", "dispatch", "sign", "handle", "check_pass", "close"]
VERIFIED = ["report", "send_verify", "verify_exists"]
TRAIL_INSPECTOR = ["report", *LOOP]
TRAIL_OPEN311 = [*VERIFIED, *LOOP]
TRAIL_HOTLINE = [*VERIFIED, "file", "dispatch", "sign", "caller_contacted", "hotline_resolution",
                 "handle", "check_pass", "close", "caller_revealed", "callback"]
# …and what FixMyStreet is told of the Open311 one: (our status, mySociety extended status).
OPEN311_UPDATES = [
    ("reported", "OPEN"), ("verifying", "INVESTIGATING"), ("reported", "OPEN"),
    ("filed", "ACTION_SCHEDULED"), ("dispatched", "IN_PROGRESS"), ("dispatched", "IN_PROGRESS"),
    ("handled", "IN_PROGRESS"), ("to_close", "FIXED"), ("closed", "FIXED"),
]
# fmt: on

_SEP = r"[\s\-.()]*"
PHONE_RE = re.compile(_SEP.join(re.escape(d) for d in re.sub(r"\D", "", CALLER_PHONE)))


# --- the server ---------------------------------------------------------------------------------

# The steps share one server and one database: one xdist worker runs them all, in file order.
pytestmark = pytest.mark.xdist_group("e2e_channels")


@pytest.fixture(scope="module")
def loop_db_url(template_db: str) -> Iterator[str]:
    """A committed clone of the demo template of this module's own, named xh_e2e_*."""
    name = f"xh_e2e_{uuid.uuid4().hex[:10]}"
    admin = admin_engine()
    create_database(admin, name, template_db)
    try:
        yield url_for(name)
    finally:
        drop_database(admin, name)
        admin.dispose()


@dataclass
class Env:
    """The server's environment and where its stdout/stderr go."""

    variables: dict[str, str]
    log: Path


@pytest.fixture(scope="module")
def server_env(loop_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Env:
    tmp_path = tmp_path_factory.mktemp("channels")
    photos = tmp_path / "attachments"
    photos.mkdir()
    return Env(
        {
            "XIUHUA_DATABASE_URL": loop_db_url,
            "XIUHUA_JWT_SECRET": JWT_SECRET,
            "XIUHUA_PII_KEY": PII_KEY,
            "XIUHUA_ATTACHMENT_DIR": str(photos),
            "XIUHUA_SWEEPER_INTERVAL_S": "0",
            "XIUHUA_LOG_JSON": "true",
        },
        tmp_path / "uvicorn.log",
    )


@contextmanager
def running_server(env: Env) -> Iterator[Server]:
    """uvicorn with 2 workers on a free loopback port, logging at INFO with its access log."""
    with uvicorn_server(
        env.variables["XIUHUA_DATABASE_URL"],
        workers=2,
        extra_env=env.variables,
        log_level="info",
        access_log=True,
        log_path=env.log,
    ) as srv:
        yield srv


def create_first_admin(env: Env) -> None:
    """`xiuhua user create --username admin --role admin --password-stdin`, as an operator runs it."""
    exe = Path(sys.executable).with_name("xiuhua")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from app.cli import main; main()"]
    done = subprocess.run(
        [*cmd, "user", "create", "--username", "admin", "--role", "admin", "--password-stdin"],
        input=PASSWORD + "\n",
        env={**os.environ, **env.variables},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert PASSWORD not in done.stdout + done.stderr


# --- actors -------------------------------------------------------------------------------------


@dataclass
class Exchange:
    """One request and its answer, kept for the privacy checks."""

    who: str
    role: str
    method: str
    path: str
    status: int
    body: str


@dataclass
class Journal:
    """Every answer the server gave in this test."""

    exchanges: list[Exchange] = field(default_factory=list)


def jpeg(color: tuple[int, int, int]) -> bytes:
    """A small real JPEG (each color a different photo)."""
    buf = io.BytesIO()
    Image.new("RGB", (48, 32), color).save(buf, "JPEG")
    return buf.getvalue()


class Actor:
    """A user of one role talking to the server with its own bearer token."""

    role = ""

    def __init__(self, http: httpx.Client, journal: Journal, username: str) -> None:
        self.http, self.journal, self.username = http, journal, username
        self.access: str | None = None
        self.refresh_token: str | None = None
        self.user_id: int | None = None

    # plumbing
    def call(self, method: str, path: str, expect: int = 200, **kw: Any) -> httpx.Response:
        headers = dict(kw.pop("headers", {}))
        if self.access:
            headers["Authorization"] = f"Bearer {self.access}"
        r = self.http.request(method, path, headers=headers, **kw)
        self.journal.exchanges.append(
            Exchange(self.username, self.role, method, path, r.status_code, r.text)
        )
        assert r.status_code == expect, (
            f"{self.username}: {method} {path} → {r.status_code} {r.text}"
        )
        return r

    def get(self, path: str, **kw: Any) -> Any:
        return self.call("GET", path, **kw).json()

    def post(self, path: str, expect: int = 200, **kw: Any) -> Any:
        return self.call("POST", path, expect, **kw).json()

    # accounts
    def login(self) -> None:
        token = self.post(
            "/api/v1/auth/token", data={"username": self.username, "password": PASSWORD}
        )
        assert token["token_type"] == "bearer" and token["role"] == self.role, token
        self.access, self.refresh_token = token["access_token"], token["refresh_token"]
        self.user_id = token["user_id"]

    def refresh(self) -> None:
        old = self.access
        token = self.post("/api/v1/auth/refresh", json={"refresh_token": self.refresh_token})
        assert token["user_id"] == self.user_id and token["access_token"] != old
        self.access, self.refresh_token = token["access_token"], token["refresh_token"]

    # cases
    def case(self, case_id: int) -> dict[str, Any]:
        return dict(self.get(f"/api/v1/cases/{case_id}"))

    def events(self, case_id: int) -> list[dict[str, Any]]:
        return list(self.get(f"/api/v1/cases/{case_id}/events"))

    def act(self, case_id: int, action: str, **body: Any) -> dict[str, Any]:
        case = self.post(
            f"/api/v1/cases/{case_id}/actions/{action}",
            json=body,
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        return dict(case)

    def upload(self, photo: bytes, kind: str) -> str:
        files = {"file": ("photo.jpg", photo, "image/jpeg")}
        return str(self.post("/api/v1/attachments", 201, data={"kind": kind}, files=files)["id"])


class Admin(Actor):
    role = "admin"

    def create_user(self, username: str, role: str, **fields: Any) -> dict[str, Any]:
        body = {"username": username, "role": role, "password": PASSWORD, **fields}
        user = self.post("/api/v1/admin/users", 201, json=body)
        assert user["role"] == role and "password" not in json.dumps(user)
        return dict(user)

    def create_api_key(self, name: str) -> str:
        key = self.post("/api/v1/admin/api-keys", 201, json={"name": name, "scopes": ["open311"]})
        assert key["scopes"] == ["open311"]
        return str(key["key"])


class Inspector(Actor):
    role = "inspector"

    def report(self, key: str, photos: list[bytes], **form: str) -> dict[str, Any]:
        files = [("photos", (f"p{i}.jpg", p, "image/jpeg")) for i, p in enumerate(photos)]
        r = self.post(
            "/api/v1/inspector/reports",
            201,
            data=form,
            files=files,
            headers={"Idempotency-Key": key},
        )
        return dict(r)

    def task(self, case_id: int, kind: str) -> dict[str, Any]:
        tasks = {t["id"]: t for t in self.get("/api/v1/inspector/tasks")}
        assert case_id in tasks, f"no task for case {case_id}: {sorted(tasks)}"
        task = tasks[case_id]["task"]
        assert task["kind"] == kind and task["assigned"] is True, task
        return dict(tasks[case_id])

    def answer(self, case_id: int, result: str, photo: bytes, note: str) -> dict[str, Any]:
        r = self.post(
            f"/api/v1/inspector/tasks/{case_id}/result",
            data={"result": result, "note": note},
            files=[("photos", ("site.jpg", photo, "image/jpeg"))],
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        return dict(r)


class Operator(Actor):
    role = "operator"

    def inbox(self) -> dict[int, dict[str, Any]]:
        return {i["id"]: i for i in self.get("/api/v1/centre/inbox")["items"]}


class ShiftLeader(Actor):
    role = "shift_leader"


class Dispatcher(Actor):
    role = "dispatcher"

    def board(self) -> dict[int, dict[str, Any]]:
        return {i["id"]: i for i in self.get("/api/v1/centre/dispatch-board")["items"]}

    def one_click(self, case_id: int) -> dict[str, Any]:
        return dict(self.post(f"/api/v1/centre/dispatch-board/{case_id}/dispatch"))


class UnitHandler(Actor):
    role = "unit_handler"

    def queue(self, **params: str) -> dict[int, dict[str, Any]]:
        return {i["id"]: i for i in self.get("/api/v1/units/queue", params=params)["items"]}

    def bulk_sign(self, case_ids: list[int]) -> dict[str, Any]:
        return dict(self.post("/api/v1/units/queue/sign", json={"case_ids": case_ids}))

    def handle(self, case_id: int, photo: bytes, note: str) -> dict[str, Any]:
        return self.act(case_id, "handle", photos=[self.upload(photo, "after")], note=note)

    def live(self) -> list[tuple[str, dict[str, Any]]]:
        """The SSE stream from the start, until the backlog is read: (id, data) per event."""
        r = self.call("GET", "/api/v1/live/events", params={"from": "start", "until_idle": "true"})
        assert r.headers["content-type"].startswith("text/event-stream")
        frames = []
        for block in r.text.split("\n\n"):
            lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
            if lines.get("event") == "case_event":
                frames.append((lines["id"], json.loads(lines["data"])))
        return frames


class HotlineAgent(Actor):
    role = "hotline_agent"


class Leader(Actor):
    role = "leader"


class FixMyStreet:
    """An Open311 front end: form-encoded POSTs and `.xml` paths only, as FixMyStreet sends them."""

    role = "open311_client"

    def __init__(self, http: httpx.Client, journal: Journal, api_key: str) -> None:
        self.http, self.journal, self.api_key = http, journal, api_key

    def _xml(self, method: str, path: str, expect: int = 200, **kw: Any) -> Any:
        r = self.http.request(method, f"/open311/v2/{path}", **kw)
        self.journal.exchanges.append(
            Exchange("fixmystreet", self.role, method, path, r.status_code, r.text)
        )
        assert r.status_code == expect, f"{method} {path} → {r.status_code} {r.text}"
        assert r.headers["content-type"] == "text/xml; charset=utf-8"
        return fms_xml(r.content)

    def missing(self, path: str) -> None:
        (error,) = self._xml("GET", path, expect=404)["error"]
        assert error["code"] == "404", error

    def post_request(self, form: dict[str, str]) -> dict[str, Any]:
        body = self._xml("POST", "requests.xml", data={"api_key": self.api_key, **form})
        (answer,) = body["request"]
        return dict(answer)

    def request(self, case_no: str) -> dict[str, Any]:
        (req,) = self._xml("GET", f"requests/{case_no}.xml")["request"]
        return dict(req)

    def updates(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        params = {
            "api_key": self.api_key,
            "start_date": start.isoformat(timespec="seconds"),
            "end_date": end.isoformat(timespec="seconds"),
        }
        return list(self._xml("GET", "servicerequestupdates.xml", params=params)["request_update"])


# --- what the steps share -----------------------------------------------------------------------


def actions_of(events: list[dict[str, Any]]) -> list[str]:
    return [e["action"] for e in events]


def assert_chain(events: list[dict[str, Any]]) -> None:
    """The trail is numbered 1…n and each row chains to the previous one's hash."""
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[0]["prev_hash"] == "0" * 64
    for before, after in itertools.pairwise(events):
        assert after["prev_hash"] == before["hash"], (before["action"], after["action"])


class Loop:
    """What the steps share: the server, the people, the three cases and every answer given.

    The attributes below the fixture's own are set by the step named beside them.
    """

    # test_the_server_starts_after_the_first_admin_is_made
    http: httpx.Client
    # test_the_admin_sets_up_the_people_and_the_open311_key
    admin: Admin
    public: Actor
    inspector: Inspector
    operator: Operator
    shift: ShiftLeader
    dispatcher: Dispatcher
    agent: HotlineAgent
    leader: Leader
    fms: FixMyStreet
    community: str
    # the three reports, one per channel
    report: dict[str, Any]
    by_inspector: int
    filed: dict[str, Any]
    by_phone: int
    case_no: str
    by_citizen: int
    # test_the_dispatcher_dispatches_to_the_routed_units
    board: dict[int, dict[str, Any]]
    unit_of: dict[int, int]
    codes: dict[int, str]
    # test_each_unit_signs_its_cases
    handlers: dict[int, UnitHandler]
    cases_of: dict[int, list[int]]
    # test_the_units_handle_with_after_photos
    notes: dict[int, str]
    # test_each_trail_is_chained_and_each_step_done_by_its_role
    trails: dict[int, list[dict[str, Any]]]

    def __init__(self, env: Env, db_url: str) -> None:
        self.env, self.db_url = env, db_url
        self.journal = Journal()
        self.tz = ZoneInfo("Asia/Shanghai")
        self.started = datetime.now(self.tz) - timedelta(minutes=1)
        self.stack = ExitStack()  # the server and the HTTP client, closed by the last step
        self.actors: list[Actor] = []

    def user(self, cls: type[Actor], username: str) -> Any:
        return cls(self.http, self.journal, username)

    @property
    def cases(self) -> tuple[int, int, int]:
        """The three cases: by the inspector, by phone (12345), by the citizen (Open311)."""
        return (self.by_inspector, self.by_phone, self.by_citizen)


@pytest.fixture(scope="module")
def loop(server_env: Env, loop_db_url: str) -> Iterator[Loop]:
    shared = Loop(server_env, loop_db_url)
    with shared.stack:  # stops the server if the last step did not
        yield shared


# Each step runs only when every step before it (in file order) passed; the record is here.
_STEPS: list[str] = []  # the steps, in file order
_OUTCOME: dict[str, str] = {}  # step → "passed" | "failed" | "was skipped"


def step(fn: Callable[..., None]) -> Callable[..., None]:
    """Make `fn` the next step: skipped unless every earlier step passed; its outcome recorded."""
    name, earlier = fn.__name__, list(_STEPS)
    _STEPS.append(name)

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        for before in earlier:
            outcome = _OUTCOME.get(before, "did not run")
            if outcome != "passed":
                _OUTCOME[name] = "was skipped"
                pytest.skip(f"the earlier step {before} {outcome}")
        try:
            fn(*args, **kwargs)
        except pytest.skip.Exception:
            _OUTCOME[name] = "was skipped"
            raise
        except BaseException:
            _OUTCOME[name] = "failed"
            raise
        _OUTCOME[name] = "passed"

    return run


# --- the steps ----------------------------------------------------------------------------------


@step
def test_the_server_starts_after_the_first_admin_is_made(loop: Loop) -> None:
    create_first_admin(loop.env)
    server = loop.stack.enter_context(running_server(loop.env))
    loop.http = loop.stack.enter_context(httpx.Client(base_url=server.base_url, timeout=60))


@step
def test_the_admin_sets_up_the_people_and_the_open311_key(loop: Loop) -> None:
    admin = loop.user(Admin, "admin")
    admin.login()
    public = Actor(loop.http, loop.journal, "anonymous")
    spot = public.get(
        "/api/v1/locate", params={"lon": INSPECTOR_POINT[0], "lat": INSPECTOR_POINT[1]}
    )
    assert spot["district_name"] == "张店区", spot
    community = spot["community_code"]
    district = [spot["district_code"]]
    admin.create_user(
        "inspector.wang",
        "inspector",
        display_name="王监督",
        districts=district,
        communities=[community],
    )
    admin.create_user("operator.li", "operator", display_name="李受理", districts=district)
    admin.create_user("shift.zhao", "shift_leader", display_name="赵值班", districts=district)
    admin.create_user("dispatcher.qian", "dispatcher", display_name="钱派遣", districts=district)
    admin.create_user("agent.sun", "hotline_agent", display_name="孙坐席", districts=district)
    admin.create_user("director.zhou", "leader", display_name="周主任", districts=district)
    loop.fms = FixMyStreet(loop.http, loop.journal, admin.create_api_key("fixmystreet"))

    inspector = loop.user(Inspector, "inspector.wang")
    operator = loop.user(Operator, "operator.li")
    shift = loop.user(ShiftLeader, "shift.zhao")
    dispatcher = loop.user(Dispatcher, "dispatcher.qian")
    agent = loop.user(HotlineAgent, "agent.sun")
    leader = loop.user(Leader, "director.zhou")
    loop.actors = [admin, inspector, operator, shift, dispatcher, agent, leader]
    for who in loop.actors[1:]:
        who.login()
    me = inspector.get("/api/v1/auth/me")
    assert me["areas"] == {"cell": [], "community": [community]}
    loop.admin, loop.public, loop.community = admin, public, community
    loop.inspector, loop.operator, loop.shift = inspector, operator, shift
    loop.dispatcher, loop.agent, loop.leader = dispatcher, agent, leader


@step
def test_the_inspector_reports_with_two_photos(loop: Loop) -> None:
    """城管通: a report with two photos, retried with the same key."""
    form = {
        "category": "event:07001",
        "lon": str(INSPECTOR_POINT[0]),
        "lat": str(INSPECTOR_POINT[1]),
        "crs": "wgs84",
        "description": "电线杆上贴满非法小广告",
    }
    photos = [jpeg((200, 60, 40)), jpeg((40, 90, 200))]
    report = loop.inspector.report("phone-report-1", photos, **form)
    retry = loop.inspector.report("phone-report-1", photos, **form)  # the answer was lost
    assert retry == report
    assert report["status"] == "reported" and len(report["photos"]) == 2
    assert report["community_code"] == loop.community and report["outside_patrol_area"] is False
    loop.report, loop.by_inspector = report, report["id"]


@step
def test_the_hotline_files_an_address_only_ticket(loop: Loop) -> None:
    """12345: an address only, geocoded from the standard address table."""
    agent = loop.agent
    pick = agent.get("/api/v1/hotline/geocode", params={"q": HOTLINE_ADDRESS})
    assert pick["candidates"][0]["full_text"] == HOTLINE_ADDRESS
    assert pick["auto_pick"] == pick["candidates"][0]["address_id"]
    filed = agent.post(
        "/api/v1/hotline/tickets",
        201,
        json={
            "ticket_no": "12345-20261121-0001",
            "caller_name": CALLER_NAME,
            "caller_phone": CALLER_PHONE,
            "content": "小区门口每天早上有人摆摊卖菜，堵住了人行道",
            "category": "event:09006",
            "urgency": "general",
            "address_text": HOTLINE_ADDRESS,
        },
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    ticket = filed["ticket"]
    assert ticket["location_source"] == "geocoded" and ticket["no_location"] is False
    assert ticket["caller"]["phone"] == "139****9264"
    assert filed["case"]["source"] == "hotline" and filed["case"]["point"] is not None
    assert ticket["address_id"] == pick["auto_pick"]
    loop.filed, loop.by_phone = filed, filed["case"]["id"]


@step
def test_fixmystreet_posts_a_form_encoded_request(loop: Loop) -> None:
    """Open311: what FixMyStreet posts."""
    answer = loop.fms.post_request(
        {
            "jurisdiction_id": "zibo",
            "service_code": "event:06010",
            "lat": str(FMS_POINT[1]),
            "long": str(FMS_POINT[0]),
            "address_id": "#NOTPINPOINTED#",
            "address_string": FMS_ADDRESS,
            "deviceid": CITIZEN_DEVICE,
            "email": CITIZEN_EMAIL,
            "first_name": CITIZEN_NAME[0],
            "last_name": CITIZEN_NAME[1],
            "attribute[fixmystreet_id]": FMS_ID,
            "description": "路边垃圾堆了好几天没人清理",
            "media_url": "",
        }
    )
    case_no = answer["service_request_id"]
    assert case_no in answer["service_notice"]
    public_view = loop.fms.request(case_no)
    assert public_view["status"] == "open" and public_view["address"] == FMS_STANDARD
    loop.case_no = case_no


@step
def test_the_operator_sends_the_citizens_reports_to_verify(loop: Loop) -> None:
    """受理台: the operator sees all three and sends the citizens' reports to verify."""
    inbox = loop.operator.inbox()
    by_citizen = next(i for i, item in inbox.items() if item["case_no"] == loop.case_no)
    assert set(inbox) == {loop.by_inspector, loop.by_phone, by_citizen}  # the retry made none
    assert inbox[loop.by_phone]["source"] == "hotline"
    assert inbox[by_citizen]["source"] == "open311"
    loop.by_citizen = by_citizen
    for case_id in (loop.by_phone, by_citizen):
        sent = loop.operator.act(case_id, "send_verify")
        assert sent["status"] == "verifying"
        assert sent["task_inspector_id"] == loop.inspector.user_id


@step
def test_the_inspector_verifies_on_site(loop: Loop) -> None:
    """核实: the patrolling inspector goes and looks."""
    for n, case_id in enumerate((loop.by_phone, loop.by_citizen)):
        loop.inspector.task(case_id, "verify")
        done = loop.inspector.answer(case_id, "exists", jpeg((90, 160 + n, 90)), "现场属实")
        assert done["action"] == "verify_exists" and done["status"] == "reported"


@step
def test_the_shift_leader_files_all_three(loop: Loop) -> None:
    """立案."""
    for case_id in loop.cases:
        assert loop.shift.act(case_id, "file")["status"] == "filed"


@step
def test_the_dispatcher_dispatches_to_the_routed_units(loop: Loop) -> None:
    """派遣台: the dispatcher (after refreshing its token) dispatches."""
    dispatcher = loop.dispatcher
    dispatcher.refresh()
    board = dispatcher.board()
    assert set(board) == set(loop.cases)
    unit_of: dict[int, int] = {}
    codes: dict[int, str] = {}
    for case_id in loop.cases:
        suggested = board[case_id]["suggested"]
        case = dispatcher.case(case_id)
        route = loop.public.get(
            "/api/v1/route",
            params={
                "lon": case["point"]["lon"],
                "lat": case["point"]["lat"],
                "category": f"{case['category']['kind']}:{case['category']['code']}",
            },
        )
        assert route["unit"]["id"] == suggested["unit"]["id"], (route, suggested)
        unit_of[case_id] = suggested["unit"]["id"]
        codes[suggested["unit"]["id"]] = route["unit"]["code"]
    loop.board, loop.unit_of, loop.codes = board, unit_of, codes
    by_inspector, by_phone, by_citizen = loop.cases
    assert dispatcher.one_click(by_inspector)["assigned_unit_id"] == unit_of[by_inspector]
    assert dispatcher.one_click(by_citizen)["assigned_unit_id"] == unit_of[by_citizen]
    sent = dispatcher.act(by_phone, "dispatch", unit_id=unit_of[by_phone], note="请速处理")
    assert sent["status"] == "dispatched" and sent["assigned_unit_id"] == unit_of[by_phone]


@step
def test_each_unit_signs_its_cases(loop: Loop) -> None:
    """The units: one handler per routed unit, made by the admin; 批量签收 and per-case 签收."""
    handlers: dict[int, UnitHandler] = {}
    for unit_id, code in sorted(loop.codes.items()):
        username = f"handler.{code.lower()}"
        loop.admin.create_user(username, "unit_handler", unit=code, display_name=f"{code} 处置员")
        handlers[unit_id] = loop.user(UnitHandler, username)
        handlers[unit_id].login()
        loop.actors.append(handlers[unit_id])
    cases_of = {
        unit_id: sorted(c for c, u in loop.unit_of.items() if u == unit_id) for unit_id in handlers
    }
    loop.handlers, loop.cases_of = handlers, cases_of
    bulk_signed = 0
    for n, (unit_id, handler) in enumerate(sorted(handlers.items())):
        queue = handler.queue()
        assert sorted(queue) == cases_of[unit_id]
        assert all(
            not item["signed"] and "sign" in item["allowed_actions"] for item in queue.values()
        )
        if n == 0:  # 批量签收 for the first unit, the per-case action for the others
            signed = handler.bulk_sign(cases_of[unit_id])
            assert signed["ok"] == len(cases_of[unit_id]) and signed["failed"] == 0
            bulk_signed += signed["ok"]
        else:
            for case_id in cases_of[unit_id]:
                assert handler.act(case_id, "sign")["signed"] is True
        queue = handler.queue()
        assert all(
            item["signed"] and "handle" in item["allowed_actions"] for item in queue.values()
        )
    assert bulk_signed >= 1


@step
def test_the_hotline_unit_contacts_the_caller(loop: Loop) -> None:
    """The hotline case's unit reads the ticket, calls the caller, records the result."""
    by_phone = loop.by_phone
    phone_unit = loop.handlers[loop.unit_of[by_phone]]
    seen = phone_unit.get(f"/api/v1/hotline/tickets/{by_phone}")
    assert seen["ticket"]["caller"]["phone"] == "139****9264"
    contacted = phone_unit.post(
        f"/api/v1/hotline/tickets/{by_phone}/contact", json={"note": "已电话联系诉求人"}
    )
    assert contacted["contacted_in_time"] is True
    resolved = phone_unit.post(
        f"/api/v1/hotline/tickets/{by_phone}/resolution",
        json={"resolved": True, "note": "摊贩已劝离"},
    )
    assert resolved["resolved"] is True


@step
def test_the_units_handle_with_after_photos(loop: Loop) -> None:
    """处置反馈 with after-photos."""
    loop.notes = {
        loop.by_inspector: "小广告已清除",
        loop.by_phone: "摊贩已劝离，人行道已清理",
        loop.by_citizen: "垃圾已清运",
    }
    for n, case_id in enumerate(loop.cases):
        handled = loop.handlers[loop.unit_of[case_id]].handle(
            case_id, jpeg((30, 30, 30 + n)), loop.notes[case_id]
        )
        assert handled["status"] == "handled"
        assert any(p["kind"] == "after" for p in handled["photos"])
    for unit_id, handler in loop.handlers.items():
        assert handler.queue() == {}
        assert sorted(handler.queue(status="handled")) == loop.cases_of[unit_id]


@step
def test_the_inspector_checks_through_the_task_api(loop: Loop) -> None:
    """核查."""
    for n, case_id in enumerate(loop.cases):
        loop.inspector.task(case_id, "check")
        done = loop.inspector.answer(case_id, "pass", jpeg((10, 200, 10 + n)), "已处理到位")
        assert done["action"] == "check_pass" and done["status"] == "to_close"


@step
def test_the_shift_leader_closes_all_three(loop: Loop) -> None:
    """结案."""
    for case_id in loop.cases:
        assert loop.shift.act(case_id, "close")["status"] == "closed"


@step
def test_the_hotline_desk_reveals_the_caller_and_calls_back(loop: Loop) -> None:
    """回访: the desk looks up the caller's number (audited) and calls back."""
    agent, by_phone = loop.agent, loop.by_phone
    revealed = agent.call(
        "POST", f"/api/v1/hotline/tickets/{by_phone}/caller", json={"reason": "回访诉求人"}
    )
    assert revealed.headers["cache-control"] == "no-store"
    assert PHONE_RE.search(revealed.text) and CALLER_NAME in revealed.text  # the control
    evaluated = agent.act(by_phone, "callback", satisfaction="satisfied")
    assert evaluated["status"] == "evaluated"


@step
def test_what_everyone_sees_at_the_end(loop: Loop) -> None:
    assert loop.shift.case(loop.by_inspector)["status"] == "closed"
    assert loop.shift.case(loop.by_citizen)["status"] == "closed"
    assert loop.agent.case(loop.by_phone)["status"] == "evaluated"
    ticket = loop.agent.get(f"/api/v1/hotline/tickets/{loop.by_phone}")["ticket"]
    assert ticket["satisfaction"] == "satisfied"


@step
def test_each_trail_is_chained_and_each_step_done_by_its_role(loop: Loop) -> None:
    """The audit trail of each case: its actions, its hash chain, who did each step."""
    by_inspector, by_phone, by_citizen = loop.cases
    loop.public.call("GET", f"/api/v1/cases/{by_phone}/events", expect=401)  # no token, no trail
    trails = {case_id: loop.leader.events(case_id) for case_id in loop.unit_of}
    loop.trails = trails
    assert actions_of(trails[by_inspector]) == TRAIL_INSPECTOR
    assert actions_of(trails[by_citizen]) == TRAIL_OPEN311
    assert actions_of(trails[by_phone]) == TRAIL_HOTLINE
    reporter = {by_inspector: loop.inspector, by_phone: loop.agent, by_citizen: None}  # system
    for case_id, trail in trails.items():
        assert_chain(trail)
        handler = loop.handlers[loop.unit_of[case_id]]
        who_did = {
            "report": reporter[case_id],
            "send_verify": loop.operator,
            "verify_exists": loop.inspector,
            "file": loop.shift,
            "dispatch": loop.dispatcher,
            "sign": handler,
            "caller_contacted": handler,
            "hotline_resolution": handler,
            "handle": handler,
            "check_pass": loop.inspector,
            "close": loop.shift,
            "caller_revealed": loop.agent,
            "callback": loop.agent,
        }
        for e in trail:
            actor = who_did[e["action"]]
            assert e["actor_id"] == (actor.user_id if actor else None), e
            assert e["actor_role"] == (actor.role if actor else "system"), e
        handled = next(e for e in trail if e["action"] == "handle")
        assert handled["actor_unit_id"] == loop.unit_of[case_id] and handled["photos"]


@step
def test_fixmystreet_sees_the_request_closed_and_each_update(loop: Loop) -> None:
    """Open311: the citizen's view."""
    fms, case_no = loop.fms, loop.case_no
    public_view = fms.request(case_no)
    assert public_view["status"] == "closed"
    engine = create_engine(loop.db_url)
    try:
        with engine.connect() as db:
            assert public_view["address_id"] == address_code(db, FMS_STANDARD)
    finally:
        engine.dispose()
    unit_name = loop.board[loop.by_citizen]["suggested"]["unit"]["name"]
    assert public_view["agency_responsible"] == unit_name
    feed = fms.updates(loop.started, datetime.now(loop.tz) + timedelta(minutes=1))
    mine = [u for u in feed if u["service_request_id"] == case_no]
    assert [(u["external_status_code"], u["status"]) for u in mine] == OPEN311_UPDATES
    assert unit_name in mine[4]["description"]
    assert loop.notes[loop.by_citizen] in mine[6]["description"]
    inspector_case_no = loop.report["case_no"]
    assert any(u["service_request_id"] == inspector_case_no for u in feed)
    hotline_case_no = loop.filed["case"]["case_no"]
    assert all(u["service_request_id"] != hotline_case_no for u in feed)  # stays internal
    fms.missing(f"requests/{hotline_case_no}.xml")


@step
def test_each_unit_live_stream_holds_its_cases_in_commit_order(loop: Loop) -> None:
    """Each unit's live stream: exactly its cases, every event in commit order."""
    for unit_id, handler in loop.handlers.items():
        frames = handler.live()
        positions = [tuple(int(x) for x in pos.split("-")) for pos, _ in frames]
        assert positions == sorted(positions) and len(set(positions)) == len(positions)
        streamed: dict[int, list[str]] = {}
        for _, data in frames:
            streamed.setdefault(data["case_id"], []).append(data["action"])
        assert sorted(streamed) == loop.cases_of[unit_id]
        for case_id in loop.cases_of[unit_id]:
            assert streamed[case_id] == actions_of(loop.trails[case_id])


@step
def test_the_leader_reads_the_hotline_rates(loop: Loop) -> None:
    """The 三率 the leader reads."""
    today = datetime.now(loop.tz).date()  # the ticket was filed today or (near midnight) before
    period = {"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()}
    rates = loop.leader.get("/api/v1/hotline/rates", params=period)
    (phone_rates,) = [u for u in rates["units"] if u["unit_id"] == loop.unit_of[loop.by_phone]]
    assert phone_rates["counts"]["tickets"] == 1
    assert phone_rates["rates"] == {
        "response_rate": 1.0,
        "resolution_rate": 1.0,
        "satisfaction_rate": 1.0,
        "composite": 1.0,
    }


@step
def test_no_answer_shows_personal_data_to_a_role_that_may_not_see_it(loop: Loop) -> None:
    exchanges = loop.journal.exchanges
    assert exchanges
    for ex in exchanges:
        where = f"{ex.who} ({ex.role}) {ex.method} {ex.path}"
        for secret in (CITIZEN_EMAIL, CITIZEN_DEVICE, *CITIZEN_NAME):  # never read back
            assert secret not in ex.body, (secret, where)
        if ex.path.endswith(f"/hotline/tickets/{loop.by_phone}/caller"):
            continue  # the audited reveal to the hotline desk: the one answer that has them
        assert not PHONE_RE.search(ex.body), where
        assert CALLER_NAME not in ex.body, where


@step
def test_the_server_output_holds_no_personal_data_nor_secrets(loop: Loop) -> None:
    loop.stack.close()  # the server stops: every worker's output is in the file
    server_out = loop.env.log.read_text(encoding="utf-8", errors="replace")
    assert "GET /api/v1/cases/" in server_out  # the access log is on: the check means something
    assert not PHONE_RE.search(server_out)
    for secret in (CALLER_NAME, CITIZEN_EMAIL, CITIZEN_DEVICE, *CITIZEN_NAME, PASSWORD):
        assert secret not in server_out, secret
    # FixMyStreet polls the updates with ?api_key=… in the query string: logged, key masked
    prefix = loop.fms.api_key.split("_")[1]
    assert f"servicerequestupdates.xml?api_key=xh_{prefix}_****&" in server_out
    tokens = [t for a in loop.actors for t in (a.access, a.refresh_token) if t]
    for secret in (loop.fms.api_key, *tokens):
        assert secret not in server_out
