"""A cache of resolved rows, so a query on an unchanged log answers without parsing YAML.

One SQLite file per log, in the cache folder, holding every record's flat row and its bounds as day numbers,
indexed for range queries: rows spanning at most `_SHORT_DAYS` are found through the index on their first day
(a record that overlaps [a, b] starts in [a - longest short span, b]), the few longer or open-ended ones through
their own small index, so a one-month query reads a few hundred rows of a million rather than scanning them.
Each row is stored as a JSON array in the order of the columns kept in the cache's meta table.

The cache is trusted only while the log's size, mtime, inode and ctime match what was cached; when the log was
modified within two seconds of the cache being written (a change in the same clock tick could keep the same
stat), the content hash decides instead, as git does for racy entries. It is trusted only for the limits it
was made under (a query with lower TIMELINE_MAX_* limits reads the log again, and refuses it as the loader does).

The cache may only ever make a query faster, never make it fail: a cache folder that cannot be made, a file
that is corrupt (header or pages), foreign, older, not a regular file (a FIFO would block) or unwritable is
left aside and the answer comes from the log, with at most one warning (through `warn`) that names the file.
Deleting it is always safe.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from .calendar import Day

try:  # hashlib's own blake2b, without hashlib's import of OpenSSL (a third of a cached query's start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

#: 6: rows say `disputed` and `conflicts`; 7: they may hold `relative_to` and `for`; 8: `start_at`, `end_at`, `zone`;
#: 9: `start_source` and `end_source`
FORMAT = "timeline-rows-9"
_FAR_PAST = -(10**9)
_FAR_FUTURE = 10**9
_RACY_NS = 2_000_000_000
# Records longer than this (decades, open-ended "recently") are few; kept apart, they do not widen the window
# every short record is searched in.
_SHORT_DAYS = 1000
_SCHEMA = ("CREATE TABLE records(seq INTEGER PRIMARY KEY, lo INTEGER, hi INTEGER, long INTEGER, tags TEXT,"
           " actors TEXT, sources TEXT, row TEXT)")
# The last day is in the index too, so the overlap test reads the index alone and only matching rows are fetched.
_INDEXES = ("CREATE INDEX by_lo ON records(lo, hi) WHERE long = 0;"
            "CREATE INDEX long_rows ON records(lo, hi) WHERE long = 1;")


def default_dir(environ: dict[str, str] | os._Environ[str]) -> Path:
    """Give the cache folder: TIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/timeline, else ~/.cache/timeline."""
    if environ.get("TIMELINE_CACHE_DIR"):
        return Path(environ["TIMELINE_CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "timeline"


def _cache_file(log_path: Path, cache_dir: Path) -> Path:
    key = blake2b(str(log_path.resolve()).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return cache_dir / f"{log_path.name[:40]}-{key}.sqlite"


def _stat_key(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_ctime_ns}"


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=20).hexdigest()


_T = TypeVar("_T")

#: What can go wrong with a cache file, none of which may reach the person: the answer then comes from the log.
_CACHE_FAILURES = (OSError, sqlite3.Error, ValueError, KeyError, TypeError, RuntimeError)


def _limits_key(limits: Any) -> str:
    return f"{limits.max_bytes}:{limits.max_events}:{limits.max_depth}"


def _open_fresh(log_path: Path, cache_path: Path, limits: Any = None) -> sqlite3.Connection | None:
    """Give a connection to the cache if it is valid for the log as it is now (and these limits), else None."""
    from .limits import Limits

    try:
        st = log_path.stat()
        cache_st = cache_path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(cache_st.st_mode):
        raise OSError(f"{cache_path} is not a regular file")  # a FIFO would block the open; the caller warns
    conn = sqlite3.connect(f"file:{cache_path}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError:
        conn.close()
        raise
    if meta.get("format") != FORMAT or meta.get("limits") != _limits_key(limits or Limits()):
        conn.close()
        return None
    if meta.get("stat") == _stat_key(st) and st.st_mtime_ns + _RACY_NS < cache_st.st_mtime_ns:
        return conn
    try:
        same = meta.get("digest") == _digest(log_path.read_bytes())
    except OSError:
        same = False
    if same:
        return conn
    conn.close()
    return None


def write(log_path: Path, cache_path: Path, data: bytes, st: os.stat_result,
          rows: Iterable[tuple[dict[str, Any], int, int, Iterable[str]]], limits: Any = None) -> None:
    """Write the cache for a log atomically: (row, first day number, last day number, source ids) each.

    Raises OSError or sqlite3.Error when it cannot (no temporary file is left behind)."""
    from .limits import Limits

    cache_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".sqlite", dir=cache_path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                           "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);" + _SCHEMA + ";")
        columns, span = _fill(conn, rows)
        conn.executescript(_INDEXES)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("format", FORMAT), ("stat", _stat_key(st)), ("digest", _digest(data)), ("log", str(log_path)),
            ("columns", json.dumps(columns)), ("span", str(span)), ("limits", _limits_key(limits or Limits()))])
        conn.commit()
        conn.close()
        os.replace(tmp, cache_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _fill(conn: sqlite3.Connection, rows: Iterable[tuple[dict[str, Any], int, int, Iterable[str]]]
          ) -> tuple[list[str], int]:
    """Insert the rows; give the columns they are stored in and the longest span of a short record, in days."""
    columns: list[str] = []
    span = 0
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def records() -> Iterator[tuple[int, int, int, str, str, str, str]]:
        nonlocal columns, span
        for row, lo, hi, sources in rows:
            if not columns:
                columns = list(row)
            # a row with other keys than the first is kept whole, as an object
            text = dumps([row[c] for c in columns]) if len(row) == len(columns) and all(
                c in row for c in columns) else dumps(row)
            long = lo <= _FAR_PAST or hi >= _FAR_FUTURE or hi - lo > _SHORT_DAYS
            if not long and hi - lo > span:
                span = hi - lo
            yield lo, hi, int(long), _joined(row["tags"]), _joined(row["actors"]), _joined(sources), text

    conn.executemany("INSERT INTO records(lo, hi, long, tags, actors, sources, row) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     records())
    return columns, span


def _joined(words: Iterable[str]) -> str:
    return "".join(f"\x1f{w.casefold()}\x1f" for w in words)


def query_rows(log_path: str | Path, *, cache_dir: Path | None, start: Day | None = None, end: Day | None = None,
               within: bool = False, tags: Iterable[str] = (), actors: Iterable[str] = (),
               sources: Iterable[str] = (), limits: Any = None, as_of: Any = None,
               warn: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """Give the flat rows of the records matching a query, from the cache when it is fresh.

    On a miss the log is read, checked and resolved (raising its problems as usual) and the cache rewritten.
    With `cache_dir` None no cache is read or written. With `as_of` the rows are the log as known then
    (`timeline.load(..., as_of=)`): made afresh each time and never cached, since the cache holds the log as it is.
    Whatever goes wrong with the cache, the rows come from the log; `warn` is told once, naming the cache file.
    """
    path = Path(log_path)
    if as_of is not None:
        cache_dir = None
    said: list[str] = []

    def failed(cache_path: Path | None, exc: BaseException) -> None:
        if not said and warn is not None:
            said.append(str(cache_path))
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            warn(f"{cache_path or cache_dir}: the query cache cannot be used ({reason}); answered from the log "
                 "(delete the file or set TIMELINE_NO_CACHE=1 to silence this)")

    return _answer(path, cache_dir, limits, as_of, lambda conn: list(_select(conn, start, end, within, tags, actors,
                                                                           sources)), failed)


def query_facts(log_path: str | Path, *, cache_dir: Path | None, limits: Any = None,
                as_of: Any = None) -> dict[str, Any]:
    """Give what a query can be asked about, from the cache when it is fresh: the log's first and last known day
    (`first`, `last`: Day or None) and the tags, actors and source ids it names (`tags`, `actors`, `sources`:
    sets of casefolded words, as the filters match them). With `as_of`, of the log as known then (never cached).
    A cache that cannot be read is passed over for the log, as in `query_rows`."""
    path = Path(log_path)
    if as_of is not None:
        cache_dir = None
    return _answer(path, cache_dir, limits, as_of, _facts)


def _answer(path: Path, cache_dir: Path | None, limits: Any, as_of: Any, read: Callable[[sqlite3.Connection], _T],
            failed: Callable[[Path | None, BaseException], None] = lambda p, e: None) -> _T:
    """Give `read` of the fresh cache of `path`, else of the cache made again from the log (`_rebuild`).

    A cache that cannot be opened or read (corrupt, foreign, a FIFO; corrupt pages behind an intact header) is a
    miss: it is written again, and only a cache that cannot be written either is worth a warning (`failed`)."""
    conn = None
    if cache_dir is not None:
        with contextlib.suppress(*_CACHE_FAILURES):
            conn = _open_fresh(path, _cache_file(path, cache_dir), limits)
    if conn is not None:
        try:
            try:
                return read(conn)
            finally:
                conn.close()
        except _CACHE_FAILURES:
            pass
    conn = _rebuild(path, cache_dir, limits, as_of, failed)
    try:
        return read(conn)
    finally:
        conn.close()


def _facts(conn: sqlite3.Connection) -> dict[str, Any]:
    first, last = conn.execute(f"SELECT min(CASE WHEN lo > {_FAR_PAST} THEN lo END), "
                               f"max(CASE WHEN hi < {_FAR_FUTURE} THEN hi END) FROM records").fetchone()
    words: dict[str, set[str]] = {"tags": set(), "actors": set(), "sources": set()}
    for row in conn.execute("SELECT tags, actors, sources FROM records"):
        for name, joined in zip(words, row, strict=True):
            words[name].update(w for w in joined.split("\x1f") if w)
    return {"first": Day(first) if first is not None else None, "last": Day(last) if last is not None else None,
            **words}


def _rebuild(path: Path, cache_dir: Path | None, limits: Any, as_of: Any = None,
             failed: Callable[[Path | None, BaseException], None] = lambda p, e: None) -> sqlite3.Connection:
    from .log.load import loads, read_bytes
    from .render.rows import record_row
    from .log.yamltree import decode
    from .limits import Limits

    limits = limits or Limits()
    st_before = _full_stat(path)
    data = read_bytes(path, limits)
    log = loads(decode(data, str(path)), path=str(path), limits=limits, as_of=as_of)
    st_after = _full_stat(path)

    def rows() -> Iterator[tuple[dict[str, Any], int, int, set[str]]]:
        # made one at a time as SQLite takes them: a million rows held at once were most of the memory of a build
        sources = log.sources
        for r in log.records:
            yield (record_row(r, sources), r.start.ordinal if r.start else _FAR_PAST,
                   r.end.ordinal if r.end else _FAR_FUTURE, {c.source for c in r.event.claims if c.source})

    if cache_dir is not None and st_before is not None and st_after is not None \
            and _stat_key(st_after) == _stat_key(st_before):  # not changed while we read it
        cache_path: Path | None = None
        try:
            cache_path = _cache_file(path, cache_dir)
            write(path, cache_path, data, st_before, rows(), limits)
            conn = _open_fresh(path, cache_path, limits)
            if conn is not None:
                conn.execute("SELECT count(*) FROM records").fetchone()
                return conn
        except _CACHE_FAILURES as exc:
            failed(cache_path, exc)
    conn = sqlite3.connect(":memory:")
    conn.executescript("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);" + _SCHEMA + ";")
    columns, span = _fill(conn, rows())
    conn.executescript(_INDEXES)
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("columns", json.dumps(columns)), ("span", str(span))])
    return conn


def _full_stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _select(conn: sqlite3.Connection, start: Day | None, end: Day | None, within: bool, tags: Iterable[str],
            actors: Iterable[str], sources: Iterable[str]) -> Iterator[dict[str, Any]]:
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('columns', 'span')").fetchall())
    columns = json.loads(meta["columns"])
    span = int(meta["span"])
    lo = start.ordinal if start else _FAR_PAST
    hi = end.ordinal if end else _FAR_FUTURE
    # Each half names its index: with ORDER BY seq, SQLite would otherwise walk the whole table in seq order.
    if within:
        short = "SELECT seq, row FROM records INDEXED BY by_lo WHERE long = 0 AND lo BETWEEN ? AND ? AND hi <= ?"
        short_args: list[Any] = [lo, hi, hi]
        long = "SELECT seq, row FROM records INDEXED BY long_rows WHERE long = 1 AND lo >= ? AND hi <= ?"
    else:
        short = "SELECT seq, row FROM records INDEXED BY by_lo WHERE long = 0 AND lo BETWEEN ? AND ? AND hi >= ?"
        short_args = [max(lo - span, _FAR_PAST), hi, lo]
        long = "SELECT seq, row FROM records INDEXED BY long_rows WHERE long = 1 AND hi >= ? AND lo <= ?"
    long_args: list[Any] = [lo, hi]
    filters = ""
    filter_args: list[Any] = []
    for column, words in (("tags", tags), ("actors", actors), ("sources", sources)):
        words = list(words)
        if words:
            filters += " AND (" + " OR ".join(f"instr({column}, ?) > 0" for _ in words) + ")"
            filter_args.extend(f"\x1f{w.casefold()}\x1f" for w in words)
    sql = f"SELECT row FROM ({short}{filters} UNION ALL {long}{filters}) ORDER BY seq"
    loads = json.loads
    for (text,) in conn.execute(sql, short_args + filter_args + long_args + filter_args):
        value = loads(text)
        yield dict(zip(columns, value, strict=True)) if isinstance(value, list) else value
