/**
 * The conformance suite against a real Docker engine. Without one every test
 * fails and says how to start it (CI starts one with scripts/ci-docker.sh).
 */
import { dockerBackend } from '../../src/exec/index.js';
import { sandboxConformance } from './conformance.js';

const backend = dockerBackend();
sandboxConformance('docker', () => backend.create());
