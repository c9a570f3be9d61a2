#!/usr/bin/env bash
# Runs two builds of the locate benchmark alternately over the same chunks of the dev set, so that a slow spell of
# shared cores falls on both: chunk n is ranked by one build and then the other, the first build alternating (ABBA),
# one process per chunk and build, without the BM25 baseline. Then compares them (locate-compare.py).
#
#   locate-interleaved.sh BEFORE_BIN AFTER_BIN OUT_DIR [DATA] [MIRRORS] [CHUNK_SIZE]
#
# BEFORE_BIN and AFTER_BIN are Release build outputs of this project (dotnet build -c Release -o DIR) from the two
# commits; OUT_DIR gets one Markdown table, stderr and --dump file per chunk and build, and log.txt (times, load).
set -euo pipefail

if [[ $# -lt 3 || $# -gt 6 ]]; then
  echo "usage: $0 BEFORE_BIN AFTER_BIN OUT_DIR [DATA] [MIRRORS] [CHUNK_SIZE]" >&2
  exit 2
fi

before=$1 after=$2 out=$3
data=${4:-/work/shared/bench/localization-dev.jsonl}
mirrors=${5:-/work/.mirror}
size=${6:-45}
for bin in "$before" "$after"; do
  [[ -f "$bin/ChatTriageBot.Benchmarks.dll" ]] || { echo "no ChatTriageBot.Benchmarks.dll in $bin" >&2; exit 2; }
done
[[ -f "$data" ]] || { echo "no such data file: $data" >&2; exit 2; }
mkdir -p "$out"

python3 -c 'import json,sys; [print(json.loads(l)["instance_id"]) for l in open(sys.argv[1]) if l.strip()]' "$data" \
  | paste -sd, | tr ',' '\n' | xargs -n "$size" | tr ' ' ',' > "$out/chunks.txt"

n=0
while read -r chunk; do
  n=$((n + 1))
  if (( n % 2 == 1 )); then order="before after"; else order="after before"; fi
  for build in $order; do
    if [[ $build == before ]]; then bin=$before; else bin=$after; fi
    echo "$(date -u +%T) chunk $n $build load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/log.txt"
    dotnet "$bin/ChatTriageBot.Benchmarks.dll" locate --data "$data" --mirrors "$mirrors" --baseline off \
      --id "$chunk" --dump "$out/$build-$n.jsonl" > "$out/$build-$n.md" 2> "$out/$build-$n.err"
  done
done < "$out/chunks.txt"
echo "$(date -u +%T) done" >> "$out/log.txt"

python3 "$(dirname "$0")/locate-compare.py" "$out"
