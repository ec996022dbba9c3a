"""``rasd geo`` and ``rasd gazetteer`` commands (registered by :mod:`rasd.cli.main`)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rasd.errors import GazetteerError


@click.group("geo")
def geo() -> None:
    """Geocode Arabic text."""


@geo.command("lookup")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per mention.")
@click.option("--document", is_flag=True, help="Two passes, as for a whole article.")
def lookup(text: str, as_json: bool, document: bool) -> None:
    """Every place found in TEXT with its span, match and precision."""
    from rasd.geo.geocoder import Geocoder
    from rasd.geo.hit_words import mention_to_location

    coder = Geocoder()
    mentions = coder.find_in_document(text) if document else coder.find(text)
    for m in mentions:
        if as_json:
            rec = {
                "start": m.start, "end": m.end, "surface": m.surface, "match": m.match,
                "method": m.method, "cue": m.cue, "feature": m.feature, "score": m.score,
                "location": mention_to_location(m).to_json(), "kind": m.place.kind,
            }
            click.echo(json.dumps(rec, ensure_ascii=False))
        else:
            p = m.place
            click.echo(
                f"{m.start}-{m.end}\t{m.surface}\t{p.name_ar} / {p.name} ({p.id}, {p.kind})"
                f"\t{p.lat:.4f},{p.lon:.4f}\tprecision {m.precision}\tcue {m.cue or '-'}"
            )
    if not mentions and not as_json:
        click.echo("no places found", err=True)


@click.group("gazetteer")
def gazetteer() -> None:
    """Build and inspect the gazetteer."""


@gazetteer.command("build")
@click.option("--shared", type=click.Path(path_type=Path, file_okay=False),
              default=Path("../shared"), show_default=True,
              help="The shared reference directory (OpenSyria, OCHA boundaries).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Output file (default: the packaged gazetteer).")
def build_cmd(shared: Path, out: Path | None) -> None:
    """Rebuild the gazetteer file from GeoNames, OpenSyria, OCHA and the supplement."""
    from rasd.geo.gazetteer_build import build
    from rasd.geo.gazetteer_sources import DEFAULT_OUTPUT

    target = out or DEFAULT_OUTPUT
    try:
        n = build(shared, target)
    except GazetteerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{n} places -> {target}")


@gazetteer.command("stats")
@click.option("--path", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              default=None, help="A gazetteer file (default: the packaged one).")
def stats_cmd(path: Path | None) -> None:
    """Counts of places by kind and country."""
    from rasd.geo.gazetteer import load_gazetteer

    try:
        g = load_gazetteer(path)
    except GazetteerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(g.stats(), ensure_ascii=False, indent=2))
