/**
 * The playground page: a model and a procedure to pick, sliders for the moments, λ, α and τ, and
 * on every change the engine's derivation and verdicts (../explore.ts, typeset by KaTeX) beside
 * the phase plane drawn from its float field (./draw.ts). A click on the plane chooses a point:
 * its exact Jacobian, characteristic polynomial and eigenvalues, and the flow from it. A click
 * near a sampled equilibrium picks that point exactly.
 *
 * `document.body.dataset.updates` counts finished updates (the end-to-end test waits on it).
 */
import katex from 'katex';
import { Rational } from '../../exact/rational.js';
import { allProcedures } from '../../procedures/index.js';
import { rationalLatex, variableLatex } from '../../notation/latex-poly.js';
import { arrows, componentCurves, curlGrid, exactStateAt, explore, type Exploration, flowFrom, flowStarts, spectrumAt, type View } from '../explore.js';
import { curlMapLatex, curlParagraphs, equilibriaParagraphs, fieldParagraphs, modelParagraphs, type Paragraph, pointParagraphs, verdictParagraphs } from '../latex.js';
import { PLAYGROUND_MODELS, RATE_SLIDERS, buildModel, exactDecimal, playgroundModel, type SliderSpec } from '../models.js';
import { COMPONENT_COLOURS, drawPicture, type Picture, type SampledPoint, VERDICT_COLOURS } from './draw.js';
import './playground.css';

const ARROW_CELLS = 19;
const CURL_CELLS = 96;
const CURVE_CELLS = 120;
const FLOW_COUNT = 8;
/** A click this close (in CSS pixels) to a sampled equilibrium picks it. */
const SNAP_PIXELS = 10;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

/** TeX through KaTeX; a formula KaTeX refuses is logged as an error and shown as its source. */
function tex(source: string, display = false): string {
  try {
    return katex.renderToString(source, { displayMode: display, throwOnError: true, strict: 'error', output: 'htmlAndMathml' });
  } catch (e) {
    console.error(`KaTeX: ${(e as Error).message} in ${source}`);
    return `<code class="tex-error">${escapeHtml(source)}</code>`;
  }
}

function render(id: string, paragraphs: readonly Paragraph[]): void {
  $(id).innerHTML = paragraphs
    .map((p) => `<p>${p.map((x) => (typeof x === 'string' ? escapeHtml(x) : tex(x.tex, x.display))).join('')}</p>`)
    .join('');
}

interface State {
  model: string;
  procedure: string;
  values: Map<string, string>;
  rateAdjusted: boolean;
  half: number;
  chosen: { u: number; v: number } | null;
}

const state: State = { model: PLAYGROUND_MODELS[0]!.id, procedure: 'sg', values: new Map(), rateAdjusted: false, half: 2, chosen: null };
let current: { exploration: Exploration; view: View } | null = null;

function presetState(modelId: string): void {
  const m = playgroundModel(modelId);
  state.model = modelId;
  state.values = new Map([...m.moments, ...RATE_SLIDERS].map((s) => [s.id, s.preset]));
  state.half = Number(m.view);
  state.chosen = null;
}

function sliderHtml(s: SliderSpec): string {
  const value = state.values.get(s.id)!;
  return `<div class="slider"><label for="slider-${s.id}">${tex(s.label)}</label>
    <input type="range" id="slider-${s.id}" min="${s.min}" max="${s.max}" step="${s.step}" value="${value}">
    <output id="value-${s.id}">${tex(rationalLatex(exactDecimal(value, s.id)))}</output></div>`;
}

function buildControls(): void {
  const m = playgroundModel(state.model);
  $('model-note').textContent = m.note;
  $('moment-sliders').innerHTML = m.moments.map(sliderHtml).join('');
  $('rate-sliders').innerHTML = RATE_SLIDERS.map(sliderHtml).join('');
  for (const s of [...m.moments, ...RATE_SLIDERS]) {
    const input = $<HTMLInputElement>(`slider-${s.id}`);
    input.addEventListener('input', () => {
      state.values.set(s.id, input.value);
      $(`value-${s.id}`).innerHTML = tex(rationalLatex(exactDecimal(input.value, s.id)));
      schedule();
    });
  }
  $<HTMLInputElement>('view').value = String(state.half);
}

