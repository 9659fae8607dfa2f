/**
 * The sandbox conformance suite: what every backend must do. Call
 * `sandboxConformance(name, factory)` from a backend's test file; it
 * registers the tests (vitest) against sandboxes the factory makes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingToolchain, runProgram, SandboxFileError, toolchainPackage, SandboxStateError, type Sandbox } from '../../src/exec/index.js';
import { awaitNoProcesses, loopbackListener, programsNamed, type Listener } from './support.js';

export type SandboxFactory = () => Promise<Sandbox>;

const HELLO: ReadonlyArray<[string, string, string]> = [
  ['Python', 'main.py', 'print("hello from Python")\n'],
  ['JavaScript', 'main.js', 'console.log("hello from JavaScript");\n'],
  ['TypeScript', 'main.ts', 'const who: string = "TypeScript";\nconsole.log(`hello from ${who}`);\n'],
  ['C', 'main.c', '#include <stdio.h>\nint main(void) { puts("hello from C"); return 0; }\n'],
  ['C++', 'main.cpp', '#include <iostream>\nint main() { std::cout << "hello from C++" << std::endl; }\n'],
  ['Java', 'Main.java', 'public class Main { public static void main(String[] a) { System.out.println("hello from Java"); } }\n'],
  ['Go', 'main.go', 'package main\nimport "fmt"\nfunc main() { fmt.Println("hello from Go") }\n'],
  ['Rust', 'main.rs', 'fn main() { println!("hello from Rust"); }\n'],
];

const py = (code: string) => ['/usr/bin/python3', '-c', code];

export function sandboxConformance(name: string, factory: SandboxFactory): void {
  describe(`sandbox conformance: ${name}`, () => {
    const made: Sandbox[] = [];
    const sandbox = async () => {
      const sb = await factory();
      made.push(sb);
      return sb;
    };
    let listener: Listener;
    beforeAll(async () => { listener = await loopbackListener(); });
    afterAll(async () => { await listener.close(); });
    afterEach(async () => { await Promise.all(made.splice(0).map((sb) => sb.destroy())); });

    for (const [language, entry, code] of HELLO) {
      it(`runs hello world in ${language}`, async () => {
        const run = await runProgram(await sandbox(), { language, entry, files: [{ path: entry, contents: code }] });
        expect(run.execution).toMatchObject({ source: 'executed', output: `hello from ${language}\n`, success: true });
        expect(run.limit).toBeNull();
        expect(run.run?.exitCode).toBe(0);
      });
    }

    it('names a command that is not installed in the sandbox', async () => {
      const r = await (await sandbox()).exec(['/usr/bin/bcr-no-such-compiler', 'x.c']);
      expect(r.exitCode).toBe(127);
      expect(missingToolchain(r)).toBe('/usr/bin/bcr-no-such-compiler');
      expect(toolchainPackage('/usr/bin/go')).toBe('golang-go');
    });

    it('reports a compile error as such', async () => {
      const run = await runProgram(await sandbox(), { language: 'C', entry: 'main.c', files: [{ path: 'main.c', contents: 'int main(void) { return nope; }\n' }] });
      expect(run).toMatchObject({ phase: 'compile', compileFailed: true, run: null });
      expect(run.execution.success).toBe(false);
      expect(run.execution.error).toMatch(/compile error[\s\S]*nope/);
    });

    it('captures a Python plot as a PNG image', async () => {
      const code = 'import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2])\nplt.show()\nplt.figure(); plt.bar([1], [2])\nprint("plotted")\n';
      const run = await runProgram(await sandbox(), { language: 'Python', entry: 'plot.py', files: [{ path: 'plot.py', contents: code }] });
      expect(run.execution.success).toBe(true);
      expect(run.images).toHaveLength(2);
      const png = await run.images[1]!.load();
      expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
      expect(run.execution.screenshot).toBe(run.images[1]);
    });

    it('gives a plotting program a ready matplotlib font list', async () => {
      const sb = await sandbox();
      const run = await runProgram(sb, { language: 'Python', entry: 'p.py', files: [{ path: 'p.py', contents: 'import matplotlib\nprint(matplotlib.get_cachedir())' }] });
      expect(run.execution.output).toBe(`${sb.workdir}/.bcr/mplconfig\n`);
      expect((await sb.listFiles('.bcr/mplconfig')).map((e) => e.path)).toEqual([expect.stringMatching(/^\.bcr\/mplconfig\/fontlist-v\d+\.json$/)]);
    });

    it('reports a Python exception with the program\'s own frames', async () => {
      const code = 'def f():\n    return 1 / 0\nprint("before")\nf()\n';
      const run = await runProgram(await sandbox(), { language: 'Python', entry: 'main.py', files: [{ path: 'main.py', contents: code }] });
      expect(run.execution).toMatchObject({ output: 'before\n', success: false });
      expect(run.execution.error).toMatch(/File ".*main\.py", line 4[\s\S]*ZeroDivisionError/);
      expect(run.execution.error).not.toMatch(/runpy|\.bcr/);
      expect(run.run?.exitCode).toBe(1);
    });

    it('reports a Python syntax error without the launcher\'s frames', async () => {
      const run = await runProgram(await sandbox(), { language: 'Python', entry: 'main.py', files: [{ path: 'main.py', contents: 'print("a"\n' }] });
      expect(run.execution.success).toBe(false);
      expect(run.execution.error).toMatch(/main\.py", line 1[\s\S]*SyntaxError/);
      expect(run.execution.error).not.toMatch(/runpy|\.bcr/);
    });

    it('passes standard input', async () => {
      const r = await (await sandbox()).exec(['/bin/cat'], { stdin: 'given on stdin' });
      expect(r.stdout).toBe('given on stdin');
    });

    it('keeps stdout, stderr and the exit code apart', async () => {
      const r = await (await sandbox()).exec(['/bin/sh', '-c', 'echo out; echo err >&2; exit 3']);
      expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 3, signal: null, limit: null, stdoutTruncated: false, stderrTruncated: false });
    });

    it('reports death by a signal', async () => {
      const r = await (await sandbox()).exec(['/bin/sh', '-c', 'kill -TERM $$']);
      expect(r).toMatchObject({ exitCode: null, signal: 'SIGTERM', limit: null });
    });

    it('records timings', async () => {
      const before = Date.now();
      const r = await (await sandbox()).exec(['/bin/sh', '-c', 'sleep 0.2']);
      expect(Date.parse(r.timings.startedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(r.timings.wallMs).toBeGreaterThanOrEqual(190);
      expect(r.timings.wallMs).toBeLessThan(5000);
    });

    it('stops a run at the wall time limit', async () => {
      const r = await (await sandbox()).exec(['/bin/sh', '-c', 'sleep 30'], { limits: { wallMs: 500 } });
      expect(r.limit).toBe('wall');
      expect(r.signal).toBe('SIGKILL');
      expect(r.timings.wallMs).toBeLessThan(3000);
    });

    it('stops a run at the CPU time limit', async () => {
      const r = await (await sandbox()).exec(py('while True: pass'), { limits: { cpuSeconds: 1, wallMs: 30_000 } });
      expect(r.limit).toBe('cpu');
      expect(r.signal).toBe('SIGXCPU');
    });

    it('stops a run at the memory limit', async () => {
      const r = await (await sandbox()).exec(py('x = bytearray(2 * 1024 ** 3)\nprint(len(x))'), { limits: { memoryBytes: 256 * 1024 * 1024 } });
      expect(r.limit).toBe('memory');
      expect(r.stdout).toBe('');
    });

    it('stops a run at the process limit', async () => {
      const code = 'import os, time\nfor i in range(100):\n    if os.fork() == 0:\n        time.sleep(5); os._exit(0)\nprint("forked 100")';
      const r = await (await sandbox()).exec(py(code), { limits: { pids: 8, wallMs: 10_000 } });
      expect(r.limit).toBe('pids');
      expect(r.stdout).not.toContain('forked 100');
    });

    it('counts the process limit per run, not across concurrent runs', async () => {
      const code = 'import os, time\nfor i in range(12):\n    if os.fork() == 0:\n        time.sleep(1); os._exit(0)\nprint("forked 12")';
      const [a, b] = await Promise.all([sandbox(), sandbox()]);
      const runs = await Promise.all([a, b].map((sb) => sb.exec(py(code), { limits: { pids: 16 } })));
      for (const r of runs) expect(r).toMatchObject({ stdout: 'forked 12\n', limit: null });
    });

    it('stops a run at the file size limit', async () => {
      const r = await (await sandbox()).exec(py('open("big.bin", "wb").write(b"x" * (8 * 1024 * 1024))'), { limits: { fileSizeBytes: 1024 * 1024 } });
      expect(r.limit).toBe('fsize');
    });

    it('stops a run at the output limit and flags the truncation', async () => {
      const r = await (await sandbox()).exec(py('import sys\nfor i in range(100): sys.stdout.write("y" * 65536)'), { limits: { outputBytes: 100_000 } });
      expect(r.limit).toBe('output');
      expect(r.stdoutTruncated).toBe(true);
      expect(r.stderrTruncated).toBe(false);
      expect(r.stdout.length).toBe(100_000);
      expect(r.stdoutBytes).toBeGreaterThan(100_000);
    });

    it('gives the program a scrubbed environment', async () => {
      process.env.BCR_CONFORMANCE_SECRET = 'conformance-secret-value';
      try {
        const sb = await sandbox();
        const r = await sb.exec(['/usr/bin/env'], { env: { GIVEN: 'yes' } });
        expect(r.stdout).not.toContain('conformance-secret-value');
        const names = r.stdout.trim().split('\n').map((line) => line.split('=')[0]);
        const allowed = ['GIVEN', 'HOME', 'LANG', 'LC_ALL', 'LOGNAME', 'PATH', 'PWD', 'TERM', 'TMPDIR', 'USER'];
        expect(names.filter((n) => !allowed.includes(n!))).toEqual([]);
        expect(names).toEqual(expect.arrayContaining(['HOME', 'PATH', 'GIVEN']));
        expect(r.stdout).toContain(`HOME=${sb.workdir}\n`);
        expect(r.stdout).toContain('GIVEN=yes\n');
      } finally {
        delete process.env.BCR_CONFORMANCE_SECRET;
      }
    });

    it('has no network: a loopback server on the host receives nothing', async () => {
      const code = `import socket\ns = socket.socket()\ns.settimeout(2)\ntry:\n    s.connect(("127.0.0.1", ${listener.port}))\n    print("connected", s.recv(100))\nexcept OSError as e:\n    print("refused", e.errno)`;
      const r = await (await sandbox()).exec(py(code));
      expect(r.stdout).toMatch(/^refused/);
      expect(listener.connections()).toBe(0);
    });

    it('writes, lists and reads workspace files', async () => {
      const sb = await sandbox();
      await sb.writeFiles([{ path: 'src/in.txt', contents: 'input text' }, { path: 'data.bin', contents: new Uint8Array([0, 1, 2, 255]) }]);
      const r = await sb.exec(['/bin/sh', '-c', 'cat src/in.txt; od -An -tu1 data.bin | tr -s " "; mkdir -p out && echo made > out/result.txt']);
      expect(r.stdout).toBe('input text 0 1 2 255\n');
      expect(new TextDecoder().decode(await sb.readFile('out/result.txt'))).toBe('made\n');
      const listed = await sb.listFiles();
      expect(listed.map((e) => `${e.kind}:${e.path}`)).toEqual(expect.arrayContaining(['file:src/in.txt', 'file:data.bin', 'directory:out', 'file:out/result.txt']));
      const sub = await sb.exec(['/bin/cat', 'in.txt'], { cwd: 'src' });
      expect(sub.stdout).toBe('input text');
    });

    it('refuses paths outside the workspace', async () => {
      const sb = await sandbox();
      await expect(sb.readFile('../etc/passwd')).rejects.toBeInstanceOf(SandboxFileError);
      await expect(sb.readFile('/etc/passwd')).rejects.toBeInstanceOf(SandboxFileError);
      await expect(sb.writeFiles([{ path: 'a/../../x', contents: '' }])).rejects.toBeInstanceOf(SandboxFileError);
      await expect(sb.readFile('missing.txt')).rejects.toThrow(/missing\.txt.*no such file/);
    });

    it('destroy stops a running command and leaves no process', async () => {
      const sb = await sandbox();
      const marker = `bcr-destroy-${process.pid}-${Date.now()}`;
      const running = sb.exec(['/bin/sh', '-c', `cp /bin/sleep ./${marker}; ./${marker} 300`]);
      let ended: unknown = null;
      running.then((r) => { ended = r; }, (e: unknown) => { ended = e; });
      // Generous: on a loaded machine the copy and start can take seconds; the loop ends when seen.
      const end = Date.now() + 30_000;
      // The host's process scan sees the sandboxed process (so the check after destroy can fail).
      while (programsNamed(marker).length === 0 && ended === null && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(programsNamed(marker).length, `the run ended before it was seen: ${JSON.stringify(ended, null, 1)}`).toBeGreaterThan(0);
      await sb.destroy();
      const r = await running;
      expect(r.exitCode).not.toBe(0);
      expect(await awaitNoProcesses(marker)).toEqual([]);
    });

    it('cannot be used after destroy', async () => {
      const sb = await sandbox();
      await sb.destroy();
      await sb.destroy();
      await expect(sb.exec(['/bin/true'])).rejects.toBeInstanceOf(SandboxStateError);
    });
  });
}
