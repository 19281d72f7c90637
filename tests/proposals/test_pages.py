"""The pages: drafting with what is missing shown field by field, another unit refused, the
pipeline (its query count does not grow with the proposals), the steps through to approval."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import state, user_with_role
from tests.proposals.factories import START, make_proposal, to_officers
from tripartite.accounts.models import Role
from tripartite.proposals import selectors, services
from tripartite.proposals.models import MeetingProposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_officer():
    return user_with_role(Role.UNIT_OFFICER, unit="SECTOR")


@pytest.fixture
def secretariat():
    return user_with_role(Role.SECRETARIAT)


def management(prefix="financing", total=3):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "3", f"{prefix}-MAX_NUM_FORMS": "3"}


def test_a_draft_with_a_title_only_is_saved_and_the_form_lists_what_is_missing(client,
                                                                             unit_officer):
    client.force_login(unit_officer)
    response = client.post(reverse("proposals:create"), {
        "title_en": "Seminar on skills", "time_zone": "Europe/Zurich", "tripartite": "unknown",
        **management()})
    proposal = MeetingProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:edit", kwargs={"pk": proposal.pk})
    assert proposal.unit == "SECTOR"
    page = client.get(response["Location"]).content.decode()
    assert "Missing: type of meeting." in page
    assert "Missing: purpose." in page
    assert "Missing: title." not in page
    assert 'id="field-type"' in page and 'class="field missing" id="field-type"' in page
    assert 'class="field" id="field-title_en"' in page
    assert 'class="field missing" id="field-concept_note"' in page
    assert "Missing: at least one source of financing." in page
    response = client.post(reverse("proposals:submit", kwargs={"pk": proposal.pk}))
    assert response["Location"] == reverse("proposals:edit", kwargs={"pk": proposal.pk})
    proposal.refresh_from_db()
    assert proposal.state == "draft"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"start": "2027-05-10", "end": "2027-05-09"}, "end",
     "The meeting cannot end before it starts."),
    ({"financing-0-source": "other", "financing-0-amount": "-5",
      "financing-0-currency": "USD"}, "amount", "Ensure this value is greater than or equal "
                                                "to 0."),
    ({"financing-0-source": "other", "financing-0-amount": "5",
      "financing-0-currency": "ECU"}, "currency",
     "Unknown currency: ECU. Use an ISO 4217 code such as USD, EUR or CHF."),
    ({"country": "999999"}, "country",
     "Select a valid choice. That choice is not one of the available choices."),
])
def test_bad_input_is_refused_with_a_message(client, unit_officer, data, field, message):
    client.force_login(unit_officer)
    response = client.post(reverse("proposals:create"), {
        "title_en": "Seminar", "time_zone": "Europe/Zurich", **management(), **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert MeetingProposal.objects.count() == 0


def test_someone_from_another_unit_cannot_open_or_edit(client, unit_officer):
    proposal = make_proposal(unit_officer)
    client.force_login(user_with_role(Role.UNIT_OFFICER, unit="ILO Dakar"))
    assert client.get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).status_code == 403
    edit = reverse("proposals:edit", kwargs={"pk": proposal.pk})
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title_en": "Taken over", **management()}).status_code == 403
    assert client.post(reverse("proposals:submit", kwargs={"pk": proposal.pk})
                       ).status_code == 403
    proposal.refresh_from_db()
    assert (proposal.title_en, proposal.state) == ("Workshop on minimum wages in West Africa",
                                                   "draft")
    pipeline = client.get(reverse("proposals:pipeline")).content.decode()
    assert "Workshop on minimum wages" not in pipeline


def test_the_owner_edits_the_financing_lines(client, unit_officer):
    proposal = make_proposal(unit_officer)
    client.force_login(unit_officer)
    edit = reverse("proposals:edit", kwargs={"pk": proposal.pk})
    form = client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(country=state("SN").pk, coverage=[state("SN").pk],
                languages="fr, en", interpretation="", tripartite="true",
                seen_updated_at=proposal.updated_at.isoformat(), **management(),
                **{"financing-0-source": "extra_budgetary", "financing-0-amount": "5000",
                   "financing-0-currency": "chf", "financing-0-donor": "Switzerland"})
    data.pop("concept_note", None)
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    assert [(f.source, f.currency, f.donor) for f in proposal.financing.all()] == [
        ("extra_budgetary", "CHF", "Switzerland")]


def test_the_pipeline_query_count_does_not_grow(client, secretariat, unit_officer,
                                                django_assert_max_num_queries):
    client.force_login(secretariat)
    make_proposal(unit_officer)
    with django_assert_max_num_queries(14) as one:
        client.get(reverse("proposals:pipeline"))
    for n in range(5):
        make_proposal(unit_officer, title_en=f"Workshop {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("proposals:pipeline"))
    assert len(response.context["rows"]) == 6


def test_pipeline_filters_and_counts_by_state(client, secretariat, unit_officer):
    first = make_proposal(unit_officer)
    make_proposal(user_with_role(Role.UNIT_OFFICER, unit="ILO Dakar"), title_en="Dakar forum")
    services.proposal_submit(proposal=first, actor=unit_officer)
    client.force_login(secretariat)
    response = client.get(reverse("proposals:pipeline") + "?state=submitted")
    assert [row.proposal for row in response.context["rows"]] == [first]
    counts = {value: count for value, _label, count in response.context["states"]}
    assert (counts["draft"], counts["submitted"]) == (1, 1)
    response = client.get(reverse("proposals:pipeline") + "?unit=ILO+Dakar")
    assert [str(row.proposal) for row in response.context["rows"]] == ["Dakar forum"]


def test_the_secretariat_walks_a_proposal_to_approval_through_the_pages(client, secretariat,
                                                                        unit_officer):
    proposal = make_proposal(unit_officer)
    services.proposal_submit(proposal=proposal, actor=unit_officer,
                             today=START - dt.timedelta(weeks=12))
    client.force_login(secretariat)
    move = reverse("proposals:move", kwargs={"pk": proposal.pk})
    client.post(move, {"to_state": "under_review"})
    response = client.post(move, {"to_state": "returned"})
    proposal.refresh_from_db()
    assert proposal.state == "under_review"  # returning needs a comment
    client.post(move, {"to_state": "in_consultation"})
    employers = user_with_role(Role.GROUP_SECRETARIAT, group="employers")
    client.force_login(employers)
    detail = client.get(reverse("proposals:detail", kwargs={"pk": proposal.pk}))
    group = detail.context["opinion_form"]["group"]  # theirs, not asked
    assert group.is_hidden and group.value() == "employers"
    client.post(reverse("proposals:opinion", kwargs={"pk": proposal.pk}), {
        "group": "employers", "opinion": "agrees", "consulted_on": selectors.today()})
    client.force_login(secretariat)
    client.post(reverse("proposals:opinion", kwargs={"pk": proposal.pk}), {
        "group": "workers", "opinion": "agrees_with_comments", "comments": "Invite ITUC-Africa.",
        "consulted_on": selectors.today()})
    pipeline = client.get(reverse("proposals:pipeline"))
    assert pipeline.context["ready"] == [proposal]
    response = client.post(reverse("proposals:batch_send"), {
        "reference": "Officers 2026/11", "proposals": [proposal.pk]})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "with_officers"
    client.post(reverse("proposals:decision", kwargs={"pk": proposal.pk}), {
        "decision": "approved", "decided_on": selectors.today(), "reference": "OB/12"})
    proposal.refresh_from_db()
    assert proposal.state == "approved"
    page = client.get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content.decode()
    assert reverse("meetings:session_detail", kwargs={"pk": proposal.session_id}) in page


def test_a_refused_step_shows_why(client, secretariat, unit_officer):
    proposal = make_proposal(unit_officer)
    client.force_login(secretariat)
    response = client.post(reverse("proposals:decision", kwargs={"pk": proposal.pk}), {
        "decision": "approved", "decided_on": selectors.today()}, follow=True)
    assert ("Only a proposal with the Officers can be decided; this one is “Draft”."
            in response.content.decode())


def test_an_approved_proposal_is_in_the_calendar(client, secretariat, unit_officer):
    proposal = make_proposal(unit_officer)
    to_officers(proposal, secretariat)
    services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                             decided_on=selectors.today())
    client.force_login(unit_officer)
    response = client.get(reverse("meetings:calendar") + "?year=2027&month=9")
    assert "Workshop on minimum wages in West Africa" in response.content.decode()
