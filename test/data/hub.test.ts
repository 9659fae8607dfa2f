import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchHubDataset,
  listDataParquetFiles,
  openHubSources,
  resolveHubLocation,
  totalTransfer,
  type HubProgress,
  type HubTransferOptions,
} from '../../src/data/hub.js';
import { ConfigError, InputError, RemoteError } from '../../src/errors.js';
import { startHubServer, type HubServer } from '../support/hub-server.js';
import { writeHubFixture, type FixtureFile } from './hub-fixture.js';

const DATASET = 'bigcode/bigcodereward';
const tmp = mkdtempSync(join(tmpdir(), 'bcr-hub-test-'));
const repoDir = join(tmp, 'repo');
let fixture: FixtureFile[];
let hub: HubServer;
let cacheN = 0;

/** A fresh cache folder per test, and no environment leaking in. */
function options(extra: Partial<HubTransferOptions> = {}): HubTransferOptions {
  return {
    dataset: DATASET,
    hubUrl: hub.url,
    cacheDir: join(tmp, `cache-${cacheN}`),
    retryDelayMs: 0,
    timeoutMs: 3000,
    env: {},
    ...extra,
  };
}

const fileRequests = (path?: string) =>
  hub.requests.filter((r) => (r.endpoint === 'resolve' || r.endpoint === 'cdn') && (!path || r.path === path));
const bytesServedFor = (path: string) => fileRequests(path).reduce((n, r) => n + r.bytes, 0);
const sizeOf = (f: FixtureFile) => statSync(join(repoDir, f.path)).size;

// Compare big byte arrays by digest: deep equality over megabytes is very slow.
const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const digestOf = (path: string) => digest(readFileSync(path));

