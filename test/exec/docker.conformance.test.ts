/**
 * The conformance suite against a real Docker engine. Without one every test
 * fails and says how to start it; BCR_SKIP_DOCKER=1 skips them on purpose
 * (CI never sets it: scripts/ci-docker.sh starts the engine).
 */
import { describe } from 'vitest';
import { dockerBackend } from '../../src/exec/index.js';
import { sandboxConformance } from './conformance.js';

const backend = dockerBackend();
if (process.env.BCR_SKIP_DOCKER === '1') describe.skip('sandbox conformance: docker (skipped: BCR_SKIP_DOCKER=1)', () => {});
else sandboxConformance('docker', () => backend.create());
