#!/usr/bin/env python3
"""No loss, exactly: every obs frame a board got acknowledged is in the ledger.

The simulators' --capture files hold one JSON line per publish the broker acknowledged (at the sender,
after its PUBACK). A board resends a frame until it is acknowledged, so one frame may be acknowledged
more than once (a lost PUBACK); counting publishes against ledger records overstates loss by those
duplicates. Here each distinct acknowledged obs frame (its bytes) is looked up in the ledger, as an
accepted `frame` record or a `refusal` record (a refused frame is acknowledged too, and recorded in full
up to the per-source budget; beyond it only counted, so such frames are reported apart).

Usage: acknowledged-in-ledger.py LEDGER CAPTURE.jsonl...
Prints the counts and, last, LOST=N.
"""
import base64
import json
import sqlite3
import sys

ledger, captures = sys.argv[1], sys.argv[2:]
acknowledged, publishes = set(), 0
for path in captures:
    with open(path) as lines:
        for line in lines:
            record = json.loads(line)
            if record["topic"].endswith("/obs"):
                publishes += 1
                acknowledged.add(base64.b64decode(record["frame"]))

db = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)
kept = {bytes(frame) for (frame,) in db.execute("SELECT frame FROM ledger WHERE kind IN ('frame', 'refusal')")}
suppressed = db.execute("SELECT coalesce(sum(json_extract(detail, '$.suppressed')), 0) FROM ledger WHERE kind = 'refusal-count'").fetchone()[0]
missing = acknowledged - kept
print(f"acknowledged obs publishes: {publishes}; distinct frames: {len(acknowledged)}; in the ledger: {len(acknowledged) - len(missing)}")
print(f"refusals only counted (over the per-source budget): {suppressed}")
print(f"LOST={len(missing) if suppressed == 0 else max(0, len(missing) - suppressed)}")
