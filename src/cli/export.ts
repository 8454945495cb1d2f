/**
 * The implementation of `ncssl export` (its help and options: export-command.ts): one Python
 * script from a target of src/export/, on the data the loops of `ncssl simulate` would use.
 */
import { modelOnData } from '../experiments/data.js';
import { jobData } from '../experiments/job.js';
import { loopSetup } from '../experiments/loop.js';
import { exportTargetNames, getExportTarget } from '../export/index.js';
import { writeOutputs } from '../io/safe-write.js';
import { enforceBudget } from '../limits/budget.js';
import { deriveModel } from '../procedures/derive.js';
import { type CommandModule, UsageError, filePath } from './command.js';
import { dataChoice } from './data-options.js';
import { loadSingleSpec } from './spec-inputs.js';

/** A model name as a plain file name. */
const fileStem = (name: string) => name.replace(/[^\w.-]+/g, '_').replace(/^\./, '_');

export const exportCommand: CommandModule = {
  async run(values, positionals, io) {
    const targets = exportTargetNames();
    const target = typeof values.to === 'string' ? getExportTarget(values.to) : undefined;
    if (target === undefined) throw new UsageError(`--to: expected one of ${targets.join(', ')}, got ${values.to === undefined ? 'nothing' : JSON.stringify(values.to)}`);
    const loaded = loadSingleSpec(positionals, 'export', io);
    if (loaded.model === undefined) throw new UsageError(`export: ${loaded.path} declares symbols; expected a spec with numbers only`);
    const out = values.out;
    if (out !== undefined && (typeof out !== 'string' || out.trim() === '')) throw new UsageError('--out: expected a directory');
    if (values.force && out === undefined) throw new UsageError('--force: only applies with --out DIR');
    const { isTable, ...choice } = dataChoice(values, io);
    const data = jobData({ spec: filePath(io, loaded.path), ...choice, options: { steps: 1, lr: 1, batch: 1 }, seeds: 1 }, loaded.model);
    const model = modelOnData(loaded.model, data);
    if (target.derives) enforceBudget(model, 'derive', loaded.path);
    const aug = choice.augmentation;
    const simulateCommand = `ncssl simulate ${loaded.path}${isTable ? ` --data ${choice.dataShownAs} --noise ${aug.noise} --mask ${aug.mask} --scale ${aug.scale}` : ''}`;
    const text = target.write({ specPath: loaded.path, simulateCommand, setup: loopSetup(model, data), derivation: () => deriveModel(model) });
    if (out === undefined) {
      io.out(text);
      return 0;
    }
    const name = `${fileStem(model.name)}-${target.name}.py`;
    const written = await writeOutputs(out, [{ name, content: text }], { force: Boolean(values.force), flag: '--out', cwd: io.cwd });
    io.progress(written.map((w) => `wrote ${w}\n`).join(''));
    return 0;
  },
};
