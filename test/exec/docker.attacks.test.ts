/**
 * The attack suite against a real Docker engine, on cold containers (one per
 * command) and on warm ones (a sandbox's container reused by its commands).
 * Without an engine every test fails and says how to start it (CI starts one
 * with scripts/ci-docker.sh).
 */
import { afterAll } from 'vitest';
import { dockerBackend } from '../../src/exec/index.js';
import { sandboxAttacks } from './attacks.js';

const cold = dockerBackend({ warm: 0 });
sandboxAttacks('docker', () => cold.create());

const warm = dockerBackend();
sandboxAttacks('docker, warm containers', () => warm.create({ program: '/usr/bin/python3' }));
afterAll(() => warm.close());
