/**
 * `ncssl export --to numpy`: the training loops as a numpy script that reproduces `ncssl
 * simulate` — the same starts, the same batches (ncssl's generator ported) and the same update,
 * loopStep of src/experiments/loop.ts with the gradient in matrix form, so its parameters agree
 * with ncssl's to rounding (test/export/numpy.test.ts checks 50 steps to 1e-9).
 */
import { loopScript } from './loop-script.js';
import type { ExportTarget } from './target.js';

const STEP = `def new_state(x, rule, momentum, args):
    through_target, target = rule
    return {"x": x.copy(), "through_target": through_target, "copy": target == "copy", "momentum": momentum}


def pull_back(index, g, grad, offset):
    """Adds a matrix gradient into the gradient of the block's parameters (a shared parameter sums its entries)."""
    mask = index >= 0
    np.add.at(grad, index[mask] + offset, g[mask])


def train_step(state, x1, x2, lr):
    """One minibatch step, in place: the gradient of l = 1/2 |B A x1 - T x2|^2 averaged over the batch,
    dA = B^T r x1^T, dB = r u^T, dT = -r x2^T with u = A x1 and r = B u - T x2."""
    x = state["x"]
    scale = 1 / x1.shape[0]
    a, b, t = matrices(x)
    u = x1 @ a.T
    r = u @ b.T - x2 @ t.T
    e, p = ENCODER_SIZE, ENCODER_SIZE + PREDICTOR_SIZE
    grad = np.zeros(p)
    pull_back(ENCODER_INDEX, ((r @ b).T @ x1) * scale, grad, 0)
    pull_back(PREDICTOR_INDEX, (r.T @ u) * scale, grad, e)
    if state["through_target"]:
        # gd: the target is the encoder itself, so the loss's gradient in T counts towards A.
        # sg and ema leave it out: the stop gradient.
        pull_back(ENCODER_INDEX, -(r.T @ x2) * scale, grad, 0)
    x[:e] = x[:e] - lr * (grad[:e] + WEIGHT_DECAY * x[:e])
    x[e:p] = x[e:p] - lr * PREDICTOR_RATE * (grad[e:p] + WEIGHT_DECAY * x[e:p])
    m = state["momentum"]
    # gd and sg: T is A again; ema: T <- m T + (1 - m) A with the updated A.
    x[p:] = x[:e] if state["copy"] else m * x[p:] + (1 - m) * x[:e]


def vector(state):
    return state["x"]`;

export const numpyTarget: ExportTarget = {
  name: 'numpy',
  summary: "the training loops in numpy, reproducing ncssl simulate's numbers",
  derives: false,
  write: (context) =>
    loopScript(context, {
      target: 'numpy',
      about: `Needs Python 3 and numpy. With the default options it draws the same starts and batches as
ncssl and takes the same steps, so its parameters agree with ncssl's to rounding; --fast-data
draws the batches from numpy's generator instead (same distribution, other numbers).`,
      imports: '',
      step: STEP,
      arguments: '',
      setup: '',
    }),
};
