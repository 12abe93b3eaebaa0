#!/usr/bin/env bash
# Coverage-guided fuzzing of one AqNano.Fuzz target with AFL++ (Debian's afl++) and SharpFuzz
# (docs/FUZZING.md). Bounded: stops after SECONDS of fuzzing or EXECS executions, whichever first.
#
#   tests/AqNano.Fuzz/run-afl.sh [target] [seconds] [execs]      e.g.  run-afl.sh parser 600
#
# Steps: publish the fuzz project (Release), instrument the assemblies under test in the published
# copy with the SharpFuzz.CommandLine tool, write the seed corpus (every frame in tests/vectors),
# run afl-fuzz, then replay whatever AFL++ calls a crash through the same target outside AFL++.
# Work folder: $AFL_WORK (default /tmp/aqnano-afl/<target>); crashes land in its out/default/crashes.
set -euo pipefail

target=${1:-parser}
seconds=${2:-300}
execs=${3:-100000000}
here=$(cd "$(dirname "$0")" && pwd)
work=${AFL_WORK:-/tmp/aqnano-afl/$target}

# What SharpFuzz instruments per target: the code under test, not the harness or the BCL.
case "$target" in
  parser|canary) instrument=(AqNano.Protocol.dll) ;;
  ingest) instrument=(AqNano.Protocol.dll AqNano.Verifier.dll) ;;
  *) echo "unknown target '$target' (parser, ingest, canary)" >&2; exit 2 ;;
esac

if ! command -v afl-fuzz >/dev/null; then
  echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2
fi
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v sharpfuzz >/dev/null; then
  dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
fi

rm -rf "$work"
mkdir -p "$work"
dotnet publish "$here/AqNano.Fuzz.csproj" -c Release -o "$work/bin" --nologo -v quiet
# An uninstrumented copy for seeds and replay: instrumented code outside Fuzzer.Run has no coverage
# map to write to and dies with an access violation.
cp -r "$work/bin" "$work/plain"
for assembly in "${instrument[@]}"; do
  sharpfuzz "$work/bin/$assembly"
done
dotnet "$work/plain/AqNano.Fuzz.dll" seeds --target "$target" --out "$work/in"

# dotnet itself is not instrumented (SharpFuzz reports coverage through AFL's shared memory),
# so the binary check is skipped; no core dumps are needed to see a crash.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1
afl-fuzz -i "$work/in" -o "$work/out" -V "$seconds" -E "$execs" -t 5000 -m none \
  -- dotnet "$work/bin/AqNano.Fuzz.dll" afl --target "$target" || status=$?

stats="$work/out/default/fuzzer_stats"
if [ -f "$stats" ]; then
  grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg|edges_found|total_edges)' "$stats"
fi
crashes=$(find "$work/out/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
echo "crashes: $crashes (replaying them through '$target' outside AFL++)"
if [ "$crashes" -gt 0 ]; then
  dotnet "$work/plain/AqNano.Fuzz.dll" replay --target "$target" "$work/out/default/crashes" || true
  echo "copy each crash to tests/AqNano.Fuzz.Tests/findings/$target/ to keep it as a regression test" >&2
  exit 1
fi
exit "${status:-0}"
