"""The kind of decision chosen when a vote is prepared sets its majority and, where the Standing
Orders require it, a record vote; the result and the results sheet cite the provision of that
decision only (CON-5, CON-8, CON-9, ILC-1)."""

import pytest
from django.urls import reverse

from tests.membership.factories import CommitteeFactory
from tests.votes.factories import delegate_user, plenary, secretariat
from tripartite.common.services import ServiceError
from tripartite.rules.voting import TWO_THIRDS_DECISIONS
from tripartite.votes import services
from tripartite.votes.models import DecisionKind, Vote
from tripartite.votes.pdf import sheet_data

pytestmark = pytest.mark.django_db

# Each kind: the majority it gets, the article a result cites, and whether a record vote.
KINDS = {
    "adopt_convention_or_recommendation": ("two_thirds", "Constitution art. 19(2)", True),
    "refuse_credentials": ("two_thirds", "Constitution art. 3(9)", False),
    "restore_vote_in_arrears": ("two_thirds", "Constitution art. 13(4)", False),
    "admission_of_member": ("admission_of_member", "Constitution art. 1(4)", False),
    "adopt_constitutional_amendment": ("two_thirds", "Constitution art. 36", True),
    "abrogate_convention": ("two_thirds", "Constitution art. 19(9)", True),
    "keep_item_objected_to": ("two_thirds", "Constitution art. 16(2)", False),
    "new_agenda_item": ("two_thirds", "Constitution art. 16(3)", False),
    "move_seat": ("two_thirds", "Constitution art. 6", False),
    "financial_arrangements": ("two_thirds", "Constitution art. 13(2)(c)", False),
}


def test_the_choices_are_the_rules_kinds_of_decision():
    assert set(DecisionKind.values) == {*KINDS, "other"}


def prepare(item, **kwargs):
    values = {"actor": secretariat(), "session": item.session, "agenda_item": item,
              "subject_en": "A decision", "method": "record"}
    return services.vote_create(**{**values, **kwargs})


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_of_decision_sets_its_majority(kind):
    item, _ = plenary(("FR",))
    majority, _, _ = KINDS[kind]
    created = prepare(item, decision=kind)
    assert (created.decision, created.majority) == (kind, majority)
    with pytest.raises(ServiceError) as error:
        prepare(item, decision=kind, majority="simple")
    assert (error.value.field, error.value.code) == ("majority", "decision_requirement")
    assert Vote.objects.count() == 1


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_of_decision_is_a_record_vote_where_the_standing_orders_say_so(kind):
    item, _ = plenary(("FR",))
    _, _, record = KINDS[kind]
    if record:
        with pytest.raises(ServiceError) as error:
            prepare(item, decision=kind, method="show_of_hands")
        assert error.value.field == "method"
        assert "record vote" in error.value.message
    else:
        assert prepare(item, decision=kind, method="show_of_hands").method == "show_of_hands"


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_of_decision_is_taken_by_the_conference(kind):
    item, _ = plenary(("FR",))
    committee = CommitteeFactory(session=item.session)
    with pytest.raises(ServiceError) as error:
        prepare(item, decision=kind, body="committee", committee=committee)
    assert error.value.field == "body"
    with pytest.raises(ServiceError):
        prepare(item, decision=kind, body="governing_body")


@pytest.mark.parametrize("kind", [k for k, (m, _, _) in KINDS.items() if m == "two_thirds"])
def test_the_result_cites_the_article_of_its_decision_and_no_other(kind):
    item, delegates = plenary(("FR", "DE"))
    staff = secretariat()
    _, article, _ = KINDS[kind]
    created = services.vote_open(actor=staff, vote=prepare(item, decision=kind))
    for iso2, choice in (("FR", "yes"), ("DE", "yes")):
        for nomination in delegates[iso2]:
            services.ballot_cast(actor=delegate_user(nomination), vote=created, choice=choice)
    result = services.vote_close(actor=staff, vote=created)
    provisions = " ".join(entry["provision"] for entry in result.explanation)
    assert f"{article}; ILC Standing Orders (2008) art. 21" in provisions
    others = [p for k, p in TWO_THIRDS_DECISIONS.items() if k != kind]
    assert [p for p in others if p in provisions] == []
    assert "Constitution arts" not in provisions
    sheet = sheet_data(created, language="fr")
    assert sheet["figures"][0][0] == "Decision / Décision / Decisión"
    # In French, as the sheet is: "article 19, paragraphe 2, de la Constitution".
    in_french = "article " + article.removeprefix("Constitution art. ").split("(")[0]
    assert in_french in sheet["figures"][0][1]
    assert all(in_french in line or article in line or "quorum" in line.lower()
               for line in sheet["explanation"]), sheet["explanation"]


def test_another_decision_keeps_the_majority_chosen_and_cites_the_general_rule():
    item, delegates = plenary(("FR",))
    staff = secretariat()
    simple = prepare(item, method="show_of_hands")
    assert (simple.decision, simple.majority) == ("other", "simple")
    # Without a kind, the admission majority is still understood as that decision.
    assert prepare(item, majority="admission_of_member").decision == "admission_of_member"
    created = services.vote_open(actor=staff, vote=prepare(item, majority="two_thirds"))
    for nomination in delegates["FR"]:
        services.ballot_cast(actor=delegate_user(nomination), vote=created, choice="yes")
    result = services.vote_close(actor=staff, vote=created)
    assert result.explanation[1]["provision"] == "ILC Standing Orders (2008) art. 21"
    assert sheet_data(created, language="en")["figures"][0][0] == "For / Pour / A favor"


def test_the_form_refuses_a_final_vote_as_a_simple_majority_show_of_hands(client):
    item, _ = plenary(("FR",))
    client.force_login(secretariat())
    url = reverse("votes:session_votes", args=[item.session_id])
    form = {"subject_en": "Final vote on the Convention", "body": "plenary",
            "agenda_item": item.pk, "decision": "adopt_convention_or_recommendation",
            "method": "show_of_hands", "majority": "simple", "quorum_source": "attendance"}
    page = client.post(url, form).content.decode()
    assert ("The final vote on a Convention or Recommendation requires a two-thirds majority "
            "of the votes cast (Constitution art. 19(2))") in page
    page = client.post(url, {**form, "majority": ""}).content.decode()
    assert "is taken by a record vote (ILC Standing Orders (2008) arts 11, 19)" in page
    assert Vote.objects.count() == 0
    response = client.post(url, {**form, "majority": "", "method": "record"})
    assert response.status_code == 302
    created = Vote.objects.get()
    assert (created.decision, created.majority, created.method) == (
        "adopt_convention_or_recommendation", "two_thirds", "record")
    page = client.get(response["Location"]).content.decode()
    assert "Final vote on a Convention or Recommendation (Constitution art. 19(2))" in page


def test_the_french_form_says_it_in_french(client):
    item, _ = plenary(("FR",))
    staff = secretariat()
    staff.language = "fr"
    staff.save(update_fields=["language"])
    client.force_login(staff)
    page = client.post(reverse("votes:session_votes", args=[item.session_id]), {
        "subject_en": "Final vote", "body": "plenary", "decision": "refuse_credentials",
        "method": "record", "majority": "simple", "quorum_source": "attendance",
    }).content.decode()
    assert ("Le refus d&#x27;admettre un délégué ou un conseiller technique requiert la "
            "majorité des deux tiers des suffrages exprimés (Constitution art. 3(9))") in page
