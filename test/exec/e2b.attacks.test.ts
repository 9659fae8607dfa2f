/**
 * The attack suite against the E2B backend over the fake cloud of
 * ./e2b-fake.ts: the backend's own wrapping (env -i, prlimit, its kill on
 * wall time and output) must contain every attack, with bubblewrap standing
 * in for E2B's VM boundary. The E2B API key is set for the run: no attack
 * may print it.
 */
import { afterAll, beforeAll } from 'vitest';
import { e2bBackend } from '../../src/exec/backends/e2b.js';
import { localBackend } from '../../src/exec/index.js';
import { sandboxAttacks } from './attacks.js';
import { fakeE2B } from './e2b-fake.js';

const KEY = 'e2b_attack_suite_key_0123456789';
beforeAll(() => { process.env.E2B_API_KEY = KEY; });
afterAll(() => { delete process.env.E2B_API_KEY; });

const backend = e2bBackend({ sdk: fakeE2B(localBackend()) });
sandboxAttacks('e2b (over the fake cloud)', () => backend.create());
