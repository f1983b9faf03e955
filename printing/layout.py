"""What a receipt says, in order, as typed blocks that every renderer draws.

The PDF renderer (:mod:`printing.render`, reportlab) and the thermal-printer
raster renderer (:mod:`printing.raster`, Pillow) both draw the same
:class:`Document`, so A4, A5 and the 80/58 mm rolls always carry the same
words in the order of Mẫu số 01 (Thông tư 01/2018/TT-VPCP). Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum

from printing.receipt import QUEUED_NOTE, Receipt

VIETNAM = timezone(timedelta(hours=7), "ICT")  # no daylight saving in Việt Nam
TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DESK = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
QR_CAPTION = "Quét mã QR để tra cứu tình trạng hồ sơ"
COPY_LABELS = ("Liên 1: Lưu tại nhà văn hóa", "Liên 2: Giao người nộp hồ sơ")


class Style(StrEnum):
    TITLE = "title"  # big, bold, centred
    CODE = "code"  # the application code: big, bold, centred
    CENTRE = "centre"  # centred body text
    NOTE = "note"  # small italic
    BODY = "body"
    HEADING = "heading"  # bold body text


@dataclass(frozen=True)
class Line:
    text: str
    style: Style = Style.BODY


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Header:
    """The two-column national header (side by side on sheets, stacked on rolls)."""

    left: tuple[str, ...]
    right: tuple[str, ...]


@dataclass(frozen=True)
class Qr:
    data: str
    caption: str


@dataclass(frozen=True)
class Rule:
    pass


Block = Line | Field | Bullets | Header | Qr | Rule


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    watermark: str | None = None
    title: str = TITLE


def local_time(moment: datetime) -> datetime:
    """A timestamp in Việt Nam time (naive timestamps are taken as already local)."""
    return moment.astimezone(VIETNAM) if moment.tzinfo else moment


def vn_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def receipt_document(receipt: Receipt, copy_label: str | None = None) -> Document:
    """The receipt as blocks, in the template's order."""
    received = local_time(receipt.received_at)
    place = receipt.kiosk_place or receipt.kiosk_id
    blocks: list[Block] = [
        Header(
            left=(receipt.receiving_unit.upper(), DESK),
            right=(NATION, MOTTO),
        ),
        Line(f"{place}, ngày {received.day:02d} tháng {received.month:02d} năm {received.year}",
             Style.NOTE),
        Line(TITLE, Style.TITLE),
    ]
    if copy_label:
        blocks.append(Line(f"({copy_label})", Style.CENTRE))
    blocks += _code_blocks(receipt)
    blocks += _applicant_blocks(receipt)
    blocks += _numbered_blocks(receipt, received)
    blocks += [
        Rule(),
        Field("Nộp tại ki-ốt", f"{place} ({receipt.kiosk_id})" if receipt.kiosk_place else place),
    ]
    if receipt.volunteer:
        blocks.append(Field("Tình nguyện viên hỗ trợ", receipt.volunteer))
    blocks += [
        Field("Đường dây nóng", receipt.hotline),
        Qr(receipt.status_url, QR_CAPTION),
        Line("Hồ sơ nộp trực tuyến qua ki-ốt, không cần chữ ký.", Style.CENTRE),
    ]
    return Document(tuple(blocks), receipt.watermark)


def _code_blocks(receipt: Receipt) -> list[Block]:
    if receipt.code:
        return [Line(f"Mã hồ sơ: {receipt.code}", Style.CODE)]
    return [
        Line(f"Mã tham chiếu: {receipt.local_ref}", Style.CODE),
        Line(f"({QUEUED_NOTE})", Style.CENTRE),
    ]


def _applicant_blocks(receipt: Receipt) -> list[Block]:
    blocks: list[Block] = [Line(f"{receipt.receiving_unit} đã tiếp nhận hồ sơ của:")]
    blocks.append(Field("Ông/Bà", receipt.applicant_name or "—"))
    if receipt.applicant_id:
        blocks.append(Field("Số CCCD", receipt.applicant_id))
    if receipt.applicant_phone:
        blocks.append(Field("Số điện thoại", receipt.applicant_phone))
    if receipt.applicant_address:
        blocks.append(Field("Địa chỉ", receipt.applicant_address))
    blocks.append(
        Field("Nội dung yêu cầu giải quyết",
              f"{receipt.procedure_name} (mã thủ tục {receipt.procedure_code})")
    )
    return blocks


def _numbered_blocks(receipt: Receipt, received: datetime) -> list[Block]:
    days = receipt.processing_days
    legal = "Trong ngày" if days == 0 else f"{days} ngày làm việc"
    if receipt.appointment_date is not None:
        appointment = f"ngày {vn_date(receipt.appointment_date)}"
    else:
        appointment = "sẽ được thông báo khi hồ sơ được gửi đến cơ quan giải quyết"
    return [
        Line("1. Thành phần hồ sơ nộp gồm:", Style.HEADING),
        Bullets(receipt.papers or ("Không có giấy tờ kèm theo",)),
        Field("2. Thời gian giải quyết hồ sơ theo quy định", legal),
        Field("3. Thời gian nhận hồ sơ",
              f"{received.hour:02d} giờ {received.minute:02d} phút, ngày {vn_date(received.date())}"),
        Field("4. Thời gian trả kết quả giải quyết hồ sơ", appointment),
        Field("5. Đăng ký nhận kết quả", receipt.delivery),
        Field("6. Lệ phí", receipt.fee),
    ]


def test_page_document(printer: str, paper: str, now: datetime | None = None) -> Document:
    """The page ``kiosk print --test`` prints: Vietnamese letters, a QR code, the paper."""
    moment = local_time(now or datetime.now(UTC))
    return Document(
        (
            Line("TRANG IN THỬ / TEST PAGE", Style.TITLE),
            Field("Máy in", printer or "(mặc định)"),
            Field("Khổ giấy", paper),
            Field("Lúc", f"{moment:%H:%M} {vn_date(moment.date())}"),
            Rule(),
            Line("Tiếng Việt: ă â đ ê ô ơ ư – Ắ Ầ Ẩ Ẫ Ậ Ế Ề Ể Ễ Ệ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ Ứ Ừ Ử Ữ Ự"),
            Line("Nguyễn Thị Hồng Nhung – Phường Hoàn Kiếm, Thành phố Hà Nội"),
            Qr("https://dichvucong.gov.vn/", "Mã QR thử"),
        ),
        title="Trang in thử",
    )
