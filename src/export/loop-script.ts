/**
 * The parts of a loop script the numpy and PyTorch targets share: the model's constants and
 * parameter layout, the data (the same generator and the same numbers as src/experiments/data.ts,
 * with ncssl's seeded generator ported bit for bit, src/numeric/random.ts), the start, the
 * metrics (src/experiments/metrics.ts), the collapse verdicts and Wilson intervals
 * (src/experiments/collapse-share.ts) and the command line. A target adds its imports and three
 * functions: `new_state(x, rule, momentum, args)`, `train_step(state, x1, x2, lr)` and
 * `vector(state)` (the flat parameter vector A, B, T as numpy floats, the order of `ncssl derive`).
 *
 * Example: `loopScript(context, { target: 'numpy', imports: 'import numpy as np', … })`.
 */
import { LOOP_BLOW_UP, LOOP_COLLAPSED, LOOP_NOT_COLLAPSED } from '../experiments/loop.js';
import type { BlockShape } from '../experiments/linear-state.js';
import { UPDATE_RULES } from '../experiments/update-rules.js';
import { floatMatrix } from '../experiments/data.js';
import { getProcedure } from '../procedures/index.js';
import { pyComment, pyDocText, pyFloat, pyList, pyMatrix, pyString } from './python.js';
import type { ExportContext } from './target.js';

export interface LoopBackend {
  target: string;
  /** Lines of the docstring after the first: what this script is for. */
  about: string;
  /** Import lines beyond argparse, json, math, sys and numpy. */
  imports: string;
  /** The three functions (see the file comment), and anything they need. */
  step: string;
  /** Extra argparse lines (`parser.add_argument(...)`). */
  arguments: string;
  /** A line run once the arguments are parsed (e.g. choosing a device), or ''. */
  setup: string;
}

/** The block's matrix as local indices into its own parameters (-1 for a constant) and constants. */
function blockLiterals(block: BlockShape, name: string): string {
  const offset = block.slots[0] ?? 0;
  block.slots.forEach((s, k) => {
    if (s !== offset + k) throw new Error(`export: the ${name} block's parameters are not contiguous`);
  });
  const rows = (f: (k: number) => string) => Array.from({ length: block.rows }, (_, i) => pyList(Array.from({ length: block.cols }, (_, j) => f(i * block.cols + j))));
  const index = rows((k) => {
    const e = block.entries[k]!;
    return 'slot' in e ? String(e.slot - offset) : '-1';
  });
  const constants = rows((k) => {
    const e = block.entries[k]!;
    return pyFloat('slot' in e ? 0 : e.constant);
  });
  return `${name}_INDEX = np.array(${pyList(index)}, dtype=np.int64)
${name}_CONSTANTS = np.array(${pyList(constants)}, dtype=np.float64)
${name}_SIZE = ${block.slots.length}`;
}

function dataLiterals(context: ExportContext): string {
  const { data } = context.setup;
  const g = data.generator;
  if (g === undefined) throw new Error(`export: the data ${data.name} have no generator to export`);
  if (g.kind === 'gaussian') {
    const n = 2 * data.p;
    const rows = Array.from({ length: n }, (_, i) => Array.from(g.factor.subarray(i * n, i * n + n)));
    return `DATA_KIND = "gaussian"
# A square root of the joint moment matrix [[Sigma1, Sigma12], [Sigma12^T, Sigma2]]: a pair is
# FACTOR @ z for z of 2p standard normals, x1 the first p entries (the same numbers ncssl uses).
FACTOR = np.array(${pyMatrix(rows)}, dtype=np.float64)`;
  }
  return `DATA_KIND = "table"
# Rows standardised and rounded to hundredths; a view of a row x is s * (mask * x) + noise, with
# s uniform on [1 - SCALE_WIDTH, 1 + SCALE_WIDTH], each entry kept with probability KEEP, noise of
# standard deviation NOISE_SD.
TABLE = ${pyMatrix(g.rows)}
NOISE_SD = ${pyFloat(g.noiseSd)}
KEEP = ${pyFloat(g.keep)}
SCALE_WIDTH = ${pyFloat(g.scaleWidth)}`;
}

/** Names of the flat parameter vector's entries: slot k of the layout is the k-th of A's, B's, T's variables. */
function parameterNames(context: ExportContext): string[] {
  const { params } = context.setup;
  return [...params.encoder.variables, ...params.predictor.variables, ...params.target.variables].map((v) => params.ring.names[v]!);
}

