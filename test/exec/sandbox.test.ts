/** The sandbox room's pure parts: limits, environment, output caps, path checks, limit naming. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, resolveLimits, sandboxEnvironment, SandboxConfigError, SandboxFileError, stoppedBy } from '../../src/exec/index.js';
import { runnerLanguage } from '../../src/exec/index.js';
import { CappedBuffer } from '../../src/exec/sandbox/capture.js';
import { workspaceParts } from '../../src/exec/sandbox/workspace.js';

describe('limits', () => {
  it('applies overrides and refuses bad values by name', () => {
    expect(resolveLimits(DEFAULT_LIMITS, { wallMs: 5 }).wallMs).toBe(5);
    expect(() => resolveLimits(DEFAULT_LIMITS, { pids: 0 })).toThrow(/"pids" must be a positive integer/);
    expect(() => resolveLimits(DEFAULT_LIMITS, { memoryBytes: 1.5 })).toThrow(SandboxConfigError);
    expect(() => resolveLimits(DEFAULT_LIMITS, { swap: 1 } as never)).toThrow(/unknown sandbox limit "swap"/);
  });
});

describe('environment', () => {
  it('is the allow-list plus what the caller gives, never the host', () => {
    process.env.BCR_HOST_ONLY = 'x';
    try {
      const env = sandboxEnvironment('/home/user', { EXTRA: '1' });
      expect(env).not.toHaveProperty('BCR_HOST_ONLY');
      expect(env).toMatchObject({ HOME: '/home/user', EXTRA: '1', LANG: 'C.UTF-8' });
      expect(() => sandboxEnvironment('/h', { 'BAD-NAME': '1' })).toThrow(/BAD-NAME/);
    } finally {
      delete process.env.BCR_HOST_ONLY;
    }
  });
});

describe('CappedBuffer', () => {
  it('keeps at most the cap and counts everything', () => {
    const b = new CappedBuffer(5);
    expect(b.push(Buffer.from('abc'))).toBe(true);
    expect(b.push(Buffer.from('defg'))).toBe(false);
    expect(b.push(Buffer.from('hij'))).toBe(false);
    expect(b.text()).toBe('abcde');
    expect(b.total).toBe(10);
    expect(b.truncated).toBe(true);
  });
});

describe('workspace paths', () => {
  it('accepts relative paths and refuses escapes, naming the path', () => {
    expect(workspaceParts('a/./b//c.txt')).toEqual(['a', 'b', 'c.txt']);
    for (const bad of ['/etc/passwd', '../x', 'a/../../x', '', '.', 'a\0b']) expect(() => workspaceParts(bad)).toThrow(SandboxFileError);
    expect(() => workspaceParts('a/../../x')).toThrow(/a\/\.\.\/\.\.\/x/);
  });
});

describe('stoppedBy', () => {
  const base = { killedFor: null, exitCode: 1, signal: null, stderr: '' } as const;
  it('names the limit from the supervisor, the signal or the runtime\'s words', () => {
    expect(stoppedBy({ ...base, killedFor: 'wall', exitCode: null, signal: 'SIGKILL' })).toBe('wall');
    expect(stoppedBy({ ...base, exitCode: null, signal: 'SIGXCPU' })).toBe('cpu');
    expect(stoppedBy({ ...base, exitCode: null, signal: 'SIGXFSZ' })).toBe('fsize');
    expect(stoppedBy({ ...base, stderr: 'MemoryError' })).toBe('memory');
    expect(stoppedBy({ ...base, stderr: "terminate called after throwing an instance of 'std::bad_alloc'" })).toBe('memory');
    expect(stoppedBy({ ...base, stderr: 'java.lang.OutOfMemoryError: unable to create native thread' })).toBe('pids');
    expect(stoppedBy({ ...base, stderr: 'BlockingIOError: [Errno 11] Resource temporarily unavailable' })).toBe('pids');
    expect(stoppedBy({ ...base, stdoutTail: '# There is insufficient memory for the Java Runtime Environment to continue.' })).toBe('memory');
    expect(stoppedBy({ ...base, stderr: 'ValueError: bad' })).toBeNull();
    expect(stoppedBy({ ...base, exitCode: 0, stderr: 'MemoryError was handled' })).toBeNull();
  });
});

describe('runnerLanguage', () => {
  it('reads the names datasets use', () => {
    expect(runnerLanguage('C++ Runner')).toBe('C++');
    expect(runnerLanguage('python')).toBe('Python');
    expect(runnerLanguage('cpp')).toBe('C++');
    expect(runnerLanguage('HTML')).toBeNull();
  });
});
