"""The sittings' API: plan, open, ask for the floor, the list's version on a move, refusals
with their codes."""

import pytest

from tests.sittings.factories import delegate_user, opened, secretariat, sitting_with_delegates

pytestmark = pytest.mark.django_db


def test_plan_open_ask_give_and_move_through_the_api(client):
    sitting, delegates, chair, _ = sitting_with_delegates()
    client.force_login(secretariat())
    response = client.post(f"/api/sessions/{sitting.session_id}/sittings",
                           {"title": "Afternoon", "date": "2026-06-02",
                            "starts_at": "15:00:00", "ordering": "governing_body"},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["ordering"] == "governing_body"
    client.force_login(chair)
    assert client.post(f"/api/sittings/{sitting.pk}/steps", {"step": "open"},
                       content_type="application/json").json()["state"] == "open"
    client.force_login(delegate_user(delegates["FR"][0]))
    asked = client.post(f"/api/sittings/{sitting.pk}/speakers", {"kind": "speech"},
                        content_type="application/json")
    assert asked.status_code == 201
    assert asked.json()["delegation"] and asked.json()["capacity"] == "delegate"
    client.force_login(chair)
    client.post(f"/api/sittings/{sitting.pk}/speakers",
                {"person": delegates["DE"][0].person_id}, content_type="application/json")
    state = client.get(f"/api/sittings/{sitting.pk}").json()
    second = state["waiting"][1]["id"]
    moved = client.post(f"/api/speakers/{second}/move",
                        {"direction": "up", "version": state["list_version"]},
                        content_type="application/json")
    assert moved.status_code == 200 and moved.json()["waiting"][0]["id"] == second
    stale = client.post(f"/api/speakers/{second}/move",
                        {"direction": "down", "version": state["list_version"]},
                        content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "list_changed"
    given = client.post(f"/api/sittings/{sitting.pk}/floor", {},
                        content_type="application/json").json()
    assert given["speaking"]["id"] == second


def test_a_delegate_may_not_ask_for_someone_else(client):
    sitting, delegates, _, _ = opened()
    client.force_login(delegate_user(delegates["FR"][0]))
    response = client.post(f"/api/sittings/{sitting.pk}/speakers",
                           {"person": delegates["DE"][0].person_id},
                           content_type="application/json")
    assert response.status_code == 403


def test_someone_not_accredited_is_refused_with_the_reason(client):
    sitting, _, chair, _ = opened()
    _other, others, _, _ = sitting_with_delegates(states=("IT",))
    client.force_login(chair)
    response = client.post(f"/api/sittings/{sitting.pk}/speakers",
                           {"person": others["IT"][0].person_id},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "may_not_speak"
    assert "Not accredited" in response.json()["message"]


def test_a_time_of_day_with_an_offset_is_refused_not_a_server_error(client):
    sitting, _, _, _ = sitting_with_delegates()
    client.force_login(secretariat())
    response = client.post(f"/api/sessions/{sitting.session_id}/sittings",
                           {"title": "Night", "date": "2026-06-02", "starts_at": "00:00:00Z"},
                           content_type="application/json")
    assert response.status_code == 422
    assert "without an offset" in response.content.decode()
