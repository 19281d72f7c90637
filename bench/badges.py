"""Badges at the scale of the Conference: 500 people's badges printed as one PDF.

Standalone, in a fresh database (SQLite by default, PostgreSQL when DATABASE_URL is set):
loads the ILC-scale demo (its registrations to the 114th Session come from
tripartite.demo.registration), gives 500 registrations a distinct photo, then measures

- the baseline: Typst setting 500 pages of plain text with the same fonts, same process;
- printing 500 badges (numbers, revocation of the earlier badges, 500 log entries);
- the PDF of those 500 badges (photo, QR code, names in their scripts);
- the whole desk operation through the API (POST /api/sessions/{id}/badges, PDF answer),
  for the 500 and for one badge (the desk's everyday case).

    TRIPARTITE_VAR_DIR=$(mktemp -d) DATABASE_URL= .venv/bin/python -m bench.badges
"""

import io
import json
import os
import statistics
import time

COUNT = int(os.environ.get("BENCH_BADGES", "500"))

PLAIN_PAGES = b"""
#let data = json(bytes(sys.inputs.data))
#set page(width: 54mm, height: 85.6mm)
#set text(font: ("Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Armenian",
  "Noto Sans Georgian", "Noto Sans Devanagari", "Noto Sans Bengali", "Noto Sans Thai",
  "Noto Sans Ethiopic", "Noto Sans CJK SC", "DejaVu Sans"))
#for (i, line) in data.lines.enumerate() { if i > 0 { pagebreak() }; line }
"""


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def photo_bytes(index: int) -> bytes:
    """A distinct 900 × 1200 picture per person (typical phone photo size, scaled down)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (900, 1200), ((index * 37) % 256, (index * 91) % 256, 160))
    draw = ImageDraw.Draw(image)
    draw.ellipse((250, 250, 650, 750), fill=((index * 53) % 256, 200, 180))
    draw.rectangle((150, 800, 750, 1200), fill=(40, (index * 17) % 256, 90))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    import pypdf
    import typst
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from tripartite.accounts.models import User
    from tripartite.delegations.pdf import fonts
    from tripartite.meetings.models import Session
    from tripartite.registration import badges, photos, selectors
    from tripartite.registration.models import Registration
    from tripartite.registration.services.desk import badges_print
    from tripartite.registration.services.photos import photo_set

    call_command("migrate", verbosity=0)
    call_command("demo", scale="ilc", if_empty=True, verbosity=0, stdout=io.StringIO())
    session = Session.objects.get(number="114", meeting__type="ilc")
    desk = User.objects.get(username="desk")
    registrations = list(Registration.objects.filter(session=session)
                         .select_related("person").order_by("id")[:COUNT])
    photo_seconds = 0.0
    for index, registration in enumerate(registrations):
        seconds, photo = timed(lambda i=index: photos.process_photo(photo_bytes(i)))
        photo_seconds += seconds
        photo_set(actor=desk, registration=registration, content=photo.content)
    results = []

    lines = [f"{r.person.name} — {r.affiliation}" for r in registrations]
    plain_seconds, plain = timed(lambda: typst.compile(
        PLAIN_PAGES, font_paths=fonts(), sys_inputs={"data": json.dumps({"lines": lines})}))
    fonts()  # scanned once per process: not part of any measure below

    print_seconds, printed = timed(lambda: badges_print(
        actor=desk, session=session, registrations=registrations))
    pdf_seconds, pdf = timed(lambda: badges.badges_document(
        selectors.badges_for_printing(printed), session_title=session.title))
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)

    client = Client()
    client.force_login(desk)
    api_seconds, response = timed(lambda: client.post(
        f"/api/sessions/{session.pk}/badges",
        {"registrations": [r.pk for r in registrations]}, content_type="application/json"))
    assert response.status_code == 200, response.content[:300]
    api_pages = len(pypdf.PdfReader(io.BytesIO(response.content)).pages)

    singles = []
    for registration in registrations[:20]:
        seconds, answer = timed(lambda r=registration: client.post(
            f"/api/sessions/{session.pk}/badges", {"registrations": [r.pk]},
            content_type="application/json"))
        assert answer.status_code == 200
        singles.append(seconds)

    results += [
        ("photos checked, cropped, re-encoded (each)",
         f"{photo_seconds / len(registrations) * 1000:.1f} ms"),
        ("baseline: Typst, 500 card pages of plain text, same fonts",
         f"{plain_seconds:.2f} s, {len(pypdf.PdfReader(io.BytesIO(plain)).pages)} pages"),
        (f"printing {len(printed)} badges (numbers, revocations, log)", f"{print_seconds:.2f} s"),
        (f"PDF of {len(printed)} badges (photo, QR, names)",
         f"{pdf_seconds:.2f} s, {pages} pages, {len(pdf) / 1e6:.1f} MB"),
        ("ratio badge PDF / plain pages", f"{pdf_seconds / plain_seconds:.1f}"),
        (f"desk API: reprint {api_pages} badges as one PDF, end to end",
         f"{api_seconds:.2f} s"),
        ("desk API: one badge reprinted, end to end (median of 20)",
         f"{statistics.median(singles) * 1000:.0f} ms"),
    ]
    print(f"database: {connection.vendor}; badge format {badges.settings.BADGE_FORMAT}")
    print("| measure | result |")
    print("|---|---|")
    for measure, value in results:
        print(f"| {measure} | {value} |")


if __name__ == "__main__":
    main()
