/**
 * Where to find a hub dataset and where to keep its files: options first,
 * then the environment (HF_ENDPOINT, HF_TOKEN, BCR_CACHE_DIR), then defaults.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../errors.js';

export const DEFAULT_HUB_URL = 'https://huggingface.co';
export const DEFAULT_DATASET = 'bigcode/bigcodereward';
export const DEFAULT_REVISION = 'main';

export interface HubLocationOptions {
  /** Dataset id on the hub, e.g. `bigcode/bigcodereward`. */
  dataset: string;
  /** Branch, tag or commit; default `main`. */
  revision?: string;
  /** Default: env `HF_ENDPOINT`, else `https://huggingface.co`. */
  hubUrl?: string;
  /** Default: env `HF_TOKEN`, else `HUGGING_FACE_HUB_TOKEN`. Hub tokens start with `hf_`. */
  token?: string;
}

export interface HubLocation {
  dataset: string;
  revision: string;
  hubUrl: string;
  token: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

export function resolveHubLocation(options: HubLocationOptions, env: Env = process.env): HubLocation {
  const dataset = options.dataset.trim();
  // owner/name or name; each part as the hub allows (letters, digits, - _ .), never "." or "..".
  const parts = dataset.split('/');
  const validPart = (p: string) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p) && !p.includes('..');
  if (parts.length > 2 || !parts.every(validPart)) {
    throw new ConfigError(`invalid dataset id "${options.dataset}": expected "owner/name", e.g. ${DEFAULT_DATASET}`);
  }
  const revision = (options.revision ?? DEFAULT_REVISION).trim();
  if (!revision || revision.split('/').some((p) => p === '' || p === '.' || p === '..')) {
    throw new ConfigError(`invalid revision "${options.revision}"`);
  }
  const given = (options.hubUrl ?? nonEmpty(env.HF_ENDPOINT) ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
  const { url: hubUrl, secret } = splitCredentials(given);
  if (!/^https?:\/\//.test(hubUrl)) throw new ConfigError(`invalid hub URL "${hubUrl}": expected http(s)://...`);
  const envToken = options.token ?? nonEmpty(env.HF_TOKEN) ?? nonEmpty(env.HUGGING_FACE_HUB_TOKEN);
  const token = envToken ?? secret;
  // @huggingface/hub rejects other tokens with a bare TypeError; say it here, with where it came from.
  if (token !== undefined && !token.startsWith('hf_')) {
    const from = envToken !== undefined ? 'HF_TOKEN' : 'the hub URL';
    throw new ConfigError(`invalid Hugging Face token (${from}): hub access tokens start with "hf_"`);
  }
  return { dataset, revision, hubUrl, token };
}

/**
 * Root of the hub cache: `cacheDir` if given, else `$BCR_CACHE_DIR/hub`, else
 * `$XDG_CACHE_HOME/bcr/hub`, else `~/.cache/bcr/hub`.
 */
export function resolveHubCacheRoot(cacheDir: string | undefined, env: Env = process.env): string {
  if (cacheDir) return cacheDir;
  const bcrRoot = nonEmpty(env.BCR_CACHE_DIR) ?? join(nonEmpty(env.XDG_CACHE_HOME) ?? join(homedir(), '.cache'), 'bcr');
  return join(bcrRoot, 'hub');
}

/** `<root>/<owner>/<name>/<revision>`; a revision with slashes (refs/pr/1) becomes one folder. */
export function revisionCacheDir(root: string, location: Pick<HubLocation, 'dataset' | 'revision'>): string {
  return join(root, ...location.dataset.split('/'), encodeURIComponent(location.revision));
}

/** The URL the hub serves a file's bytes from (it may redirect to a CDN). */
export function resolveUrl(location: HubLocation, path: string): string {
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  return `${location.hubUrl}/datasets/${location.dataset}/resolve/${encodeURIComponent(location.revision)}/${encodedPath}`;
}

export function authHeaders(location: Pick<HubLocation, 'token'>): Record<string, string> {
  return location.token ? { Authorization: `Bearer ${location.token}` } : {};
}

/**
 * A hub URL without its `user:token@` part, and that token. fetch refuses URLs
 * with credentials, and every message quotes the hub URL: keeping the token
 * out of the URL keeps it out of every message; it travels as a bearer header.
 */
function splitCredentials(url: string): { url: string; secret?: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@(.*)$/i.exec(url);
  if (!m) return { url };
  const [user = '', password] = m[2]!.split(/:(.*)/s);
  const raw = password || user;
  let secret = raw;
  try {
    secret = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded after all: take it as typed.
  }
  return { url: `${m[1]}${m[3]}`, ...(secret ? { secret } : {}) };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v && v.trim() ? v.trim() : undefined;
}
