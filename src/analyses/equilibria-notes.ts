/**
 * What the equilibria analysis observes besides components and points, as tagged data, and the
 * one place that words it for `ncssl check` (text and the `notes` / `origin` strings of the
 * JSON). The report reads the tags and words them its own way (with formulas); it never parses
 * these sentences.
 *
 * Example: `noteText({ kind: 'singular-sigma1' })` is 'Σ1 is singular: no eigen-directions of Σ1⁻¹Σ12 to build encoders from'.
 */
import type { Rational } from '../exact/rational.js';
import type { EncoderKind } from '../model/model.js';

/** Why the family M = 0 is not claimed for this field (a note on the equilibrium set as a whole). */
export type EquilibriaNote =
  /** V at this coordinate is not −(BᵀM)·∂A − λx (resp. −α(MAᵀ)·∂B − αλx) as a polynomial identity. */
  | { kind: 'not-residual-form'; coordinate: string }
  /** A diagonal or scalar encoder: V_A sees only the projection of −BᵀM on the encoder's parameters. */
  | { kind: 'projection'; encoderKind: EncoderKind }
  /** λ > 0: M = 0 leaves V = −λ·P·x. */
  | { kind: 'weight-decay' };

/** What sampling one component ran into. */
export type ComponentNote =
  /** The field restricted to the collapsed set is not affine in the remaining coordinates. */
  | { kind: 'not-affine' }
  /** Σ1 is singular, so Σ1⁻¹Σ12 gives no directions to build encoders from. */
  | { kind: 'singular-sigma1' }
  /** The eigenvalues of Σ1⁻¹Σ12 that the encoder candidates are built from. */
  | { kind: 'eigenvalues'; rational: Rational[]; irrational: number[] };

/** How a sampled point was obtained. */
export type PointOrigin =
  /** A = 0 (and T = 0), the rest of the state solved exactly from the reduced field. */
  | { kind: 'collapsed' }
  /**
   * A candidate encoder (encoder-candidates.ts, described by `candidate`), the other blocks
   * solved from the component's equations, or from their own components of V (`fromField`).
   */
  | { kind: 'encoder-candidate'; candidate: string; fromField: boolean }
  /** Newton's method with least-squares steps from seeded random start number `start` (1-based). */
  | { kind: 'newton'; start: number }
  /** Where the float flow from seeded random start number `start` came to rest, at time `time`. */
  | { kind: 'flow-limit'; start: number; time: number };

export function noteText(note: EquilibriaNote | ComponentNote): string {
  switch (note.kind) {
    case 'not-residual-form':
      return `V[${note.coordinate}] is not −(BᵀM)·∂A − λ·x (resp. −α(MAᵀ)·∂B − αλ·x): M = 0 does not give equilibria of this field`;
    case 'projection':
      return (
        `with a ${note.encoderKind} encoder the field sees only the projection of M = B A Σ1 − T Σ12ᵀ on the encoder's parameters: ` +
        'M = 0 is a proper subvariety of the equilibria, so non-collapsed equilibria are described by V = 0 itself'
      );
    case 'weight-decay':
      return "with weight decay λ > 0, M = 0 leaves V = −λ·P·x ≠ 0 off the origin: non-collapsed equilibria are sought by Newton's method and as flow limits instead";
    case 'not-affine':
      return 'the restricted field is not affine in the remaining coordinates: not sampled';
    case 'singular-sigma1':
      return 'Σ1 is singular: no eigen-directions of Σ1⁻¹Σ12 to build encoders from';
    case 'eigenvalues': {
      const rational = note.rational.length > 0 ? note.rational.map(String).join(', ') : 'none';
      const irrational = note.irrational.length > 0 ? `; irrational ${note.irrational.map(irrationalText).join(', ')}` : '';
      return `eigenvalues of Σ1⁻¹Σ12: rational ${rational}${irrational}`;
    }
  }
}

/** An irrational eigenvalue as the notes print it: 6 significant digits. */
export function irrationalText(x: number): string {
  return x.toPrecision(6);
}

export function originText(origin: PointOrigin): string {
  switch (origin.kind) {
    case 'collapsed':
      return 'A = 0 with the remaining affine equations solved exactly';
    case 'encoder-candidate':
      return origin.fromField ? `${origin.candidate}; the other blocks solved from their components of V` : origin.candidate;
    case 'newton':
      return `Newton's method (least-squares steps) from random start ${origin.start}`;
    case 'flow-limit':
      return `limit of the flow from random start ${origin.start} (t = ${origin.time.toPrecision(3)})`;
  }
}

/** A note as JSON data: its tag and fields, exact numbers as strings. */
export function noteJson(note: EquilibriaNote | ComponentNote): Record<string, unknown> {
  return note.kind === 'eigenvalues' ? { kind: note.kind, rational: note.rational.map(String), irrational: note.irrational } : { ...note };
}
