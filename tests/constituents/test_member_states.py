import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import OrganisationFactory, PersonFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.constituents.models import MemberState

pytestmark = pytest.mark.django_db


def test_the_187_member_states_are_loaded_with_their_regions():
    assert MemberState.objects.count() == 187
    assert MemberState.objects.filter(chief_industrial_importance=True).count() == 10
    assert state("SA").ilo_region == "Arab States"
    assert state("SA").regional_meeting_region == "Asia and the Pacific"
    assert not MemberState.objects.filter(iso2__in=["AD", "KP", "LI", "MC", "NR", "BT",
                                                    "FM"]).exists()
    assert state("CK").name_en == "Cook Islands"


def test_names_follow_the_interface_language():
    germany = state("DE")
    with translation.override("fr"):
        assert germany.name == "Allemagne"
    with translation.override("es"):
        assert germany.name == "Alemania"


def test_the_list_groups_states_by_region(client):
    client.force_login(user_with_role(Role.OBSERVER))
    response = client.get(reverse("constituents:member_state_list"))
    regions = [name for name, _states in response.context["regions"]]
    assert regions == ["Africa", "Americas", "Arab States", "Asia and the Pacific",
                       "Europe and Central Asia"]
    assert response.context["total"] == 187


def test_the_list_can_use_the_four_regions_of_regional_meetings(client):
    client.force_login(user_with_role(Role.OBSERVER))
    response = client.get(reverse("constituents:member_state_list"), {"grouping": "four"})
    regions = dict(response.context["regions"])
    assert "Arab States" not in regions
    assert state("SA") in regions["Asia and the Pacific"]


def test_the_list_filters_by_region_and_search(client):
    client.force_login(user_with_role(Role.OBSERVER))
    url = reverse("constituents:member_state_list")
    response = client.get(url, {"region": "Americas", "q": "bra"})
    assert [s.iso2 for _r, states in response.context["regions"] for s in states] == ["BR"]


def test_a_focal_point_sees_only_their_state_in_the_list(client):
    client.force_login(user_with_role(Role.FOCAL_POINT))
    response = client.get(reverse("constituents:member_state_list"))
    assert response.context["total"] == 1


def test_the_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    client.force_login(user_with_role(Role.OBSERVER))
    for _ in range(3):
        PersonFactory(member_state=state("FR"))
    with django_assert_max_num_queries(8):
        client.get(reverse("constituents:member_state_list"))


def test_the_secretariat_corrects_an_official_name(client):
    client.force_login(user_with_role(Role.SECRETARIAT))
    bolivia = state("BO")
    response = client.post(reverse("constituents:member_state_edit", args=["BO"]), {
        "name_en": "Plurinational State of Bolivia", "name_fr": bolivia.name_fr,
        "name_es": bolivia.name_es, "seen_updated_at": bolivia.updated_at.isoformat()})
    assert response.status_code == 302
    bolivia.refresh_from_db()
    assert bolivia.name_en == "Plurinational State of Bolivia"
    assert bolivia.iso_name_en != bolivia.name_en
    entry = ActionLogEntry.objects.get(action="constituents.member_state.updated")
    assert entry.data["name_en"][1] == "Plurinational State of Bolivia"


def test_a_stale_edit_is_refused_and_changes_nothing(client):
    client.force_login(user_with_role(Role.SECRETARIAT))
    peru = state("PE")
    seen = peru.updated_at.isoformat()
    MemberState.objects.filter(pk=peru.pk).update(name_fr="Pérou (autre)",
                                                  updated_at=peru.updated_at.replace(year=2030))
    response = client.post(reverse("constituents:member_state_edit", args=["PE"]), {
        "name_en": "Peru!", "name_fr": "Pérou", "name_es": "Perú", "seen_updated_at": seen})
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    peru.refresh_from_db()
    assert peru.name_en == "Peru"


def test_an_empty_name_is_refused_in_the_users_language(client):
    user = user_with_role(Role.SECRETARIAT, language="fr")
    client.force_login(user)
    response = client.post(reverse("constituents:member_state_edit", args=["PE"]),
                           {"name_en": "", "name_fr": "Pérou", "name_es": "Perú"})
    assert response.status_code == 200
    assert response.context["form"].errors["name_en"]
    assert state("PE").name_en == "Peru"


def test_a_focal_point_adds_an_organisation_to_their_state_only(client):
    focal = user_with_role(Role.FOCAL_POINT)
    client.force_login(focal)
    data = {"kind": "workers", "name": "Confédération générale du travail", "acronym": "CGT",
            "most_representative": "on"}
    assert client.post(reverse("constituents:organisation_create", args=["FR"]),
                       data).status_code == 302
    assert client.post(reverse("constituents:organisation_create", args=["DE"]),
                       data).status_code == 403
    assert state("FR").organisations.get().acronym == "CGT"
    assert not state("DE").organisations.exists()


def test_a_person_with_a_name_in_another_script(client):
    client.force_login(user_with_role(Role.SECRETARIAT))
    org = OrganisationFactory(member_state=state("CN"))
    response = client.post(reverse("constituents:person_create", args=["CN"]), {
        "title": "Ms", "name": "王秀英", "name_latin": "Wang Xiuying", "gender": "f",
        "organisation": org.pk})
    assert response.status_code == 302
    person = state("CN").people.get()
    assert (person.name, person.name_latin, person.organisation) == ("王秀英", "Wang Xiuying",
                                                                     org)
    search = client.get(reverse("constituents:person_list"), {"q": "王秀"})
    assert list(search.context["page"].object_list) == [person]


def test_a_person_cannot_join_an_organisation_of_another_state(client):
    client.force_login(user_with_role(Role.SECRETARIAT))
    german = OrganisationFactory(member_state=state("DE"))
    response = client.post(reverse("constituents:person_create", args=["FR"]), {
        "name": "Jean Dupont", "gender": "m", "organisation": german.pk})
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not state("FR").people.exists()


def test_the_person_directory_query_count_is_constant(client, django_assert_num_queries):
    client.force_login(user_with_role(Role.OBSERVER))
    url = reverse("constituents:person_list")
    PersonFactory(organisation=OrganisationFactory())
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        PersonFactory(organisation=OrganisationFactory())
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)


@pytest.mark.parametrize(("iso2", "names"), [
    ("RU", ("Russian Federation", "Fédération de Russie", "Federación de Rusia")),
    ("BO", ("Bolivia (Plurinational State of)", "Bolivie (État plurinational de)",
            "Bolivia (Estado Plurinacional de)")),
    ("VE", ("Venezuela (Bolivarian Republic of)", "Venezuela (République bolivarienne du)",
            "Venezuela (República Bolivariana de)")),
    ("TR", ("Türkiye", "Türkiye", "Türkiye")),
    ("CI", ("Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire")),
    ("KR", ("Republic of Korea", "République de Corée", "República de Corea")),
    ("TN", ("Tunisia", "Tunisie", "Túnez")),
    ("DZ", ("Algeria", "Algérie", "Argelia")),
])
def test_states_carry_the_official_un_names_in_three_languages(iso2, names):
    member_state = state(iso2)
    assert (member_state.name_en, member_state.name_fr, member_state.name_es) == names


def test_the_iso_names_are_kept_beside_the_official_ones():
    russia = state("RU")
    assert (russia.iso_name_fr, russia.iso_name_es) == ("Russie, Fédération de", "Federación Rusa")
