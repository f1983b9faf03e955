"""Receipt PDFs in every layout: exact Vietnamese text, page sizes, wrapping, QR, watermark."""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import replace

import pytest
from printing_helpers import decode_qr, page_sizes, pdf_fonts, pdf_images, pdf_text, pdf_words

from kiosk.core.errors import BadInput
from printing import fonts
from printing.render import render_pdf
from printing.sample import sample_receipt
from printing.settings import PAPERS

MM = 72 / 25.4


@pytest.mark.parametrize("paper", PAPERS)
def test_every_layout_holds_the_vietnamese_words_exactly(paper: str) -> None:
    receipt = sample_receipt()
    text = pdf_text(render_pdf(receipt, paper))
    for expected in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Mã hồ sơ: H01.22-261122-0042",
        "Nguyễn Thị Hồng Nhung",
        "********2345",
        "0912345678",
        "Đăng ký khai sinh",
        "Giấy chứng sinh (bản chính)",
        "Trần Văn Bình",
        "1900 1234",
        "ngày 24/11/2026",
        "08 giờ 30 phút",  # 01:30 UTC is 08:30 in Việt Nam
    ):
        assert unicodedata.normalize("NFC", expected) in text, (paper, expected)
    assert "001190012345" not in text  # the full ID number is never printed


@pytest.mark.parametrize(("paper", "width_mm", "height_mm"),
                         [("a4", 210, 297), ("a5", 148, 210), ("80mm", 80, None), ("58mm", 58, None)])
def test_page_sizes(paper: str, width_mm: float, height_mm: float | None) -> None:
    sizes = page_sizes(render_pdf(sample_receipt(), paper))
    assert len(sizes) == 1, "a receipt is one page (a roll: one strip)"
    width, height = sizes[0]
    assert width == pytest.approx(width_mm * MM, abs=0.5)
    if height_mm is not None:
        assert height == pytest.approx(height_mm * MM, abs=0.5)


@pytest.mark.parametrize("paper", ["80mm", "58mm"])
def test_roll_grows_with_the_content(paper: str) -> None:
    short = page_sizes(render_pdf(sample_receipt(), paper))[0][1]
    receipt = replace(sample_receipt(), applicant_address="Xóm Trại, thôn Đoài " * 12)
    longer = page_sizes(render_pdf(receipt, paper))
    assert len(longer) == 1
    assert longer[0][1] > short + 20


LONG_NAME = "Tôn Nữ Hoàng Phương Thảo Nguyễn Lê Huỳnh Bảo Ngọc Khánh Uyên Diệp"
LONG_STREET = ("Tổ dân phố số 17, khu tái định cư Nghĩa Đô mở rộng, ngách 25/117/41 "
               "đường Nguyễn Khánh Toàn kéo dài, gần Trường Tiểu học Dịch Vọng Hậu")


@pytest.mark.parametrize("paper", PAPERS)
def test_a_very_long_name_and_address_wrap_inside_the_page(paper: str) -> None:
    receipt = replace(sample_receipt(), applicant_name=LONG_NAME,
                      applicant_address=f"{LONG_STREET}, Phường Ba Đình, Thành phố Hà Nội")
    pdf = render_pdf(receipt, paper)
    words = pdf_words(pdf)
    outside = [w for w in words if w.x_min < 0 or w.x_max > w.page_width - 2 * MM]
    assert not outside, [(w.text, w.x_max, w.page_width) for w in outside]
    text = pdf_text(pdf)
    assert LONG_NAME in text
    assert LONG_STREET in text
    # It did wrap: the name's words do not all sit on one line of a narrow roll.
    if paper in ("80mm", "58mm"):
        assert "Diệp" in {w.text for w in words}


@pytest.mark.parametrize("paper", PAPERS)
def test_qr_code_opens_the_status_address(paper: str) -> None:
    receipt = sample_receipt()
    images = pdf_images(render_pdf(receipt, paper), dpi=150)
    assert [decode_qr(image) for image in images] == [[receipt.status_url]]


def test_queued_receipt_shows_the_local_reference_and_says_the_code_will_come() -> None:
    receipt = sample_receipt(code=None)
    text = pdf_text(render_pdf(receipt, "a4"))
    assert "Mã tham chiếu: DEMO-01-7K3P" in text
    assert "Mã hồ sơ sẽ được cập nhật khi gửi được" in text
    assert "Mã hồ sơ:" not in text.replace("Mã hồ sơ sẽ", "")
    assert decode_qr(pdf_images(render_pdf(receipt, "a4"))[0]) == [receipt.status_url]


def test_watermarks_for_demo_and_training_and_none_for_real() -> None:
    assert "DEMO" in pdf_text(render_pdf(sample_receipt(watermark="DEMO"), "a5")).split()
    assert "TẬP HUẤN" in pdf_text(render_pdf(sample_receipt(watermark="TẬP HUẤN"), "80mm"))
    real = pdf_text(render_pdf(sample_receipt(watermark=None), "a4"))
    assert "DEMO" not in real.split() and "TẬP HUẤN" not in real  # (the kiosk id is DEMO-01)


def test_two_copies_on_a4_are_two_labelled_pages() -> None:
    pdf = render_pdf(sample_receipt(), "a4", two_copies=True)
    assert len(page_sizes(pdf)) == 2
    text = pdf_text(pdf)
    assert "Liên 1: Lưu tại nhà văn hóa" in text and "Liên 2: Giao người nộp hồ sơ" in text
    assert text.count("Nguyễn Thị Hồng Nhung") == 2


def test_unknown_paper_is_refused_naming_the_choices() -> None:
    with pytest.raises(BadInput, match="a4, a5, 80mm, 58mm"):
        render_pdf(sample_receipt(), "letter")


def test_the_receipt_embeds_the_kiosks_own_font() -> None:
    assert fonts.check_fonts().startswith("Noto Sans")
    pdf = render_pdf(sample_receipt(), "a4")
    embedded = {name.split("+")[-1] for name in pdf_fonts(pdf)}
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= embedded


def test_a_damaged_font_file_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import assets

    monkeypatch.setattr(fonts, "font", lambda weight: b"not a font")
    fonts.check_fonts.cache_clear()
    try:
        with pytest.raises(fonts.FontNotFound, match="NotoSans-Regular.ttf.*reinstall"):
            fonts.check_fonts()
    finally:
        monkeypatch.undo()
        fonts.check_fonts.cache_clear()
    assert assets.font(assets.Weight.REGULAR)[:4] == b"\x00\x01\x00\x00"  # TrueType


def test_receipt_json_round_trip_keeps_every_field() -> None:
    receipt = sample_receipt()
    assert type(receipt).from_json(receipt.to_json()) == receipt
    queued = dataclasses.replace(receipt, code=None, appointment_date=None, volunteer=None)
    assert type(queued).from_json(queued.to_json()) == queued
