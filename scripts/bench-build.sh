#!/usr/bin/env bash
# Whole-command benchmark: a cold build of the demo, a no-op rebuild, and peak memory for the
# demo and for the same project with one cut made 10x longer. Works on copies in a temp folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sakuga=${SAKUGA:-$root/build/sakuga}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

measure() { # label, args...: prints wall seconds and peak RSS in MB
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null
  read -r secs kb < "$tmp/time"
  printf '%-34s %8.2f s %8.0f MB\n' "$label" "$secs" "$((kb / 1024))"
}

cp -r "$root/examples/demo" "$tmp/demo"
rm -rf "$tmp/demo/.sakuga" "$tmp/demo/out"
measure "demo: cold build" "$sakuga" build "$tmp/demo"
measure "demo: no-op rebuild" "$sakuga" build "$tmp/demo"

# The long variant: c001 (the pan) lasts 40 s instead of 4 s, its camera keys stretched.
cp -r "$root/examples/demo" "$tmp/long"
rm -rf "$tmp/long/.sakuga" "$tmp/long/out"
sed -i 's/^duration = "4+0"/duration = "40+0"/; s/^frame = "3+0"/frame = "30+0"/' "$tmp/long/cuts/c001/cut.toml"
measure "demo, c001 10x longer: cold build" "$sakuga" build "$tmp/long"
