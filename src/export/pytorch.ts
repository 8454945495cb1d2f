/**
 * `ncssl export --to pytorch`: the training loops as PyTorch practitioners write them, to run the
 * experiment on a GPU: the loss by autograd, SGD with the spec's weight decay and a parameter group
 * at the predictor's rate, the stop gradient as `.detach()` and the EMA target updated in place
 * under `torch.no_grad()`. The data, starts and metrics are the numpy script's (loop-script.ts).
 */
import { loopScript } from './loop-script.js';
import type { ExportTarget } from './target.js';

const STEP = `DEVICE = "cpu"
DTYPE = torch.float64


def configure(args):
    global DEVICE, DTYPE
    DEVICE = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    DTYPE = {"float64": torch.float64, "float32": torch.float32}[args.dtype]


def new_state(x, rule, momentum, args):
    through_target, target = rule
    e, p = ENCODER_SIZE, ENCODER_SIZE + PREDICTOR_SIZE
    theta = torch.tensor(x[:e], dtype=DTYPE, device=DEVICE, requires_grad=True)
    psi = torch.tensor(x[e:p], dtype=DTYPE, device=DEVICE, requires_grad=True)
    xi = torch.tensor(x[p:], dtype=DTYPE, device=DEVICE)  # the target: never differentiated
    groups = [{"params": [theta], "lr": args.lr}]
    if PREDICTOR_SIZE > 0:
        groups.append({"params": [psi], "lr": args.lr * PREDICTOR_RATE})
    # SGD's weight decay is ncssl's: x <- x - lr * (g + lambda x), the predictor at lr * alpha.
    optimizer = torch.optim.SGD(groups, lr=args.lr, weight_decay=WEIGHT_DECAY)

    def layout(index, constants):
        return (torch.as_tensor(index, device=DEVICE), torch.as_tensor(constants, dtype=DTYPE, device=DEVICE))

    return {
        "theta": theta, "psi": psi, "xi": xi, "optimizer": optimizer, "momentum": momentum,
        "through_target": through_target, "average": target == "average",
        "encoder": layout(ENCODER_INDEX, ENCODER_CONSTANTS),
        "predictor": layout(PREDICTOR_INDEX, PREDICTOR_CONSTANTS),
        "target": layout(TARGET_INDEX, TARGET_CONSTANTS),
    }


def block(params, layout):
    index, constants = layout
    if params.numel() == 0:
        return constants
    return torch.where(index >= 0, params[index.clamp(min=0)], constants)


def train_step(state, x1, x2, lr):
    """One minibatch step of l = 1/2 |B A x1 - T x2|^2, averaged over the batch."""
    a = block(state["theta"], state["encoder"])
    b = block(state["psi"], state["predictor"])
    if state["average"]:
        t = block(state["xi"], state["target"])  # ema: the moving-average target, a plain tensor
    elif state["through_target"]:
        t = a  # gd: the target is the encoder, and the gradient flows through it
    else:
        t = a.detach()  # sg: the stop gradient
    x1 = torch.as_tensor(x1, dtype=DTYPE, device=DEVICE)
    x2 = torch.as_tensor(x2, dtype=DTYPE, device=DEVICE)
    r = (x1 @ a.T) @ b.T - x2 @ t.T
    loss = 0.5 * (r * r).sum() / x1.shape[0]
    state["optimizer"].zero_grad(set_to_none=True)
    loss.backward()
    state["optimizer"].step()
    with torch.no_grad():
        m = state["momentum"]
        if state["average"]:
            state["xi"].mul_(m).add_(state["theta"], alpha=1 - m)  # BYOL: xi <- m xi + (1 - m) theta, in place
        else:
            state["xi"].copy_(state["theta"])


def vector(state):
    return torch.cat([state["theta"], state["psi"], state["xi"]]).detach().cpu().double().numpy()`;

export const pytorchTarget: ExportTarget = {
  name: 'pytorch',
  summary: 'the training loops in PyTorch (autograd, .detach(), in-place EMA), for a GPU',
  derives: false,
  write: (context) =>
    loopScript(context, {
      target: 'pytorch',
      about: `Needs Python 3, numpy and PyTorch; runs on a GPU when one is there (--device). The loss is
differentiated by autograd, the stop gradient is .detach() and the EMA target is updated in place
under torch.no_grad(). The batches are ncssl's (or numpy's with --fast-data); in float64 the
parameters follow ncssl's to rounding, in --dtype float32 to single precision.`,
      imports: 'import torch',
      step: STEP,
      arguments: `    parser.add_argument("--device", default=None, help="torch device (default: cuda when available, else cpu)")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64", help="floating-point type (default float64)")`,
      setup: 'configure(args)',
    }),
};
