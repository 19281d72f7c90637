"""Family names in capitals as the ILO's lists write them, and the guess of a family name."""

import pytest

from tripartite.common.names import (
    family_found,
    family_in_capitals,
    guess_family_name,
    is_latin,
    name_capitals,
)


@pytest.mark.parametrize(("name", "family", "written"), [
    ("Hélène Marchetti", "Marchetti", "Hélène MARCHETTI"),
    ("Ludwig van der Berg", "van der Berg", "Ludwig VAN DER BERG"),
    ("María José García López", "García López", "María José GARCÍA LÓPEZ"),
    ("Wang Xiaoming", "Wang", "WANG Xiaoming"),
    # "ß" is a letter of the name: the capital ẞ, never "SS" (Strauß is not Strauss).
    ("Johanna Strauß", "Strauß", "Johanna STRAUẞ"),
    # Whole words only: "Ana" is not found inside "Anastasia".
    ("Anastasia Ana", "Ana", "Anastasia ANA"),
    ("Anastasia Petrova", "Ana", "Anastasia Petrova"),
    # Not in Latin script: left as written.
    ("王小明", "王", "王小明"),
    ("Анна Иванова", "Иванова", "Анна Иванова"),
    ("Μαρία Παπαδοπούλου", "Παπαδοπούλου", "Μαρία Παπαδοπούλου"),
    # No family name recorded (lists published before the field existed): as written.
    ("Hélène Marchetti", "", "Hélène Marchetti"),
])
def test_the_family_name_in_capitals(name, family, written):
    assert family_in_capitals(name, family) == written


def test_turkish_and_azerbaijani_capitals_keep_the_dots():
    assert family_in_capitals("Ayşe Çelik", "Çelik", turkic=True) == "Ayşe ÇELİK"
    assert family_in_capitals("Mehmet Yılmaz", "Yılmaz", turkic=True) == "Mehmet YILMAZ"
    # Elsewhere the ordinary capitals.
    assert name_capitals("Giovanni Rinaldi") == "GIOVANNI RINALDI"
    assert name_capitals("Çelik") == "ÇELIK"


def test_latin_script_and_found():
    assert is_latin("Nguyễn") and is_latin("Łukasiewicz") and is_latin("O'Neill")
    assert not is_latin("Иванова") and not is_latin("王") and not is_latin("=1+2")
    assert family_found("Hélène Marchetti", "Marchetti")
    assert not family_found("Hélène Marchetti", "Marc")


@pytest.mark.parametrize(("latin", "name", "state", "family"), [
    ("Hélène Marchetti", "", "FR", "Marchetti"),
    ("Maria da Silva", "", "BR", "da Silva"),
    ("Ludwig van der Berg", "", "NL", "van der Berg"),
    ("María José García López", "", "ES", "García López"),
    ("Juan Pérez y López", "", "MX", "Pérez y López"),
    ("Ahmad bin Ismail", "", "MY", "bin Ismail"),
    ("Jean Dupont", "", "", "Dupont"),
    ("Wang Xiaoming", "王小明", "", "Wang"),
    ("Tanaka Hiroshi", "", "JP", "Tanaka"),
    ("Nguyen Van An", "", "VN", "Nguyen"),
    ("Suharto", "", "ID", "Suharto"),
    ("", "", "FR", ""),
])
def test_a_sensible_guess(latin, name, state, family):
    assert guess_family_name(latin, name=name or latin, state=state) == family
