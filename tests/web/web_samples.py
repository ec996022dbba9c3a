"""What the web tests share: the script-carrying test article and the TestClient import."""

from __future__ import annotations

import warnings
from typing import Any

with warnings.catch_warnings():
    # Starlette nudges towards httpx2; the TestClient is still httpx against the ASGI app.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient as _TestClient

__all__ = ["XSS_ARTICLE", "XSS_DOC", "TestClient"]

# An article written for these tests whose text carries markup and script, as scraped
# pages sometimes do: the page must show it as text.
XSS_ARTICLE = {
    "id": "tests/xss-idlib-test",  # a "/" in a name must not break links to it
    "url": "https://news.example/xss-idlib-test",
    "source": "موقع التجربة",
    "title": "قصف على إدلب <script>alert(1)</script>",
    "published": "2024-03-05",
    "text": (
        "قصف على ريف إدلب الجنوبي\n\n"
        "إدلب - مراسل خاص\n\n"
        "قُتل ثلاثة مدنيين وأصيب خمسة آخرون، صباح اليوم، في قصف مدفعي لقوات النظام السوري "
        "على مدينة معرة النعمان في ريف إدلب الجنوبي <script>alert(1)</script> بحسب الدفاع "
        "المدني.\n\n"
        "وقال ناشطون إن القصف استهدف سوقاً شعبياً وسط المدينة <img src=x onerror=alert(2)>."
    ),
}
XSS_DOC = XSS_ARTICLE["id"]


class TestClient(_TestClient):
    """FastAPI's client addressing the app as ``localhost``, a name the app answers for
    (it refuses other ``Host`` names against DNS rebinding)."""

    __test__ = False

    def __init__(self, app: Any, **kw: Any) -> None:
        kw.setdefault("base_url", "http://localhost")
        super().__init__(app, **kw)

