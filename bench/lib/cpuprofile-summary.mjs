// Summarises a V8 .cpuprofile: self time by package and by function, inclusive time by function.
// Percentages are of busy time (idle excluded).  node bench/lib/cpuprofile-summary.mjs FILE [TOP]
import fs from 'node:fs';
const top = Number(process.argv[3] ?? 30);
const prof = JSON.parse(fs.readFileSync(process.argv[2]));
const nodes = new Map(prof.nodes.map(n => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = prof.timeDeltas; let total = 0;
for (let i = 0; i < prof.samples.length; i++) { const id = prof.samples[i]; self.set(id, (self.get(id) ?? 0) + dt[i]); total += dt[i]; }
const cat = (url) => {
  if (!url) return '(native/idle)';
  let m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/); if (m) return m[1];
  if (url.startsWith('node:')) return url;
  m = url.match(/\.next\/server\/(.*)/); if (m) return '.next/' + m[1].slice(0,60);
  return url.slice(-60);
};
const byCat = new Map(), byFn = new Map(), incl = new Map();
for (const [id, t] of self) {
  const n = nodes.get(id); const cf = n.callFrame;
  const c = cf.functionName === '(idle)' ? '(idle)' : cf.functionName === '(garbage collector)' ? '(gc)' : cat(cf.url);
  byCat.set(c, (byCat.get(c) ?? 0) + t);
  const f = `${cf.functionName || '(anon)'} ${cat(cf.url)}:${cf.lineNumber}`;
  byFn.set(f, (byFn.get(f) ?? 0) + t);
  // inclusive per function name (count once per stack)
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const cn = nodes.get(cur).callFrame; const k = `${cn.functionName || '(anon)'} ${cat(cn.url)}:${cn.lineNumber}`; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t); } cur = parent.get(cur); }
}
const show = (m, n, title) => { console.log(`--- ${title}`); for (const [k, t] of [...m].sort((a,b)=>b[1]-a[1]).slice(0,n)) console.log(`${(t/1000).toFixed(0).padStart(7)} ms ${(100*t/total).toFixed(1).padStart(5)}%  ${k}`); };
const idle = [...self].filter(([id]) => nodes.get(id).callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
console.log(`profiled ${(total / 1e6).toFixed(2)} s, busy ${((total - idle) / 1e6).toFixed(2)} s`);
total -= idle;
show(byCat, top, 'self by package');
show(byFn, top, 'self by function');
show(incl, top * 2, 'inclusive');