async function expectRejects(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

beforeAll(async () => {
  fixture = writeHubFixture(repoDir);
  hub = await startHubServer({ datasets: { [DATASET]: repoDir } });
});
afterEach(() => {
  hub.clearFaults();
  hub.setToken(undefined);
  hub.resetStats();
  cacheN++;
});
afterAll(async () => {
  await hub.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('listing', () => {
  it('lists the parquet files under data/ sorted, with sizes and LFS sha256', async () => {
    const files = await listDataParquetFiles(resolveHubLocation({ dataset: DATASET, hubUrl: hub.url }, {}));
    expect(files.map((f) => f.path)).toEqual(fixture.map((f) => f.path));
    for (const [i, f] of files.entries()) {
      expect(f.size).toBe(sizeOf(fixture[i]!));
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.url).toBe(`${hub.url}/datasets/${DATASET}/resolve/main/${f.path}`);
    }
  });

  it('follows the hub paging (Link: rel="next")', async () => {
    const paged = await startHubServer({ datasets: { [DATASET]: repoDir }, pageSize: 1 });
    try {
      const files = await listDataParquetFiles(resolveHubLocation({ dataset: DATASET, hubUrl: paged.url }, {}));
      expect(files.map((f) => f.path)).toEqual(fixture.map((f) => f.path));
      // One file per page: one request per file.
      expect(paged.requests.filter((r) => r.endpoint === 'tree')).toHaveLength(fixture.length);
    } finally {
      await paged.close();
    }
  });

  it('says which of dataset, revision or data/ folder is missing', async () => {
    const loc = (o: { dataset?: string; revision?: string }) =>
      resolveHubLocation({ dataset: o.dataset ?? DATASET, revision: o.revision, hubUrl: hub.url }, {});
    const noDataset = await expectRejects(listDataParquetFiles(loc({ dataset: 'nobody/nothing' })));
    expect(noDataset).toBeInstanceOf(RemoteError);
    expect(noDataset.message).toContain('dataset not found (404): nobody/nothing');
    const noRevision = await expectRejects(listDataParquetFiles(loc({ revision: 'v9' })));
    expect(noRevision.message).toContain('revision not found (404): "v9"');

    const emptyRepo = join(tmp, 'empty-repo');
    writeHubFixture(emptyRepo, { files: 0 });
    const other = await startHubServer({ datasets: { 'me/empty': emptyRepo } });
    try {
      const noData = await expectRejects(
        listDataParquetFiles(resolveHubLocation({ dataset: 'me/empty', hubUrl: other.url }, {})),
      );
      expect(noData.message).toContain('folder not found (404): data/');
    } finally {
      await other.close();
    }
  });

  it('rejects malformed dataset ids and tokens before any request', () => {
    expect(() => resolveHubLocation({ dataset: '../etc' }, {})).toThrow(ConfigError);
    expect(() => resolveHubLocation({ dataset: DATASET, token: 'abc' }, {})).toThrow(/HF_TOKEN.*hf_/);
  });

  it('reads hub URL and token from HF_ENDPOINT and HF_TOKEN / HUGGING_FACE_HUB_TOKEN', () => {
    const a = resolveHubLocation({ dataset: DATASET }, { HF_ENDPOINT: 'http://mirror.test/', HF_TOKEN: 'hf_a' });
    expect(a).toEqual({ dataset: DATASET, revision: 'main', hubUrl: 'http://mirror.test', token: 'hf_a' });
    const b = resolveHubLocation({ dataset: DATASET }, { HUGGING_FACE_HUB_TOKEN: 'hf_b' });
    expect(b.hubUrl).toBe('https://huggingface.co');
    expect(b.token).toBe('hf_b');
  });
});

describe('download mode', () => {
  it('downloads every file with progress, verified, and opens them for parquet reading', async () => {
    const events: HubProgress[] = [];
    const sources = await openHubSources({ ...options({ onProgress: (p) => events.push(p) }), mode: 'download' });
    expect(sources.map((s) => s.path)).toEqual(fixture.map((f) => f.path));
    for (const [i, source] of sources.entries()) {
      const f = fixture[i]!;
      expect(source.cached).toBe(false);
      expect(digestOf(source.localPath!)).toBe(digestOf(join(repoDir, f.path)));
      const rows = await parquetReadObjects({ file: source.file, columns: ['chat_session_id', 'human_vote'] });
      expect(rows.map((r) => r.chat_session_id)).toEqual(f.ids);
      expect(rows.map((r) => r.human_vote)).toEqual(f.votes);
      // Progress: bytes only grow, and each file ends 'done' at its full size.
      const mine = events.filter((e) => e.path === f.path);
      const downloading = mine.filter((e) => e.state === 'downloading').map((e) => e.bytesDone);
      expect(downloading.length).toBeGreaterThan(1);
      expect(downloading).toEqual([...downloading].sort((a, b) => a - b));
      expect(mine.at(-1)).toMatchObject({ state: 'done', bytesDone: sizeOf(f), fileIndex: i, fileCount: 2, cached: false });
    }
    // No partial or temporary files are left beside the data.
    expect(readdirSync(join(options().cacheDir!, 'bigcode', 'bigcodereward', 'main', 'data')).filter((n) => !n.startsWith('.'))).toEqual(
      fixture.map((f) => f.path.slice('data/'.length)),
    );
  });

  it('serves a second call from the cache without fetching any file', async () => {
    await fetchHubDataset(options());
    hub.resetStats();
    const again = await fetchHubDataset(options());
    expect(again.files.every((f) => f.cached && f.bytesDownloaded === 0 && f.requests === 0)).toBe(true);
    expect(fileRequests()).toEqual([]);
    expect(hub.requests.every((r) => r.endpoint === 'tree')).toBe(true);
  });

  it('replaces a cached copy when the hub has a new version of the file', async () => {
    await fetchHubDataset(options());
    const newRepo = join(tmp, 'repo-v2');
    const v2 = writeHubFixture(newRepo, { seed: 99 });
    const newHub = await startHubServer({ datasets: { [DATASET]: newRepo } });
    try {
      const got = await fetchHubDataset({ ...options(), hubUrl: newHub.url });
      expect(got.files.map((f) => f.cached)).toEqual([false, false]);
      expect(digestOf(got.files[0]!.localPath)).toBe(digestOf(join(newRepo, v2[0]!.path)));
    } finally {
      await newHub.close();
    }
  });

  // A cut connection can lose the last chunks the client had queued but not yet
  // written, so the .part may hold a little less than the server sent: what must
  // hold is that the next request starts exactly where the .part ends.
  it('resumes a cut download on the next call, fetching only the remaining bytes', async () => {
    const f = fixture[0]!;
    const cutAt = 1_000_000;
    hub.addFault({ kind: 'cut', afterBytes: cutAt, match: { path: f.path }, times: 1 });
    const err = await expectRejects(fetchHubDataset(options({ retries: 0 })));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.message).toMatch(new RegExp(`downloading ${f.path} \\(stopped at byte \\d+ of ${sizeOf(f)}\\)`));
    const dir = join(options().cacheDir!, 'bigcode', 'bigcodereward', 'main');
    expect(existsSync(join(dir, f.path))).toBe(false); // never published incomplete
    const kept = statSync(join(dir, `${f.path}.part`)).size;
    expect(kept).toBeGreaterThan(cutAt / 2);
    expect(kept).toBeLessThanOrEqual(cutAt);

    hub.resetStats();
    const done = await fetchHubDataset(options({ retries: 0 }));
    expect(done.files[0]).toMatchObject({ cached: false, bytesDownloaded: sizeOf(f) - kept });
    expect(fileRequests(f.path).filter((r) => r.bytes > 0).map((r) => r.range)).toEqual([`bytes=${kept}-`]);
    expect(bytesServedFor(f.path)).toBe(sizeOf(f) - kept);
    expect(digestOf(join(dir, f.path))).toBe(digestOf(join(repoDir, f.path)));
  });

  it('retries a cut by itself, resuming where it stopped', async () => {
    const f = fixture[1]!;
    hub.addFault({ kind: 'cut', afterBytes: 300_000, match: { path: f.path }, times: 2 });
    const done = await fetchHubDataset(options({ retries: 2 }));
    const served = fileRequests(f.path).filter((r) => r.bytes > 0);
    expect(served).toHaveLength(3);
    expect(done.files[1]!.requests).toBe(3);
    // Only the first request starts at 0; each later one starts further on.
    const starts = served.map((r) => (r.range ? Number(/^bytes=(\d+)-$/.exec(r.range)![1]) : 0));
    expect(starts[0]).toBe(0);
    expect(starts[1]!).toBeGreaterThan(0);
    expect(starts[2]!).toBeGreaterThan(starts[1]!);
    expect(served[2]!.bytes).toBe(sizeOf(f) - starts[2]!);
    expect(done.files[1]!.bytesDownloaded).toBeLessThanOrEqual(bytesServedFor(f.path));
    expect(bytesServedFor(f.path)).toBeLessThan(sizeOf(f) + 600_000); // never a restart from zero
    expect(digestOf(done.files[1]!.localPath)).toBe(digestOf(join(repoDir, f.path)));
  });

  it('never resumes a .part it cannot vouch for, and adopts a complete copy put there by hand', async () => {
    const f = fixture[0]!;
    const dir = join(options().cacheDir!, 'bigcode', 'bigcodereward', 'main');
    mkdirSync(join(dir, 'data'), { recursive: true });
    // A .part without the sidecar naming its version (e.g. from another tool): start over.
    writeFileSync(join(dir, `${f.path}.part`), Buffer.alloc(1000, 7));
    // A complete, correct copy without a sidecar: hashed once, then used with no request.
    writeFileSync(join(dir, fixture[1]!.path), readFileSync(join(repoDir, fixture[1]!.path)));
    const done = await fetchHubDataset(options());
    expect(done.files.map((x) => x.cached)).toEqual([false, true]);
    expect(fileRequests(f.path).filter((r) => r.bytes > 0).map((r) => r.range)).toEqual([undefined]);
    expect(fileRequests(fixture[1]!.path)).toEqual([]);
    expect(digestOf(join(dir, f.path))).toBe(digestOf(join(repoDir, f.path)));
  });

  it('rejects content whose sha256 differs from the listing and keeps no file', async () => {
    const f = fixture[0]!;
    hub.addFault({ kind: 'corrupt', match: { path: f.path } });
    const err = await expectRejects(fetchHubDataset(options()));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.message).toMatch(new RegExp(`checksum mismatch for ${f.path}: expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}`));
    const dataDir = join(options().cacheDir!, 'bigcode', 'bigcodereward', 'main', 'data');
    expect(readdirSync(dataDir)).toEqual([]);
    // Not retried: a bad checksum is not a passing failure.
    expect(fileRequests(f.path).filter((r) => r.bytes > 0)).toHaveLength(1);
  });

  it('reports a missing file (404) by name', async () => {
    const f = fixture[1]!;
    hub.addFault({ kind: 'status', status: 404, errorCode: 'EntryNotFound', match: { endpoint: 'file', path: f.path } });
    const err = await expectRejects(fetchHubDataset(options()));
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).status).toBe(404);
    expect(err.message).toContain(`file not found (404): ${f.path} in dataset ${DATASET}@main`);
  });

  it('retries a 503 and succeeds', async () => {
    hub.addFault({ kind: 'status', status: 503, match: { endpoint: 'file', path: fixture[0]!.path }, times: 1 });
    const done = await fetchHubDataset(options());
    expect(done.files).toHaveLength(2);
  });

  it("waits as long as a 429's Retry-After asks, not just its own short backoff", async () => {
    hub.addFault({ kind: 'status', status: 429, retryAfter: '1', match: { endpoint: 'file', path: fixture[0]!.path }, times: 1 });
    const started = Date.now();
    const done = await fetchHubDataset(options({ retryDelayMs: 1 }));
    expect(done.files).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up on a stalled server after timeoutMs, saying so', async () => {
    hub.addFault({ kind: 'delay', ms: 1500, match: { endpoint: 'file' } });
    const err = await expectRejects(fetchHubDataset(options({ timeoutMs: 200, retries: 0 })));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.message).toContain('timed out: no data from the server for 200 ms');
  });
});

