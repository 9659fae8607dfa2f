/** Sandbox backends: local (bubblewrap) today; Docker and E2B behind the same interface later. */
export { localBackend, type LocalBackendOptions } from './local.js';
export { dockerBackend, familyOf, SANDBOX_FAMILIES, type DockerBackendOptions, type SandboxFamily } from './docker.js';
