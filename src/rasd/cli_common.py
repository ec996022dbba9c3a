"""Options and the error edge shared by every CLI module."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from rasd.errors import NotFoundError, RasdError
from rasd.store import DEFAULT_URL

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db", "db_url", default=DEFAULT_URL, show_default=True, envvar="RASD_DB",
    help="Database URL: sqlite:///PATH or postgresql://...",
)


def edge(fn: F) -> F:
    """Turn rasd's exceptions into clear CLI errors (exit 1; not found: exit 3)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NotFoundError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(3)
        except RasdError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]
