"""The case read names its units and people, labels its codes and describes each allowed action."""

from __future__ import annotations

from app.cases import workflow as wf
from app.cases.forms import action_form
from tests.support.api import DISPATCHER, Api, handler, who


def test_case_read_has_unit_names_labels_and_action_forms(api: Api, units: dict[str, int]) -> None:
    zq = units["370303-ZQ"]
    case = api.dispatched(zq)
    assert case["assigned_unit_name"] == "张店区站前广场管理办公室"
    assert case["routed_unit_name"] and case["routed_by_label"]
    assert case["source_label"] == wf.Source.inspector.label == "监督员上报"
    assert case["severity_label"] in (None, "紧急", "严重", "一般", "轻微")
    assert case["reporter_name"] and case["dispatching_unit_name"] is None

    unit = handler(zq)
    view = api.get(case, unit)
    assert view["allowed_actions"] == [f["action"] for f in view["action_forms"]]
    forms = {f["action"]: f for f in view["action_forms"]}
    assert forms["sign"]["label"] == "签收"
    ext = api.act(case, "sign", unit)
    forms = {f["action"]: f for f in api.get(ext, unit)["action_forms"]}
    handle = forms["handle"]
    assert handle["label"] == "处置反馈"
    photos = next(f for f in handle["fields"] if f["kind"] == "photos")
    assert photos["required"] and photos["name"] == "photos" and photos["photo_kind"] == "after"
    extend = forms["extend_request"]
    assert sorted((f["kind"], f["required"]) for f in extend["fields"]) == [
        ("hours", True),
        ("reason", True),
    ]
    assert all(f["label"] for form in forms.values() for f in form["fields"])

    # an extension request: the pending request by its label
    api.act(case, "extend_request", unit, hours=24, note="材料未到")
    view = api.get(case, DISPATCHER)
    assert view["pending"] == "extend" and view["pending_label"] == "延期"
    approve = {f["action"]: f for f in view["action_forms"]}["extend_approve"]
    assert approve["label"] == "批准延期" and "hours" in [f["name"] for f in approve["fields"]]


def test_dispatch_form_and_callback_choices(api: Api) -> None:
    case = api.filed()
    forms = {f["action"]: f for f in api.get(case, DISPATCHER)["action_forms"]}
    dispatch = forms["dispatch"]
    assert dispatch["label"] == "派遣"
    unit = next(f for f in dispatch["fields"] if f["name"] == "unit_id")
    assert unit["kind"] == "unit" and unit["label"] == "承办单位" and unit["required"]
    note = next(f for f in dispatch["fields"] if f["name"] == "note")
    assert note["kind"] == "note" and not note["required"]
    reject = api.get(api.report(), who("operator", 201))
    rf = {f["action"]: f for f in reject["action_forms"]}
    if "reject" in rf:
        assert rf["reject"]["fields"][0] == {
            "name": "note",
            "kind": "reason",
            "label": "理由/说明",
            "required": True,
            "photo_kind": None,
            "options": None,
        }
    callback = action_form("callback")
    assert callback["label"] == "回访"
    answer = next(f for f in callback["fields"] if f["name"] == "satisfaction")
    assert [o["label"] for o in answer["options"]] == ["满意", "基本满意", "不满意"]
