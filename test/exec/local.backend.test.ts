/** What only the local backend promises, beyond the conformance suite. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localBackend, type Sandbox } from '../../src/exec/index.js';
import { loopbackListener, type Listener } from './support.js';

describe('local backend', () => {
  const made: Sandbox[] = [];
  let listener: Listener;
  beforeAll(async () => { listener = await loopbackListener(); });
  afterAll(async () => { await listener.close(); });
  afterEach(async () => { await Promise.all(made.splice(0).map((sb) => sb.destroy())); });

  const connect = (port: number) => ['/usr/bin/python3', '-c', `import socket\ns = socket.create_connection(("127.0.0.1", ${port}), timeout=3)\nprint(s.recv(100).decode().strip())`];

  it('shares the host network only when asked (so the no-network check can fail)', async () => {
    const open = await localBackend().create({ network: true });
    made.push(open);
    const r = await open.exec(connect(listener.port));
    expect(r.stdout).toBe('hello from the host\n');
    expect(listener.connections()).toBe(1);
    const closed = await localBackend().create();
    made.push(closed);
    const denied = await closed.exec(connect(listener.port));
    expect(denied.exitCode).not.toBe(0);
    expect(denied.stderr).toContain('ConnectionRefusedError');
    expect(listener.connections()).toBe(1);
  });

  it('keeps exit codes that are not a signal\'s', async () => {
    const sb = await localBackend().create();
    made.push(sb);
    expect(await sb.exec(['/bin/sh', '-c', 'exit 200'])).toMatchObject({ exitCode: 200, signal: null });
    expect(await sb.exec(['/bin/sh', '-c', 'exit 1'])).toMatchObject({ exitCode: 1, signal: null });
  });

  it('runs the program as an unprivileged user with a made-up passwd', async () => {
    const sb = await localBackend().create();
    made.push(sb);
    const r = await sb.exec(['/bin/sh', '-c', 'id -u; id -un; grep Cap[EP] /proc/self/status; cat /etc/passwd | wc -l']);
    expect(r.stdout).toBe('1000\nuser\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n3\n');
  });
});
