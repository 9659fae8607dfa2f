/**
 * The `bcr` command line: argument parsing and printing only. Each subcommand
 * lives in its own module exporting `register(program, io)` and calls the library.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError, InputError, RemoteError } from '../errors.js';
import { processIO, type CliIO } from './output.js';
import { commands, type RegisterCommand } from './commands.js';

export function buildProgram(io: CliIO, registrations: readonly RegisterCommand[] = commands): Command {
  const program = new Command('bcr')
    .description('BigCodeReward workbench: data, judges, metrics and ratings for code-generation judges')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();
  for (const register of registrations) register(program, io);
  // Subcommands inherit the same output and error handling.
  for (const cmd of program.commands) applyRecursively(cmd, io);
  return program;
}

function applyRecursively(cmd: Command, io: CliIO): void {
  cmd.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const sub of cmd.commands) applyRecursively(sub, io);
}

/** Runs the CLI and returns the exit code; never calls process.exit. */
export async function main(
  argv: readonly string[],
  io: CliIO = processIO,
  registrations: readonly RegisterCommand[] = commands,
): Promise<number> {
  const program = buildProgram(io, registrations);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof InputError || err instanceof ConfigError) {
      io.err(`error: ${err.message}`);
      return 2;
    }
    if (err instanceof RemoteError) {
      io.err(`error: ${err.message}`);
      return 3;
    }
    io.err(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}
