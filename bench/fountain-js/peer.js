// The fountain-js peer (npm, installed by scripts/compare-fountain-js.sh; never vendored).
//   node peer.js counts FILE      -> {"scenes":N,"dialogue_blocks":N,"characters":[...]} as fountain-js sees it
//   node peer.js bench FILE RUNS  -> median seconds per parse and MB/s
const { Fountain } = require('fountain-js');
const fs = require('fs');

const [mode, file, runsArg] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');

if (mode === 'counts') {
  const { tokens } = new Fountain().parse(text, true);
  const names = new Set();
  let scenes = 0;
  let blocks = 0;
  for (const t of tokens) {
    if (t.type === 'scene_heading') scenes++;
    if (t.type === 'character') {
      blocks++;
      names.add(t.text.replace(/\^\s*$/, '').replace(/\(.*$/, '').trim().toUpperCase());
    }
  }
  console.log(JSON.stringify({ scenes, dialogue_blocks: blocks, characters: [...names].sort() }));
} else if (mode === 'bench') {
  const runs = Number(runsArg || 20);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    new Fountain().parse(text, true);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const mb = Buffer.byteLength(text) / 1e6;
  console.log(JSON.stringify({ median_s: median, mb_per_s: mb / median, bytes: Buffer.byteLength(text) }));
} else {
  console.error('usage: node peer.js counts|bench FILE [RUNS]');
  process.exit(2);
}
