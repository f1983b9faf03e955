"""The "before you start" page lists each paper with one condition at most."""

from __future__ import annotations

import re

from forms.loader import load_catalogue
from forms.model import IF_YOU_HAVE_IT
from ui.screens.before import _papers


def test_no_paper_carries_two_conditions_in_brackets() -> None:
    for procedure in load_catalogue().procedures:
        for lang in ("vi", "en"):
            shown = _papers(procedure, lang).splitlines() + [p.listed(lang) for p in
                                                            procedure.papers]
            for line in shown:
                assert len(re.findall(r"\([^)]*\)", line)) <= 1, (procedure.slug, line)


def test_an_optional_paper_without_its_own_condition_says_if_you_have_it() -> None:
    birth = load_catalogue().get("birth_registration")
    lines = _papers(birth, "vi").splitlines()
    assert f"• Giấy chứng sinh do bệnh viện, trạm y tế cấp {IF_YOU_HAVE_IT('vi')}" in lines
    assert "• Văn bản của người làm chứng (khi không có giấy chứng sinh)" in lines
