/**
 * The sandbox conformance suite against the E2B backend, over the fake cloud
 * of ./e2b-fake.ts (the SDK boundary only: commands really run, in
 * bubblewrap sandboxes standing in for E2B's VMs).
 */
import { e2bBackend } from '../../src/exec/backends/e2b.js';
import { localBackend } from '../../src/exec/index.js';
import { fakeE2B } from './e2b-fake.js';
import { sandboxConformance } from './conformance.js';

const backend = e2bBackend({ apiKey: 'e2b_test_key_conformance', sdk: fakeE2B(localBackend()) });
sandboxConformance('e2b (over the fake cloud)', () => backend.create());
