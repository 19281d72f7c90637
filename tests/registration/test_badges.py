"""The badge PDF: the name and delegation read back from the text; the QR code decodes to the
signed token, and to nothing else."""

import io

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.factories import PersonFactory, SessionFactory
from tests.registration.factories import desk_user, hand_registration, image_bytes, registration
from tripartite.registration import badges, photos, tokens
from tripartite.registration.services import desk
from tripartite.registration.services.photos import photo_set

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def printed(*registrations):
    session = registrations[0].session
    return desk.badges_print(actor=desk_user(), session=session,
                             registrations=list(registrations))


def decode(png: bytes) -> list[str]:
    return decode_image(Image.open(io.BytesIO(png)))


def decode_image(image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_the_pdf_carries_name_delegation_group_and_role():
    session = SessionFactory()
    reg = registration(session, "GR", person=PersonFactory(name="Ηλίας Παπαδόπουλος",
                                                           name_latin="Ilias Papadopoulos"))
    badge_list = printed(reg)

    pdf = badges.badges_document(badge_list, session_title=session.title)

    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(reader.pages[0].extract_text().split())  # lines joined
    assert "Ηλίας Παπαδόπουλος" in text
    assert "Ilias Papadopoulos" in text
    assert "Greece" in text
    assert "GOVERNMENT" in text and "Delegate" in text
    assert str(badge_list[0].number) in text


def test_the_qr_code_decodes_to_the_signed_token_only():
    session = SessionFactory()
    reg = registration(session, "FR", person=PersonFactory(name="Camille Morel"))
    [badge] = printed(reg)

    [png] = badges.badges_document([badge], session_title=session.title, output="png",
                                   ppi=200)
    [text] = decode(png)

    assert text == tokens.sign(badge.token_id)
    assert tokens.unsign(text) == badge.token_id
    assert "Camille" not in text and "Morel" not in text and "France" not in text


def test_the_qr_code_alone_decodes_too():
    # The PNG given to Typst, on its own: a reader finds the token in it.
    qr = Image.open(io.BytesIO(badges.qr_png(tokens.sign("tok123"))))
    assert decode_image(qr.resize((qr.width * 8, qr.height * 8), Image.Resampling.NEAREST)) \
        == [tokens.sign("tok123")]


def test_the_fixed_mask_decodes_for_many_random_tokens():
    from tripartite.registration.models import new_token_id

    for _ in range(200):
        token = tokens.sign(new_token_id())
        qr = Image.open(io.BytesIO(badges.qr_png(token)))
        # About the size a phone camera sees: 4 pixels a module.
        assert decode_image(qr.resize((qr.width * 4, qr.height * 4),
                                      Image.Resampling.NEAREST)) == [token]


def test_one_page_per_badge_each_with_its_own_token():
    session = SessionFactory()
    regs = [registration(session) for _ in range(3)]
    badge_list = printed(*regs)

    pages = badges.badges_document(badge_list, session_title=session.title, output="png",
                                   ppi=150)

    assert [decode(png) for png in pages] == [[tokens.sign(b.token_id)] for b in badge_list]


def test_the_photo_is_on_the_badge():
    session = SessionFactory()
    reg = hand_registration(session, category="press")
    photo_set(actor=desk_user(), registration=reg,
              content=photos.process_photo(image_bytes((600, 800))).content)
    reg.refresh_from_db()
    badge_list = printed(reg)

    pdf = badges.badges_document(badge_list, session_title=session.title)

    sizes = [image.image.size for image in PdfReader(io.BytesIO(pdf)).pages[0].images]
    assert (600, 800) in sizes  # the photo; the other image is the QR code
    without = badges.badges_document(printed(hand_registration(session)),
                                     session_title=session.title)
    assert (600, 800) not in [image.image.size for image in
                              PdfReader(io.BytesIO(without)).pages[0].images]


@pytest.mark.parametrize(("badge_format", "size_mm"), [("cr80", (54, 85.6)),
                                                       ("a6", (105, 148))])
def test_the_page_is_the_card_or_a6(settings, badge_format, size_mm):
    settings.BADGE_FORMAT = badge_format
    session = SessionFactory()
    pdf = badges.badges_document(printed(registration(session)), session_title=session.title)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    to_mm = 25.4 / 72
    assert round(float(box.width) * to_mm, 1) == pytest.approx(size_mm[0], abs=0.2)
    assert round(float(box.height) * to_mm, 1) == pytest.approx(size_mm[1], abs=0.2)


def test_the_colour_band_follows_the_category(settings):
    settings.BADGE_COLOURS = {**settings.BADGE_COLOURS, "workers": "#00ff00"}
    session = SessionFactory()
    [badge] = printed(registration(session, group="workers"))
    [png] = badges.badges_document([badge], session_title=session.title, output="png",
                                   ppi=72)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.getpixel((5, 5)) == (0, 255, 0)


def test_a_name_is_never_read_as_markup():
    session = SessionFactory()
    reg = registration(session, person=PersonFactory(name='#panic("x") *bold* $x$ ]'))
    pdf = badges.badges_document(printed(reg), session_title=session.title)
    assert '#panic("x")' in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", ["GOUVERNEMENT", "Déléguée", "Grèce", "N°", "Session française"]),
    ("es", ["GOBIERNO", "Delegada", "Grecia", "N.º", "Sesión española"]),
    ("en", ["GOVERNMENT", "Delegate", "Greece", "No", "English session"]),
])
def test_a_badge_is_printed_in_the_sessions_language(language, expected):
    """The band, the role (in the holder's gender), the State and the session's title in
    the session's working language; the same badges in English for an English session."""
    session = SessionFactory(working_languages=[language], title_en="English session",
                             title_fr="Session française", title_es="Sesión española")
    reg = registration(session, "GR", person=PersonFactory(name="Eleni Nikolaou", gender="f"))
    options = badges.session_options(session)
    assert options["language"] == language
    pdf = badges.badges_document(printed(reg), **options)
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    for word in expected:
        assert word in text, (language, word, text)
    if language != "en":
        assert "Delegate" not in text and "GOVERNMENT" not in text


def test_a_session_without_working_languages_prints_in_english():
    assert badges.badge_language(SessionFactory(working_languages=[])) == "en"
    assert badges.badge_language(SessionFactory(working_languages=["es", "en"])) == "es"
