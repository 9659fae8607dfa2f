import { localBackend } from '../../src/exec/index.js';
import { sandboxConformance } from './conformance.js';

const backend = localBackend();
sandboxConformance('local (bubblewrap)', () => backend.create());
