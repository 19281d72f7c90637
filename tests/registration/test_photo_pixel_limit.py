"""Checking a photo stays cheap: too many pixels are refused from the header, and what is
accepted is decoded no larger than the badge needs.

A 39.6-megapixel PNG of 38 KB took 3.7 s and 120 MB to check, under a 40 MP limit. Now a
JPEG may have 25 MP (a phone's 24 MP photo) and is decoded at a reduced scale; a PNG or
WebP, decoded whole, 16 MP.
"""

import io
import os

import pytest
from PIL import Image

from tests.registration.test_photos import png_header_only, refused
from tripartite.registration import photos

# The default resolution of recent phones' main camera (24 MP), 4:3 landscape.
PHONE = (5712, 4284)


def phone_like_jpeg(size=PHONE) -> bytes:
    """A JPEG with a photo's detail (so, a photo's file size), not a flat colour."""
    width, height = size
    noise = Image.frombytes("RGB", (width // 8, height // 8),
                            os.urandom((width // 8) * (height // 8) * 3))
    out = io.BytesIO()
    noise.resize(size, Image.Resampling.BILINEAR).save(out, format="JPEG", quality=85)
    return out.getvalue()


def flat(size, fmt) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 180, 160)).save(out, format=fmt)
    return out.getvalue()


def test_the_limits_are_those_the_documentation_gives():
    assert photos.MAX_PIXELS == {"JPEG": 25_000_000, "PNG": 16_000_000, "WEBP": 16_000_000}


def test_a_png_just_above_the_limit_is_refused_from_its_header():
    # The header claims 16,004,000 pixels and the data holds a single row: decoding it would
    # answer "damaged"; "too_many_pixels" shows that nothing was decoded.
    assert refused(png_header_only(4001, 4000)) == "too_many_pixels"


def test_the_reported_png_bomb_is_refused_with_the_limit_in_the_message():
    with pytest.raises(photos.PhotoError) as error:
        photos.process_photo(flat((7680, 5160), "PNG"))  # 39.6 MP in a few dozen KB

    assert error.value.code == "too_many_pixels"
    assert error.value.message == ("The image's dimensions are too large (at most 16 "
                                   "megapixels). Send a smaller photo.")


def test_a_png_at_the_limit_is_accepted():
    assert photos.process_photo(flat((4000, 4000), "PNG")).content[:2] == b"\xff\xd8"


def test_a_jpeg_just_above_its_limit_is_refused():
    assert refused(flat((5001, 5000), "JPEG")) == "too_many_pixels"


def test_a_phone_photo_is_accepted_and_decoded_at_a_quarter_of_its_size():
    data = phone_like_jpeg()
    assert len(data) <= photos.MAX_BYTES

    decoded = photos._decode(data)
    photo = photos.process_photo(data)

    assert decoded.size == (1428, 1071)  # libjpeg's 1/4 scale: still more than the badge needs
    assert (photo.width, photo.height) == photos.OUTPUT_SIZE


def test_a_large_jpeg_cut_short_is_refused_though_decoded_at_a_reduced_scale():
    data = phone_like_jpeg()
    assert refused(data[: len(data) // 2]) == "damaged"