let pending = false;
function schedule(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    update();
  });
}

function update(): void {
  const m = playgroundModel(state.model);
  const values = new Map([...state.values].map(([id, text]) => [id, exactDecimal(text, id)]));
  const { model, invalid } = buildModel(m, values, state.procedure);
  $('warning').textContent = invalid ?? '';
  let exploration: Exploration;
  try {
    exploration = explore(model);
  } catch (e) {
    $('error').textContent = `The engine could not check this model: ${(e as Error).message}`;
    console.error(e);
    finish();
    return;
  }
  $('error').textContent = '';
  const view: View = { u: 0, v: 0, half: state.half };
  current = { exploration, view };

  render('model-tex', modelParagraphs(exploration));
  render('field', fieldParagraphs(exploration));
  render('curl', curlParagraphs(exploration, state.rateAdjusted));
  render('verdict', verdictParagraphs(exploration));
  render('equilibria', equilibriaParagraphs(exploration));
  const [hu, hv] = exploration.plane.names;
  $('axes').innerHTML = `horizontal ${tex(variableLatex(hu))}, vertical ${tex(variableLatex(hv))}${
    exploration.plane.kind === 'whole' ? '' : '; the plane is the slice T = A of EMA’s state: arrows are (its two components of) V there, curves are whole EMA flows started on it, projected'
  }.`;

  const points = sampledPoints(exploration);
  const chosen = state.chosen ? choosePoint(exploration, view, points, state.chosen) : null;
  if (!chosen) $('point').innerHTML = '<p class="muted">Click the plane.</p>';
  const curl = curlGrid(exploration, view, CURL_CELLS, state.rateAdjusted);
  const picture: Picture = {
    view,
    curl,
    curlCells: CURL_CELLS,
    arrows: arrows(exploration, view, ARROW_CELLS),
    arrowCells: ARROW_CELLS,
    curves: componentCurves(exploration, view, CURVE_CELLS).map((c) => ({ ...c, id: exploration.equilibria.components[c.component]!.id })),
    points: points.map((p) => p.drawn),
    flows: flowStarts(view, FLOW_COUNT).map(([u, v]) => flowFrom(exploration, u, v, view)),
    chosenFlow: chosen ? flowFrom(exploration, chosen.u, chosen.v, view) : null,
    chosen,
  };
  drawPicture($<HTMLCanvasElement>('plane'), picture);
  $('legend').innerHTML = legendHtml(exploration, curl.kind, curl.max);
  finish();
}

function finish(): void {
  document.body.dataset.updates = String(Number(document.body.dataset.updates ?? '0') + 1);
}

interface Sampled {
  drawn: SampledPoint;
  /** The whole state, exactly when the engine found it exactly. */
  exact: Rational[] | null;
  label: string;
}

/** The equilibrium points the engine sampled that lie on the plane (every one, for GD and SG). */
function sampledPoints(e: Exploration): Sampled[] {
  const out: Sampled[] = [];
  e.equilibria.components.forEach((component, c) =>
    component.points.forEach((p, k) => {
      const values = p.values.map((x) => (typeof x === 'number' ? x : x.toNumber()));
      const [a, b] = e.plane.axes;
      const onPlane = e.plane.copies.every(([slot, from]) => Math.abs(values[slot]! - values[from]!) <= 1e-12 * (1 + Math.abs(values[from]!)));
      if (!onPlane) return;
      const verdict = e.stability[c]?.[k]?.verdict ?? 'inconclusive';
      out.push({ drawn: { u: values[a]!, v: values[b]!, verdict }, exact: p.exact ? (p.values as Rational[]) : null, label: `${component.title}, point ${k + 1}` });
    }),
  );
  return out;
}

