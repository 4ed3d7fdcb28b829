#!/usr/bin/env bash
# End to end through the real binary on disk: a tiny project is built, rebuilt, broken in each of
# the ways a studio breaks things, and each time the exit status, the diagnostic and the untouched
# output are checked.
set -uo pipefail
sakuga=$1
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$src/tests/check.sh"

# A small copy of the demo: one cut, shorter, at 320x180.
p=$work/tiny
mkdir -p "$p/cuts"
cp -r "$src/examples/demo/design" "$src/examples/demo/sound" "$p/"
cp -r "$src/examples/demo/cuts/c002" "$p/cuts/"
cat > "$p/sakuga.toml" <<'TOML'
title = "Tiny"
frame_rate = "24000/1001"
resolution = [320, 180]
cuts = ["c002"]
[[music]]
file = "sound/music/bed.ogg"
[characters.MIO]
mouths = { closed = "1", half = "2", open = "3" }
TOML
# The scene and dialogue (and everything after them) are for the animatic, tested below.
sed -i '/^\[scene\]/,$d' "$p/cuts/c002/cut.toml"
sed -i 's/^duration = "4+0"/duration = "1+0"/; s/^frame = "1+18"/frame = 20/' "$p/cuts/c002/cut.toml"
sed -i 's/^A = .*/A = "1:8 2 3 2 3 2 1"/' "$p/cuts/c002/cut.toml"

out=$("$sakuga" build "$p" 2>&1); status=$?
check "first build succeeds ($out)" test $status -eq 0
check "deliverable written" test -s "$p/out/tiny.mp4"
frames=$(ffprobe -v error -count_frames -select_streams v -show_entries stream=nb_read_frames,r_frame_rate -of csv=p=0 "$p/out/tiny.mp4")
check "24 frames at 24000/1001 ($frames)" test "$frames" = "24000/1001,24"
out=$("$sakuga" build "$p" 2>&1)
check "no-op rebuild says so ($out)" grep -q "nothing to do" <<<"$out"
"$sakuga" frame "$p" c002 0+10 -o "$work/f.png" >/dev/null
check "frame command writes a PNG" test -s "$work/f.png"

before=$(sha256sum "$p/out/tiny.mp4")
expect_error() { # description, expected text, file to break, sed expression
  local what=$1 expected=$2 file=$3 expr=$4
  cp "$p/$file" "$work/saved"
  sed -i "$expr" "$p/$file"
  out=$("$sakuga" build "$p" 2>&1); status=$?
  check "$what: exit status 2 (got $status)" test $status -eq 2
  check "$what: diagnostic '$expected' in: $out" grep -qF -- "$expected" <<<"$out"
  check "$what: output untouched" test "$(sha256sum "$p/out/tiny.mp4")" = "$before"
  cp "$work/saved" "$p/$file"
}
expect_error "malformed cut.toml" "cuts/c002/cut.toml:2:16: error: malformed TOML" cuts/c002/cut.toml \
  's/^duration = "1+0"/duration = "1+0/'
expect_error "column without a layer" "cuts/c002/cut.toml:33:1: error: column 'C' has no matching layer" cuts/c002/cut.toml 's/^A = /C = /'
expect_error "missing drawing" "cuts/c002/cut.toml:33:12: error: drawing A/5 not found" cuts/c002/cut.toml \
  's/^A = "1:8 2 3/A = "1:8 2 5/'
expect_error "missing sound" "sakuga.toml:6:9: error: music file 'sound/music/gone.ogg' not found" sakuga.toml \
  's/bed.ogg/gone.ogg/'
expect_error "path leaving the project" "cuts/c002/cut.toml:3:15: error: background '../../etc/town.svg' leaves the project folder" \
  cuts/c002/cut.toml 's|^background = .*|background = "../../etc/town.svg"|'
expect_error "malformed SVG" "cuts/c002/A/2.svg:" cuts/c002/A/2.svg 's|<title>Mio</title>|<title>Mio|'
check "no temporary files left" test -z "$(find "$p" -name '*.tmp.*')"

