/**
 * The hub cache never serves bytes it has not checked: a cached copy changed
 * on disk is re-hashed and downloaded again, `--verify` re-hashes everything,
 * a listing whose size disagrees with the served file leaves no `.part`
 * behind, and credentials never reach the output. Against the stand-in hub.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/data-fetch.js';
import { main } from '../../src/cli/main.js';
import { fetchHubDataset, type HubTransferOptions } from '../../src/data/hub.js';
import { HubIntegrityError } from '../../src/data/hub.js';
import { captureIO } from '../support/capture-io.js';
import { startHubServer, type HubServer } from '../support/hub-server.js';
import { writeHubFixture, type FixtureFile } from './hub-fixture.js';

const DATASET = 'owner/cache';
const tmp = mkdtempSync(join(tmpdir(), 'bcr-hub-cache-'));
const repoDir = join(tmp, 'repo');
let fixture: FixtureFile[];
let hub: HubServer;
let n = 0;
let cacheDir = '';

const options = (extra: Partial<HubTransferOptions> = {}): HubTransferOptions => ({
  dataset: DATASET,
  hubUrl: hub.url,
  cacheDir,
  retries: 1,
  retryDelayMs: 0,
  timeoutMs: 3000,
  env: {},
  ...extra,
});
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const cachedPath = (f: FixtureFile) => join(cacheDir, 'owner', 'cache', 'main', ...f.path.split('/'));

/** Flips one byte in place (same size), as a bad disk or a stray write would. */
function flipByte(path: string, at: number): void {
  const bytes = readFileSync(path);
  bytes[at] = bytes[at]! ^ 0xff;
  writeFileSync(path, bytes);
}

beforeAll(async () => {
  fixture = writeHubFixture(repoDir, { files: 2, rowsPerFile: 6, screenshotBytes: 20_000 });
  hub = await startHubServer({ datasets: { [DATASET]: repoDir } });
});
beforeEach(() => {
  cacheDir = join(tmp, `cache-${n++}`);
  vi.stubEnv('HF_TOKEN', '');
  vi.stubEnv('HUGGING_FACE_HUB_TOKEN', '');
  vi.stubEnv('HF_ENDPOINT', '');
  hub.setToken(undefined);
  hub.clearFaults();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await hub.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('cached copies are re-hashed', () => {
  it('a copy modified after its checksum record is re-hashed and downloaded again', async () => {
    await fetchHubDataset(options());
    const path = cachedPath(fixture[0]!);
    const good = sha(path);
    flipByte(path, Math.floor(statSync(path).size / 2));
    // A later write makes the copy newer than its record (set explicitly: a write in the same clock tick
    // as the download could carry the record's own time): the next run must notice without being asked.
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    const again = await fetchHubDataset(options());
    expect(again.files[0]).toMatchObject({ cached: false, rehashed: true, repaired: true });
    expect(again.files[1]).toMatchObject({ cached: true, rehashed: false, repaired: false });
    expect(sha(path)).toBe(good);
    // Repaired and recorded: a third run is a plain cache hit with no request.
    hub.resetStats();
    const third = await fetchHubDataset(options());
    expect(third.files.map((f) => f.cached)).toEqual([true, true]);
    expect(hub.requests.filter((r) => r.endpoint !== 'tree')).toHaveLength(0);
  });

  it('bcr data fetch --verify re-hashes every file and repairs a damaged one whose time looks old', async () => {
    const args = ['data', 'fetch', '--dataset', DATASET, '--hub-url', hub.url, '--cache-dir', cacheDir];
    expect(await main(args, captureIO(), [register])).toBe(0);
    const path = cachedPath(fixture[1]!);
    const good = sha(path);
    const record = join(cacheDir, 'owner', 'cache', 'main', 'data', `.${fixture[1]!.path.split('/').pop()}.json`);
    flipByte(path, 100);
    // Same size, and a time before its checksum record's: only a re-hash can tell.
    const old = new Date(statSync(record).mtimeMs - 5000);
    utimesSync(path, old, old);
    const plain = captureIO();
    expect(await main([...args, '--json'], plain, [register])).toBe(0);
    expect(sha(path)).not.toBe(good); // documented: without --verify a same-time copy is trusted

    const io = captureIO();
    expect(await main([...args, '--verify'], io, [register])).toBe(0);
    const log = io.stderr.join('\n');
    expect(log).toContain(`${fixture[1]!.path}: the cached copy did not match the hub's checksum; downloaded it again`);
    expect(log).toContain('verified: 1 cached file(s) match, 1 repaired');
    expect(sha(path)).toBe(good);

    const json = captureIO();
    expect(await main([...args, '--verify', '--json'], json, [register])).toBe(0);
    const out = JSON.parse(json.text()) as { files: { rehashed: boolean; repaired: boolean }[] };
    expect(out.files.map((f) => [f.rehashed, f.repaired])).toEqual([
      [true, false],
      [true, false],
    ]);
  });
});

describe('a listing whose size disagrees with the served file', () => {
  /** The real hub's listing with the first file's size changed by `delta`, as a stale listing would be. */
  const lyingFetch =
    (delta: number): typeof fetch =>
    async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input instanceof Request ? input.url : input).includes('/tree/')) return res;
      const entries = (await res.json()) as { path: string; size: number; lfs?: { size: number } }[];
      for (const e of entries) {
        if (e.path !== fixture[0]!.path) continue;
        e.size += delta;
        if (e.lfs) e.lfs.size += delta;
      }
      return new Response(JSON.stringify(entries), { status: res.status, headers: res.headers });
    };

  for (const delta of [-5000, 5000]) {
    it(`(listed ${delta > 0 ? 'larger' : 'smaller'}) fails clearly, leaves no .part, and a later run succeeds`, async () => {
      for (let run = 0; run < 2; run++) {
        const err = await fetchHubDataset(options({ fetch: lyingFetch(delta) })).then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        expect(err).toBeInstanceOf(HubIntegrityError);
        expect(err!.message).toContain(`size mismatch for ${fixture[0]!.path}`);
        const folder = join(cacheDir, 'owner', 'cache', 'main', 'data');
        expect(readdirSync(folder).filter((f) => f.includes('.part'))).toEqual([]);
      }
      const fixed = await fetchHubDataset(options());
      expect(fixed.files.map((f) => f.cached)).toEqual([false, false]);
      expect(sha(cachedPath(fixture[0]!))).toBe(sha(join(repoDir, fixture[0]!.path)));
    });
  }
});

