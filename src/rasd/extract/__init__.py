"""Event extraction: recognisers over one analysed document and the event coder.

This package is also the function ``rasd.extract``: calling it,
``rasd.extract("نص الخبر", published=...)``, runs
:func:`rasd.extract.library.extract`. Python binds a subpackage to its parent's
attribute when it is imported (``import rasd.extract.engine`` sets
``rasd.extract``), which would silently replace a plain function of that name
in ``rasd/__init__.py``; making the package itself callable leaves one object
under the name, whichever is imported first.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rasd.models import Event


class _CallablePackage(types.ModuleType):
    def __call__(self, text_or_document: Any, /, **options: Any) -> list[Event]:
        """Extract the events of one article: see :func:`rasd.extract.library.extract`."""
        from rasd.extract.library import extract

        return extract(text_or_document, **options)


sys.modules[__name__].__class__ = _CallablePackage
