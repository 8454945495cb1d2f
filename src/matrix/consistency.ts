/**
 * The matrix closed forms against the polynomial core, exactly: each closed form is instantiated
 * at the model's dimensions (symbols ↦ matrices of polynomials) and compared entry by entry with
 * what src/procedures derived coordinate by coordinate. The two paths share nothing but the
 * model and the parametrization, so agreement checks both.
 *
 * Example: `compareObjective(mm, objective, core).ok`.
 */
import { Rational } from '../exact/rational.js';
import type { Parametrization } from '../model/parameters.js';
import type { Poly } from '../poly/poly.js';
import type { Derivation, ProcedureDerivation } from '../procedures/derive.js';
import type { CurlDerivation } from './curl.js';
import {
  type Environment,
  type PolyMatrix,
  instantiate,
  instantiateKron,
  instantiateScalar,
  matMul,
  matTranspose,
  vec,
  zeroMatrix,
} from './instantiate.js';
import type { JacobianDerivation } from './jacobian.js';
import type { KronBlock } from './kronecker.js';
import { type MatrixModel, environment, parameterBlock, selection } from './linear-model.js';
import type { MatrixForm } from './normal-form.js';
import type { ObjectiveDerivation } from './objective.js';
import type { FieldBlock, FieldDerivation } from './procedures/index.js';

export interface Agreement {
  /** What was compared, e.g. "SG field", "GD Jacobian". */
  subject: string;
  ok: boolean;
  /** Number of polynomial entries compared. */
  entries: number;
  /** The first disagreeing entry, when not ok. */
  mismatch?: string;
}

function agreement(subject: string, got: readonly Poly[], expected: readonly Poly[], names: (k: number) => string): Agreement {
  if (got.length !== expected.length) {
    return { subject, ok: false, entries: 0, mismatch: `${got.length} entries instead of ${expected.length}` };
  }
  for (let k = 0; k < got.length; k++) {
    if (!got[k]!.equals(expected[k]!)) {
      return { subject, ok: false, entries: got.length, mismatch: `${names(k)}: ${got[k]} ≠ ${expected[k]}` };
    }
  }
  return { subject, ok: true, entries: got.length };
}

/** F in trace form (both before and after the kind substitutions) against the core's F. */
export function compareObjective(mm: MatrixModel, od: ObjectiveDerivation, core: Derivation): Agreement[] {
  const env = environment(mm, core.params);
  return [
    agreement('objective F(A, B, T)', [instantiateScalar(od.general, env)], [core.objective], () => 'F'),
    agreement('objective in the state symbols', [instantiateScalar(od.form, env)], [core.objective], () => 'F'),
  ];
}

/** The state-coordinate values of a block's matrix form: S_Xᵀ vec(V_X) (or V_a itself). */
function stateValues(fb: FieldBlock, form: MatrixForm, env: Environment, params: Parametrization): Poly[] {
  const value = instantiate(form, env);
  if (fb.state.id !== fb.block.matrix.id) return [value[0]![0]!];
  const S = selection(fb.block, parameterBlock(fb.block, params), params);
  return matMul(env.ring, matTranspose(S), vec(value)).map((row) => row[0]!);
}

export function compareField(mm: MatrixModel, fd: FieldDerivation, core: ProcedureDerivation, params: Parametrization): Agreement {
  const env = environment(mm, params);
  const got = fd.blocks.flatMap((fb) => stateValues(fb, fb.field, env, params));
  return agreement(`${core.procedure.name} field`, got, core.field, (k) => `V[${core.stateNames[k]}]`);
}

/** Assembles the state-coordinate matrix from Kronecker blocks: S_Xᵀ (∂vec V_X/∂vec Y) S_Y. */
export function assembleJacobian(
  blocks: ReadonlyArray<{ field: FieldBlock; kron: ReadonlyMap<string, KronBlock> }>,
  env: Environment,
  params: Parametrization,
): PolyMatrix {
  const sel = blocks.map((b) => selection(b.field.block, parameterBlock(b.field.block, params), params));
  const vecSize = (k: number) => sel[k]!.length;
  const counts = sel.map((s) => s[0]?.length ?? 0);
  const n = counts.reduce((a, b) => a + b, 0);
  const out = zeroMatrix(env.ring, n, n);
  let rowOffset = 0;
  blocks.forEach((row, i) => {
    let colOffset = 0;
    blocks.forEach((col, j) => {
      const k = row.kron.get(col.field.state.id);
      if (k) {
        const raw = instantiateKron(k.terms, vecSize(i), vecSize(j), env);
        const block = matMul(env.ring, matMul(env.ring, matTranspose(sel[i]!), raw), sel[j]!);
        block.forEach((r, a) => r.forEach((x, b) => (out[rowOffset + a]![colOffset + b] = x)));
      }
      colOffset += counts[j]!;
    });
    rowOffset += counts[i]!;
  });
  return out;
}

function flatten(m: PolyMatrix): Poly[] {
  return m.flat();
}

function entryName(core: ProcedureDerivation, n: number) {
  return (k: number) => `(${core.stateNames[Math.floor(k / n)]}, ${core.stateNames[k % n]})`;
}

export function compareJacobian(mm: MatrixModel, jd: JacobianDerivation, core: ProcedureDerivation, params: Parametrization, procedure: string): Agreement {
  const env = environment(mm, params);
  const got = assembleJacobian(
    jd.blocks.map((b) => ({ field: b.field, kron: b.kron })),
    env,
    params,
  );
  return agreement(`${procedure} Jacobian`, flatten(got), flatten(core.jacobian), entryName(core, core.state.length));
}

/** The curl matrix of the core: DV − DVᵀ, or P⁻¹DV − (P⁻¹DV)ᵀ. */
export function coreCurl(core: ProcedureDerivation, rateAdjusted: boolean): PolyMatrix {
  const inverse: Rational[] = core.rates.map((r) => (rateAdjusted ? r.inv() : Rational.ONE));
  const J = core.jacobian.map((row, i) => row.map((e) => e.scale(inverse[i]!)));
  return J.map((row, i) => row.map((e, j) => e.sub(J[j]![i]!)));
}

export function compareCurl(mm: MatrixModel, cd: CurlDerivation, core: ProcedureDerivation, params: Parametrization, procedure: string): Agreement {
  const env = environment(mm, params);
  const got = assembleJacobian(cd.blocks, env, params);
  const expected = coreCurl(core, cd.variant === 'rate-adjusted');
  return agreement(`${procedure} ${cd.variant} curl`, flatten(got), flatten(expected), entryName(core, core.state.length));
}

export function comparePotential(mm: MatrixModel, cd: CurlDerivation, corePotential: Poly, params: Parametrization, procedure: string): Agreement {
  const env = environment(mm, params);
  return agreement(`${procedure} ${cd.variant} potential`, [instantiateScalar(cd.potential!, env)], [corePotential], () => 'Φ');
}