describe('credentials are never printed', () => {
  const SECRET = 'hf_verysecret123';

  it('a token in the hub URL is sent as a bearer token and appears in no output', async () => {
    hub.setToken(SECRET);
    const url = new URL(hub.url);
    const withCreds = `${url.protocol}//user:${SECRET}@${url.host}`;
    const io = captureIO();
    expect(await main(['data', 'fetch', '--dataset', DATASET, '--hub-url', withCreds, '--cache-dir', cacheDir, '--json'], io, [register])).toBe(0);
    expect(hub.requests.some((r) => r.authorization === `Bearer ${SECRET}`)).toBe(true);
    const all = [...io.stdout, ...io.stderr].join('\n');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('user:');
  });

  it('errors name the hub without the URL credentials or HF_TOKEN', async () => {
    const gone = await startHubServer({ datasets: {} });
    await gone.close();
    const url = new URL(gone.url);
    const io = captureIO();
    const code = await main(['data', 'fetch', '--dataset', DATASET, '--hub-url', `${url.protocol}//me:${SECRET}@${url.host}`, '--cache-dir', cacheDir], io, [register]);
    expect(code).toBe(3);
    const err = io.stderr.join('');
    expect(err).toContain('ECONNREFUSED');
    expect(err).toContain(url.host);
    expect(err).not.toContain(SECRET);

    hub.setToken('hf_other');
    vi.stubEnv('HF_TOKEN', SECRET);
    const denied = captureIO();
    expect(await main(['data', 'fetch', '--dataset', DATASET, '--hub-url', hub.url, '--cache-dir', cacheDir], denied, [register])).toBe(3);
    expect(denied.stderr.join('')).toContain('HF_TOKEN');
    expect(denied.stderr.join('')).not.toContain(SECRET);
  });

  it('an error that quotes a secret is redacted on the way out', async () => {
    vi.stubEnv('HF_TOKEN', SECRET);
    const io = captureIO();
    const leaky = (program: import('commander').Command) => {
      program.command('leak').action(() => {
        throw new Error(`request to https://bob:${SECRET}@example.invalid/x failed with token ${SECRET}`);
      });
    };
    expect(await main(['leak'], io, [leaky])).toBe(70);
    const err = io.stderr.join('');
    expect(err).not.toContain(SECRET);
    expect(err).toContain('https://***@example.invalid/x');
  });
});

