#!/usr/bin/env bash
# Installs the Debian 12 packages Sakuga needs. Idempotent and fast when everything is present:
# it asks dpkg first and only calls apt-get for what is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev
  libcairo2-dev libpng-dev libpango1.0-dev fonts-noto-cjk
  libsndfile1-dev libebur128-dev
  libtomlplusplus-dev libpugixml-dev libcli11-dev libfmt-dev libxxhash-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libopencv-imgproc-dev  # benchmarks only: the painter against OpenCV's connected components
  ffmpeg espeak-ng libespeak-ng-dev  # the library only for kuchipaku's speech timing truth (tests, benchmarks)
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
