"""Initials portraits (kb.portraits): PNG output, determinism, Thai initials. No database."""

import io

import pytest
from PIL import Image

from kb.portraits import (
    FONT_PATH,
    PALETTE,
    contrast_ratio,
    initials,
    initials_portrait,
    portrait_colours,
    strip_honorifics,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_font_is_shipped_with_the_project():
    assert FONT_PATH.is_file()
    assert FONT_PATH.parent.name == "fonts"
    assert (FONT_PATH.parent / "OFL.txt").is_file()


@pytest.mark.parametrize("size", [480, 240, 64])
def test_returns_a_png_of_the_right_size(size):
    data = initials_portrait("นางสาวสุกันยาณี ยะวิญชาญ", size=size)
    assert data.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(data))
    image.verify()
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == (size, size)


def test_default_size_is_480():
    assert Image.open(io.BytesIO(initials_portrait("นายเอกพงษ์ หริ่มเจริญ"))).size == (480, 480)


def test_deterministic():
    name = "นางสาวชมภารี ชมภูรัตน์"
    assert initials_portrait(name, 200) == initials_portrait(name, 200)
    assert portrait_colours(name) == portrait_colours(name)


def test_text_is_drawn_and_background_comes_from_the_name():
    name = "นายเอกพงษ์ หริ่มเจริญ"
    image = Image.open(io.BytesIO(initials_portrait(name, 200))).convert("RGB")
    background, foreground = portrait_colours(name)
    assert image.getpixel((0, 0)) == background
    assert image.getpixel((199, 199)) == background
    colours = {colour for _, colour in image.getcolors(maxcolors=200 * 200)}
    assert foreground in colours  # the initials are really there


def test_different_names_usually_differ():
    names = ["นายสมชาย ใจดี", "นางสาวสมหญิง รักไทย", "นายประเสริฐ มั่นคง", "Jane Doe", "John Smith"]
    assert len({initials_portrait(n, 64) for n in names}) == len(names)
    assert len({portrait_colours(n)[0] for n in names}) > 1


def test_every_colour_has_aa_contrast():
    for background in PALETTE:
        assert contrast_ratio(background, (255, 255, 255)) >= 4.5
    for name in ["ก", "Jane Doe", "นางสาวสุกันยาณี ยะวิญชาญ", ""]:
        background, foreground = portrait_colours(name)
        assert contrast_ratio(background, foreground) >= 4.5


@pytest.mark.parametrize(
    "name,expected",
    [
        ("นางสาวสุกันยาณี ยะวิญชาญ", "สย"),
        ("นายเอกพงษ์ หริ่มเจริญ", "อห"),
        ("นางสาวชมภารี ชมภูรัตน์", "ชช"),
        ("นาง แสงเดือน ใจงาม", "สจ"),  # title with a space, leading vowels skipped
        ("ว่าที่ร้อยตรี ดร. สมชาย ไชยมงคล", "สช"),  # stacked titles
        ("ผศ.ดร.ไพโรจน์ โอภาส", "พอ"),
        ("พลตำรวจเอก ประยุทธ์ เฉลิมชัย", "ปฉ"),
        ("นางสาวิตรี ใจดี", "สจ"),  # นาง + สาวิตรี, not นางสาว + ิตรี
        ("นายคุณากร แสงทอง", "คส"),  # คุณากร is a name, not คุณ + ากร
        ("สมศักดิ์", "ส"),
        ("Dr. John Smith", "JS"),
        ("mr. john ronald smith", "JS"),
        ("Ada Lovelace", "AL"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


def test_strip_honorifics():
    assert strip_honorifics("นางสาวสุกันยาณี  ยะวิญชาญ") == "สุกันยาณี ยะวิญชาญ"
    assert strip_honorifics("ว่าที่ร้อยตรีสมชาย ใจดี") == "สมชาย ใจดี"
    assert strip_honorifics("นาย") == "นาย"  # nothing left to call a name: keep it


def test_empty_name_still_gives_a_portrait():
    image = Image.open(io.BytesIO(initials_portrait("", 32)))
    assert image.size == (32, 32)


def test_too_small_size_is_refused():
    with pytest.raises(ValueError):
        initials_portrait("ก ข", 8)