export function loopScript(context: ExportContext, backend: LoopBackend): string {
  const { model, layout, data } = context.setup;
  const procedures = model.procedures.map((name) => {
    const p = getProcedure(name);
    const rule = UPDATE_RULES[p.recipe];
    return `    (${pyString(p.name)}, ${pyString(p.words.label)}, ${rule.throughTarget ? 'True' : 'False'}, ${pyString(rule.target)}),`;
  });
  const moments = (name: string, m: typeof model.moments.sigma1) => `${name} = np.array(${pyMatrix(floatMatrix(m))}, dtype=np.float64)  # exactly ${pyList(m.map((r) => pyList(r.map((x) => String(x)))))}`;
  return `#!/usr/bin/env python3
"""The training loops of ncssl for the model ${pyDocText(model.name)}, written by \`ncssl export --to ${backend.target}\`.

${backend.about}

The loops are those of:
    ${pyDocText(context.simulateCommand)}
Minibatch SGD on sampled view pairs of the loss l = 1/2 |B A x1 - T x2|^2 with learning rate lr,
weight decay and predictor rate from the spec, per procedure:
  gd   the target is the encoder, and the gradient flows through it (T = A);
  sg   the target is the encoder with its gradient stopped (SimSiam);
  ema  the target is a moving average, T <- m T + (1 - m) A after each step (BYOL).
Every seed starts A and B standard normal with T = A. Run with --help for the options.
"""
import argparse
import json
import math
import sys

import numpy as np
${backend.imports ? `${backend.imports}\n` : ''}
${pyComment(`From ${context.specPath}${data.name === 'synthetic' ? '' : `, on the data ${data.name}`}.`)}
MODEL = ${pyString(model.name)}
P, Q = ${model.encoder.in}, ${model.encoder.out}  # input and code dimensions
WEIGHT_DECAY = ${pyFloat(model.weightDecay.toNumber())}  # lambda = ${model.weightDecay}
PREDICTOR_RATE = ${pyFloat(model.predictorRate.toNumber())}  # alpha = ${model.predictorRate}
EMA_RATE = ${pyFloat(model.emaRate.toNumber())}  # tau = ${model.emaRate}; the default momentum is 1 - lr * tau
# (name, label, gradient through the target, target after a step: a copy of A or a moving average)
PROCEDURES = [
${procedures.join('\n')}
]

# The matrices A (Q x P), B (Q x Q) and T (Q x P) from their free parameters: each entry is the index
# of one of the block's parameters, or -1 for the constant beside it.
${blockLiterals(layout.encoder, 'ENCODER')}
${blockLiterals(layout.predictor, 'PREDICTOR')}
${blockLiterals(layout.target, 'TARGET')}
PARAMETER_NAMES = ${pyList(parameterNames(context).map(pyString))}

# The views' second moments (the population loss reads them).
${moments('SIGMA1', data.moments.sigma1)}
${moments('SIGMA2', data.moments.sigma2)}
${moments('SIGMA12', data.moments.sigma12)}
DATA_NAME = ${pyString(data.name)}
${dataLiterals(context)}

PROBE = 256  # the fixed probe batch the code metrics read
LOOP_BLOW_UP = ${pyFloat(LOOP_BLOW_UP)}  # a parameter beyond this: diverged
COLLAPSED = ${pyFloat(LOOP_COLLAPSED)}  # |A| <= COLLAPSED * (1 + |A(0)|): collapsed
NOT_COLLAPSED = ${pyFloat(LOOP_NOT_COLLAPSED)}  # |A| >= NOT_COLLAPSED * (1 + |A(0)|): not collapsed


class SeededRandom:
    """ncssl's seeded generator (a SplitMix32-style counter), bit for bit: same seed, same numbers."""

    def __init__(self, seed):
        self.state = (int(seed) % 4294967296) ^ 0x9E3779B9

    def next(self):
        self.state = (self.state + 0x9E3779B9) & 0xFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & 0xFFFFFFFF
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & 0xFFFFFFFF
        z = z ^ (z >> 16)
        return z / 4294967296

    def normal(self):
        u = 1 - self.next()
        v = self.next()
        return math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * v)


def sample_exact(rng, n):
    """n view pairs from ncssl's generator: the pairs \`ncssl simulate\` draws."""
    if DATA_KIND == "gaussian":
        z = np.array([[rng.normal() for _ in range(2 * P)] for _ in range(n)], dtype=np.float64).reshape(n, 2 * P)
        pairs = z @ FACTOR.T
        return pairs[:, :P].copy(), pairs[:, P:].copy()
    x1 = np.empty((n, P))
    x2 = np.empty((n, P))
    for s in range(n):
        row = TABLE[math.floor(rng.next() * len(TABLE))]
        for out in (x1, x2):
            scale = 1 + SCALE_WIDTH * (2 * rng.next() - 1)
            for j in range(P):
                kept = rng.next() < KEEP
                out[s, j] = (scale * row[j] if kept else 0) + NOISE_SD * rng.normal()
    return x1, x2


def sampler(seed, fast):
    """The batches of one run: ncssl's pairs, or (fast) the same distribution from numpy's generator."""
    if not fast:
        rng = SeededRandom(seed * 7919 + 11)
        return lambda n: sample_exact(rng, n)
    g = np.random.default_rng(seed)
    table = None if DATA_KIND == "gaussian" else np.array(TABLE, dtype=np.float64)

    def draw(n):
        if table is None:
            pairs = g.standard_normal((n, 2 * P)) @ FACTOR.T
            return pairs[:, :P].copy(), pairs[:, P:].copy()
        rows = table[g.integers(len(table), size=n)]

        def view():
            scale = 1 + SCALE_WIDTH * (2 * g.random((n, 1)) - 1)
            return np.where(g.random((n, P)) < KEEP, scale * rows, 0) + NOISE_SD * g.standard_normal((n, P))

        return view(), view()

    return draw


def start(seed):
    """The seeded start shared by every procedure: A and B standard normal, T = A."""
    rng = SeededRandom(seed * 104729 + 3)
    x = np.zeros(ENCODER_SIZE + PREDICTOR_SIZE + TARGET_SIZE)
    for k in range(ENCODER_SIZE + PREDICTOR_SIZE):
        x[k] = rng.normal()
    x[ENCODER_SIZE + PREDICTOR_SIZE:] = x[:ENCODER_SIZE]
    return x


def block_matrix(params, index, constants):
    """A block's matrix (numpy) from its parameters."""
    if params.size == 0:
        return constants.copy()
    return np.where(index >= 0, params[np.maximum(index, 0)], constants)


def matrices(x):
    """A, B, T from the flat parameter vector."""
    e, p = ENCODER_SIZE, ENCODER_SIZE + PREDICTOR_SIZE
    return (block_matrix(x[:e], ENCODER_INDEX, ENCODER_CONSTANTS), block_matrix(x[e:p], PREDICTOR_INDEX, PREDICTOR_CONSTANTS), block_matrix(x[p:], TARGET_INDEX, TARGET_CONSTANTS))


def population_loss(a, b, t):
    """F(A, B, T) = 1/2 tr(BA S1 (BA)^T) - tr(BA S12 T^T) + 1/2 tr(T S2 T^T), from the exact moments."""
    ba = b @ a
    return 0.5 * np.trace(ba @ SIGMA1 @ ba.T) - np.trace(ba @ SIGMA12 @ t.T) + 0.5 * np.trace(t @ SIGMA2 @ t.T)


def entropy_rank(values, epsilon):
    """exp of the entropy of the values normalised to sum 1 (each share plus epsilon)."""
    total = float(np.sum(values))
    if not total > 0:
        return 0.0
    h = 0.0
    for v in values:
        share = float(v) / total + epsilon
        h -= share * (math.log(share) if share > 0 else -math.inf)
    return math.exp(h)


def measure(x, probe):
    """Loss, |A|_F, singular values and effective rank of A, std of the normalised probe codes, RankMe, eig(B)."""
    a, b, t = matrices(x)
    singular = np.linalg.svd(a, compute_uv=False)
    codes = probe @ a.T
    norms = np.sqrt(np.sum(codes * codes, axis=1, keepdims=True))
    codes = np.where(norms > 0, codes / np.where(norms > 0, norms, 1), 0)
    eig = np.linalg.eigvals(b)
    return {
        "loss": float(population_loss(a, b, t)),
        "encoderNorm": float(np.linalg.norm(a)),
        "singularValues": [float(s) for s in singular],
        "effectiveRank": entropy_rank(singular, 0),
        "codeStd": float(np.mean(np.std(codes, axis=0))),
        "rankMe": entropy_rank(np.linalg.svd(codes, compute_uv=False), 1e-7),
        "predictorEigenvalues": [[float(z.real), float(z.imag)] for z in eig],
    }


def wilson(k, n, z=1.96):
    """The Wilson score interval of k successes in n trials (95% at z = 1.96)."""
    if n == 0:
        return [0.0, 1.0]
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = (z / (1 + z2 / n)) * math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
    return [max(0.0, centre - half), min(1.0, centre + half)]


${backend.step}


def train(procedure, seed, args, probe, records):
    """One run: the procedure's loop from the seed's start; metrics at about \`records\` steps."""
    _, _, through_target, target = procedure
    momentum = args.momentum if args.momentum is not None else 1 - args.lr * EMA_RATE
    x = start(seed)
    first = x.copy()
    state = new_state(x, (through_target, target), momentum, args)
    draw = sampler(seed, args.fast_data)
    every = max(1, args.steps // max(1, records - 1))
    kept = [dict(step=0, **measure(x, probe))]
    trace = []
    status = "finished"
    step = 0
    while step < args.steps:
        x1, x2 = draw(args.batch)
        train_step(state, x1, x2, args.lr)
        step += 1
        x = vector(state)
        if step <= args.trace:
            trace.append([float(v) for v in x])
        if not np.all(np.isfinite(x) & (np.abs(x) <= LOOP_BLOW_UP)):
            status = "diverged"
            break
        if step % every == 0 or step == args.steps:
            kept.append(dict(step=step, **measure(x, probe)))
    scale = 1 + np.linalg.norm(matrices(first)[0])
    norm = np.linalg.norm(matrices(x)[0])
    collapsed = None if status == "diverged" else True if norm <= COLLAPSED * scale else False if norm >= NOT_COLLAPSED * scale else None
    return {"status": status, "steps": step, "end": [float(v) for v in x], "collapsed": collapsed, "records": kept, "trace": trace}


def finite(value):
    """JSON has no NaN or infinity: such a metric is written as null, as ncssl writes it."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        return [finite(v) for v in value]
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    return value


def main():
    parser = argparse.ArgumentParser(description="The training loops of ncssl for " + MODEL + " on " + DATA_NAME + ".")
    parser.add_argument("--steps", type=int, default=2000, help="steps per run (default 2000)")
    parser.add_argument("--lr", type=float, default=0.05, help="learning rate (default 0.05)")
    parser.add_argument("--batch", type=int, default=64, help="view pairs per step (default 64)")
    parser.add_argument("--momentum", type=float, default=None, help="EMA momentum, 0 <= m < 1 (default 1 - lr * tau)")
    parser.add_argument("--seeds", type=int, default=20, help="seeded runs per procedure (default 20)")
    parser.add_argument("--records", type=int, default=200, help="metrics kept at about this many steps of seed 1 (default 200)")
    parser.add_argument("--fast-data", action="store_true", help="draw batches from numpy's generator: the same distribution, faster, not ncssl's numbers")
    parser.add_argument("--trace", type=int, default=0, help="print, as JSON, the parameter vector after each of the first N steps of seed 1 per procedure, and stop")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
${backend.arguments}
    args = parser.parse_args()
    if args.steps < 1 or args.batch < 1 or args.seeds < 1 or not args.lr > 0:
        parser.error("--steps, --batch and --seeds must be at least 1 and --lr positive")
    momentum = args.momentum if args.momentum is not None else 1 - args.lr * EMA_RATE
    if not 0 <= momentum < 1:
        parser.error("the EMA momentum must be in [0, 1): give --momentum or a smaller --lr")
${backend.setup ? `    ${backend.setup}\n` : ''}    probe, _ = sample_exact(SeededRandom(1), PROBE)
    if args.trace > 0:
        args.steps = args.trace
        out = {p[0]: train(p, 1, args, probe, 2)["trace"] for p in PROCEDURES}
        print(json.dumps({"parameters": PARAMETER_NAMES, "trace": out}))
        return 0
    shares = []
    for procedure in PROCEDURES:
        counts = {"collapsed": 0, "notCollapsed": 0, "undecided": 0, "diverged": 0}
        records = []
        for seed in range(1, args.seeds + 1):
            run = train(procedure, seed, args, probe, args.records if seed == 1 else 2)
            if seed == 1:
                records = run["records"]
            key = "diverged" if run["status"] == "diverged" else {True: "collapsed", False: "notCollapsed", None: "undecided"}[run["collapsed"]]
            counts[key] += 1
        shares.append(dict(procedure=procedure[0], runs=args.seeds, **counts, share=counts["collapsed"] / args.seeds, interval=wilson(counts["collapsed"], args.seeds), records=records))
    if args.json:
        print(json.dumps(finite({"model": MODEL, "data": DATA_NAME, "shares": shares}), indent=2))
        return 0
    print(MODEL + ": training loops on " + DATA_NAME + " (" + str(args.seeds) + " seeds, " + str(args.steps) + " steps, lr " + str(args.lr) + ", batch " + str(args.batch) + ")")
    print("procedure  runs  collapsed  not  undecided  diverged  share [Wilson 95%]")
    for procedure, s in zip(PROCEDURES, shares):
        lo, hi = s["interval"]
        print(f"{procedure[1]:<10} {s['runs']:>4}  {s['collapsed']:>9}  {s['notCollapsed']:>3}  {s['undecided']:>9}  {s['diverged']:>8}  {100 * s['share']:>4.0f}% [{100 * lo:.0f}%, {100 * hi:.0f}%]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
`;
}
