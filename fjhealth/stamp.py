"""A cheap signature of a corpus's files, from ``stat`` alone, to skip re-reading them.

``batch.corpus_state`` reads and hashes every file (an edit that keeps a file's size and
modification time still changes it): at 10,000 pages that is a quarter of a second, which a
warm ``search`` paid on every run. ``stat_stamp`` signs each file's name, device, inode, size
and modification and change times instead. The change time (``st_ctime``) moves on every
write and every ``utime`` and cannot be set back from user space, so an edit that restores
size and modification time still changes the stamp; a file replaced by a rename changes inode.

A file changed too recently to be told apart from a later edit in the same clock tick (the
"racy" case git knows) makes the stamp ``None``: the caller then hashes the contents as before.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from .cache import sha256

# Files whose modification or change time lies this close to now (or later) are racy:
# timestamps are coarse (a few ms on Linux, 2 s on FAT), so an edit right after the stamp could
# leave them unchanged.
RACY_NS = 3_000_000_000


def stat_stamp(
    paths: Sequence[Path], encoding: str | None, now_ns: int | None = None
) -> str | None:
    """The corpus's ``stat`` signature, or ``None`` when a file is racy or cannot be stat'ed.

    >>> stat_stamp([], None) == stat_stamp([], None)
    True
    >>> stat_stamp([Path("/nonexistent/page.txt")], None) is None
    True
    """
    now = time.time_ns() if now_ns is None else now_ns
    h = sha256(f"stat\0{encoding or ''}\n".encode())
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            return None
        if max(st.st_mtime_ns, st.st_ctime_ns) >= now - RACY_NS:
            return None
        h.update(os.fsencode(p))
        h.update(f"\0{st.st_dev}\0{st.st_ino}\0{st.st_size}\0{st.st_mtime_ns}"
                 f"\0{st.st_ctime_ns}\n".encode())
    return h.hexdigest()
