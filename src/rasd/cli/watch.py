"""``rasd watch`` and ``rasd sources``: the command-line face of :mod:`rasd.pipeline.watch`.

Registered by :mod:`rasd.cli.main`; import that module (not this one) to get the
full command group.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import click

from rasd.cli.main import db_option, edge
from rasd.errors import InputError, RasdError
from rasd.ingest.fetch import DEFAULT_USER_AGENT, FetchConfig, Fetcher, make_client
from rasd.pipeline.watch import Watcher, WatchOptions, WatchStats, parse_interval, run_forever
from rasd.store import open_store


def _interval(_ctx: click.Context, _param: click.Parameter, value: str) -> float:
    try:
        return parse_interval(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from exc


@click.command()
@click.argument("feeds_file", metavar="FEEDS", type=click.Path(dir_okay=False))
@db_option
@click.option("--interval", default="15m", show_default=True, callback=_interval,
              help="Time between two checks of the feeds: 90s, 15m, 1h, 1h30m.")
@click.option("--once", is_flag=True, help="Check once, fetch what is new, and exit.")
@click.option("--per-host", "per_host", default=1.0, show_default=True,
              type=click.FloatRange(min=0.0),
              help="Minimum seconds between two requests to one host.")
@click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=True,
              help="User-Agent sent (add a contact address for the sites you watch).")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds to connect, or to wait between two bytes.")
@click.option("--max-time", default=60.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Longest a whole download may take, in seconds (a trickling server).")
@click.option("--retries", default=2, show_default=True, type=click.IntRange(0, 10),
              help="Extra attempts within one fetch after a timeout, 5xx or 429.")
@click.option("--max-size", "max_mb", default=5.0, show_default=True,
              type=click.FloatRange(min=0.01), help="Largest page or feed fetched, in MB.")
@click.option("--max-pages", type=click.IntRange(min=1),
              help="Article fetches per cycle (the rest wait for the next cycle).")
@click.option("--no-extract", is_flag=True, help="Store and clean only; no event extraction.")
@edge
def watch(feeds_file: str, db_url: str, interval: float, once: bool, per_host: float,
          user_agent: str, timeout: float, max_time: float, retries: int, max_mb: float,
          max_pages: int | None, no_extract: bool) -> None:
    """Monitor the RSS/Atom feeds and sitemaps listed in FEEDS and store new articles.

    FEEDS is a text file with one feed URL per line, optionally followed by the
    outlet's name (used as the articles' source; default: the site's host).
    Lines starting with # are comments. The list is re-read every cycle.
    """
    from rasd.ingest.feeds import read_feed_list

    feeds = [read_feed_list(feeds_file)]  # a bad list fails now, not after the first interval
    config = FetchConfig(user_agent=user_agent, min_interval=per_host, timeout=timeout,
                         total_timeout=max_time, retries=retries,
                         max_bytes=int(max_mb * 1024 * 1024))
    options = WatchOptions(max_pages=max_pages, extract=not no_extract)
    with open_store(db_url) as store, make_client(config) as client:
        fetcher = Fetcher(client, config=config)

        def cycle() -> WatchStats:
            try:
                feeds[0] = read_feed_list(feeds_file)
            except InputError as exc:  # edited into a broken state: keep watching the old list
                click.echo(f"warning: {exc}; keeping the previous feed list", err=True)
            watcher = Watcher(store, fetcher, feeds[0], options=options)
            if once:
                return watcher.run_once()
            try:
                return watcher.run_once()
            except RasdError as exc:
                # A monitor outlives a bad cycle (a locked database, a stage bug);
                # what the cycle committed stays, and the next one carries on.
                click.echo(f"error: cycle failed: {exc}", err=True)
                return WatchStats()

        try:
            run_forever(cycle, interval=interval, report=_report, cycles=1 if once else None)
        except KeyboardInterrupt:
            # Everything fetched so far is committed; the next start carries on from here.
            click.echo("stopped", err=True)
            sys.exit(130)


def _report(stats: WatchStats) -> None:
    if stats.run_id is None:
        return  # the cycle failed before its run began; the error is already printed
    for failure in stats.failures:
        click.echo(f"failed: {failure.origin}: [{failure.stage}] {failure.reason}", err=True)
    click.echo(f"run {stats.run_id}: {stats.summary()}")


@click.command()
@db_option
@edge
def sources(db_url: str) -> None:
    """List watched feeds: source, last success, failures, articles stored, URLs pending/failed."""
    from rasd.store.feeds import list_feeds

    with open_store(db_url) as store:
        feeds = list_feeds(store)
    for f in feeds:
        # Unnamed feeds' articles carry their host as source; show what they get.
        name = f.source or urlsplit(f.url).hostname or "-"
        click.echo(
            f"{name[:20]:20}  {f.url}\n"
            f"    last success: {f.last_success or 'never'}  feed failures: {f.failures}  "
            f"articles: {f.articles}  pending: {f.pending}  failed URLs: {f.failed_urls}"
        )
        if f.last_error:
            click.echo(f"    last error: {f.last_error}")
    click.echo(f"({len(feeds)} feeds)")