# From a screenplay to an animatic: sakuga new, then build --target animatic.
a=$work/from-script
out=$("$sakuga" new "$a" --from-script "$src/tests/scripts/japanese.fountain" 2>&1); status=$?
check "new from a Japanese script ($out)" test $status -eq 0
check "new made two cuts" test -f "$a/cuts/c002/cut.toml"
check "new copied the script" cmp -s "$a/script/japanese.fountain" "$src/tests/scripts/japanese.fountain"
out=$("$sakuga" new "$a" --from-script "$src/tests/scripts/japanese.fountain" 2>&1); status=$?
check "new refuses a folder that is not empty ($out)" test $status -eq 2
out=$(SAKUGA_ESPEAK= "$sakuga" build "$a" --target animatic 2>&1); status=$?
check "animatic without espeak-ng builds ($out)" test $status -eq 0
check "animatic without espeak-ng warns" grep -qF "espeak-ng is not installed" <<<"$out"
check "animatic written" test -s "$a/out/animatic.mp4"
check "animatic has sound" test "$(ffprobe -v error -select_streams a -show_entries stream=codec_name -of csv=p=0 "$a/out/animatic.mp4")" = aac
out=$("$sakuga" build "$a" --target animatic 2>&1); status=$?
check "animatic with espeak-ng speaks ($out)" grep -qF "3 voices spoken" <<<"$out"
check "voices cached" test "$(ls "$a/.sakuga/voices" | wc -l)" -eq 3
out=$("$sakuga" build "$a" --target animatic 2>&1)
check "animatic no-op rebuild ($out)" grep -q "nothing to do: out/animatic.mp4" <<<"$out"
sed -i 's/なんでもない。/やっぱり、なんでもない。/' "$a/script/japanese.fountain"
out=$("$sakuga" check "$a" 2>&1)
check "a changed line is traced to its cut ($out)" grep -qF "cuts/c001/cut.toml:" <<<"$out"
check "...quoting the script" grep -qF "script/japanese.fountain:15 now reads ミオ: \"やっぱり、なんでもない。\"" <<<"$out"
printf '/* never closed\n' >"$work/broken.fountain"
out=$("$sakuga" new "$work/b" --from-script "$work/broken.fountain" 2>&1); status=$?
check "new from a broken script: exit 2 ($out)" test $status -eq 2
check "...with a position" grep -qF "broken.fountain:1:1: error" <<<"$out"
check "...and no folder" test ! -e "$work/b"

# Timesheets: XDTS -> Sakuga's sheet -> XDTS -> CSV -> XDTS keeps every frame of every column.
x=$src/examples/demo/cuts/c003/c003.xdts
out=$("$sakuga" timesheet convert "$x" "$work/c003.toml" 2>&1); status=$?
check "convert xdts to toml ($out)" test $status -eq 0
check "...a Sakuga sheet with its columns" grep -qF '[sheet]' "$work/c003.toml"
"$sakuga" timesheet convert "$work/c003.toml" "$work/c003.xdts" >/dev/null 2>&1
"$sakuga" timesheet convert "$work/c003.xdts" "$work/c003.csv" >/dev/null 2>&1
"$sakuga" timesheet convert "$work/c003.csv" "$work/c003b.toml" >/dev/null 2>&1
"$sakuga" timesheet convert "$x" "$work/direct.csv" >/dev/null 2>&1
check "xdts -> toml -> xdts -> csv equals xdts -> csv" cmp -s "$work/c003.csv" "$work/direct.csv"
check "...and the CSV reads back" test -s "$work/c003b.toml"
check "written XDTS starts with the identifier" test "$(head -1 "$work/c003.xdts")" = "exchangeDigitalTimeSheet Save Data"
printf 'exchangeDigitalTimeSheet Save Data\n{"version": 5, "timeTables": [{"duration": 24,\n"fields": [}]}\n' >"$work/bad.xdts"
before_files=$(ls "$work")
out=$("$sakuga" timesheet convert "$work/bad.xdts" "$work/bad.toml" 2>&1); status=$?
check "malformed XDTS: exit 2 ($out)" test $status -eq 2
check "...with its position" grep -qF "bad.xdts:3:12: error: malformed JSON" <<<"$out"
check "...and nothing written" test ! -e "$work/bad.toml"
out=$("$sakuga" timesheet convert "$x" "$work/sheet.json" 2>&1); status=$?
check "an unknown sheet format: exit 2 ($out)" test $status -eq 2
out=$("$sakuga" timesheet render "$src/examples/demo" c002 -o "$work/c002.pdf" 2>&1); status=$?
check "render a sheet to PDF ($out)" test $status -eq 0
check "...a PDF" test "$(head -c 5 "$work/c002.pdf")" = "%PDF-"
"$sakuga" timesheet render "$src/examples/demo" c003 -o "$work/c003.png" >/dev/null 2>&1
check "render a sheet to PNG" test "$(head -c 4 "$work/c003.png" | tail -c 3)" = "PNG"
out=$("$sakuga" timesheet render "$src/examples/demo" c009 -o "$work/x.pdf" 2>&1); status=$?
check "render an unknown cut: exit 2 ($out)" test $status -eq 2

