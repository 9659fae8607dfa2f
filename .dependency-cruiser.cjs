/**
 * The layering of src/: a room may import rooms below it, never above.
 *   errors, util, jobs -> data -> exec -> llm -> judge -> stats -> ratings
 *   -> eval -> charts -> arena -> study -> report, view -> notebook, cli
 * stats and ratings are pure (arrays and label maps): they import neither
 * exec nor judge. Nothing imports the CLI. No cycles.
 * Run with `npm run lint:deps` (scripts/lint-deps.ts: the depcruise CLI
 * refuses Node 20, its API does not).
 */
const LAYERS = [
  ['errors', 'util', 'jobs'],
  ['data'],
  ['exec'],
  ['llm'],
  ['judge'],
  ['stats'],
  ['ratings'],
  ['eval'],
  ['charts'],
  ['arena'],
  ['study'],
  ['report', 'view'],
  ['notebook', 'cli'],
];

/** `src/errors.ts` is a room of one file; every other room is a folder. */
const roomPath = (room) => (room === 'errors' ? '^src/errors\\.ts$' : `^src/${room}/`);

const upward = LAYERS.flatMap((rooms, level) => {
  const higher = LAYERS.slice(level + 1).flat();
  if (higher.length === 0) return [];
  return rooms.map((room) => ({
    name: `${room}-not-upward`,
    comment: `${room} sits below ${higher.join(', ')}: it must not import them`,
    severity: 'error',
    from: { path: roomPath(room) },
    to: { path: higher.map(roomPath) },
  }));
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'stats-ratings-pure',
      comment: 'stats and ratings are pure functions on arrays and label maps: no judge, no executor',
      severity: 'error',
      from: { path: ['^src/stats/', '^src/ratings/'] },
      to: { path: ['^src/judge/', '^src/exec/'] },
    },
    {
      name: 'nothing-imports-cli',
      comment: 'the CLI composes the library; the library never reaches back into it',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-circular',
      comment: 'import cycles make load order fragile and rooms inseparable',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from a higher room couples the rooms just the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
