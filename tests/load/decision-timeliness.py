#!/usr/bin/env python3
"""Decisions on time (docs/PERFORMANCE.md "Fleet load", "On time"), from a fleet-load ledger alone.

A board stamps each frame with its own uptime when it makes it; the verifier stamps the frame's records
with its clock when it starts judging it. For one chain (device, epoch), receive_ms - uptime_ms is the
board's boot time plus that frame's delay (network, queues at the board, the broker and the verifier).
The smallest value over the chain is the least-delayed frame; every other frame's excess over it is how
late the verifier took it up, on the verifier's clock, without trusting the board's clock beyond its rate
(a skew of 100 ppm is 0.06 s in 10 min). A decision is on time when that lateness plus serve's own share (p99 of
the judgement latency plus p99 of the Decision's wait in the broker's publish queue, both from /metrics)
stays within one frame interval.

That lateness cannot see a frame the board made late: a board whose publish waits (QoS 1, one in flight)
makes its next frame only afterwards. So the second condition is on the boards' own clocks: no more boards
"held back" (two consecutive accepted frames whose uptimes lie more than 1.5 intervals apart, the policy's
time-gap rule on the board's clock) and no more grant roll-backs than boards the scenario cuts off on
purpose (its outage boards, which make no frame while their link is down). The verifier's own "resumed
after" notes are printed too, but not gated on: they are on receive time, so they also count a frame made
on time and delivered late (a resend after the network model's 1 % loss), whose delay the lateness above
already measures.
The third: the fleet got its frames in: the median 5-second count of judged frames (JUDGED_MEDIAN, from the
samples) is at least 90 % of what the fleet offers (OFFERED_PER_5S).

Usage: decision-timeliness.py LEDGER INTERVAL_S SERVE_P99_S OUTAGE_BOARDS [JUDGED_MEDIAN OFFERED_PER_5S]
Prints one summary line per figure and, last, ON_TIME=PASS or ON_TIME=FAIL.
"""
import json
import sqlite3
import struct
import sys

ledger, interval_s, serve_p99_s, outage_boards = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
judged_median = int(sys.argv[5]) if len(sys.argv) > 6 else None
offered_per_5s = int(sys.argv[6]) if len(sys.argv) > 6 else None
db = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)

best = {}      # (device, epoch) -> smallest receive - uptime (ms)
frames = []    # (chain, receive - uptime)
uptimes = {}   # chain -> [(seq, uptime_us)] of its accepted frames
for time_ms, frame, detail in db.execute(
        "SELECT time_unix_ms, frame, detail FROM ledger WHERE kind = 'frame' ORDER BY sequence"):
    if json.loads(detail).get("verdict") not in ("genesis", "next"):
        continue
    epoch, = struct.unpack_from("<Q", frame, 12)
    device, = struct.unpack_from("<Q", frame, 4)
    uptime_us, = struct.unpack_from("<Q", frame, 24)
    offset = time_ms - uptime_us / 1000.0
    chain = (device, epoch)
    frames.append((chain, offset))
    seq, = struct.unpack_from("<I", frame, 20)
    uptimes.setdefault(chain, []).append((seq, uptime_us))
    if chain not in best or offset < best[chain]:
        best[chain] = offset

late = sorted(offset - best[chain] for chain, offset in frames)
if not late:
    print("no accepted frames")
    print("ON_TIME=FAIL")
    sys.exit(0)


def quantile(q):
    return late[min(len(late) - 1, int(q * len(late)))] / 1000.0


budget_s = interval_s - serve_p99_s
over = sum(1 for x in late if x / 1000.0 > budget_s)
print(f"accepted frames: {len(late)} in {len(best)} chains")
print(f"lateness (receive vs the chain's least-delayed frame): p50 {quantile(0.5):.3f} s, p90 {quantile(0.9):.3f} s, "
      f"p99 {quantile(0.99):.3f} s, max {late[-1] / 1000.0:.3f} s")
print(f"serve's p99 (judgement + Decision publish queue, /metrics bucket bounds): {serve_p99_s:.3f} s; frames whose lateness + that exceeds "
      f"{interval_s:.0f} s: {over} ({100.0 * over / len(late):.3f} %)")

rolled_back = db.execute("SELECT count(*) FROM ledger WHERE kind = 'revocation' AND detail LIKE '%rolled back%'").fetchone()[0]
rolled_devices = db.execute("SELECT count(DISTINCT device_id) FROM ledger WHERE kind = 'revocation' AND detail LIKE '%rolled back%'").fetchone()[0]
ahead = db.execute("SELECT count(DISTINCT device_id) FROM ledger WHERE kind = 'decision' AND detail LIKE '%uptime ran ahead%'").fetchone()[0]
resumed = db.execute("SELECT count(DISTINCT device_id) FROM ledger WHERE kind = 'decision' AND detail LIKE '%resumed after%'").fetchone()[0]
modes = db.execute("""SELECT json_extract(detail, '$.mode'), count(*) FROM ledger WHERE sequence IN
                      (SELECT max(sequence) FROM ledger WHERE kind = 'decision' AND device_id != 0 GROUP BY device_id) GROUP BY 1""").fetchall()
print(f"grant roll-backs: {rolled_back} on {rolled_devices} boards; boards with a 'resumed after' time gap: {resumed}; "
      f"boards with 'uptime ran ahead': {ahead}")
print("last decision per board: " + ", ".join(f"{mode} {count}" for mode, count in modes))
held_back = set()
for chain, links in uptimes.items():
    links.sort()
    for (seq_a, up_a), (seq_b, up_b) in zip(links, links[1:]):
        if seq_b == seq_a + 1 and (up_b - up_a) / 1e6 > 1.5 * interval_s:
            held_back.add(chain[0])
            break
print(f"boards held back (two consecutive frames made more than 1.5 intervals apart on the board's clock): {len(held_back)}")
p99_total = quantile(0.99) + serve_p99_s
got_in = judged_median is None or judged_median >= 0.9 * offered_per_5s
if judged_median is not None:
    print(f"judged per 5 s, median: {judged_median} of {offered_per_5s} offered ({100.0 * judged_median / offered_per_5s:.0f} %)")
on_time = p99_total <= interval_s and len(held_back) <= outage_boards and rolled_devices <= outage_boards and got_in
print(f"ON_TIME={'PASS' if on_time else 'FAIL'} (p99 lateness + serve's p99 = {p99_total:.3f} s, limit {interval_s:.0f} s; "
      f"boards held back {len(held_back)} and with a grant rolled back {rolled_devices}, limit {outage_boards} outage boards; "
      f"median judged per 5 s {judged_median if judged_median is not None else 'n/a'}, limit 90 % of {offered_per_5s})")