# Ink and paint: a demo drawing painted by its marks, by day and at night, with its QA.
d=$src/examples/demo
pal=$d/design/palettes/mio.toml
out=$("$sakuga" paint "$d/cuts/c002/A/1.svg" --palette "$pal" -o "$work/cel.png" --qa "$work/qa.png" \
  --report "$work/qa.json" 2>&1); status=$?
check "paint a drawing ($out)" test $status -eq 0
size=$(ffprobe -v error -show_entries stream=width,height,pix_fmt -of csv=p=0 "$work/cel.png")
check "the cel is the drawing's size, with alpha ($size)" test "$size" = "1920,1080,rgba"
check "...its QA picture" test -s "$work/qa.png"
check "...its QA report says ok" grep -q '"ok": true' "$work/qa.json"
"$sakuga" paint "$d/cuts/c002/A/1.svg" --palette "$pal" --variant night -o "$work/night.png" >/dev/null 2>&1
check "the night variant paints other colours" test "$(sha256sum <"$work/cel.png")" != "$(sha256sum <"$work/night.png")"
out=$("$sakuga" paint "$d/cuts/c002/A/1.svg" --palette "$pal" --variant dusk -o "$work/dusk.png" 2>&1); status=$?
check "an unknown variant: exit 2 ($out)" test $status -eq 2
check "...names the variants there are" grep -qF "has no variant 'dusk' (it has night)" <<<"$out"
check "...and writes nothing" test ! -e "$work/dusk.png"
printf '[colors]\nline = "#1e1a24"\nskin = "#f7dcz8"\n' >"$work/bad.toml"
out=$("$sakuga" paint "$d/cuts/c002/A/1.svg" --palette "$work/bad.toml" -o "$work/bad.png" 2>&1); status=$?
check "a malformed palette: exit 2 ($out)" test $status -eq 2
check "...at its position" grep -qF "bad.toml:3:9: error: '#f7dcz8' is not a colour" <<<"$out"
check "...and writes nothing" test ! -e "$work/bad.png"
cat >"$work/marks.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="150">
  <rect x="40" y="30" width="120" height="90" fill="none" stroke="#1e1a24" stroke-width="3"/>
  <circle data-paint="skin" cx="100" cy="75" r="2"/>
  <circle data-paint="skin" cx="10" cy="10" r="2"/>
  <circle data-paint="skni" cx="60" cy="60" r="2"/>
</svg>
SVG
out=$("$sakuga" paint "$work/marks.svg" --palette "$pal" -o "$work/marks.png" --report "$work/marks.json" 2>&1); status=$?
check "bad marks: exit 2 ($out)" test $status -eq 2
check "...a mark outside every region, at the mark" grep -qF "marks.svg:4:3: error: paint mark 'skin' is outside" <<<"$out"
check "...a style the model lacks, at the mark" grep -qF "marks.svg:5:3: error: paint mark names 'skni', a style the colour model lacks" <<<"$out"
check "...the report says so" grep -q '"ok": false' "$work/marks.json"
ffmpeg -v error -f lavfi -i color=c=0xf4f2ee:s=200x150 -vf "drawbox=x=40:y=30:w=120:h=90:color=0x46464e:t=3" \
  -frames:v 1 -y "$work/scan.png"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="150">\n<circle data-paint="skin" cx="100" cy="75" r="2"/>\n</svg>\n' \
  >"$work/scan.marks.svg"
