/**
 * The commands around the report and the viewer, through the real launcher
 * (`bin/bcr.js` loads dist/: run `npm run build` first): `bcr run` writes
 * report.html beside report.json, `bcr report` regenerates it, and `bcr view`
 * serves on loopback until it is told to stop.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/bcr.js');
let dir: string;

const bcr = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 180_000 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bcr-report-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bcr run, bcr report and bcr view', () => {
  it('bcr run writes report.html beside report.json, and bcr report regenerates it from the folder', () => {
    const run = bcr('run', '--limit', '40', '--no-learned', '--bootstrap', '5', '--out-dir', 'run');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(join('run', 'report.html'));
    const first = readFileSync(join(dir, 'run', 'report.html'), 'utf8');
    expect(first).toContain('SYNTHETIC sample');
    expect(first).toContain('<svg');
    expect(existsSync(join(dir, 'run', 'report.json'))).toBe(true);

    const again = bcr('report', '--runs', 'run', '--out', 'again.html', '--gain-bootstrap', '50');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('again.html');
    const second = readFileSync(join(dir, 'again.html'), 'utf8');
    // Same sections and charts from report.json (NaN written as null there) as from the live run.
    const ids = (page: string) => [...page.matchAll(/<(section|figure) id="([^"]+)"/g)].map((m) => m[2]);
    expect(ids(second)).toEqual(ids(first));
    expect(ids(second).length).toBeGreaterThan(10);
  }, 240_000);

  it('bcr report names the missing report.json and exits 2', () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    const r = bcr('report', '--runs', 'empty');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(join('empty', 'report.json'));
  });

  it('bcr view refuses a non-loopback address with exit 2', () => {
    const r = bcr('view', '--host', '0.0.0.0', '--port', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/loopback/);
  });

  it('bcr view serves the run on 127.0.0.1 and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'view', '--runs', 'run', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((res, rej) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Viewer: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) res(m[1]!);
        });
        child.once('exit', (code) => rej(new Error(`bcr view exited with ${code}`)));
        setTimeout(() => rej(new Error(`no URL printed: ${out}`)), 60_000);
      });
      const info = (await (await fetch(`${url}api/info`)).json()) as { records: number; verdicts: number; synthetic: boolean };
      expect(info.records).toBe(300);
      expect(info.verdicts).toBe(4 * 40 * 2);
      expect(info.synthetic).toBe(true);
    } finally {
      const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 90_000);
});
