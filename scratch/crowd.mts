import { writeFileSync } from 'node:fs';
import * as C from '/work/wt/charts/src/charts/index.ts';
const models = ['model-one', 'model-two', 'model-three', 'model-four', 'model-five'];
const crowded = Object.fromEntries(models.map((m, i) => [m, 1000 + i * 2]));
writeFileSync('/work/wt/charts/scratch/png/crowd.png', await C.toPng(C.ratingScatter({ ...crowded, far: 1200, low: 800 }, { ...crowded, far: 1190, low: 810 }), { scale: 1 }));
