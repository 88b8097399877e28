// hairline_step.js - the widget's second step: the photo with the current
// hairline, the suggested one and the treated area (the core's design and
// region), handles to move, and the alerts that ask the client to check the
// line or turn the photo.
import { h, stepSection } from './dom.js';
import { HairlineEditor } from './hairline_editor.js';

/**
 * @typedef {import('./smp').Analysis} Analysis
 * @typedef {import('./smp').Point} Point
 * @typedef {import('./widget.js').SmpWidget} SmpWidget
 */

// The suggested hairline rests on the face's landmarks. Without a face it is
// a guess from the hair's edge (or a default arc), and a face found with
// less than this confidence may be the wrong one: either way the client is
// asked to check the line. (The analysis' overall `confidence` also carries
// the Norwood stage's doubt, so it is low on most portraits whose hairline
// is well placed.)
const FACE_TRUSTED = 0.6;

/**
 * Quarter turns that bring a photo on its side upright (1 or 3), else 0.
 * @param {Analysis | null} a
 * @returns {number}
 */
function sidewaysTurns(a) {
  return a && !a.upsideDown && (a.turnToUpright === 1 || a.turnToUpright === 3) ? a.turnToUpright : 0;
}

/**
 * Which alert the hairline step shows: a message key, or null.
 * @param {Analysis | null} a
 */
function hairlineDoubt(a) {
  // No person in the photo: nothing is dotted, and the client is told why.
  if (a && a.scalp.headFraction === 0) return 'noHead';
  if (!a || a.upsideDown || sidewaysTurns(a)) return null;  // the turn alerts say it
  if (!a.face) return 'lowConfidenceNoFace';
  return a.faceEvidence < FACE_TRUSTED ? 'lowConfidence' : null;
}

export class HairlineStep {
  /** @param {SmpWidget} w */
  constructor(w) {
    this.w = w;
    const t = w.t;
    this.editor = new HairlineEditor({ t, idPrefix: w.id, onMove: (pts, final) => this._move(pts, final) });
    this.lowConfidence = h('p', { class: 'alert', role: 'alert', hidden: true, 'data-alert': 'low-confidence', text: t('lowConfidence') });
    this.upsideDown = h('p', { class: 'alert', role: 'alert', hidden: true, 'data-alert': 'upside-down' },
      h('span', { text: `${t('upsideDown')} ` }),
      h('button', { type: 'button', class: 'secondary', 'data-action': 'turn-upright', text: t('turnUpright'), onclick: () => this.turn(2) }));
    // A bent head's face looking down, found on a side of the photo: turning
    // brings it to the bottom, where the hairline tools expect it.
    this.sideways = h('p', { class: 'alert', role: 'alert', hidden: true, 'data-alert': 'sideways' },
      h('span', { text: `${t('sideways')} ` }),
      h('button', { type: 'button', class: 'secondary', 'data-action': 'turn-sideways', text: t('turnUpright'),
        onclick: () => this.turn(sidewaysTurns(w.state.analysis) || 1) }));
    this.element = stepSection(w, 'adjust', t('stepAdjust'),
      h('p', { text: t('adjustIntro') }), this.upsideDown, this.sideways, this.lowConfidence, this.editor.element,
      h('p', { class: 'legend' }, h('span', { class: 'new', text: t('newHairline') }),
        h('span', { class: 'now', text: t('currentHairline') }), h('span', { class: 'area', text: t('region') })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', text: t('newPhoto'), onclick: () => w._go('photo') }),
        h('button', { type: 'button', class: 'secondary', 'data-action': 'turn', text: t('turnPhoto'),
          'aria-label': t('turnPhotoLabel'), onclick: () => this.turn(1) }),
        h('button', { type: 'button', class: 'secondary', text: t('resetHairline'), onclick: () => this._reset() }),
        h('button', { type: 'button', 'data-action': 'to-preview', text: t('toPreview'), onclick: () => w._go('preview') })));
  }

  /**
   * The loaded photo, its current hairline, the handles and the alerts.
   * @param {ImageData} before the working image
   */
  show(before) {
    const { c, state } = this.w, a = state.analysis;
    const p = /** @type {import('./consultation.js').PhotoInfo} */ (state.photo);
    this.editor.setImage(before, p.width, p.height);
    this.editor.setCurrent(a ? a.hairline.current : []);
    if (!state.proposed) state.proposed = c.hairline;
    this.editor.setPoints(state.moved ? c.hairline : state.proposed);
    const doubt = hairlineDoubt(a);
    this.lowConfidence.hidden = !doubt;
    if (doubt) this.lowConfidence.textContent = this.w.t(doubt);
    this.upsideDown.hidden = !(a && a.upsideDown);
    this.sideways.hidden = !sidewaysTurns(a);
  }

  /** The core's design over the photo: the region it dots and the curve the dots follow. */
  showDesign() {
    const region = this.w.c.region, design = this.w.c.design;
    if (region) this.editor.setRegion(region);
    if (design) this.editor.setCurve(design.curve);
  }

  /** A goal or style change moves the suggestion, unless the client moved a handle. */
  suggest() {
    const state = this.w.state;
    if (state.moved) return;
    state.proposed = this.w.c.hairline;
    this.editor.setPoints(state.proposed);
  }

  /** Quarter turns clockwise, for a photo whose orientation was lost or shot from above. */
  turn(quarterTurns = 1) {
    const w = this.w;
    if (w.busy || !w.c || !w.state.photo) return;
    try {
      w.c.turn(quarterTurns);
    } catch (err) {
      w._showError(w.steps.photo.error, err);
      return;
    }
    w._newPhoto();
    this.editor.fitHairline();
  }

  /** @param {Point[]} points @param {boolean} final the drag or key press ended */
  _move(points, final) {
    const w = this.w;
    try {
      const placed = w.c.setHairline(points);
      w.state.moved = true;
      if (final) this.editor.setPoints(placed);
    } catch (err) {
      this.editor.setPoints(w.c.hairline);
      return;
    }
    if (final) w._scheduleRender();
  }

  _reset() {
    const w = this.w;
    // The core keeps moved points until the next photo, so put back the proposal.
    if (w.state.proposed) this.editor.setPoints(w.c.setHairline(w.state.proposed));
    w.state.moved = false;
    w._scheduleRender();
  }
}
