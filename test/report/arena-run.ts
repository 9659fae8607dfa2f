/**
 * A small real arena run for the report and viewer tests: two prompts from
 * each of three categories of the 600 real ones, plus one hostile prompt
 * whose instruction, strong candidate's answer and judge reasoning carry
 * script payloads; the demo server plays every model, answers run in real
 * sandboxes (bubblewrap).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MODELS, loadPrompts, type ArenaPrompt, type ArenaRun } from '../../src/arena/index.js';
import { ARENA_PROMPTS_DIR, runDemoArena, startArenaServer } from '../support/arena-server.js';
import type { JudgeServer } from '../support/judge-server.js';
import { PAYLOAD } from './chromium.js';

export { ARENA_PROMPTS_DIR };
export const HOSTILE_UID = 'hostile-1';
/** What the strong candidate answers to the hostile prompt: a script payload in prose and in the program's own output. */
export const HOSTILE_ANSWER = `${PAYLOAD}\n\n\`\`\`python\nprint('<script>window.__pwned = "output"</script>')\n\`\`\`\n`;

export interface ArenaFixture {
  dir: string;
  prompts: ArenaPrompt[];
  run: ArenaRun;
  server: JudgeServer;
}

export async function arenaFixture(): Promise<ArenaFixture> {
  const server = await startArenaServer({
    fault: (req) => {
      if (!req.text.includes('__pwned')) return undefined;
      if (req.body.model === DEMO_MODELS.strong) return { kind: 'text', text: HOSTILE_ANSWER };
      if (req.body.model === DEMO_MODELS.judge) return { kind: 'text', text: `${PAYLOAD}\nMy final verdict is [[A>B]]` };
      return undefined;
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'bcr-arena-view-'));
  const all = await loadPrompts(ARENA_PROMPTS_DIR);
  const prompts = ['problem_solving', 'web_design', 'game_development'].flatMap((c) => all.prompts.filter((p) => p.category === c).slice(0, 2));
  prompts.push({ uid: HOSTILE_UID, instruction: `Write a Python program that prints a greeting. ${PAYLOAD}`, category: 'problem_solving', origin: 'test' });
  const run = await runDemoArena(server, prompts, dir);
  return { dir, prompts, run, server };
}
