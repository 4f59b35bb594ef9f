"""A cache of resolved rows, so a query on an unchanged log answers without parsing YAML.

One SQLite file per log, in the cache folder, holding every record's flat row and its bounds as day numbers,
indexed for range queries. It is trusted only while the log's size, mtime, inode and ctime match what was cached;
when the log was modified within two seconds of the cache being written (a change in the same clock tick could
keep the same stat), the content hash decides instead, as git does for racy entries. A corrupt, foreign or older
cache is ignored and rebuilt; deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .calendar import Day

FORMAT = "timeline-rows-3"
_FAR_PAST = -(10**9)
_FAR_FUTURE = 10**9
_RACY_NS = 2_000_000_000


def default_dir(environ: dict[str, str] | os._Environ[str]) -> Path:
    """Give the cache folder: TIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/timeline, else ~/.cache/timeline."""
    if environ.get("TIMELINE_CACHE_DIR"):
        return Path(environ["TIMELINE_CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "timeline"


def _cache_file(log_path: Path, cache_dir: Path) -> Path:
    key = hashlib.blake2b(str(log_path.resolve()).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return cache_dir / f"{log_path.name[:40]}-{key}.sqlite"


def _stat_key(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_ctime_ns}"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _open_fresh(log_path: Path, cache_path: Path) -> sqlite3.Connection | None:
    """Give a connection to the cache if it is valid for the log as it is now, else None."""
    try:
        st = log_path.stat()
        cache_st = cache_path.stat()
    except OSError:
        return None
    try:
        conn = sqlite3.connect(f"file:{cache_path}?mode=ro", uri=True)
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError:
        return None
    if meta.get("format") != FORMAT:
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
          rows: Iterable[tuple[dict[str, Any], int, int, Iterable[str]]]) -> None:
    """Write the cache for a log atomically: (row, first day number, last day number, source ids) each."""
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".sqlite", dir=cache_path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE records(seq INTEGER PRIMARY KEY, lo INTEGER, hi INTEGER, tags TEXT, actors TEXT,"
            " sources TEXT, row TEXT);")
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("format", FORMAT), ("stat", _stat_key(st)), ("digest", _digest(data)), ("log", str(log_path))])
        conn.executemany(
            "INSERT INTO records(lo, hi, tags, actors, sources, row) VALUES (?, ?, ?, ?, ?, ?)",
            ((lo, hi, _joined(row["tags"]), _joined(row["actors"]), _joined(sources),
              json.dumps(row, ensure_ascii=False, separators=(",", ":"))) for row, lo, hi, sources in rows))
        conn.executescript("CREATE INDEX by_lo ON records(lo); CREATE INDEX by_hi ON records(hi);")
        conn.commit()
        conn.close()
        os.replace(tmp, cache_path)
    except (OSError, sqlite3.Error):
        # a cache that cannot be written is only a slower next run
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _joined(words: Iterable[str]) -> str:
    return "".join(f"\x1f{w.casefold()}\x1f" for w in words)


def query_rows(log_path: str | Path, *, cache_dir: Path | None, start: Day | None = None, end: Day | None = None,
               within: bool = False, tags: Iterable[str] = (), actors: Iterable[str] = (),
               sources: Iterable[str] = (), limits: Any = None) -> list[dict[str, Any]]:
    """Give the flat rows of the records matching a query, from the cache when it is fresh.

    On a miss the log is read, checked and resolved (raising its problems as usual) and the cache rewritten.
    With `cache_dir` None no cache is read or written.
    """
    path = Path(log_path)
    conn = _open_fresh(path, _cache_file(path, cache_dir)) if cache_dir is not None else None
    if conn is None:
        conn = _rebuild(path, cache_dir, limits)
    try:
        return list(_select(conn, start, end, within, tags, actors, sources))
    finally:
        conn.close()


def _rebuild(path: Path, cache_dir: Path | None, limits: Any) -> sqlite3.Connection:
    from .log import loads, read_bytes
    from .rows import record_row
    from .yamltree import Limits, decode

    limits = limits or Limits()
    st_before = _full_stat(path)
    data = read_bytes(path, limits)
    log = loads(decode(data, str(path)), path=str(path), limits=limits)
    rows = [(record_row(r, log.sources),
             r.start.ordinal if r.start else _FAR_PAST, r.end.ordinal if r.end else _FAR_FUTURE,
             {c.source for c in r.event.claims if c.source}) for r in log.records]
    st_after = _full_stat(path)
    if cache_dir is not None and st_before is not None and st_after is not None \
            and _stat_key(st_after) == _stat_key(st_before):  # not changed while we read it
        cache_path = _cache_file(path, cache_dir)
        write(path, cache_path, data, st_before, rows)
        conn = _open_fresh(path, cache_path) if cache_path.exists() else None
        if conn is not None:
            return conn
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE records(seq INTEGER PRIMARY KEY, lo INTEGER, hi INTEGER, tags TEXT, actors TEXT,"
                 " sources TEXT, row TEXT)")
    conn.executemany("INSERT INTO records(lo, hi, tags, actors, sources, row) VALUES (?, ?, ?, ?, ?, ?)",
                     ((lo, hi, _joined(row["tags"]), _joined(row["actors"]), _joined(srcs),
                       json.dumps(row, ensure_ascii=False)) for row, lo, hi, srcs in rows))
    return conn


def _full_stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _select(conn: sqlite3.Connection, start: Day | None, end: Day | None, within: bool, tags: Iterable[str],
            actors: Iterable[str], sources: Iterable[str]) -> Iterator[dict[str, Any]]:
    lo = start.ordinal if start else _FAR_PAST
    hi = end.ordinal if end else _FAR_FUTURE
    where = "lo >= ? AND hi <= ?" if within else "hi >= ? AND lo <= ?"
    sql = f"SELECT row FROM records WHERE {where}"
    args: list[Any] = [lo, hi]
    for column, words, casefold in (("tags", tags, True), ("actors", actors, True), ("sources", sources, True)):
        words = list(words)
        if words:
            sql += " AND (" + " OR ".join(f"instr({column}, ?) > 0" for _ in words) + ")"
            args.extend(f"\x1f{w.casefold() if casefold else w}\x1f" for w in words)
    sql += " ORDER BY seq"
    for (row,) in conn.execute(sql, args):
        yield json.loads(row)
