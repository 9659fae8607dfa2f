import { readFileSync } from 'node:fs';
import * as C from '/work/wt/charts/src/charts/index.ts';
const spec = JSON.parse(readFileSync('/work/wt/charts/scratch/png/scatter.json', 'utf8'));
const svg = await C.toSvg(spec);
console.log(svg.match(/<text[^>]*>synth-coder-1b<\/text>/g));
