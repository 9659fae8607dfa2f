/**
 * The attack suite: hostile programs that every backend must contain. Call
 * `sandboxAttacks(name, factory)` from a backend's test file. Each attack
 * checks the host afterwards: sentinel files unchanged, no file created
 * outside the workspace, no process left, no connection received, no secret
 * printed. Network checks use only a loopback server on the host; a program
 * tries an outside address only after finding no network interface but
 * loopback, so nothing leaves this machine even if isolation were broken.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runProgram, SandboxFileError, type ExecResult, type Limits, type Sandbox } from '../../src/exec/index.js';
import type { SandboxFactory } from './conformance.js';
import { awaitNoProcesses, loopbackListener, type Listener } from './support.js';

const FAKE_KEY = 'sk-attack-suite-0123456789abcdef';
const REPO = path.resolve(import.meta.dirname, '..', '..');

export function sandboxAttacks(name: string, factory: SandboxFactory): void {
  describe(`sandbox attacks: ${name}`, () => {
    const made: Sandbox[] = [];
    let listener: Listener;
    let hostDir: string;
    let sentinel: string;
    let savedKey: string | undefined;
    const SENTINEL_TEXT = `host sentinel ${process.pid}`;

    beforeAll(async () => {
      listener = await loopbackListener();
      hostDir = mkdtempSync(path.join(tmpdir(), 'bcr-attack-host-'));
      sentinel = path.join(hostDir, 'sentinel.txt');
      writeFileSync(sentinel, SENTINEL_TEXT);
      savedKey = process.env.OPENAI_API_KEY;
      process.env.OPENAI_API_KEY = FAKE_KEY;
    });
    afterAll(async () => {
      await listener.close();
      rmSync(hostDir, { recursive: true, force: true });
      if (savedKey === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = savedKey;
    });
    afterEach(async () => {
      await Promise.all(made.splice(0).map((sb) => sb.destroy()));
      // Every attack leaves the host as it was.
      expect(readFileSync(sentinel, 'utf8')).toBe(SENTINEL_TEXT);
      expect(readdirSync(hostDir)).toEqual(['sentinel.txt']);
      expect(listener.connections()).toBe(0);
    });

    const sandbox = async () => {
      const sb = await factory();
      made.push(sb);
      return sb;
    };
    const sh = async (script: string, limits?: Partial<Limits>): Promise<ExecResult> => (await sandbox()).exec(['/bin/sh', '-c', script], { limits });
    const py = async (code: string, limits?: Partial<Limits>): Promise<ExecResult> => (await sandbox()).exec(['/usr/bin/python3', '-c', code], { limits });
    const program = async (language: string, entry: string, code: string, limits?: Partial<Limits>) =>
      runProgram(await sandbox(), { language, entry, files: [{ path: entry, contents: code }] }, { limits });
    const noSecret = (r: { stdout: string; stderr: string }) => {
      expect(r.stdout + r.stderr).not.toContain(FAKE_KEY);
    };

    it('cannot read /etc/shadow (Python)', async () => {
      const r = await py('try:\n    print(open("/etc/shadow").read())\nexcept OSError as e:\n    print("denied", e.errno)');
      expect(r.stdout).toMatch(/^denied/);
      expect(r.stdout).not.toContain('root:');
    });

    it('cannot read /etc/shadow (C)', async () => {
      const run = await program('C', 'shadow.c', '#include <stdio.h>\nint main(void) { FILE *f = fopen("/etc/shadow", "r"); if (!f) { puts("denied"); return 0; } int c; while ((c = fgetc(f)) != EOF) putchar(c); return 0; }\n');
      expect(run.execution.output).toBe('denied\n');
    });

    it('cannot see the host home folder', async () => {
      const r = await py('import os\nfor p in ["/root", "/home"]:\n    try:\n        print(p, sorted(os.listdir(p)))\n    except OSError as e:\n        print(p, "denied", e.errno)');
      expect(r.stdout).toMatch(/^\/root denied/m);
      expect(r.stdout).toMatch(/^\/home \['user'\]$/m);
    });

    it('cannot read the project files', async () => {
      const r = await sh(`cat ${REPO}/package.json 2>&1; ls ${REPO} 2>&1; ls /work 2>&1; echo done`);
      expect(r.stdout).not.toContain('bigcodereward');
      expect(r.stdout).toMatch(/No such file or directory[\s\S]*done/);
    });

    it('cannot read files in the host temp folder', async () => {
      const r = await sh(`cat ${sentinel} 2>&1; echo; ls ${hostDir} 2>&1; echo "tmp: $(ls -A /tmp)"`);
      expect(r.stdout).not.toContain(SENTINEL_TEXT);
      expect(r.stdout.match(/No such file or directory/g)).toHaveLength(2);
      expect(r.stdout).toContain('tmp: \n');
    });

    it('never sees the parent\'s API key (Python: environ and /proc)', async () => {
      const r = await py('import os, glob\nprint(dict(os.environ))\nfor f in glob.glob("/proc/*/environ"):\n    try:\n        print(f, open(f, "rb").read())\n    except OSError as e:\n        print(f, "denied")');
      noSecret(r);
      expect(r.stdout).not.toContain('OPENAI_API_KEY');
    });

    it('never sees the parent\'s API key (JavaScript)', async () => {
      const run = await program('JavaScript', 'env.js', 'console.log(JSON.stringify(process.env)); console.log(process.env.OPENAI_API_KEY ?? "no key");');
      expect(run.execution.output).toContain('no key');
      noSecret(run.run!);
    });

    it('never sees the parent\'s API key (Java)', async () => {
      const run = await program('Java', 'Main.java', 'public class Main { public static void main(String[] a) { System.out.println(System.getenv()); System.out.println(System.getenv("OPENAI_API_KEY")); } }');
      expect(run.execution.output).toMatch(/null\n$/);
      noSecret(run.run!);
    });

    it('never sees the parent\'s API key (Rust)', async () => {
      const run = await program('Rust', 'main.rs', 'fn main() { for (k, v) in std::env::vars() { println!("{}={}", k, v); } println!("{:?}", std::env::var("OPENAI_API_KEY").ok()); }');
      expect(run.execution.output).toMatch(/None\n$/);
      noSecret(run.run!);
    });

    it('cannot write outside the workspace', async () => {
      const targets = [sentinel, path.join(hostDir, 'planted.txt'), '/usr/bin/bcr-planted', '/etc/bcr-planted', '/bcr-planted', path.join(REPO, 'bcr-planted')];
      const code = `import json\nres = {}\nfor p in ${JSON.stringify(targets)}:\n    try:\n        open(p, "w").write("pwned")\n        res[p] = "written"\n    except OSError as e:\n        res[p] = e.errno\nprint(json.dumps(res))`;
      const r = await py(code);
      const res = JSON.parse(r.stdout) as Record<string, unknown>;
      for (const t of targets) expect(res[t], t).not.toBe('written');
      for (const t of targets.slice(1)) expect(existsSync(t), t).toBe(false);
    });

    it('cannot mount over or remount the system folders', async () => {
      const r = await sh('mount -t tmpfs none /usr 2>&1; mount -o remount,rw /usr 2>&1; touch /usr/bcr-planted 2>&1; echo done');
      expect(r.stdout).toContain('done');
      expect(existsSync('/usr/bcr-planted')).toBe(false);
    });

    it('cannot connect to a loopback server on the host (Python)', async () => {
      const r = await py(`import socket\ns = socket.socket()\ns.settimeout(2)\ntry:\n    s.connect(("127.0.0.1", ${listener.port}))\n    print("connected")\nexcept OSError as e:\n    print("refused", e.errno)`);
      expect(r.stdout).toMatch(/^refused/);
    });

    it('cannot connect to a loopback server on the host (Go)', async () => {
      const run = await program('Go', 'main.go', `package main\nimport ("fmt"; "net"; "time")\nfunc main() { c, err := net.DialTimeout("tcp", "127.0.0.1:${listener.port}", 2*time.Second); if err != nil { fmt.Println("refused"); return }; c.Close(); fmt.Println("connected") }\n`);
      expect(run.execution.output).toBe('refused\n');
    });

    it('has only a loopback interface, so an outside address is unreachable', async () => {
      // The connect is attempted only when no interface but lo exists: nothing can leave the machine.
      const code = 'import socket\nifaces = [l.split(":")[0].strip() for l in open("/proc/net/dev").read().splitlines()[2:]]\nprint("interfaces", ifaces)\nif ifaces == ["lo"]:\n    s = socket.socket(); s.settimeout(2)\n    try:\n        s.connect(("192.0.2.1", 80)); print("connected")\n    except OSError as e:\n        print("unreachable", e.errno)';
      const r = await py(code);
      expect(r.stdout).toContain("interfaces ['lo']");
      expect(r.stdout).toMatch(/unreachable (101|113|111)/);
    });

    it('contains a fork bomb and leaves no process behind', async () => {
      const marker = `bcr-forkbomb-${process.pid}-${Date.now()}`;
      const r = await sh(`cp /bin/sleep ./${marker}; bomb() { ./${marker} 100 & bomb & bomb; }; bomb`, { pids: 32, wallMs: 3000 });
      expect(['pids', 'wall']).toContain(r.limit);
      expect(r.timings.wallMs).toBeLessThan(6000);
      expect(await awaitNoProcesses(marker)).toEqual([]);
    });

    it('kills a fork bomb that keeps retrying at the wall limit, every process of it', async () => {
      const marker = `bcr-retrybomb-${process.pid}-${Date.now()}`;
      // The marker is in the program text, so it is in every forked process's command line.
      const r = await py(`# ${marker}\nimport os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass`, { pids: 32, wallMs: 1500 });
      expect(r.limit).toBe('wall');
      expect(await awaitNoProcesses(marker)).toEqual([]);
    });

    it('contains a memory bomb (Python)', async () => {
      const r = await py('chunks = []\nwhile True:\n    chunks.append(bytearray(64 * 1024 * 1024))', { memoryBytes: 512 * 1024 * 1024 });
      expect(r.limit).toBe('memory');
    });

    it('contains a memory bomb (C++)', async () => {
      const run = await program('C++', 'bomb.cpp', '#include <vector>\n#include <cstdio>\nint main() { std::vector<std::vector<char>> v; for (;;) v.emplace_back(64 << 20, 1); }\n', { memoryBytes: 512 * 1024 * 1024 });
      expect(run.limit).toBe('memory');
      expect(run.execution.success).toBe(false);
    });

    it('contains a memory bomb (JavaScript)', async () => {
      const run = await program('JavaScript', 'bomb.js', 'const keep = []; for (;;) keep.push(new Array(1 << 20).fill(7));', { memoryBytes: 1024 * 1024 * 1024 });
      expect(run.limit).toBe('memory');
    });

    it('contains a memory bomb (Java)', async () => {
      const run = await program('Java', 'Main.java', 'import java.util.*;\npublic class Main { public static void main(String[] a) { List<long[]> keep = new ArrayList<>(); for (;;) keep.add(new long[1 << 20]); } }', { memoryBytes: 512 * 1024 * 1024 });
      expect(run.limit).toBe('memory');
      expect(run.execution.error).toContain('OutOfMemoryError');
    });

    it('stops an infinite loop at the CPU limit (Rust)', async () => {
      const run = await program('Rust', 'main.rs', 'fn main() { let mut x: u64 = 0; loop { x = x.wrapping_add(1); std::hint::black_box(x); } }', { cpuSeconds: 1, wallMs: 30_000 });
      expect(run.limit).toBe('cpu');
    });

    it('stops an infinite loop at the CPU limit (JavaScript)', async () => {
      const run = await program('JavaScript', 'loop.js', 'for (;;) {}', { cpuSeconds: 1, wallMs: 30_000 });
      expect(run.limit).toBe('cpu');
      expect(run.execution.error).toContain('CPU time limit');
    });

    it('stops a sleeping loop at the wall limit', async () => {
      const r = await py('import time\nwhile True:\n    time.sleep(1)', { wallMs: 800 });
      expect(r.limit).toBe('wall');
    });

    it('cuts 100 MB of output without keeping it', async () => {
      const r = await py('import sys\nblock = "z" * (1024 * 1024)\nfor i in range(100):\n    sys.stdout.write(block)', { outputBytes: 1024 * 1024 });
      expect(r.limit).toBe('output');
      expect(r.stdoutTruncated).toBe(true);
      expect(r.stdout.length).toBe(1024 * 1024);
    });

    it('cuts 100 MB of output on stderr too (C)', async () => {
      const run = await program('C', 'spam.c', '#include <stdio.h>\n#include <string.h>\nint main(void) { static char b[1 << 20]; memset(b, 65, sizeof b); for (int i = 0; i < 100; i++) fwrite(b, 1, sizeof b, stderr); return 0; }\n', { outputBytes: 1024 * 1024 });
      expect(run.limit).toBe('output');
      expect(run.run!.stderrTruncated).toBe(true);
      expect(run.run!.stderr.length).toBe(1024 * 1024);
    });

    it('kills children that outlive the parent, detached ones included', async () => {
      const marker = `bcr-orphan-${process.pid}-${Date.now()}`;
      const r = await sh(`cp /bin/sleep ./${marker}; (setsid ./${marker} 300 &); nohup ./${marker} 301 >/dev/null 2>&1 & (./${marker} 302 &) ; echo started`);
      expect(r.stdout).toBe('started\n');
      expect(await awaitNoProcesses(marker)).toEqual([]);
    });

    it('kills a daemon that closes its output, at the wall limit', async () => {
      const marker = `bcr-daemon-${process.pid}-${Date.now()}`;
      const r = await py(`import os, shutil, subprocess\nshutil.copy("/bin/sleep", "./${marker}")\nos.chmod("./${marker}", 0o755)\nsubprocess.Popen(["./${marker}", "300"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)\nimport time\ntime.sleep(60)`, { wallMs: 1000 });
      expect(r.limit).toBe('wall');
      expect(await awaitNoProcesses(marker)).toEqual([]);
    });

    it('stops a huge file at the file size limit', async () => {
      const sb = await sandbox();
      const r = await sb.exec(['/usr/bin/python3', '-c', 'f = open("huge.bin", "wb")\nfor i in range(1024):\n    f.write(b"h" * (1024 * 1024))'], { limits: { fileSizeBytes: 4 * 1024 * 1024 } });
      expect(r.limit).toBe('fsize');
      const huge = (await sb.listFiles()).find((e) => e.path === 'huge.bin');
      expect(huge?.size).toBeLessThanOrEqual(4 * 1024 * 1024);
    });

    it('plants symlinks the host never follows', async () => {
      const sb = await sandbox();
      await sb.exec(['/bin/sh', '-c', `ln -s /etc/passwd passwd-link; ln -s / root-link; ln -s ${sentinel} sentinel-link; mkdir d; ln -s /etc d/etc`]);
      await expect(sb.readFile('passwd-link')).rejects.toBeInstanceOf(SandboxFileError);
      await expect(sb.readFile('root-link/etc/passwd')).rejects.toBeInstanceOf(SandboxFileError);
      await expect(sb.readFile('d/etc/passwd')).rejects.toBeInstanceOf(SandboxFileError);
      // Writing through a planted link is refused too: the host sentinel stays as it was (checked after each test).
      await expect(sb.writeFiles([{ path: 'sentinel-link', contents: 'overwritten' }])).rejects.toBeInstanceOf(SandboxFileError);
      await expect(sb.writeFiles([{ path: 'root-link/tmp/x', contents: 'x' }])).rejects.toBeInstanceOf(SandboxFileError);
      const kinds = Object.fromEntries((await sb.listFiles()).map((e) => [e.path, e.kind]));
      expect(kinds).toMatchObject({ 'passwd-link': 'symlink', 'root-link': 'symlink', 'sentinel-link': 'symlink', 'd/etc': 'symlink' });
      expect(Object.keys(kinds).some((p) => p.startsWith('root-link/'))).toBe(false);
    });

    it('cannot kill its supervisor or host processes', async () => {
      // A host process the attack must not reach.
      const victim: ChildProcess = spawn('/bin/sleep', ['60'], { stdio: 'ignore' });
      try {
        const r = await sh('kill -9 $PPID 2>&1; kill -9 1 2>&1; kill -9 -1 2>&1; kill -9 ' + String(process.pid) + ' 2>&1; kill -9 ' + String(victim.pid) + ' 2>&1; echo after');
        expect(r).toBeDefined();
        expect(victim.exitCode).toBeNull();
        expect(() => process.kill(victim.pid!, 0)).not.toThrow();
        // The supervisor still works after the attack.
        const next = await sh('echo still here');
        expect(next.stdout).toBe('still here\n');
      } finally {
        victim.kill('SIGKILL');
      }
    });

    it('cannot see host processes', async () => {
      const r = await sh('ls /proc | grep -E "^[0-9]+$" | wc -l; cat /proc/1/cmdline | tr "\\0" " "');
      const count = Number(r.stdout.split('\n')[0]);
      expect(count).toBeLessThan(10);
      expect(r.stdout).not.toContain('vitest');
    });
  });
}
