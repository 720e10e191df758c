// Summarises a V8 .cpuprofile: self time by package and by function, inclusive time by function.
// Percentages are of busy time (idle excluded).  node bench/lib/cpuprofile-summary.mjs FILE [TOP]
import fs from 'node:fs';
const top = Number(process.argv[3] ?? 30);
const prof = JSON.parse(fs.readFileSync(process.argv[2]));

// Source maps: code in the Next build is minified; map (url, line, column) back to the original
// file when a .map sits next to the chunk, so functions read `parse-request.ts:42` and not `A`.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const maps = new Map();
function loadMap(url) {
  if (maps.has(url)) return maps.get(url);
  let map;
  try {
    const file = url.startsWith('file://') ? new URL(url).pathname : url;
    if (url.includes('/.next/') && fs.existsSync(`${file}.map`)) {
      const raw = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'));
      if (raw.mappings) map = { sources: raw.sources, lines: decodeMappings(raw.mappings) };
    }
  } catch {
    map = undefined;
  }
  maps.set(url, map);
  return map;
}
function decodeMappings(mappings) {
  const lines = [];
  let src = 0;
  let oline = 0;
  for (const line of mappings.split(';')) {
    const segs = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const vals = [];
      let shift = 0;
      let value = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += vals[0];
      if (vals.length >= 4) {
        src += vals[1];
        oline += vals[2];
        segs.push([col, src, oline]);
      }
    }
    lines.push(segs);
  }
  return lines;
}
function original(cf) {
  const map = cf.url && loadMap(cf.url);
  const segs = map?.lines?.[cf.lineNumber];
  if (!segs?.length) return undefined;
  let best;
  for (const seg of segs) {
    if (seg[0] <= cf.columnNumber) best = seg;
    else break;
  }
  if (!best) return undefined;
  const source = String(map.sources[best[1]] ?? '').replace(/^.*?\[project\]\//, '').replace(/^turbopack:\/\/\//, '');
  return `${source}:${best[2] + 1}`;
}
const nodes = new Map(prof.nodes.map(n => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = prof.timeDeltas; let total = 0;
for (let i = 0; i < prof.samples.length; i++) { const id = prof.samples[i]; self.set(id, (self.get(id) ?? 0) + dt[i]); total += dt[i]; }
const cat = (url, cf) => {
  const orig = cf && original(cf);
  if (orig) {
    const m = orig.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    return m ? m[1] : orig.replace(/:\d+$/, '');
  }
  if (!url) return '(native/idle)';
  let m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/); if (m) return m[1];
  if (url.startsWith('node:')) return url;
  m = url.match(/\.next\/server\/(.*)/); if (m) return '.next/' + m[1].slice(0,60);
  return url.slice(-60);
};
const byCat = new Map(), byFn = new Map(), incl = new Map();
for (const [id, t] of self) {
  const n = nodes.get(id); const cf = n.callFrame;
  const c = cf.functionName === '(idle)' ? '(idle)' : cf.functionName === '(garbage collector)' ? '(gc)' : cat(cf.url, cf);
  byCat.set(c, (byCat.get(c) ?? 0) + t);
  const f = `${cf.functionName || '(anon)'} ${original(cf) ?? `${cat(cf.url)}:${cf.lineNumber}`}`;
  byFn.set(f, (byFn.get(f) ?? 0) + t);
  // inclusive per function name (count once per stack)
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const cn = nodes.get(cur).callFrame; const k = `${cn.functionName || '(anon)'} ${original(cn) ?? `${cat(cn.url)}:${cn.lineNumber}`}`; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t); } cur = parent.get(cur); }
}
const show = (m, n, title) => { console.log(`--- ${title}`); for (const [k, t] of [...m].sort((a,b)=>b[1]-a[1]).slice(0,n)) console.log(`${(t/1000).toFixed(0).padStart(7)} ms ${(100*t/total).toFixed(1).padStart(5)}%  ${k}`); };
const idle = [...self].filter(([id]) => nodes.get(id).callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
console.log(`profiled ${(total / 1e6).toFixed(2)} s, busy ${((total - idle) / 1e6).toFixed(2)} s`);
total -= idle;
show(byCat, top, 'self by package');
show(byFn, top, 'self by function');
show(incl, top * 2, 'inclusive');
