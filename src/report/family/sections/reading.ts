/** How to read a family's report: each idea the later sections use, said once. */
import { code, math, paragraph, text } from '../../document.js';
import type { BuiltSection } from '../../context.js';

export function familyReadingSection(): BuiltSection {
  return {
    id: 'reading',
    title: 'How to read this report',
    blocks: [
      paragraph(
        text('Every statement is proved for all admissible values of the symbols unless it says otherwise. A sign is proved by substitution: an inequality '),
        math('c < s'),
        text(' is written '),
        math('s = c + d_1'),
        text(' with '),
        math('d_1 > 0'),
        text(', and a polynomial whose coefficients then all have one sign, with every monomial positive on the domain, has that sign. '),
        code('ncssl check --certificates DIR'),
        text(' writes each such proof as a certificate that '),
        code('ncssl verify'),
        text(' re-checks with an independent kernel.'),
      ),
      paragraph(
        text('A field '),
        math('V'),
        text(' is a gradient field up to its rates when '),
        math('P^{-1}V = -\\nabla \\Phi'),
        text(', with '),
        math('P = \\mathrm{diag}(1, \\alpha, \\tau)'),
        text(' the rates of '),
        math('A, B, T'),
        text('. It is not one where its curl '),
        math('\\partial_j W_i - \\partial_i W_j'),
        text(' (of '),
        math('W = P^{-1}V'),
        text(') is nonzero at some state.'),
      ),
      paragraph(
        text('At an equilibrium the characteristic polynomial of the Jacobian factors as '),
        math('\\lambda^k\\, r(\\lambda)'),
        text('. When the equilibria through the point form a '),
        math('k'),
        text('-dimensional set, the point is transversally asymptotically stable exactly when every root of '),
        math('r'),
        text(' has negative real part, which the Routh–Hurwitz conditions (the coefficients of '),
        math('r'),
        text(' and its Hurwitz determinants positive) decide.'),
      ),
    ],
  };
}
