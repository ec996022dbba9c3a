"""``rasd serve``: the HTTP API and the analysts' page over a database."""

from __future__ import annotations

import os

import click

from rasd.cli.common import db_option, edge


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default keeps the server local to this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--tiles", envvar="RASD_TILES", default="",
              help="Map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
                   "(default: none, the map shows the shipped outlines only and works offline).")
@click.option("--tile-attribution", default="", help="Attribution shown for the tiles.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="A Host name the server answers besides localhost's and the bound address "
                   "(repeatable; '*' answers any, which lets other sites read it through DNS "
                   "rebinding).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Server processes [default: the CPU count, at most 4].")
@edge
def serve(db_url: str, host: str, port: int, tiles: str, tile_attribution: str,
          allow_hosts: tuple[str, ...], workers: int | None) -> None:
    """Serve the read-only HTTP API (/api, documented at /docs) and the web page (/)."""
    try:
        import uvicorn

        from rasd.web.app import SETTINGS_ENV, allowed_hosts_for, create_app
    except ImportError as exc:  # the web extra is optional
        raise click.ClickException("rasd serve needs the 'web' extra: "
                                   "pip install 'rasd[web]'") from exc
    hosts = allowed_hosts_for(host, allow_hosts)
    try:
        # Built here once even with several workers: a bad option or a missing
        # database is reported before any process starts.
        app = create_app(db_url, tiles=tiles, tile_attribution=tile_attribution,
                         allowed_hosts=hosts)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--tiles") from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: reachable from other machines", err=True)
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    click.echo(f"rasd: serving {db_url} on http://{host}:{port}/ with {workers} worker(s) "
               f"(API docs at /docs)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Each worker process builds its own app from these settings (rasd.web.app.app_from_env);
    # this process accepts the connections and shares them out evenly (rasd.web.workers).
    from rasd.web.workers import listen, serve_balanced

    try:
        listener = listen(host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: "
                                   f"{exc.strerror or exc}") from exc
    os.environ[SETTINGS_ENV] = app.state.settings
    serve_balanced(listener, workers)
