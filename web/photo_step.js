// photo_step.js - the widget's first step: the privacy line, a drop zone with
// the file picker and the phone camera, a progress line while the photo is
// decoded and analysed, and guidance for a good photo.
import { h, lockIcon, stepSection } from './dom.js';

/** @typedef {import('./widget.js').SmpWidget} SmpWidget */

export class PhotoStep {
  /** @param {SmpWidget} w */
  constructor(w) {
    const t = w.t;
    const fileInput = (/** @type {Record<string, string>} */ extra) => h('input', { type: 'file', accept: 'image/*', class: 'visually-hidden',
      onchange: (/** @type {Event & {target: HTMLInputElement}} */ e) => { const f = e.target.files && e.target.files[0]; e.target.value = ''; if (f) w._loadFile(f); }, ...extra });
    const drop = h('div', { class: 'drop' },
      h('p', { text: t('dropHere') }),
      h('div', { class: 'actions' },
        h('label', { class: 'button file-label' }, t('choosePhoto'), fileInput({ name: 'photo' })),
        h('label', { class: 'button secondary file-label' }, t('takePhoto'), fileInput({ name: 'camera', capture: 'user' }))));
    // A photo is on its way: the core warms up while the picker, the camera
    // or the drag holds the client's attention.
    for (const ev of ['click', 'dragenter']) drop.addEventListener(ev, () => w._warmUp());
    for (const ev of ['dragenter', 'dragover']) drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const f = e.dataTransfer && e.dataTransfer.files[0];
      if (f) w._loadFile(f);
    });
    this.t = t;
    this.progressBar = h('progress', { hidden: true, 'aria-label': t('working') });
    this.progressText = h('span', { class: 'progress-text' });
    this.error = h('p', { class: 'error', role: 'alert' });
    this.element = stepSection(w, 'photo', t('stepPhoto'),
      h('p', { class: 'privacy', 'data-privacy': '' }, lockIcon(), h('span', { text: t('privacy') })),
      drop,
      h('div', { class: 'progress', role: 'status', 'aria-live': 'polite' }, this.progressBar, this.progressText),
      this.error,
      h('h3', { text: t('guidanceTitle') }),
      h('ul', { class: 'guidance' }, ['guideFaceOn', 'guideHairline', 'guideLight', 'guideTop'].map((k) => h('li', { text: t(k) }))));
  }

  /** @param {string} key a message key ('' clears the line) @param {Record<string, unknown>} [params] */
  progress(key, params) {
    this.progressBar.hidden = !key || key === 'ready';
    this.progressText.textContent = key ? this.t(key, params) : '';
  }
}
