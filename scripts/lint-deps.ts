/**
 * `npm run lint:deps [-- --config FILE] [--ts-config FILE] [TARGET...]`: checks the rules of
 * `.dependency-cruiser.cjs` over src/ (or the given targets) and exits 1 on any violation.
 * Calls dependency-cruiser's API because its CLI refuses to start on Node 20.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cruise, format, type ICruiseOptions } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { config: { type: 'string', default: '.dependency-cruiser.cjs' }, 'ts-config': { type: 'string' } },
});
const config = (await extractDepcruiseConfig(resolve(values.config))) as { options?: ICruiseOptions; forbidden?: unknown[] };
const options = { ...config.options, ruleSet: config, validate: true } as ICruiseOptions;
const tsConfigFile = values['ts-config'] ?? (options.tsConfig as { fileName?: string } | undefined)?.fileName;
const tsConfig = tsConfigFile ? extractTSConfig(resolve(tsConfigFile)) : undefined;
if (tsConfigFile) options.tsConfig = { fileName: tsConfigFile };

const result = await cruise(positionals.length > 0 ? positionals : ['src'], options, undefined, { tsConfig });
const report = await format(result.output as Exclude<typeof result.output, string>, { outputType: 'err' });
process.stdout.write(report.output as string);
const { violations, totalCruised } = (result.output as { summary: { violations: { rule: { severity: string } }[]; totalCruised: number } }).summary;
const errors = violations.filter((v) => v.rule.severity === 'error').length;
process.stdout.write(`lint:deps: ${totalCruised} modules, ${errors === 0 ? '0 forbidden dependencies' : 'forbidden dependencies found (listed above)'}\n`);
process.exitCode = errors > 0 ? 1 : 0;
