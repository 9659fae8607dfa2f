/** Typed errors of the sandbox room. */
import { ConfigError, InputError } from '../../errors.js';

/** The backend cannot isolate code on this machine (and the opt-out was not given). */
export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
}

/** A workspace path that is absolute, escapes the workspace, is a symlink or is missing. */
export class SandboxFileError extends InputError {
  override name = 'SandboxFileError';
}

/** Limits or options that cannot be honoured. */
export class SandboxConfigError extends ConfigError {
  override name = 'SandboxConfigError';
}

/** The sandbox was used after `destroy`, or the backend failed to start a command. */
export class SandboxStateError extends Error {
  override name = 'SandboxStateError';
}
