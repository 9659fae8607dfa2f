/**
 * The `bcr` command line: argument parsing and printing only. Each subcommand
 * lives in its own module exporting `register(program, io)` and calls the library.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError, InputError, OutputError, RemoteError, toOutputError } from '../errors.js';
import { EXIT_CODES, processIO, redactingIO, type CliIO } from './output.js';
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
  rawIO: CliIO = processIO,
  registrations: readonly RegisterCommand[] = commands,
): Promise<number> {
  // Everything printed (results, progress, errors) passes one filter that takes out credentials.
  const io = redactingIO(rawIO);
  const program = buildProgram(io, registrations);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof InputError || err instanceof ConfigError) {
      io.err(`error: ${err.message}`);
      return EXIT_CODES.input;
    }
    if (err instanceof RemoteError) {
      io.err(`error: ${err.message}`);
      return EXIT_CODES.remote;
    }
    const output = err instanceof OutputError ? err : toOutputError(err);
    if (output) {
      io.err(`error: ${output.message}`);
      return EXIT_CODES.output;
    }
    io.err(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return EXIT_CODES.unexpected;
  }
}
