/** From a model's answer (or recorded code) to a program the executor can run. */
export type { Dependencies, NoCode, NoCodeReason, Program, ProgramResult } from './types.js';
export { NO_CODE_REASONS } from './types.js';
export { extractProgram, programFromCode, programOfSide, recordedDependencies, type ExtractProgramOptions, type RecordedHints } from './extract.js';
export { cdnPackages, importedPackages, installedPackages, manifestPackages, mergeDependencies, parseInstallLine } from './dependencies.js';
export { fileNameOf } from './file-names.js';
export { entryPath, javaFileName } from './layout.js';
