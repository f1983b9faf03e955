"""Save a PNG of every question widget in both languages, to look at them.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/grab_questions.py OUT_DIR [--large-text]

Each widget is shown empty, filled with an example answer, and with an error
message, inside a page-sized frame with the theme applied (ui.theme).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget  # noqa: E402

from forms.model import Choice, Paper, Question, QuestionType  # noqa: E402
from kiosk.core.text import Text  # noqa: E402
from ui.questions import AddressQuestion, widget_for  # noqa: E402
from ui.theme import apply_theme  # noqa: E402

B = Text
PAPERS = (
    Paper("birth_cert", B("Giấy chứng sinh do cơ sở y tế cấp", "Birth certificate from the hospital")),
    Paper("marriage", B("Giấy chứng nhận kết hôn của cha mẹ", "Parents' marriage certificate"), False),
    Paper("cccd", B("Căn cước công dân của người đi đăng ký", "Citizen ID card of the applicant")),
)
SAMPLES: list[tuple[Question, object]] = [
    (Question("full_name", QuestionType.NAME, B("Họ và tên của bác", "Your full name")),
     "Nguyễn Thị Hoà"),
    (Question("note", QuestionType.TEXT, B("Ghi chú thêm", "Any other note")),
     "Xin gửi bản sao qua bưu điện"),
    (Question("cccd", QuestionType.CCCD, B("Số căn cước công dân", "Citizen ID number")),
     "001234567890"),
    (Question("phone", QuestionType.PHONE, B("Số điện thoại", "Phone number")), "0912345678"),
    (Question("copies", QuestionType.NUMBER, B("Số bản sao", "Number of copies"),
              minimum=1, maximum=20), 3),
    (Question("birth_date", QuestionType.DATE, B("Ngày sinh của cháu", "The child's date of birth")),
     "2026-03-05"),
    (Question("gender", QuestionType.CHOICE, B("Giới tính của cháu", "The child's sex"),
              choices=(Choice("female", B("Nữ", "Female")), Choice("male", B("Nam", "Male")))),
     "female"),
    (Question("relation", QuestionType.CHOICE, B("Bác là gì của cháu?", "How are you related?"),
              choices=(Choice("parent", B("Cha hoặc mẹ của cháu", "Father or mother")),
                       Choice("grandparent", B("Ông hoặc bà, được cha mẹ nhờ đi đăng ký thay",
                                                "Grandparent, asked by the parents to register")),
                       Choice("other", B("Người thân khác có giấy uỷ quyền hợp lệ",
                                         "Another relative with a valid authorisation")))),
     "grandparent"),
    (Question("married", QuestionType.YES_NO, B("Cha mẹ cháu đã đăng ký kết hôn chưa?",
                                                "Are the parents married?")), True),
    (Question("home", QuestionType.ADDRESS, B("Địa chỉ thường trú", "Permanent address")),
     {"province_code": "01", "ward_code": "", "street": ""}),
    (Question("papers", QuestionType.PAPERS, B("Bác mang theo giấy tờ nào?", "Which papers do you have?")),
     ["birth_cert", "cccd"]),
]
ERROR = {"vi": "Hãy nhập đúng theo mẫu", "en": "Enter it as in the example"}


def grab(question: Question, lang: str, state: str, answer: object, out: Path) -> Path:
    page = QWidget()
    page.setObjectName("page")
    layout = QVBoxLayout(page)
    layout.setContentsMargins(48, 32, 48, 32)
    heading = QLabel(question.title(lang), page)
    heading.setProperty("role", "heading")
    layout.addWidget(heading)
    widget = widget_for(question, lang, page, papers=PAPERS, keyboard=True)
    layout.addWidget(widget, 1)
    page.resize(1280, 1024)
    page.show()
    if isinstance(widget, AddressQuestion) and not widget.is_ready():
        loop = QEventLoop()  # one event loop, not a processEvents() busy loop
        widget.ready.connect(loop.quit)
        loop.exec()
    if state != "empty":
        widget.set_value(answer)
    if state == "error":
        widget.set_error(ERROR[lang])
    QApplication.processEvents()
    path = out / f"{question.id}-{lang}-{state}.png"
    page.grab().save(str(path))
    page.close()
    page.deleteLater()
    return path


def main(argv: list[str]) -> int:
    """``grab_questions.py [OUT_DIR] [--large-text]``"""
    large = "--large-text" in argv
    args = [a for a in argv if a != "--large-text"]
    out = Path(args[0] if args else "question-shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_theme(app, large_text=large)  # type: ignore[arg-type]
    for question, answer in SAMPLES:
        for lang in ("vi", "en"):
            for state in ("empty", "filled", "error"):
                print(grab(question, lang, state, answer, out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
