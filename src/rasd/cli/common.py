"""Options and the error edge shared by every CLI module.

Whatever goes wrong reaches the user as one line on stderr and a non-zero
exit code: rasd's own errors with their message, anything unexpected with
its type and message and a pointer to ``--debug``, which shows the traceback
instead (as does ``RASD_DEBUG=1``).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from rasd.errors import NotFoundError, RasdError
from rasd.store import DEFAULT_URL

F = TypeVar("F", bound=Callable[..., Any])

EXIT_ERROR = 1
EXIT_NOT_FOUND = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

db_option = click.option(
    "--db", "db_url", default=DEFAULT_URL, show_default=True, envvar="RASD_DB",
    help="Database URL: sqlite:///PATH or postgresql://...",
)

debug_option = click.option(
    "--debug", is_flag=True, envvar="RASD_DEBUG",
    help="Show the Python traceback of an error instead of one line.",
)


def debugging() -> bool:
    """Whether ``--debug`` (or ``RASD_DEBUG``) was given to the running command."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.find_root().params.get("debug"):
        return True
    return os.environ.get("RASD_DEBUG", "").lower() in ("1", "true", "yes")


def one_line(text: str) -> str:
    """A message on one line: what a library put on several is joined."""
    return " ".join(part.strip() for part in str(text).splitlines() if part.strip())


def shown(text: str) -> str:
    """Text from the outside (a file name, a URL) safe on one terminal line: newlines,
    escape sequences and direction overrides shown as escapes, not obeyed."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def fail(exc: BaseException) -> NoReturn:
    """Report ``exc`` as one line and exit, or re-raise it under ``--debug``."""
    if debugging():
        raise exc
    if isinstance(exc, KeyboardInterrupt):
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if isinstance(exc, NotFoundError):
        click.echo(f"error: {one_line(str(exc))}", err=True)
        sys.exit(EXIT_NOT_FOUND)
    if isinstance(exc, RasdError):
        click.echo(f"error: {one_line(str(exc))}", err=True)
    else:
        detail = one_line(str(exc))
        click.echo(f"error: unexpected {type(exc).__name__}"
                   f"{': ' + detail if detail else ''} (rerun with --debug for details)",
                   err=True)
    sys.exit(EXIT_ERROR)


def _passes(exc: BaseException) -> bool:
    """Exceptions click itself turns into messages and exit codes."""
    return isinstance(exc, click.exceptions.ClickException | click.exceptions.Exit
                      | click.exceptions.Abort | SystemExit | GeneratorExit)


def edge(fn: F) -> F:
    """Turn rasd's exceptions into clear CLI errors (exit 1; not found: exit 3)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BaseException as exc:
            if _passes(exc):
                raise
            fail(exc)

    return wrapper  # type: ignore[return-value]


class EdgeGroup(click.Group):
    """The root command group: commands without their own :func:`edge` get it here."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BaseException as exc:
            if _passes(exc):
                raise
            fail(exc)
