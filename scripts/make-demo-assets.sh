#!/usr/bin/env bash
# Regenerates the demo's synthesized assets (committed, so builds never need this script):
#   design/backgrounds/sky.png   evening sky gradient with stars, drawn by FFmpeg's lavfi sources
#   sound/music/bed.ogg          a C-Am-F-G-C plucked chord bed, 44.1 kHz (the build resamples it)
#   sound/sfx/whoosh.flac        wind, filtered pink noise
#   sound/sfx/pop.wav            a falling blip for Mio's jump
#   sound/dialogue/*.wav         stand-in "recorded takes" of Mio's lines, spoken by espeak-ng
# Needs: ffmpeg, sox, espeak-ng (apt-get install ffmpeg sox libsox-fmt-all espeak-ng).
set -euo pipefail
demo=$(cd "$(dirname "$0")/../examples/demo" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ffmpeg -loglevel error -y -f lavfi \
  -i "gradients=s=2400x1350:c0=0x1d2352:c1=0xe7a37b:x0=1200:y0=0:x1=1200:y1=1350:d=1:n=2:seed=7" \
  -f lavfi -i "color=c=black@0:s=2400x1350,format=rgba" \
  -filter_complex "[0:v]format=rgba,geq=r='r(X,Y)+if(lt(random(1),0.0006)*lt(Y,700),200,0)':g='g(X,Y)+if(lt(random(1),0.0006)*lt(Y,700),200,0)':b='b(X,Y)+if(lt(random(1),0.0006)*lt(Y,700),200,0)':a=255[s]" \
  -map "[s]" -frames:v 1 "$demo/design/backgrounds/sky.png"

chord() { # name, duration, notes...
  local name=$1 dur=$2; shift 2
  local parts=()
  for n in "$@"; do
    sox -n -r 44100 -c 1 "$tmp/$name-$n.wav" synth "$dur" pluck "$n" fade 0 "$dur" 0.4
    parts+=("$tmp/$name-$n.wav")
  done
  sox -m "${parts[@]}" "$tmp/$name.wav"
}
chord c 2.5 C3 E4 G4 C5
chord a 2.5 A2 E4 A4 C5
chord f 2.5 F2 F4 A4 C5
chord g 2.5 G2 D4 G4 B4
chord end 4 C3 G3 E4 C5
sox "$tmp/c.wav" "$tmp/a.wav" "$tmp/f.wav" "$tmp/g.wav" "$tmp/end.wav" -c 2 "$tmp/bed.wav" reverb 40 gain -n -6
sox "$tmp/bed.wav" -C 2 "$demo/sound/music/bed.ogg"

sox -n -r 48000 -c 1 "$demo/sound/sfx/whoosh.flac" synth 1.6 pinknoise fade q 0.5 1.6 0.8 bandpass 700 500 gain -n -9
sox -n -r 48000 -c 1 "$demo/sound/sfx/pop.wav" synth 0.18 sine 1200:300 fade 0 0.18 0.12 gain -n -4
mkdir -p "$demo/sound/dialogue"
espeak-ng -v en-us+f4 -s 160 -w "$demo/sound/dialogue/c002_01.wav" "Hey! Up here!"
espeak-ng -v en-us+f4 -s 150 -w "$demo/sound/dialogue/c002_02.wav" "The first star's coming out."
espeak-ng -v en-us+f4 -s 160 -w "$demo/sound/dialogue/c003_01.wav" "Got it!"
espeak-ng -v ja+f4 -s 140 -w "$demo/sound/dialogue/c003_02.wav" "いちばんぼし、みーつけた。"
echo "demo assets written under $demo"