out=$("$sakuga" paint "$work/scan.png" --palette "$pal" -o "$work/scan-cel.png" 2>&1); status=$?
check "a scan painted by the marks beside it ($out)" test $status -eq 0
check "...one region painted" grep -qF "1 painted, 0 QA problems" <<<"$out"
out=$("$sakuga" paint "$work/marks.svg" --palette "$pal" --marks "$work/scan.marks.svg" -o "$work/m.png" 2>&1); status=$?
check "--marks with an SVG drawing: exit 2 ($out)" test $status -eq 2
out=$("$sakuga" palette sheet "$pal" -o "$work/swatches.png" 2>&1); status=$?
check "a palette sheet ($out)" test $status -eq 0
check "...a PNG" test "$(head -c 4 "$work/swatches.png" | tail -c 3)" = "PNG"
out=$("$sakuga" check "$d" 2>&1); status=$?
check "the demo's cels pass QA ($out)" test $status -eq 0

# The tiny project painted with Mio's model: a region no mark paints fails the check and is named
# by the build, which leaves a QA picture.
cp "$p/sakuga.toml" "$work/saved.toml"
cp "$p/cuts/c002/A/1.svg" "$work/saved.svg"
sed -i '1i palette = "design/palettes/mio.toml"' "$p/sakuga.toml"
out=$("$sakuga" check "$p" 2>&1); status=$?
check "painted tiny project checks ok ($out)" test $status -eq 0
sed -i 's|</svg>|<rect x="1700" y="100" width="120" height="120" fill="none" stroke="#1e1a24" stroke-width="4"/></svg>|' \
  "$p/cuts/c002/A/1.svg"
out=$("$sakuga" check "$p" 2>&1); status=$?
check "an unpainted region fails the check: exit 1 ($out)" test $status -eq 1
check "...naming the cel" grep -qF "QA: 1 of 6 painted cels have problems: cuts/c002/A/1.svg" <<<"$out"
check "...and writing nothing" test ! -e "$p/out/qa"
out=$("$sakuga" build "$p" 2>&1); status=$?
check "a build with a QA problem still delivers ($out)" test $status -eq 0
check "...says which cel" grep -qF "QA: 1 of 4 painted cels have problems: cuts/c002/A/1.svg" <<<"$out"
check "...and leaves a picture of it" test -s "$p/out/qa/cuts/c002/A/1.png"
cp "$work/saved.svg" "$p/cuts/c002/A/1.svg"
"$sakuga" build "$p" >/dev/null 2>&1
check "...which goes once the cel is fixed" test ! -e "$p/out/qa/cuts/c002/A/1.png"
cp "$work/saved.toml" "$p/sakuga.toml"

# In-betweening from the command line: N standard SVGs in order and an onion skin; keys that
# cannot be matched are an error that writes nothing.
k=$src/examples/demo/cuts/c004/A
out=$("$sakuga" inbetween "$k/1.svg" "$k/5.svg" --count 3 --spacing ease-in-out -o "$work/ib" --onion "$work/onion.png" 2>&1)
status=$?
check "inbetween writes in-betweens ($out)" test $status -eq 0
check "...001 to 003 and no more" test -s "$work/ib/001.svg" -a -s "$work/ib/003.svg" -a ! -e "$work/ib/004.svg"
check "...and an onion skin" test "$(head -c 4 "$work/onion.png" | tail -c 3)" = "PNG"
out=$("$sakuga" paint "$work/ib/002.svg" --palette "$src/examples/demo/design/palettes/mio.toml" -o "$work/ib2.png" 2>&1)
check "...which paint like the keys ($out)" test $? -eq 0 -a -s "$work/ib2.png"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"><path d="M 10 10 L 1900 12" stroke="#ff0000" stroke-width="9" fill="none"/></svg>\n' >"$work/line.svg"
out=$("$sakuga" inbetween "$k/1.svg" "$work/line.svg" --count 2 -o "$work/none" 2>&1); status=$?
check "keys with nothing in common: exit 2 ($status)" test $status -eq 2
check "...said so ($out)" grep -qF "nothing in common" <<<"$out"
check "...and nothing written" test ! -e "$work/none/001.svg"
out=$("$sakuga" inbetween "$k/1.svg" "$k/5.svg" --count 3 --spacing 0.2,0.1,0.5 -o "$work/bad" 2>&1); status=$?
check "fractions out of order are refused ($out)" test $status -eq 2

