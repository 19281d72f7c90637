import datetime as dt

import pytest

from tests.factories import SessionFactory, user_with_role
from tests.library.files import docx_bytes, pdf_bytes, upload
from tripartite.accounts.models import Role
from tripartite.library import services


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def secretariat(db):
    return user_with_role(Role.SECRETARIAT)


def add(actor, symbol, text="", *, language="en", kind="pdf", type="decision_paper",
        date=dt.date(2026, 3, 10), title_en="A paper", session=None, **titles):
    """Add ``symbol``'s ``language`` version whose text is ``text``."""
    content = docx_bytes(*text.split("\n")) if kind == "docx" else pdf_bytes(
        *(text.split("\f") if text else ()))
    return services.document_add(
        actor=actor, symbol=symbol, language=language,
        uploaded_file=upload(content, f"paper.{kind}"), title_en=title_en, type=type,
        date=date, session=session, **titles)


@pytest.fixture
def gb_session(db):
    return SessionFactory(meeting__type="gb", meeting__acronym="GB", number="356",
                          title_en="356th Session of the Governing Body")
