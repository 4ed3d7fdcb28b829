#!/usr/bin/env bash
# The episode factory at TV length: synthetic episodes (scripts/make-episode.py, seed 1) of 6, 12 and
# 24 minutes, each built cold, then again with nothing changed, with one key drawing changed, and
# with one cut's sound cue changed. Prints for each: cold time, peak RSS, .sakuga/ size, and the
# rebuild times; then the targets: 24 min cold under 1 GiB, time linear in length (within 15%),
# no-op under 1 s, a key change >= 50x faster than cold, a sound change renders no frame,
# .sakuga/ under 10 GB.
#   MINUTES="6 12 24" JOBS=2 scripts/bench-episode.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sakuga=${SAKUGA:-$root/build/sakuga}
minutes=${MINUTES:-6 12 24}
jobs=${JOBS:-$(nproc)}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sakuga-episode.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

run() { # dir, log: builds, leaves "secs kb" in $tmp/time and the output in the log
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$sakuga" build "$1" -j "$jobs" >"$2" 2>&1 || {
    echo "bench-episode: build failed:"; tail -5 "$2"; exit 1; }
}
frames_rendered() { grep -o '[0-9]* frames rendered' "$1" | head -1 | cut -d' ' -f1 || true; }

printf '%-6s %6s %6s %9s %8s %9s %10s %8s %11s %10s\n' minutes cuts frames "cold s" "RSS MB" ".sakuga" "no-op s" "key s" "key frames" "sound fr."
declare -A cold rss size noop key keyframes sound per_min
for m in $minutes; do
  dir=$tmp/ep$m
  python3 "$root/scripts/make-episode.py" "$dir" --minutes "$m" --seed 1 >"$tmp/made.log"
  cuts=$(ls "$dir/cuts" | wc -l)
  frames=$(grep -o '[0-9]* frames' "$tmp/made.log" | head -1 | cut -d' ' -f1)
  run "$dir" "$tmp/cold.log"
  read -r cold[$m] kb < "$tmp/time"; rss[$m]=$((kb / 1024))
  size[$m]=$(du -sb "$dir/.sakuga" | cut -f1)
  run "$dir" "$tmp/noop.log"
  grep -q "nothing to do" "$tmp/noop.log" || { echo "bench-episode: the no-op rebuild did something"; cat "$tmp/noop.log"; exit 1; }
  read -r noop[$m] _ < "$tmp/time"
  # One key drawing of the middle cut: a stroke added, as an animator's correction.
  mid=$(ls "$dir/cuts" | sed -n "$(((cuts + 1) / 2))p")
  drawing=$(ls "$dir/cuts/$mid"/*/1.svg | head -1)
  sed -i 's|</svg>|<path d="M 100 100 L 160 110" stroke="#1e1a24" stroke-width="4" fill="none"/></svg>|' "$drawing"
  run "$dir" "$tmp/key.log"
  read -r key[$m] _ < "$tmp/time"
  keyframes[$m]=$(frames_rendered "$tmp/key.log")
  # One cut's sound cue: louder by 1 dB.
  toml=$(grep -l '^\[\[sound\]\]' "$dir"/cuts/*/cut.toml | head -1)
  python3 - "$toml" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
i = s.index('[[sound]]')
m = re.compile(r'^gain_db = (-?[0-9.]+)$', re.M).search(s, i)
if m:
    s = s[:m.start()] + 'gain_db = %g' % (float(m.group(1)) + 1) + s[m.end():]
else:
    s = s[:i + 9] + '\ngain_db = 1' + s[i + 9:]
open(p, 'w').write(s)
PY
  run "$dir" "$tmp/sound.log"
  sound[$m]=$(frames_rendered "$tmp/sound.log")
  per_min[$m]=$(awk -v s="${cold[$m]}" -v m="$m" 'BEGIN { printf "%.2f", s / m }')
  printf '%-6s %6s %6s %9s %8s %8.2fG %10s %8s %11s %10s\n' "$m" "$cuts" "$frames" "${cold[$m]}" "${rss[$m]}" \
    "$(awk -v b="${size[$m]}" 'BEGIN { print b / 2^30 }')" "${noop[$m]}" "${key[$m]}" "${keyframes[$m]:-?}" "${sound[$m]:-?}"
  rm -rf "$dir"
done

echo
echo "cold seconds per minute of episode: $(for m in $minutes; do printf '%s min %s  ' "$m" "${per_min[$m]}"; done)"
big=$(echo "$minutes" | tr ' ' '\n' | sort -n | tail -1)
verdict() { if [[ $2 == 1 ]]; then echo "  ok    $1"; else echo "  MISS  $1"; fi; }
lin=$(for m in $minutes; do echo "${per_min[$m]}"; done | sort -n | awk 'NR==1{lo=$1} {hi=$1} END { printf "%.3f", hi / lo }')
if [[ $(echo "$minutes" | wc -w) -gt 1 ]]; then
  verdict "time linear in length: slowest/fastest seconds per minute = $lin (<= 1.15)" "$(awk -v r="$lin" 'BEGIN { print (r <= 1.15) }')"
fi
verdict "$big min cold peak RSS ${rss[$big]} MB (< 1024)" "$((rss[$big] < 1024))"
verdict "$big min no-op ${noop[$big]} s (< 1)" "$(awk -v s="${noop[$big]}" 'BEGIN { print (s < 1) }')"
ratio=$(awk -v c="${cold[$big]}" -v k="${key[$big]}" 'BEGIN { printf "%.1f", c / k }')
verdict "$big min one key drawing changed: ${ratio}x faster than cold (>= 50)" "$(awk -v r="$ratio" 'BEGIN { print (r >= 50) }')"
verdict "$big min one sound cue changed: ${sound[$big]:-?} frames rendered (0)" "$([[ "${sound[$big]:-x}" == 0 ]] && echo 1 || echo 0)"
verdict "$big min .sakuga/ $(awk -v b="${size[$big]}" 'BEGIN { printf "%.2f", b / 2^30 }') GB (< 10)" "$(awk -v b="${size[$big]}" 'BEGIN { print (b < 10 * 2^30) }')"
