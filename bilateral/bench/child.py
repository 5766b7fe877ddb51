"""What the benchmark times in a fresh process: opening (and, the first time, filling) the mirror.

`python -m bilateral.bench.child mirror` with BILATERAL_DB set prints one JSON object: the seconds to open
the store and bring its persisted mirror up to date (a full sync when the mirror file is new: the cold start
of the app; a no-op sync when it is up to date: the first page after a server restart), the rows pulled and
the process's peak memory. Modules are imported before the clock starts (a server has them loaded).
"""

from __future__ import annotations

import json
import resource
import sys
import time


def mirror() -> dict:
    from bilateral import store
    from bilateral.analysis import open_mirror

    started = time.perf_counter()
    db = store.connect(seed=False)
    opened = open_mirror(db)
    seconds = time.perf_counter() - started
    rows = opened.cursor().execute("SELECT count(*) FROM rows").fetchone()[0]
    persisted = opened.persisted
    opened.close()
    db.engine.dispose()
    return {
        "seconds": seconds,
        "rows": int(rows),
        "persisted": persisted,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str]) -> int:
    if argv[:1] != ["mirror"]:
        print("usage: python -m bilateral.bench.child mirror", file=sys.stderr)
        return 2
    print(json.dumps(mirror()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
