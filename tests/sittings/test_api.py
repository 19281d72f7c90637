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


def test_edit_decide_vote_note_and_read_the_record_through_the_api(client, run_jobs):
    from tripartite.sittings.models import ItemRecord

    sitting, delegates, _, _ = sitting_with_delegates()
    staff = secretariat()
    client.force_login(staff)
    edited = client.patch(f"/api/sittings/{sitting.pk}",
                          {"spokesperson_limit_seconds": 600, "reply_limit_seconds": 120},
                          content_type="application/json")
    assert edited.status_code == 200
    assert (edited.json()["spokesperson_limit_seconds"], edited.json()["title"]) == (
        600, "First sitting")
    client.post(f"/api/sittings/{sitting.pk}/steps", {"step": "open"},
                content_type="application/json")
    too_late = client.patch(f"/api/sittings/{sitting.pk}", {"title": "Renamed"},
                            content_type="application/json")
    assert too_late.status_code == 409 and too_late.json()["code"] == "wrong_state"
    employer = delegates["DE"][2]
    client.post(f"/api/sittings/{sitting.pk}/speakers",
                {"person": employer.person_id, "on_behalf_of": "group"},
                content_type="application/json")
    state = client.post(f"/api/sittings/{sitting.pk}/floor", {},
                        content_type="application/json").json()
    assert state["speaking_limit_seconds"] == 600  # a group's spokesperson
    noted = client.put(f"/api/sittings/{sitting.pk}/notes",
                       {"speaker": state["speaking"]["id"], "text": "For the Employers."},
                       content_type="application/json")
    assert noted.status_code == 200 and noted.json()["text"] == "For the Employers."
    decided = client.post(f"/api/sittings/{sitting.pk}/decisions",
                          {"outcome": "adopted_as_amended", "text_en": "Adopted as amended.",
                           "text_es": "Adoptado en su forma enmendada."},
                          content_type="application/json")
    assert decided.status_code == 201 and decided.json()["outcome"] == "adopted_as_amended"
    wrong = client.post(f"/api/sittings/{sitting.pk}/decisions",
                        {"outcome": "approved", "text_en": "x"},
                        content_type="application/json")
    assert wrong.status_code == 422
    voted = client.post(f"/api/sittings/{sitting.pk}/votes",
                        {"method": "record", "subject_en": "The amended text"},
                        content_type="application/json")
    assert voted.status_code == 201
    assert ItemRecord.objects.get().vote_id == voted.json()["vote"]
    assert client.get(f"/api/sittings/{sitting.pk}").json()["decisions"][0]["vote"] == \
        voted.json()["vote"]
    [item] = client.get(f"/api/sittings/{sitting.pk}/record").json()
    assert item["speakers"][0]["notes"] == "For the Employers."
    assert item["vote"]["state"] == "Draft" and item["vote"]["outcome"] is None
    job = client.post(f"/api/sittings/{sitting.pk}/record", {"language": "es"},
                      content_type="application/json")
    assert job.status_code == 202 and job.json()["kind"] == "sittings.proceedings"
    assert run_jobs() == 1
    assert client.get(f"/api/jobs/{job.json()['id']}").json()["status"] == "done"
    [row] = client.get(f"/api/sessions/{sitting.session_id}/decisions").json()
    assert row["decisions"][0]["text"] == "Adopted as amended."
    figures = client.get(f"/api/sessions/{sitting.session_id}/speaking-figures").json()
    assert figures["groups"][0]["label"] == "Employers" and figures["women"][0]["speakers"] == 1


def test_a_note_on_a_waiting_request_through_the_api_goes_with_the_speech(client):
    from tests.sittings.factories import opened

    sitting, delegates, chair, secretary = opened()
    client.force_login(secretary)
    asked = client.post(f"/api/sittings/{sitting.pk}/speakers",
                        {"person": delegates["FR"][0].person_id},
                        content_type="application/json").json()
    noted = client.put(f"/api/sittings/{sitting.pk}/notes",
                       {"speaker": asked["id"], "text": "On behalf of GRULAC."},
                       content_type="application/json")
    assert noted.status_code == 200 and noted.json()["text"] == "On behalf of GRULAC."
    client.post(f"/api/sittings/{sitting.pk}/floor", {}, content_type="application/json")
    client.post(f"/api/sittings/{sitting.pk}/floor", {}, content_type="application/json")
    [item] = client.get(f"/api/sittings/{sitting.pk}/record").json()
    assert [s["notes"] for s in item["speakers"]] == ["On behalf of GRULAC."]
