/**
 * Host-side access to a sandbox's workspace folder. Paths are relative to
 * the workspace; `..`, absolute paths and symlinks anywhere on the way are
 * refused, so a program that plants `out.txt -> /etc/shadow` cannot make the
 * host read (or write) outside the workspace.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, writeFile, chmod, chown } from 'node:fs/promises';
import path from 'node:path';
import { SandboxFileError } from './errors.js';
import type { SandboxFile, WorkspaceEntry } from './types.js';

/** The path's parts, checked: relative, no `.`/`..`, no empty parts, no NUL. */
export function workspaceParts(rel: string): string[] {
  if (typeof rel !== 'string' || rel === '' || rel.includes('\0')) throw new SandboxFileError('empty or invalid path', { file: String(rel) });
  if (rel.startsWith('/') || path.isAbsolute(rel)) throw new SandboxFileError('absolute paths are refused: give a path inside the workspace', { file: rel });
  const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0) throw new SandboxFileError('the path names the workspace itself', { file: rel });
  if (parts.includes('..')) throw new SandboxFileError('".." is refused: the path must stay inside the workspace', { file: rel });
  return parts;
}

/** Refuses when any existing component of `parts` (below root) is a symlink. */
async function checkNoSymlinks(root: string, parts: readonly string[], rel: string): Promise<void> {
  let cur = root;
  for (const part of parts) {
    cur = path.join(cur, part);
    const st = await lstat(cur).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (st === null) return;
    if (st.isSymbolicLink()) throw new SandboxFileError(`"${path.relative(root, cur)}" is a symlink: not followed`, { file: rel });
  }
}

export interface WorkspaceOwner {
  uid: number;
  gid: number;
}

export async function writeWorkspaceFiles(root: string, files: readonly SandboxFile[], owner?: WorkspaceOwner): Promise<void> {
  for (const file of files) {
    const parts = workspaceParts(file.path);
    await checkNoSymlinks(root, parts, file.path);
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      dir = path.join(dir, part);
      await mkdir(dir).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
      if (owner) await chown(dir, owner.uid, owner.gid);
    }
    const target = path.join(root, ...parts);
    // O_NOFOLLOW: a symlink planted between the check and the write is refused too.
    const handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, file.mode ?? 0o644)
      .catch((err: NodeJS.ErrnoException) => {
        throw new SandboxFileError(`cannot write: ${err.code ?? err.message}`, { file: file.path }, { cause: err });
      });
    try {
      await writeFile(handle, file.contents);
      await handle.chmod(file.mode ?? 0o644);
      if (owner) await handle.chown(owner.uid, owner.gid);
    } finally {
      await handle.close();
    }
  }
}

export async function readWorkspaceFile(root: string, rel: string, maxBytes: number): Promise<Uint8Array> {
  const parts = workspaceParts(rel);
  await checkNoSymlinks(root, parts, rel);
  const target = path.join(root, ...parts);
  const handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW).catch((err: NodeJS.ErrnoException) => {
    const why = err.code === 'ENOENT' ? 'no such file in the workspace' : err.code === 'ELOOP' ? 'is a symlink: not followed' : `cannot read: ${err.code ?? err.message}`;
    throw new SandboxFileError(why, { file: rel }, { cause: err });
  });
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new SandboxFileError('not a regular file', { file: rel });
    if (st.size > maxBytes) throw new SandboxFileError(`file is ${st.size} bytes, over the ${maxBytes}-byte read cap`, { file: rel });
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

export async function listWorkspace(root: string, dir?: string): Promise<WorkspaceEntry[]> {
  const base = dir === undefined ? [] : workspaceParts(dir);
  if (dir !== undefined) await checkNoSymlinks(root, base, dir);
  const out: WorkspaceEntry[] = [];
  const walk = async (parts: string[]): Promise<void> => {
    const entries = await readdir(path.join(root, ...parts), { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return [];
      throw err;
    });
    for (const e of entries) {
      const p = [...parts, e.name];
      const st = await lstat(path.join(root, ...p));
      const kind = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
      out.push({ path: p.join('/'), kind, size: st.size });
      if (kind === 'directory') await walk(p);
    }
  };
  await walk(base);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Makes a folder the sandbox's user owns (used when the host side is root). */
export async function ownedDir(dir: string, owner?: WorkspaceOwner, mode = 0o700): Promise<void> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, mode);
  if (owner) await chown(dir, owner.uid, owner.gid);
}
