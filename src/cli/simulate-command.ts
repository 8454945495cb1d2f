/**
 * `ncssl simulate`: its name, help and options; the loops are imported from simulate.ts when the
 * command runs.
 */
import { registerCommand, SIZE_LIMITS_HELP, TIMEOUT_HELP } from './command.js';

registerCommand({
  name: 'simulate',
  summary: 'run the training loops (GD, SG, EMA) on data from many seeds: collapse shares, metrics, a sweep',
  help: `Usage: ncssl simulate <spec> [--data synthetic|iris|FILE.csv] [--steps N] [--lr ETA]
       [--batch N] [--momentum M] [--seeds N] [--sweep PARAM=a:b:n] [--json] [--out DIR]

Runs each procedure of the spec as a training loop: minibatch SGD on sampled view pairs with
learning rate ETA, the spec's weight decay and predictor rate, and for EMA the target update
T <- M T + (1 - M) A. Every seed starts A and B standard normal with T = A, the same start for
every procedure. Prints, per procedure, how many runs collapse (|A| below 1e-3 of its start
scale; not collapsed above 1e-2) with the share's Wilson 95% interval, and how the loops' ends
compare with the continuous flow from the same start. The data's exact second moments replace
the spec's, so the theory (ncssl check) and the loops see the same data.

Options:
  --data SOURCE     synthetic (Gaussian views with the spec's moments; default), iris (150 x 4,
                    standardised; the spec needs encoder.in: 4) or a CSV file of numbers
  --noise S2        table data: variance of the additive noise of each view (default 1/4)
  --mask RHO        table data: probability that an entry is masked (default 0)
  --scale W         table data: each view scaled by a uniform factor in [1 - W, 1 + W] (default 0)
  --steps N         steps per run (default 2000)
  --lr ETA          learning rate (default 0.05)
  --batch N         view pairs per step (default 64)
  --momentum M      EMA momentum, 0 <= M < 1 (default 1 - ETA * tau, the spec's rate)
  --seeds N         seeded runs per procedure (default 20)
  --sweep PARAM=a:b:n
                    n values from a to b of lr, momentum, predictor-rate or weight-decay; the
                    collapse share of each procedure at each value (worker threads; Ctrl-C stops
                    and keeps what finished, marked partial)
  --threads N       worker threads of a sweep (default: the cores; 0 runs in line)
  --json            print JSON instead of text
  --out DIR         also write simulation.json and the figures (SVG and PDF) to DIR
  --force           replace files of the same names in DIR
${TIMEOUT_HELP}
  -h, --help        show this help

${SIZE_LIMITS_HELP}`,
  options: {
    data: { type: 'string' },
    noise: { type: 'string' },
    mask: { type: 'string' },
    scale: { type: 'string' },
    steps: { type: 'string' },
    lr: { type: 'string' },
    batch: { type: 'string' },
    momentum: { type: 'string' },
    seeds: { type: 'string' },
    sweep: { type: 'string' },
    threads: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  load: async () => (await import('./simulate.js')).simulateCommand,
});
