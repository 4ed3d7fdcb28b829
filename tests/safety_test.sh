#!/usr/bin/env bash
# A build stopped at any moment leaves nothing a later build trusts wrongly:
#   - SIGKILL at random moments (twice in some trials: once more while resuming), then a build to
#     completion: the deliverable, stems and loudness report are bit-identical to a clean build's;
#   - SIGINT stops cleanly (exit 130, says what was kept) and the next build goes on from there;
#   - a second build of the same project says who holds the lock, with its pid, and exits 1.
# (Every trial's kill leaves a lock whose holder is dead: the next build takes it over.)
# Usage: safety_test.sh SAKUGA [TRIALS] [WIDTHxHEIGHT]   (the demo, at that size; default 4, 480x270)
set -uo pipefail
sakuga=$1
trials=${2:-4}
size=${3:-480x270}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
source "$src/tests/check.sh"

p=$work/demo
cp -r "$src/examples/demo" "$p"
rm -rf "$p/.sakuga" "$p/out"
w=${size%x*}; h=${size#*x}
sed -i "s/^resolution = .*/resolution = [$w, $h]/" "$p/sakuga.toml"
outputs() { # the deliverables whose bytes must match a clean build's
  (cd "$p/out" && sha256sum demo.mp4 demo.dialogue.wav demo.me.wav demo.loudness.json 2>/dev/null)
}

start=$(date +%s%N)
"$sakuga" build "$p" >/dev/null 2>&1
check "a clean build succeeds" test -s "$p/out/demo.mp4"
ms=$((($(date +%s%N) - start) / 1000000))
reference=$(outputs)
echo "clean build: ${ms} ms; $trials trials of SIGKILL within it"

RANDOM=20261203
for ((t = 1; t <= trials; t++)); do
  rm -rf "$p/.sakuga" "$p/out"
  kills=1
  if ((t % 3 == 0)); then kills=2; fi
  for ((k = 0; k < kills; k++)); do
    at=$((RANDOM % (ms > 0 ? ms : 1)))
    "$sakuga" build "$p" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((at / 1000)) $((at % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  out=$("$sakuga" build "$p" 2>&1); status=$?
  check "trial $t: the build after SIGKILL completes ($out)" test $status -eq 0
  litter=$(find "$p/.sakuga" "$p/out" -name '*.tmp.*' | head -3)
  check "trial $t: no temporary file of a killed build is left ($litter)" test -z "$litter"
  check "trial $t: its deliverables are the clean build's" test "$(outputs)" = "$reference"
done

# SIGINT: stop part way, keep what was made, go on from there.
rm -rf "$p/.sakuga" "$p/out"
"$sakuga" build "$p" --progress=json >"$work/int.json" 2>"$work/int.err" &
pid=$!
for _ in $(seq 1 200); do grep -q '"state":"finished"' "$work/int.json" 2>/dev/null && break; sleep 0.05; done
kill -INT "$pid"
wait "$pid"; status=$?
if [[ -e "$p/out/demo.mp4" ]]; then
  echo "note: the build finished before SIGINT reached it"
else
  check "SIGINT exits 130 ($status)" test $status -eq 130
  check "...and says what was kept ($(cat "$work/int.err"))" grep -q "interrupted: .* kept" "$work/int.err"
fi
check "--progress=json writes one JSON object a line" \
  bash -c "grep -v '^{\"id\":\"[^\"]*\",\"kind\":\"[a-z-]*\",\"state\":\"[a-z]*\",\"done\":[0-9]*,\"total\":[0-9]*,\"elapsed\":[0-9.]*' '$work/int.json' | wc -l | grep -qx 0"
out=$("$sakuga" build "$p" 2>&1); status=$?
check "the build after SIGINT completes" test $status -eq 0
check "...with the clean build's deliverables" test "$(outputs)" = "$reference"

# Two builds at once: the second is refused, naming the first's pid; the first is unharmed.
rm -rf "$p/.sakuga" "$p/out"
"$sakuga" build "$p" >/dev/null 2>&1 &
first=$!
for _ in $(seq 1 200); do [[ -s "$p/.sakuga/lock" ]] && break; sleep 0.02; done
out=$("$sakuga" build "$p" 2>&1); status=$?
check "a second build is refused ($status)" test $status -eq 1
check "...naming the first's pid ($out)" grep -qF "another sakuga (pid $first) is building this project" <<<"$out"
wait "$first"; status=$?
check "the first build completes" test $status -eq 0
check "...with the clean build's deliverables" test "$(outputs)" = "$reference"
out=$("$sakuga" build "$p" 2>&1)
check "...and the lock is free again for the next build ($out)" grep -q "nothing to do" <<<"$out"

checks_done
