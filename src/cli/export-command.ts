/**
 * `ncssl export`: its name, help and options; the targets are imported from export.ts when the
 * command runs.
 */
import { registerCommand, SIZE_LIMITS_HELP, TIMEOUT_HELP } from './command.js';

registerCommand({
  name: 'export',
  summary: 'write a Python script of the training loops (numpy, PyTorch) or of the derived fields (SymPy)',
  help: `Usage: ncssl export <spec> --to numpy|pytorch|sympy [--data synthetic|iris|FILE.csv]
       [--out DIR] [--force]

Writes one self-contained Python script, to standard output or as DIR/<model>-<target>.py:
  numpy    the training loops of 'ncssl simulate' on the same data: the same starts and batches
           (ncssl's seeded generator, ported), the same update rules and metrics, the collapse
           shares with Wilson intervals; its parameters agree with ncssl's to rounding
  pytorch  the same loops with autograd for a GPU: the stop gradient as .detach(), the EMA target
           updated in place under torch.no_grad(), SGD with the spec's weight decay and the
           predictor's rate
  sympy    the objective, every procedure's field and Jacobian as exact polynomials; running it
           checks each Jacobian against sympy.diff and each field against its recipe applied to F
The loop scripts take --steps, --lr, --batch, --momentum, --seeds with the defaults of
'ncssl simulate' (python3 SCRIPT --help).

Options:
  --to TARGET       numpy, pytorch or sympy (required)
  --data SOURCE     the data the loops train on and whose moments the fields use, as for
                    'ncssl simulate': synthetic (default), iris or a CSV file of numbers
  --noise S2, --mask RHO, --scale W
                    table data: the views' augmentation, as for 'ncssl simulate'
  --out DIR         write the script to DIR instead of standard output
  --force           replace a file of the same name in DIR
${TIMEOUT_HELP}
  -h, --help        show this help

${SIZE_LIMITS_HELP}`,
  options: {
    to: { type: 'string' },
    data: { type: 'string' },
    noise: { type: 'string' },
    mask: { type: 'string' },
    scale: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  load: async () => (await import('./export.js')).exportCommand,
});
