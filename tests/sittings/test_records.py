"""Editing a planned sitting; the clock against each kind of speaker's limit; decisions,
votes and notes on the items; the record of proceedings read back from its Word file in each
language; the record of decisions; the speaking figures (and their queries)."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document

from tests.factories import AgendaItemFactory, user_with_role
from tests.sittings.factories import opened, secretariat, sitting_with_delegates
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry as ActionLog
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.constituents.models import Gender
from tripartite.jobs.models import Job
from tripartite.sittings import records, selectors, services
from tripartite.sittings.models import ItemRecord, SittingState
from tripartite.votes import services as votes_services

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 6, 2, 8, 0, tzinfo=dt.UTC)


def _at(seconds):
    return T0 + dt.timedelta(seconds=seconds)


# ---------------------------------------------------------------------------------------------
# Editing a planned sitting


def test_the_secretariat_edits_a_planned_sitting_and_the_change_is_logged():
    sitting, _, chair, _ = sitting_with_delegates()
    staff = secretariat()
    other_item = AgendaItemFactory(session=sitting.session, number="V")
    services.sitting_edit(actor=staff, sitting=sitting, title="Morning sitting",
                          spokesperson_limit_seconds=600, agenda_items=[other_item])
    sitting.refresh_from_db()
    assert (sitting.title, sitting.spokesperson_limit_seconds) == ("Morning sitting", 600)
    assert list(sitting.agenda_items.all()) == [other_item]
    assert sitting.current_item == other_item  # the former one is no longer taken
    event = sitting.events.get(action="edited")
    assert event.data == {"fields": ["agenda_items", "spokesperson_limit_seconds", "title"]}
    assert ActionLog.objects.filter(action="sittings.sitting.edited").count() == 1
    with pytest.raises(ServiceError) as refused:
        services.sitting_edit(actor=staff, sitting=sitting, ends_at=dt.time(9, 0))
    assert refused.value.field == "ends_at"
    with pytest.raises(PermissionDeniedError):
        services.sitting_edit(actor=chair, sitting=sitting, title="Not the Chair's to plan")


def test_an_opened_sitting_is_not_edited():
    sitting, _, _, _ = opened()
    with pytest.raises(ServiceError) as refused:
        services.sitting_edit(actor=secretariat(), sitting=sitting, title="Too late")
    assert refused.value.code == "wrong_state"
    sitting.refresh_from_db()
    assert sitting.title == "First sitting"


# ---------------------------------------------------------------------------------------------
# The clock of each kind of speaker


def test_the_clock_runs_against_the_limit_of_the_speakers_kind():
    sitting, delegates, chair, _ = opened(spokesperson_limit_seconds=600,
                                          reply_limit_seconds=120)
    employer = delegates["DE"][2]  # the Employers' delegate, for their group
    services.floor_request(actor=chair, sitting=sitting, person=employer.person,
                           on_behalf_of="group")
    services.floor_request(actor=chair, sitting=sitting, person=delegates["FR"][0].person,
                           kind="right_of_reply")
    start = timezone.now() - dt.timedelta(seconds=100)
    services.floor_give(actor=chair, sitting=sitting, at=start)
    current, clock, limit = selectors.floor_state(sitting)
    assert current.person == employer.person and limit == 600
    assert clock.remaining is not None and 495 <= clock.remaining <= 500
    services.floor_give(actor=chair, sitting=sitting, at=start)
    current, clock, limit = selectors.floor_state(sitting)
    assert current.kind == "right_of_reply" and limit == 120
    assert clock.warning and not clock.over


# ---------------------------------------------------------------------------------------------
# Decisions, votes and notes


def test_the_decision_on_the_item_is_recorded_in_three_languages_and_replaced_when_recorded_again():
    sitting, _, chair, _ = opened()
    item = sitting.current_item
    record = services.decision_record(actor=chair, sitting=sitting, item=item,
                                      outcome="adopted", text_en="The report is adopted.",
                                      text_fr="Le rapport est adopté.",
                                      text_es="Se adopta el informe.")
    assert (record.decision_text_en, record.decision_text_fr, record.decision_text_es) == (
        "The report is adopted.", "Le rapport est adopté.", "Se adopta el informe.")
    services.decision_record(actor=chair, sitting=sitting, item=item,
                             outcome="adopted_as_amended", text_en="Adopted as amended.")
    record.refresh_from_db()
    assert record.outcome == "adopted_as_amended" and record.decision_text_fr == ""
    assert ItemRecord.objects.count() == 1
    assert [log.action for log in ActionLog.objects.filter(
        action__startswith="sittings.decision").order_by("id")] == [
        "sittings.decision.recorded", "sittings.decision.changed"]
    assert sitting.events.filter(action="decision").count() == 2


def test_a_decision_needs_its_english_text_an_outcome_and_an_item_of_the_sitting():
    sitting, _, chair, _ = opened()
    with pytest.raises(ServiceError) as refused:
        services.decision_record(actor=chair, sitting=sitting, item=sitting.current_item,
                                 outcome="adopted", text_en="  ")
    assert refused.value.field == "text_en"
    with pytest.raises(ServiceError) as refused:
        services.decision_record(actor=chair, sitting=sitting, item=sitting.current_item,
                                 outcome="approved", text_en="x")
    assert refused.value.field == "outcome"
    other = AgendaItemFactory(session=sitting.session, number="IX")
    with pytest.raises(ServiceError) as refused:
        services.decision_record(actor=chair, sitting=sitting, item=other, outcome="noted",
                                 text_en="Noted.")
    assert refused.value.field == "item"
    with pytest.raises(PermissionDeniedError):
        services.decision_record(actor=user_with_role(Role.DELEGATE), sitting=sitting,
                                 item=sitting.current_item, outcome="noted", text_en="Noted.")
    assert not ItemRecord.objects.exists()


def test_a_vote_on_the_item_is_prepared_in_the_votes_room_by_the_secretariat_only():
    sitting, _, chair, _ = opened()
    item = sitting.current_item
    with pytest.raises(PermissionDeniedError):
        services.item_vote_create(actor=chair, sitting=sitting, item=item,
                                  method="show_of_hands", subject_en="The draft resolution")
    staff = secretariat()
    vote = services.item_vote_create(actor=staff, sitting=sitting, item=item,
                                     method="show_of_hands",
                                     subject_en="The draft resolution",
                                     subject_fr="Le projet de résolution")
    assert (vote.session, vote.agenda_item, vote.state, vote.body) == (
        sitting.session, item, "draft", "plenary")
    assert ItemRecord.objects.get(sitting=sitting, agenda_item=item).vote == vote
    with pytest.raises(ServiceError) as refused:  # the votes room's own rules apply
        services.item_vote_create(actor=staff, sitting=sitting, item=item,
                                  method="show_of_hands", subject_en="")
    assert refused.value.field == "subject_en"


def test_notes_on_a_speech_and_on_the_item_are_saved_and_logged_without_their_text():
    sitting, delegates, chair, secretary = opened()
    speech = services.floor_request(actor=chair, sitting=sitting,
                                    person=delegates["FR"][0].person)
    services.note_save(actor=secretary, sitting=sitting, speaker=speech,
                       text="Supported the draft.")
    services.note_save(actor=secretary, sitting=sitting, item=sitting.current_item,
                       text="Long debate.")
    speech.refresh_from_db()
    assert speech.notes == "Supported the draft."
    assert ItemRecord.objects.get().notes == "Long debate."
    assert sorted(log.data["length"] for log in ActionLog.objects.filter(
        action="sittings.notes.saved")) == [12, 20]
    with pytest.raises(ServiceError):
        services.note_save(actor=secretary, sitting=sitting, text="Neither")
    with pytest.raises(ServiceError) as refused:
        services.note_save(actor=secretary, sitting=sitting, speaker=speech,
                           text="x" * (services.NOTES_MAX + 1))
    assert refused.value.field == "text"
    with pytest.raises(PermissionDeniedError):
        services.note_save(actor=delegate_login(delegates), sitting=sitting, speaker=speech,
                           text="Mine")


def delegate_login(delegates):
    from tests.sittings.factories import delegate_user

    return delegate_user(delegates["FR"][0])


# ---------------------------------------------------------------------------------------------
# The record of proceedings


def _a_sitting_with_speeches_a_vote_and_a_decision():
    """Two speeches on the item (France 90 s; Germany's Employers' delegate for their group,
    200 s), a right of reply not reached, notes, a show-of-hands vote closed, the decision."""
    sitting, delegates, _, secretary = sitting_with_delegates(spokesperson_limit_seconds=600)
    staff = secretariat()
    services.sitting_step(actor=staff, sitting=sitting, step="open", at=T0)
    france, employer = delegates["FR"][0], delegates["DE"][2]
    first = services.floor_request(actor=staff, sitting=sitting, person=france.person, at=T0)
    second = services.floor_request(actor=staff, sitting=sitting, person=employer.person,
                                    on_behalf_of="group", at=_at(1))
    services.floor_request(actor=staff, sitting=sitting, person=delegates["DE"][0].person,
                           kind="right_of_reply", at=_at(2))
    services.floor_give(actor=staff, sitting=sitting, at=_at(10))
    services.floor_give(actor=staff, sitting=sitting, at=_at(100))
    services.note_save(actor=secretary, sitting=sitting, speaker=first,
                       text="Supported the conclusions.")
    services.note_save(actor=secretary, sitting=sitting, speaker=second,
                       text="Asked for more time.")
    vote = services.item_vote_create(actor=staff, sitting=sitting, item=sitting.current_item,
                                     method="show_of_hands", subject_en="The conclusions",
                                     subject_fr="Les conclusions",
                                     subject_es="Las conclusiones")
    votes_services.vote_open(actor=staff, vote=vote)
    votes_services.show_of_hands_totals_enter(actor=staff, vote=vote, yes=5, no=2, abstain=1)
    votes_services.vote_close(actor=staff, vote=vote)
    services.decision_record(actor=staff, sitting=sitting, item=sitting.current_item,
                             outcome="adopted", text_en="The conclusions are adopted.",
                             text_fr="Les conclusions sont adoptées.",
                             text_es="Se adoptan las conclusiones.")
    services.sitting_step(actor=staff, sitting=sitting, step="close", at=_at(300))
    sitting.refresh_from_db()
    return sitting, staff, france, employer


def test_the_proceedings_give_per_item_the_speakers_in_order_the_notes_decision_and_vote():
    sitting, _, france, employer = _a_sitting_with_speeches_a_vote_and_a_decision()
    [entry] = selectors.proceedings(sitting, "en")
    assert [(s["name"], s["seconds"], s["notes"]) for s in entry.speakers] == [
        (france.person.name, 90, "Supported the conclusions."),
        (employer.person.name, 200, "Asked for more time.")]
    assert entry.speakers[1]["on_behalf_of"] == "Their group"
    assert entry.speakers[0]["capacity"] == "Delegate"
    assert entry.outcome == "adopted" and entry.decision_text == "The conclusions are adopted."
    assert (entry.vote["yes"], entry.vote["no"], entry.vote["abstain"],
            entry.vote["outcome"]) == ("5", "2", "1", "Adopted")
    assert entry.vote["explanation"]  # the rules' arithmetic, cited


WORD_READS = {
    "en": ("Record of proceedings (draft)", "The conclusions are adopted.",
           "Decision: Adopted", "For 5, against 2, abstentions 1"),
    "fr": ("Compte rendu des travaux (projet)", "Les conclusions sont adoptées.",
           "Décision : Adopté", "Pour 5, contre 2, abstentions 1"),
    "es": ("Acta de los trabajos (proyecto)", "Se adoptan las conclusiones.",
           "Decisión: Adoptada", "A favor 5, en contra 2, abstenciones 1"),
}


def test_the_record_of_proceedings_is_read_back_from_its_word_file_in_each_language(
        run_jobs, client):
    sitting, staff, france, employer = _a_sitting_with_speeches_a_vote_and_a_decision()
    client.force_login(staff)
    for language, (title, decision, outcome, arithmetic) in WORD_READS.items():
        job = services.proceedings_queue(actor=staff, sitting=sitting, language=language,
                                         fmt="docx")
        assert run_jobs() == 1
        job.refresh_from_db()
        assert job.status == "done", job.problem
        with job.result.open("rb") as handle:
            document = Document(io.BytesIO(handle.read()))
        text = [paragraph.text for paragraph in document.paragraphs]
        assert title in text
        assert document.core_properties.language == language
        joined = "\n".join(text)
        assert decision in joined and outcome in joined and arithmetic in joined
        # the speakers in the order they spoke, with their notes
        assert joined.index(france.person.name) < joined.index(employer.person.name)
        assert "Supported the conclusions." in joined


def test_the_record_as_pdf_and_the_record_of_decisions(run_jobs):
    sitting, staff, _, _ = _a_sitting_with_speeches_a_vote_and_a_decision()
    job = services.proceedings_queue(actor=staff, sitting=sitting, language="fr", fmt="pdf")
    decisions = services.decisions_queue(actor=staff, session=sitting.session, language="es",
                                         fmt="docx")
    assert run_jobs() == 2
    for done in (job, decisions):
        done.refresh_from_db()
        assert done.status == "done", done.problem
    with job.result.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    with decisions.result.open("rb") as handle:
        text = "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)
    assert "Registro de decisiones" in text and "Se adoptan las conclusiones." in text
    data = records.decisions_data(sitting.session, "en")
    [section] = data["sections"]
    assert section["paragraphs"][0]["text"] == "The conclusions are adopted."
    assert section["paragraphs"][1]["label"] == "Vote: The conclusions (Show of hands)"


def test_only_those_who_drive_the_console_have_the_draft_record_made():
    sitting, delegates, _, _ = opened()
    with pytest.raises(PermissionDeniedError):
        services.proceedings_queue(actor=user_with_role(Role.DELEGATE), sitting=sitting,
                                   language="en", fmt="docx")
    with pytest.raises(ServiceError) as refused:
        services.proceedings_queue(actor=secretariat(), sitting=sitting, language="de",
                                   fmt="docx")
    assert refused.value.field == "language"
    assert not Job.objects.exists()


# ---------------------------------------------------------------------------------------------
# Figures


def test_speaking_figures_per_speaker_delegation_group_item_and_women_by_group():
    sitting, _, france, employer = _a_sitting_with_speeches_a_vote_and_a_decision()
    france.person.gender = Gender.FEMALE
    france.person.save()
    employer.person.gender = Gender.MALE
    employer.person.save()
    found = selectors.figures(sitting.session)
    assert found.total_seconds == 290
    assert [(t.label, t.speeches, t.seconds) for t in found.delegations] == [
        (employer.delegation.member_state.name, 1, 200),
        (france.delegation.member_state.name, 1, 90)]
    assert [(t.label, t.seconds) for t in found.groups] == [("Employers", 200),
                                                           ("Government", 90)]
    assert [t.seconds for t in found.items] == [290]
    assert [(r["kind"], r["sitting"]) for r in found.not_reached] == [
        ("Right of reply", sitting.title)]
    assert (found.points_of_order, found.rights_of_reply) == (0, 0)
    assert [(group, share.women, share.total, share.percent) for group, share in
            found.women] == [("Employers", 0, 1, 0.0), ("Government", 1, 1, 100.0)]
    assert sitting.state == SittingState.CLOSED


def _spoken(count):
    sitting, delegates, chair, _ = opened(states=("FR", "DE", "IT"))
    people = [n for iso2 in ("FR", "DE", "IT") for n in delegates[iso2][:1]][:count]
    for nomination in people:
        services.floor_request(actor=chair, sitting=sitting, person=nomination.person)
        services.floor_give(actor=chair, sitting=sitting)
    services.floor_give(actor=chair, sitting=sitting)
    return sitting


def test_the_figures_and_the_proceedings_take_as_many_queries_for_one_speaker_as_for_three():
    counts = []
    for count in (1, 3):
        sitting = _spoken(count)
        with CaptureQueriesContext(connection) as figures_queries:
            selectors.figures(sitting.session)
        with CaptureQueriesContext(connection) as record_queries:
            selectors.proceedings(sitting, "en")
        counts.append((len(figures_queries), len(record_queries)))
    assert counts[0] == counts[1]


def _decided(count):
    """A session whose sitting takes ``count`` items, each decided and voted on."""
    sitting, _, _, _ = opened()
    staff = secretariat()
    items = [sitting.current_item] + [AgendaItemFactory(session=sitting.session,
                                                        number=f"X{n}")
                                      for n in range(1, count)]
    sitting.agenda_items.set(items)
    for item in items:
        services.decision_record(actor=staff, sitting=sitting, item=item, outcome="noted",
                                 text_en="Noted.")
        services.item_vote_create(actor=staff, sitting=sitting, item=item,
                                  method="show_of_hands", subject_en="A text")
    return sitting


def test_the_record_of_decisions_takes_as_many_queries_for_one_item_as_for_three():
    counts = []
    for count in (1, 3):
        session = _decided(count).session
        with CaptureQueriesContext(connection) as queries:
            rows = selectors.session_decisions(session, "fr")
        assert sum(bool(row["votes"] and row["decisions"]) for row in rows) == count
        counts.append(len(queries))
    assert counts[0] == counts[1]