describe('authorisation and network failures', () => {
  it('401 without a token tells the user to set HF_TOKEN', async () => {
    hub.setToken('hf_secret');
    const err = await expectRejects(openHubSources({ ...options(), mode: 'remote' }));
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).status).toBe(401);
    expect(err.message).toContain('set HF_TOKEN');
  });

  it('401 with a wrong token says the token was rejected', async () => {
    hub.setToken('hf_secret');
    const err = await expectRejects(openHubSources({ ...options({ token: 'hf_wrong' }), mode: 'remote' }));
    expect(err.message).toContain('rejected the token from HF_TOKEN');
  });

  it('the right token (from HF_TOKEN) is sent on listing and downloads', async () => {
    hub.setToken('hf_secret');
    const done = await fetchHubDataset(options({ env: { HF_TOKEN: 'hf_secret' } }));
    expect(done.files).toHaveLength(2);
    const authed = hub.requests.filter((r) => r.endpoint !== 'cdn');
    expect(authed.length).toBeGreaterThan(0);
    expect(authed.every((r) => r.authorization === 'Bearer hf_secret')).toBe(true);
  });

  it('403 names the missing access', async () => {
    hub.addFault({ kind: 'status', status: 403, match: { endpoint: 'tree' } });
    const err = await expectRejects(openHubSources({ ...options({ token: 'hf_x' }), mode: 'remote' }));
    expect(err.message).toContain('forbidden (403)');
  });

  it('a closed port gives the real cause (ECONNREFUSED), not just "fetch failed"', async () => {
    const gone = await startHubServer({ datasets: {} });
    const url = gone.url;
    await gone.close();
    const err = await expectRejects(openHubSources({ ...options({ hubUrl: url }), mode: 'remote' }));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).toContain(url);
  });

  it('an empty data/ folder is an input error naming the dataset', async () => {
    const bare = join(tmp, 'bare-repo');
    writeHubFixture(bare, { files: 0 });
    mkdirSync(join(bare, 'data'), { recursive: true });
    writeFileSync(join(bare, 'data', 'notes.txt'), 'no parquet here');
    const other = await startHubServer({ datasets: { 'me/bare': bare } });
    try {
      const err = await expectRejects(openHubSources({ ...options({ dataset: 'me/bare', hubUrl: other.url }), mode: 'remote' }));
      expect(err).toBeInstanceOf(InputError);
      expect(err.message).toContain('me/bare');
      expect(err.message).toContain('no parquet files under data/');
    } finally {
      await other.close();
    }
  });
});

