/**
 * The conformance suite against a real Docker engine, twice: every command in
 * a container of its own (cold), and commands `docker exec`'d into a sandbox's
 * warm container (a sandbox that names the program it runs). Without an
 * engine every test fails and says how to start it (CI starts one with
 * scripts/ci-docker.sh).
 */
import { afterAll } from 'vitest';
import { dockerBackend } from '../../src/exec/index.js';
import { sandboxConformance } from './conformance.js';

const cold = dockerBackend({ warm: 0 });
sandboxConformance('docker', () => cold.create());

const warm = dockerBackend();
sandboxConformance('docker, warm containers', () => warm.create({ program: '/usr/bin/python3' }));
afterAll(() => warm.close());
