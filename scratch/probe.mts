import { runStudy } from '/work/wt/charts/src/study/run-study.ts';
import { writeFileSync } from 'node:fs';
const t = Date.now();
const r = await runStudy({ outDir: '/tmp/charts-study', learned: false });
console.log('ms', Date.now() - t);
writeFileSync('/tmp/charts-study/report-probe.json', JSON.stringify(r, null, 1));
for (const k of ['language','environment','topic'] as const) { const s = new Set(r.slices[k].map(x=>x.slice)); console.log(k, [...s].map(x => x + ':' + r.slices[k].find(y=>y.slice===x)!.n).join(' ')); }
console.log(r.slices.topic.slice(0,3));