/** The chosen point's spectrum (snapped to a sampled equilibrium when close), rendered; returns where it is. */
function choosePoint(e: Exploration, view: View, points: Sampled[], at: { u: number; v: number }): { u: number; v: number } {
  const pixels = $<HTMLCanvasElement>('plane').getBoundingClientRect().width / (2 * view.half);
  const near = points.find((p) => p.exact && Math.hypot(p.drawn.u - at.u, p.drawn.v - at.v) * pixels <= SNAP_PIXELS);
  const exactState = near ? near.exact! : exactStateAt(e, at.u.toFixed(2), at.v.toFixed(2));
  const spectrum = spectrumAt(e, exactState);
  const where = near ? [`The sampled equilibrium (${near.label}), exactly.`] : ['The clicked point, rounded to hundredths.'];
  render('point', [where, ...pointParagraphs(e, spectrum)]);
  return { u: exactState[e.plane.axes[0]]!.toNumber(), v: exactState[e.plane.axes[1]]!.toNumber() };
}

function legendHtml(e: Exploration, kind: 'signed' | 'largest entry', max: number): string {
  const curl =
    kind === 'signed'
      ? `colour: the curl ${tex(curlMapLatex(e, state.rateAdjusted, kind))} of the plane, red positive, blue negative`
      : `colour: the largest entry ${tex(curlMapLatex(e, state.rateAdjusted, kind))} of the curl over the whole state`;
  const scale = max > 1e-12 ? `, strongest ${max.toExponential(2)} in this window` : ', zero everywhere in this window';
  const components = e.equilibria.components
    .map((c) => `<span class="swatch" style="background:${COMPONENT_COLOURS[c.id] ?? '#000'}"></span>${escapeHtml(c.title)}`)
    .join(' ');
  const verdicts = Object.entries(VERDICT_COLOURS)
    .filter(([v], i, all) => all.findIndex(([, colour]) => colour === VERDICT_COLOURS[v]) === i)
    .map(([v, colour]) => `<span class="dot" style="background:${colour}"></span>${v === 'degenerate' ? 'degenerate or inconclusive' : v}`)
    .join(' ');
  return `<p>${curl}${scale}; arrows: the direction of ${tex('V')}.</p><p>Equilibria: ${components}. Sampled points: ${verdicts}. Dark curves: flows from ${FLOW_COUNT} fixed starts (dot: start, ring: where the flow stopped).</p>`;
}

function start(): void {
  const procedures = allProcedures();
  $('model').innerHTML = PLAYGROUND_MODELS.map((m) => `<option value="${m.id}">${escapeHtml(m.title)}</option>`).join('');
  $('procedure').innerHTML = procedures
    .map((p) => `<label><input type="radio" name="procedure" value="${p.name}"${p.name === state.procedure ? ' checked' : ''}> ${escapeHtml(p.words.label)} <span class="muted">${escapeHtml(p.words.title)}</span></label>`)
    .join('');
  presetState(state.model);
  buildControls();
  $<HTMLSelectElement>('model').addEventListener('change', (ev) => {
    presetState((ev.target as HTMLSelectElement).value);
    buildControls();
    schedule();
  });
  $('procedure').addEventListener('change', (ev) => {
    state.procedure = (ev.target as HTMLInputElement).value;
    schedule();
  });
  $<HTMLInputElement>('rate-adjusted').addEventListener('change', (ev) => {
    state.rateAdjusted = (ev.target as HTMLInputElement).checked;
    schedule();
  });
  $<HTMLInputElement>('view').addEventListener('input', (ev) => {
    state.half = Number((ev.target as HTMLInputElement).value);
    schedule();
  });
  $('reset').addEventListener('click', () => {
    presetState(state.model);
    buildControls();
    schedule();
  });
  const canvas = $<HTMLCanvasElement>('plane');
  // As many canvas pixels as the screen has under the 560 CSS pixels, up to twice as many.
  canvas.width = canvas.height = Math.round(560 * Math.min(2, Math.max(1, window.devicePixelRatio || 1)));
  canvas.addEventListener('click', (ev) => {
    if (!current) return;
    const box = canvas.getBoundingClientRect();
    const { view } = current;
    const u = view.u - view.half + ((ev.clientX - box.left) / box.width) * 2 * view.half;
    const v = view.v + view.half - ((ev.clientY - box.top) / box.height) * 2 * view.half;
    state.chosen = { u, v };
    schedule();
  });
  update();
}

start();
