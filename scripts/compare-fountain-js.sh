#!/usr/bin/env bash
# Compares Sakuga's Fountain parser with fountain-js (npm) on every test screenplay and the demo's:
# scenes, dialogue blocks and speaking characters must agree. Then times both on the same
# 200-page screenplay. fountain-js is installed under build/npm (needs npm and the registry).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sakuga=${SAKUGA:-$root/build/sakuga}
bench=${SAKUGA_BENCH:-$root/build/bench/sakuga_bench}
npm_dir=$root/build/npm
if [[ ! -d $npm_dir/node_modules/fountain-js ]]; then
  mkdir -p "$npm_dir"
  npm install --silent --prefix "$npm_dir" fountain-js@1.2.4 >/dev/null
fi
export NODE_PATH=$npm_dir/node_modules
peer=$root/bench/fountain-js/peer.js

ours() { # FILE -> the same three counts from sakuga's breakdown
  "$sakuga" script breakdown "$1" --json 2>/dev/null | node -e '
    const b = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const names = b.characters.map(c => c.name.toUpperCase()).sort();
    console.log(JSON.stringify({scenes: b.scenes.length, dialogue_blocks: b.dialogue_blocks, characters: names}));'
}

status=0
printf '%-40s %-8s %s\n' "screenplay" "agree" "sakuga / fountain-js"
for f in "$root"/tests/scripts/*.fountain "$root"/examples/demo/script/*.fountain; do
  [[ -f $f ]] || continue
  a=$(ours "$f")
  b=$(node "$peer" counts "$f")
  if [[ $a == "$b" ]]; then
    printf '%-40s %-8s %s\n' "${f#$root/}" yes "$a"
  else
    printf '%-40s %-8s %s\n%-49s %s\n' "${f#$root/}" NO "$a" "" "$b"
    status=1
  fi
done

long=$(mktemp --suffix=.fountain)
trap 'rm -f "$long"' EXIT
"$bench" --write-long-screenplay="$long"
echo
echo "speed on a 200-page screenplay ($(wc -c <"$long") bytes):"
node "$peer" bench "$long" 20 | node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(`  fountain-js  median ${(r.median_s * 1000).toFixed(2)} ms  ${r.mb_per_s.toFixed(2)} MB/s`);'
"$bench" --benchmark_filter=BM_ParseFountain200Pages --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true --benchmark_format=json 2>/dev/null | node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const med = r.benchmarks.find(b => b.aggregate_name === "median");
  console.log(`  sakuga       median ${med.real_time.toFixed(2)} ${med.time_unit}  ${(med.bytes_per_second / 1e6).toFixed(2)} MB/s`);'
exit $status
