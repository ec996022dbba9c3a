"""``rasd serve``: the HTTP API and the analysts' page over a database, in one process."""

from __future__ import annotations

import click

from rasd.cli_common import db_option, edge


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default keeps the server local to this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--tiles", envvar="RASD_TILES", default="",
              help="Map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
                   "(default: none, the map shows the shipped outlines only and works offline).")
@click.option("--tile-attribution", default="", help="Attribution shown for the tiles.")
@edge
def serve(db_url: str, host: str, port: int, tiles: str, tile_attribution: str) -> None:
    """Serve the read-only HTTP API (/api, documented at /docs) and the web page (/)."""
    try:
        import uvicorn

        from rasd.web.app import create_app
    except ImportError as exc:  # the web extra is optional
        raise click.ClickException("rasd serve needs the 'web' extra: "
                                   "pip install 'rasd[web]'") from exc
    try:
        app = create_app(db_url, tiles=tiles, tile_attribution=tile_attribution)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--tiles") from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: reachable from other machines", err=True)
    click.echo(f"rasd: serving {db_url} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
