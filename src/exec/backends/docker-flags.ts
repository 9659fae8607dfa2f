/**
 * The container flags every sandbox container gets, cold or warm (the
 * table in the README's Docker section): no network unless asked, a
 * resident-memory limit with no swap, a process limit, no capabilities, no
 * new privileges, a read-only root with a size-capped /tmp, the workspace
 * bind-mounted, the engine's init as pid 1, and no log kept by the engine.
 * One list, so a hardening change reaches both kinds of container.
 */
export interface ContainerPolicy {
  network: boolean;
  memoryBytes: number;
  /** The `--pids-limit`: the program's processes plus the container's own. */
  pidsLimit: number;
  /** The user the container's main process runs as (`uid:gid`). */
  user: string;
  tmpBytes: number;
  /** The workspace on the host, and where the container sees it. */
  home: string;
  workdir: string;
}

export function containerFlags(p: ContainerPolicy): string[] {
  return [
    '--init',
    '--network', p.network ? 'bridge' : 'none',
    '--memory', `${p.memoryBytes}b`, '--memory-swap', `${p.memoryBytes}b`,
    '--pids-limit', String(p.pidsLimit),
    '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges',
    '--read-only', '--user', p.user, '--hostname', 'sandbox',
    '--tmpfs', `/tmp:rw,nosuid,nodev,size=${p.tmpBytes},mode=1777`,
    '--mount', `type=bind,source=${p.home},target=${p.workdir}`,
    '--log-driver', 'none',
  ];
}
