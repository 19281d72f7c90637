"""Every title the demo gives its people is one the product writes in French and Spanish
(common/titles.py): none is left in English on a French or Spanish page."""

import random

from tripartite.common.titles import parse, title_in
from tripartite.demo import names
from tripartite.demo.loader import _title_and_function


def test_every_demo_title_is_written_in_french_and_spanish():
    rng = random.Random(14)
    titles = set()
    for kind in names.FUNCTIONS:
        for position in range(8):
            for gender in ("f", "m", "x"):
                for _ in range(20):  # "Dr" is drawn one time in eight
                    title, _function = _title_and_function(kind, position, gender,
                                                           "Ministry of Labour", rng)
                    titles.add((title, gender))
    assert {"H.E. Ms", "Mr", "Dr"} <= {title for title, _gender in titles}
    for title, gender in titles:
        assert parse(title) is not None, title
        for language in ("fr", "es"):
            shown = title_in(title, language, gender)
            assert shown != title or title in ("Dr", "Mx"), (title, language, shown)
