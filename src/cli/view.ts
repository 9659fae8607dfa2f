/** placeholder replaced below */
import type { Command } from 'commander';
import type { CliIO } from './output.js';
export function register(_program: Command, _io: CliIO): void {}
