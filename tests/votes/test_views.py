"""The votes' pages: the secretariat prepares, opens, closes and publishes; a delegate votes
on their own device (htmx); results with their arithmetic; the results sheet (web, PDF)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import user_with_role
from tests.jobs.helpers import file_of, job_of
from tests.votes.factories import delegate_user, delegation, plenary, register, secretariat, vote
from tripartite.accounts.models import Role
from tripartite.votes import services
from tripartite.votes.models import Ballot, Vote, VoteState

pytestmark = pytest.mark.django_db


def test_the_secretariat_prepares_a_vote_and_sees_the_quorum_before_opening(client):
    item, _ = plenary(("FR", "DE", "IT"))
    client.force_login(secretariat())
    url = reverse("votes:session_votes", args=[item.session_id])
    response = client.post(url, {"subject_en": "Final record vote on the Convention",
                                 "subject_fr": "Vote final", "body": "plenary",
                                 "agenda_item": item.pk, "method": "record",
                                 "decision": "adopt_convention_or_recommendation",
                                 "majority": "", "quorum_source": "attendance"})
    created = Vote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("votes:vote_manage", args=[created.pk])
    page = client.get(response["Location"]).content.decode()
    assert "If the vote opened now, the quorum would be <strong>6</strong>" in page
    assert "Registered voters entitled to vote now: 12 (6 Government, 3 Employers, 3 Workers)" \
        in page
    question = client.post(response["Location"], {"action": "open"}).content.decode()
    assert "Open the vote?" in question
    assert "<dt>Quorum</dt><dd>6 votes cast (12 voters entitled to vote now)</dd>" in question
    created.refresh_from_db()
    assert created.state == VoteState.DRAFT  # the question changes nothing
    client.post(response["Location"], {"action": "open", "confirm": "yes"})
    created.refresh_from_db()
    assert (created.state, created.quorum) == (VoteState.OPEN, 6)


def test_a_bad_vote_form_changes_nothing(client):
    item, _ = plenary(("FR",))
    client.force_login(secretariat())
    response = client.post(reverse("votes:session_votes", args=[item.session_id]),
                           {"subject_en": "X", "body": "plenary", "method": "record",
                            "decision": "other", "majority": "simple",
                            "quorum_source": "fixed"})
    assert response.status_code == 200
    assert "Enter the quorum fixed by the Credentials Committee." in response.content.decode()
    assert Vote.objects.count() == 0


def test_a_delegate_votes_with_htmx_and_sees_that_they_voted(client):
    item, delegates = plenary(("FR",))
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item))
    client.force_login(delegate_user(delegates["FR"][0]))
    url = reverse("votes:vote_ballot", args=[v.pk])
    page = client.get(url).content.decode()
    assert 'value="yes"' in page and 'hx-post' in page
    question = client.post(url, {"choice": "no"}, HTTP_HX_REQUEST="true").content.decode()
    # First what will be recorded, and for whom, inside the panel; nothing is recorded yet.
    assert '<h2 id="confirm-title" tabindex="-1" data-focus>Cast this vote?</h2>' in question
    assert "<dt>Your choice</dt><dd>No</dd>" in question
    name = delegates["FR"][0].person.name
    assert f"<dt>On behalf of</dt><dd>yourself, {name}</dd>" in question
    assert 'hx-target="#ballot-panel"' in question and "<html" not in question
    assert not Ballot.objects.exists()
    response = client.post(url, {"choice": "no", "confirm": "yes"}, HTTP_HX_REQUEST="true")
    panel = response.content.decode()
    cast_at = Ballot.objects.get(vote=v).cast_at.astimezone(v.session.zone)
    assert (f"Your vote was recorded at {cast_at:%-d %B %Y %H:%M} "
            f"({v.session.time_zone}): No.") in panel
    assert "<html" not in panel
    again = client.post(url, {"choice": "yes", "confirm": "yes"},
                        HTTP_HX_REQUEST="true").content.decode()
    assert "already been cast" in again
    assert Ballot.objects.get(vote=v).choice == "no"


def test_a_ballot_is_chosen_then_cast_and_the_answer_keeps_the_live_region(client):
    item, delegates = plenary(("FR",))
    v = services.vote_open(actor=secretariat(), vote=vote(item))
    client.force_login(delegate_user(delegates["FR"][0]))
    url = reverse("votes:vote_ballot", args=[v.pk])
    page = client.get(url).content.decode()
    # No button casts a vote by itself: a radio choice, then one "Cast the vote" button.
    assert 'name="choice"' in page and '<button type="submit" name="choice"' not in page
    assert page.count('type="radio" name="choice"') == 3
    assert '<section class="card ballot" id="ballot-panel" aria-live="polite">' in page
    assert 'hx-target="#ballot-panel" hx-swap="innerHTML"' in page
    panel = client.post(url, {"choice": "yes", "confirm": "yes"},
                        HTTP_HX_REQUEST="true").content.decode()
    # The answer is the region's content, not a new region; the row's heading takes the focus.
    assert "aria-live" not in panel
    assert '<h2 id="ballot-row-1" tabindex="-1" data-focus>Your own vote</h2>' in panel


def test_a_secret_ballot_page_never_shows_a_choice(client):
    item, delegates = plenary(("FR",))
    v = services.vote_open(actor=secretariat(), vote=vote(item, method="secret"))
    client.force_login(delegate_user(delegates["FR"][0]))
    url = reverse("votes:vote_ballot", args=[v.pk])
    panel = client.post(url, {"choice": "yes", "confirm": "yes"},
                        HTTP_HX_REQUEST="true").content.decode()
    assert "It is secret: it is not stored with your name" in panel
    assert "Your vote was recorded: Yes" not in panel


def test_the_delegate_without_a_person_is_told_so(client):
    item, _ = plenary(("FR",))
    v = services.vote_open(actor=secretariat(), vote=vote(item))
    client.force_login(user_with_role(Role.DELEGATE))
    response = client.post(reverse("votes:vote_ballot", args=[v.pk]), {"choice": "yes"},
                           HTTP_HX_REQUEST="true")
    assert "Your login is not linked to a delegate" in response.content.decode()
    assert Ballot.objects.count() == 0


def test_a_substitute_sees_the_delegate_they_replace(client):
    item = plenary(("DE",))[0]
    fr = delegation(item.session, "FR", advisers=1)
    register(fr[4])
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item))
    services.substitute_appoint(actor=staff, session=item.session, delegate=fr[0],
                                substitute=fr[4], document_reference="Letter 12",
                                appointed_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    client.force_login(delegate_user(fr[4]))
    url = reverse("votes:vote_ballot", args=[v.pk])
    page = client.get(url).content.decode()
    assert f"In the place of {fr[0].person.name} (appointment Letter 12)" in page
    question = client.post(url, {"choice": "yes", "voter": fr[0].person_id},
                           HTTP_HX_REQUEST="true").content.decode()
    assert (f"<dt>On behalf of</dt><dd>{fr[0].person.name}, in whose place you vote "
            "(appointment Letter 12)</dd>") in question
    assert f'<input type="hidden" name="voter" value="{fr[0].person_id}">' in question
    client.post(url, {"choice": "yes", "voter": fr[0].person_id, "confirm": "yes"},
                HTTP_HX_REQUEST="true")
    ballot = Ballot.objects.get(vote=v)
    assert (ballot.voter_id, ballot.cast_by_id) == (fr[0].person_id, fr[4].person_id)


def test_roll_call_and_close_and_publish_through_the_management_page(client):
    item, delegates = plenary(("FR",))
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item))
    client.force_login(staff)
    url = reverse("votes:vote_manage", args=[v.pk])
    for nomination in delegates["FR"][:3]:
        client.post(url, {"action": "roll_call", "voter": nomination.person_id,
                          "choice": "yes"})
    assert Ballot.objects.filter(vote=v, entered_by=staff).count() == 3
    client.post(url, {"action": "close", "confirm": "yes"})
    page = client.get(url).content.decode()
    assert "Quorum: 3 votes cast (3 for + 0 against) reach the quorum of 2" in page
    client.post(url, {"action": "publish", "confirm": "yes"})
    v.refresh_from_db()
    assert v.state == VoteState.PUBLISHED
    response = client.post(url, {"action": "open"})
    assert response.status_code == 302
    v.refresh_from_db()
    assert v.state == VoteState.PUBLISHED


def test_result_page_and_sheet_of_a_record_vote(client, run_jobs):
    item, delegates = plenary(("FR", "DE"))
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item))
    for iso2, choice in (("FR", "yes"), ("DE", "no")):
        for nomination in delegates[iso2]:
            services.ballot_cast(actor=delegate_user(nomination), vote=v, choice=choice)
    services.vote_close(actor=staff, vote=v)
    # Closed: the secretariat side reads it; a delegate not yet.
    delegate = delegate_user(delegates["FR"][0])
    client.force_login(delegate)
    assert client.get(reverse("votes:vote_result", args=[v.pk])).status_code == 403
    services.vote_publish(actor=staff, vote=v)
    page = client.get(reverse("votes:vote_result", args=[v.pk])).content.decode()
    assert "Votes cast: 4 for + 4 against = 8" in page
    assert "Constitution art. 17(2)" in page
    assert page.index("France") < page.index("Germany")
    assert page.count('data-choice="yes"') == 4 and page.count('data-choice="no"') == 4
    client.cookies.load({"django_language": "fr"})
    offer = client.get(reverse("votes:vote_result_pdf", args=[v.pk]) + "?language=fr")
    assert '<input type="hidden" name="language" value="fr">' in offer.content.decode()
    job = job_of(client.post(reverse("votes:vote_result_pdf", args=[v.pk]), {"language": "fr"}))
    assert (job.kind, job.params) == ("votes.results_sheet", {"vote": v.pk, "language": "fr"})
    assert run_jobs() == 1
    job.refresh_from_db()
    assert job.result_name == f"record-vote-{v.pk}-fr.pdf"
    assert file_of(client, job).startswith(b"%PDF")


def test_the_pdf_is_only_for_record_votes(client):
    item, _ = plenary(("FR",))
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item, method="secret"))
    services.vote_close(actor=staff, vote=v)
    client.force_login(staff)
    assert client.get(reverse("votes:vote_result_pdf", args=[v.pk])).status_code == 404
    assert client.post(reverse("votes:vote_result_pdf", args=[v.pk])).status_code == 404
    from tripartite.jobs.models import Job

    assert not Job.objects.exists()


def test_the_result_page_warns_when_a_voters_script_has_no_font(client, monkeypatch):
    """Its results sheet (PDF) would print empty boxes for a name in Arabic script."""
    from tripartite.common import fonts

    monkeypatch.setattr(fonts, "font_installed", lambda family: False)
    item, delegates = plenary(("FR", "DE"))
    person = delegates["DE"][0].person
    person.name = "محمد علي"
    person.save(update_fields=["name"])
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item))
    for nomination in delegates["DE"]:
        services.ballot_cast(actor=delegate_user(nomination), vote=v, choice="yes")
    services.vote_close(actor=staff, vote=v)
    client.force_login(staff)
    page = client.get(reverse("votes:vote_result", args=[v.pk])).content.decode()
    assert "Arabic script" in page and "fonts-noto-core" in page
