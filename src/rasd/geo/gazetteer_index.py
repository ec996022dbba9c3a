"""The packaged gazetteer's index, built on first use and cached on disk.

Building the name index of ~55,000 places (folding every name and alias) takes
a second or more; loading it back takes a few tens of milliseconds. The first
process that needs the gazetteer builds the index and writes it, with
:mod:`marshal` (plain data only: strings, numbers, lists, dicts and sets), to
the cache directory; later processes load it. The cache file is named after a
digest of the gazetteer file and the index format, so a rebuilt gazetteer or a
new format never meets a stale index. When the cache directory cannot be
written the index is simply built in memory each time.

The cache directory is ``$RASD_CACHE_DIR``, else ``$XDG_CACHE_HOME/rasd``, else
``~/.cache/rasd``.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from rasd.errors import GazetteerError
from rasd.geo.gazetteer import Gazetteer, parse_row, read_rows

# Bump when the saved state's layout or the key folding changes.
INDEX_FORMAT = 1


def cache_dir() -> Path:
    env = os.environ.get("RASD_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "rasd"


def index_path(path: Path) -> Path:
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:16]
    return cache_dir() / f"gazetteer-{digest}-v{INDEX_FORMAT}.marshal"


def build_index(path: Path) -> tuple[Gazetteer, dict[str, Any]]:
    """Read ``path``, index it, and return the gazetteer with its saveable state."""
    rows = read_rows(path)
    places = []
    seats: dict[str, str] = {}
    for n, line in enumerate(rows):
        try:
            p = parse_row(line)
        except (ValueError, TypeError) as exc:
            raise GazetteerError(f"gazetteer {path}: bad row {n + 2}: {exc}") from exc
        places.append(p)
        seat = line.split("\t")[13]
        if seat:
            seats[p.id] = seat
    g = Gazetteer(places, seats=seats)
    return g, g.state(rows)


def load_indexed(path: Path) -> Gazetteer:
    """The gazetteer at ``path`` from its cached index, building the index if needed."""
    try:
        target = index_path(path)
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer {path}: {exc}") from exc
    try:
        state = marshal.loads(target.read_bytes())
        if isinstance(state, dict) and state.get("format") == INDEX_FORMAT:
            return Gazetteer.from_state(state)
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        pass  # no index yet, or an unreadable one: build it again
    g, state = build_index(path)
    state["format"] = INDEX_FORMAT
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".gazetteer-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(state))
        os.replace(tmp, target)  # atomic: a parallel reader sees all or nothing
    except OSError:
        pass  # a read-only cache directory costs only the build time
    return g