# In the build: a layer whose sheet exposes in-betweens nobody drew gets them generated from its
# keys, written to out/inbetween/, and made again when a key changes; a drawn one wins.
ib=$work/keys
mkdir -p "$ib/cuts"
cp -r "$src/examples/demo/design" "$ib/"
cp -r "$src/examples/demo/cuts/c004" "$ib/cuts/"
printf 'title = "Keys"\nframe_rate = "24"\nresolution = [320, 180]\ncuts = ["c004"]\npalette = "design/palettes/mio.toml"\n' \
  >"$ib/sakuga.toml"
out=$("$sakuga" build "$ib" 2>&1); status=$?
check "a cut of keys only builds ($out)" test $status -eq 0
check "...generating its six in-betweens" grep -qF "6 in-betweens written" <<<"$out"
check "...as files an artist can open" test -s "$ib/out/inbetween/c004/A/2.svg" -a -s "$ib/out/inbetween/c004/A/8.svg"
out=$("$sakuga" build "$ib" 2>&1)
check "...and a rebuild has nothing to do ($out)" grep -q "nothing to do" <<<"$out"
sed -i 's|</svg>|<path d="M 100 100 L 140 100" stroke="#1e1a24" stroke-width="4" fill="none"/></svg>|' "$ib/cuts/c004/A/5.svg"
out=$("$sakuga" build "$ib" 2>&1)
check "a key changes: the six in-betweens either side are made again ($out)" grep -qF "6 in-betweens written" <<<"$out"
cp "$ib/out/inbetween/c004/A/3.svg" "$ib/cuts/c004/A/3.svg"
out=$("$sakuga" build "$ib" 2>&1)
check "a drawn in-between is a breakdown: 2 and 4 are made again from it ($out)" grep -qF "2 in-betweens written" <<<"$out"
"$sakuga" build "$ib" --dry-run >"$work/dry.txt" 2>&1
check "...and is not generated any more" test "$(grep -c "inbetween c004/A/3" "$work/dry.txt")" -eq 0
cp "$work/line.svg" "$ib/cuts/c004/A/9.svg"
out=$("$sakuga" build "$ib" 2>&1); status=$?
check "keys with nothing in common: the build still delivers ($out)" test $status -eq 0
check "...holding the nearer key, with a warning" grep -qF "A/9, the nearer, is held in its place" <<<"$out"

# The store: what it holds, and gc of what the project no longer uses.
out=$("$sakuga" cache "$ib" 2>&1); status=$?
check "cache lists the kinds of artifact ($out)" grep -qE "^  segments +[0-9]+ files" <<<"$out"
check "...and in-betweens" grep -qE "^  inbetween +[0-9]+ files" <<<"$out"
out=$("$sakuga" gc "$ib" --dry-run 2>&1)
check "gc --dry-run counts what no build of this project uses now ($out)" grep -qE "^would remove [1-9][0-9]* files" <<<"$out"
out=$("$sakuga" gc "$ib" --keep-last 20 2>&1)
check "gc --keep-last 20 keeps what recent builds used ($out)" grep -qE "^removed 0 files" <<<"$out"
out=$("$sakuga" gc "$ib" 2>&1)
check "gc removes the rest ($out)" grep -qE "^removed [1-9][0-9]* files" <<<"$out"
out=$("$sakuga" build "$ib" 2>&1)
check "...and the project is still up to date ($out)" grep -q "nothing to do" <<<"$out"
out=$("$sakuga" cache "$work/nowhere" 2>&1); status=$?
check "cache of a folder that is not a project says so ($out)" test $status -eq 2

checks_done
