/**
 * What the local and Docker sandboxes share: a workspace folder on the host
 * (bind-mounted into the sandbox), read and written from the host through
 * `workspace.ts`, and the rule that a destroyed sandbox refuses every call.
 */
import { SandboxStateError } from './errors.js';
import type { SandboxFile, WorkspaceEntry } from './types.js';
import { listWorkspace, readWorkspaceFile, writeWorkspaceFiles, type WorkspaceOwner } from './workspace.js';

/** Largest file `readFile` returns by default. */
const MAX_READ_BYTES = 64 * 1024 * 1024;

export abstract class HostWorkspace {
  protected destroyed = false;

  /** `home` is the workspace folder; files written into it are owned by `owner` (when the host is root). */
  protected constructor(protected readonly home: string, protected readonly owner: WorkspaceOwner | undefined) {}

  protected alive(): void {
    if (this.destroyed) throw new SandboxStateError('the sandbox was destroyed');
  }

  async writeFiles(files: readonly SandboxFile[]): Promise<void> {
    this.alive();
    await writeWorkspaceFiles(this.home, files, this.owner);
  }

  async readFile(file: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
    this.alive();
    return readWorkspaceFile(this.home, file, options.maxBytes ?? MAX_READ_BYTES);
  }

  async listFiles(dir?: string): Promise<WorkspaceEntry[]> {
    this.alive();
    return listWorkspace(this.home, dir);
  }
}