describe('remote mode', () => {
  it('reads a column projection with far fewer bytes than the files hold', async () => {
    const sources = await openHubSources({ ...options(), mode: 'remote' });
    const total = fixture.reduce((n, f) => n + sizeOf(f), 0);
    for (const [i, source] of sources.entries()) {
      const rows = await parquetReadObjects({ file: source.file, columns: ['chat_session_id', 'human_vote'] });
      expect(rows.map((r) => r.chat_session_id)).toEqual(fixture[i]!.ids);
    }
    const projected = totalTransfer(sources);
    expect(projected.bytesRead).toBe(hub.fileBytesServed);
    expect(projected.bytesRead / total).toBeLessThan(0.15);
    expect(fileRequests().filter((r) => r.endpoint === 'cdn').every((r) => r.status === 206)).toBe(true);

    // The same files read whole: every screenshot byte comes back, and the counter shows it.
    const full = await openHubSources({ ...options(), mode: 'remote' });
    for (const [i, source] of full.entries()) {
      // utf8: false keeps plain BYTE_ARRAY as bytes (hyparquet decodes them as text by default).
      const rows = await parquetReadObjects({ file: source.file, utf8: false });
      expect(rows.map((r) => digest(r.screenshot as Uint8Array))).toEqual(fixture[i]!.screenshots.map(digest));
    }
    expect(totalTransfer(full).bytesRead).toBeGreaterThanOrEqual(total * 0.9);
    expect(projected.bytesRead * 5).toBeLessThan(totalTransfer(full).bytesRead);
  });

  it('a cut range read is retried and still returns the right bytes', async () => {
    const [source] = await openHubSources({ ...options(), mode: 'remote' });
    hub.addFault({ kind: 'cut', afterBytes: 10, match: { path: fixture[0]!.path }, times: 1 });
    const bytes = new Uint8Array(await source!.file.slice(100, 5100));
    expect(digest(bytes)).toBe(digest(readFileSync(join(repoDir, fixture[0]!.path)).subarray(100, 5100)));
    expect(source!.transfer.requests).toBe(2);
  });

  // A keep-alive socket can go stale while this process is busy decoding (the
  // full-size benchmark hit it: "other side closed" before any response).
  it('retries a connection closed before any response at once, without using up retries', async () => {
    const [source] = await openHubSources({ ...options({ retries: 0 }), mode: 'remote' });
    const expected = readFileSync(join(repoDir, fixture[0]!.path)).subarray(0, 5000);
    hub.addFault({ kind: 'drop', match: { endpoint: 'file' }, times: 2 });
    expect(digest(new Uint8Array(await source!.file.slice(0, 5000)))).toBe(digest(expected));

    hub.addFault({ kind: 'drop', match: { endpoint: 'file' } }); // every time: this is a dead server
    const err = await expectRejects(Promise.resolve(source!.file.slice(0, 5000)));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.message).toMatch(/other side closed|ECONNRESET|socket hang up/);
  });

  it('a 404 during a range read names the file', async () => {
    const [source] = await openHubSources({ ...options(), mode: 'remote' });
    hub.addFault({ kind: 'status', status: 404, match: { endpoint: 'file' } });
    const err = await expectRejects(Promise.resolve(source!.file.slice(0, 10)));
    expect(err.message).toContain(`file not found (404): ${fixture[0]!.path}`);
  });
});
