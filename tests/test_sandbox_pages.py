"""The sandbox's status pages (tra cứu), the ones a receipt's QR code opens, over real HTTP."""

from __future__ import annotations

import requests
from sandbox_helpers import TIMEOUT, body, procedure, submit


def test_status_page_is_vietnamese_html(sandbox_url: str) -> None:
    code = submit(sandbox_url, body()).json()["code"]
    response = requests.get(f"{sandbox_url}/tra-cuu/{code}", timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode("utf-8")
    assert code in page
    assert "Đã tiếp nhận" in page
    assert "mô phỏng" in page
    assert procedure().name.vi in page


def test_status_page_for_an_unknown_code_is_404(sandbox_url: str) -> None:
    response = requests.get(f"{sandbox_url}/tra-cuu/H99.01.01-261122-0042", timeout=TIMEOUT)
    assert response.status_code == 404
    assert "Không tìm thấy hồ sơ" in response.content.decode("utf-8")


def test_a_local_reference_leads_to_the_application_once_sent(sandbox_url: str) -> None:
    code = submit(sandbox_url, body(local_ref="DEMO01-7K3P-9QCXH")).json()["code"]
    sent = requests.get(
        f"{sandbox_url}/tra-cuu/DEMO01-7K3P-9QCXH", allow_redirects=False, timeout=TIMEOUT
    )
    assert sent.status_code == 303
    assert sent.headers["Location"] == f"/tra-cuu/{code}"
    waiting = requests.get(f"{sandbox_url}/tra-cuu/DEMO01-2222-2222A", timeout=TIMEOUT)
    assert waiting.status_code == 404
    assert "chưa đến cổng dịch vụ công" in waiting.content.decode("utf-8")


def test_status_pages_escape_what_was_asked_for(sandbox_url: str) -> None:
    response = requests.get(f"{sandbox_url}/tra-cuu/%3Cscript%3Ex", timeout=TIMEOUT)
    assert response.status_code == 404
    page = response.content.decode("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_lookup_form_takes_a_typed_code_to_its_page(sandbox_url: str) -> None:
    code = submit(sandbox_url, body()).json()["code"]
    form = requests.get(f"{sandbox_url}/tra-cuu", timeout=TIMEOUT)
    assert form.status_code == 200
    assert 'name="ma"' in form.text
    assert "Mã hồ sơ" in form.text
    typed = requests.get(
        f"{sandbox_url}/tra-cuu",
        params={"ma": f"  {code.lower()} "},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert typed.status_code == 303
    assert typed.headers["Location"] == f"/tra-cuu/{code}"
    followed = requests.get(f"{sandbox_url}/tra-cuu", params={"ma": code}, timeout=TIMEOUT)
    assert followed.status_code == 200
    assert "Đã tiếp nhận" in followed.text
