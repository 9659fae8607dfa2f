/** Sandbox backends: local (bubblewrap), Docker and E2B, behind one interface. */
export { localBackend, type LocalBackendOptions } from './local.js';
export { dockerBackend, familyOf, SANDBOX_FAMILIES, type DockerBackend, type DockerBackendOptions, type SandboxFamily } from './docker.js';
export { e2bBackend, E2BSandbox, E2B_TEMPLATE, type E2BBackendOptions, type E2BSdk, type ServeOptions, type ServedApp } from './e2b.js';
