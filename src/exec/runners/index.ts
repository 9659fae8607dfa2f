/** Runners per language: compile and run a program in a sandbox, as an `Execution`. */
export { RUNNER_LANGUAGES, COMPILE_LIMITS, runnerLanguage, type RunnerLanguage } from './languages.js';
export { runProgram, UnsupportedLanguageError, type ProgramInput, type ProgramRun, type RunProgramOptions } from './run-program.js';
export { missingToolchain, toolchainPackage } from './toolchain.js';
