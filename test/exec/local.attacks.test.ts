import { localBackend } from '../../src/exec/index.js';
import { sandboxAttacks } from './attacks.js';

const backend = localBackend();
sandboxAttacks('local (bubblewrap)', () => backend.create());
