// widget_css.js - the widget's styles, adopted by its shadow root as a
// constructable stylesheet: no <style> element or style attribute, so a strict
// CSP (style-src 'self') needs no exception, and nothing leaks to the host page.
// Theme through custom properties: --smp-primary, --smp-on-primary, --smp-accent,
// --smp-text, --smp-muted, --smp-background, --smp-surface, --smp-border,
// --smp-error, --smp-focus, --smp-radius, --smp-font. Sizes in px/em, never rem,
// so a host page's html { font-size } cannot shrink the widget.
export const WIDGET_CSS = `
:host { display: block; contain: content; }
:host([hidden]) { display: none; }
.smp {
  all: initial;
  display: block; box-sizing: border-box; position: relative;
  font: 16px/1.5 var(--smp-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--smp-text, #1b1b1b); background: var(--smp-background, #ffffff);
  border: 1px solid var(--smp-border, #767676); border-radius: var(--smp-radius, 12px);
  padding: 16px; max-width: 980px; margin: 0 auto; text-align: start;
}
.smp *, .smp *::before, .smp *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
h2 { font-size: 1.35em; line-height: 1.25; margin: 0 0 8px; font-weight: 700; }
h3 { font-size: 1.1em; margin: 16px 0 6px; font-weight: 700; }
p, ul, ol, dl { margin: 0 0 10px; }
ul, ol { padding-inline-start: 1.3em; }
.privacy { display: flex; gap: 8px; align-items: flex-start; background: var(--smp-surface, #eef4fa);
  border-radius: 8px; padding: 8px 12px; font-weight: 600; }
.privacy svg { flex: none; margin-top: 3px; }
.muted { color: var(--smp-muted, #4a4a4a); font-size: 0.92em; }
nav ol { display: flex; gap: 4px; list-style: none; padding: 0; margin: 8px 0 14px; flex-wrap: wrap; }
nav button { background: transparent; color: var(--smp-text, #1b1b1b); border: 1px solid var(--smp-border, #767676);
  padding: 4px 10px; min-height: 36px; font-weight: 600; }
nav button[aria-current="step"] { background: var(--smp-primary, #0b5cad); color: var(--smp-on-primary, #ffffff);
  border-color: var(--smp-primary, #0b5cad); }
nav button:disabled { color: #6b6b6b; border-style: dashed; cursor: not-allowed; }
button, .button {
  font: inherit; font-weight: 600; cursor: pointer; display: inline-flex; align-items: center; justify-content: center;
  min-height: 44px; padding: 8px 16px; border-radius: 8px; border: 2px solid var(--smp-primary, #0b5cad);
  background: var(--smp-primary, #0b5cad); color: var(--smp-on-primary, #ffffff); text-decoration: none; margin: 0;
}
button.secondary, .button.secondary { background: var(--smp-background, #ffffff); color: var(--smp-primary, #0b5cad); }
button:disabled { opacity: 0.6; cursor: not-allowed; }
h2:focus { outline: none; }
.estimate-label { font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.85em; color: var(--smp-muted, #4a4a4a); }
:focus-visible, .handle:focus-visible { outline: 3px solid var(--smp-focus, #1b1b1b); outline-offset: 2px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
.drop { border: 2px dashed var(--smp-border, #767676); border-radius: 12px; padding: 20px 12px; text-align: center;
  display: flex; flex-direction: column; align-items: center; gap: 10px; }
.drop.over { border-color: var(--smp-primary, #0b5cad); background: var(--smp-surface, #eef4fa); }
.drop .actions { justify-content: center; margin: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; border: 0; padding: 0; }
.file-label:focus-within { outline: 3px solid var(--smp-focus, #1b1b1b); outline-offset: 2px; }
.progress { display: flex; align-items: center; gap: 10px; margin: 10px 0; min-height: 1.5em; }
.progress progress { width: 140px; }
.error { color: var(--smp-error, #a40000); font-weight: 600; }
.alert { border-inline-start: 5px solid var(--smp-accent, #8a4b00); background: #fff4e5; padding: 8px 12px;
  border-radius: 6px; color: #1b1b1b; }
.viewport { position: relative; overflow: auto; max-width: 100%; max-height: 75vh; border-radius: 8px;
  background: #2b2b2b; touch-action: pan-x pan-y; }
.frame { position: relative; width: 100%; margin: 0 auto; }
.frame canvas { display: block; width: 100%; height: auto; }
.frame .layer { position: absolute; inset: 0; width: 100%; height: 100%; }
.frame svg { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; }
.zoom-field { max-width: 320px; margin-top: 4px; }
.region { opacity: 0.45; pointer-events: none; }
.curve-new { fill: none; stroke: var(--smp-accent-line, #ffd33d); stroke-width: 3; vector-effect: non-scaling-stroke; }
.curve-now { fill: none; stroke: #ffffff; stroke-width: 2; stroke-dasharray: 6 5; vector-effect: non-scaling-stroke; }
.handle { cursor: grab; touch-action: none; }
.handle circle.hit { fill: transparent; }
.handle circle.ring { fill: #ffd33d; stroke: #1b1b1b; stroke-width: 2.5; vector-effect: non-scaling-stroke; }
.handle:focus-visible circle.ring, .handle.dragging circle.ring { fill: #ffffff; stroke: #0b5cad; stroke-width: 4; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 0.9em; margin: 6px 0; }
.legend span::before { content: ""; display: inline-block; width: 18px; height: 0; vertical-align: middle;
  margin-inline-end: 6px; border-top: 3px solid #b38600; }
.legend .now::before { border-top: 3px dashed #4a4a4a; }
.legend .area::before { height: 10px; border: 0; background: #9e3fb5; opacity: 0.6; }
.controls { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 10px 16px; margin: 10px 0; }
.field { display: flex; flex-direction: column; gap: 4px; }
.field label, .field .label { font-weight: 600; }
select, input[type="text"], input[type="email"], textarea {
  font: inherit; color: #1b1b1b; background: #ffffff; border: 2px solid var(--smp-border, #767676);
  border-radius: 6px; padding: 8px; min-height: 44px; width: 100%; }
input[type="range"] { width: 100%; min-height: 32px; accent-color: var(--smp-primary, #0b5cad); margin: 0; }
input[type="checkbox"] { width: 22px; height: 22px; margin: 2px 0 0; flex: none; accent-color: var(--smp-primary, #0b5cad); }
.check { display: flex; flex-direction: row; gap: 10px; align-items: flex-start; margin: 6px 0; }
.before-layer { clip-path: inset(0 50% 0 0); }
.compare-line { position: absolute; top: 0; bottom: 0; width: 2px; background: #ffffff; pointer-events: none; left: 50%; }
.tag { position: absolute; top: 8px; padding: 2px 8px; border-radius: 4px; background: rgba(0,0,0,0.72);
  color: #ffffff; font-size: 0.85em; font-weight: 600; pointer-events: none; }
.tag.left { left: 8px; } .tag.right { right: 8px; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 8px; margin: 10px 0; }
.figure { background: var(--smp-surface, #eef4fa); border-radius: 8px; padding: 10px 12px; }
.figure dt { font-size: 0.9em; color: var(--smp-muted, #4a4a4a); font-weight: 600; }
.figure dd { margin: 2px 0 0; font-size: 1.15em; font-weight: 700; }
.outcome { padding: 10px 12px; border-radius: 8px; border-inline-start: 5px solid #1d6b2e; background: #eef7ef; }
.outcome.stop { border-color: #a40000; background: #fdecec; }
.outcome.talk { border-color: #8a4b00; background: #fff4e5; }
.timeline li { margin-bottom: 6px; }
details.more { border: 1px solid var(--smp-border, #767676); border-radius: 8px; margin: 8px 0; }
details.more > summary { cursor: pointer; min-height: 44px; padding: 10px 12px; font-weight: 700; line-height: 1.4; }
details.more[open] > summary { border-bottom: 1px solid var(--smp-border, #767676); }
details.more > summary .count { font-weight: 400; color: var(--smp-muted, #4a4a4a); }
.more-body { padding: 8px 12px 4px; }
.more-body fieldset { border: 0; padding: 0; margin: 0; }
h4 { font-size: 1em; margin: 12px 0 4px; font-weight: 700; }
.honesty-note { margin: 10px 0; }
.timeline strong { display: block; }
fieldset { border: 1px solid var(--smp-border, #767676); border-radius: 8px; padding: 10px 12px; margin: 10px 0; }
legend { font-weight: 700; padding: 0 4px; }
form .field { margin-bottom: 10px; }
.honesty { margin-top: 16px; padding-top: 10px; border-top: 1px solid var(--smp-border, #767676); }
.status-ok { color: #1d6b2e; font-weight: 600; }
@media (max-width: 480px) {
  .smp { padding: 10px; border-radius: 0; border-left: 0; border-right: 0; }
  h2 { font-size: 1.2em; }
  nav button { padding: 4px 8px; font-size: 0.9em; }
  .actions button, .actions .button { flex: 1 1 100%; }
  .figure { padding: 8px 10px; }
  .figure dd { font-size: 1.05em; }
}
`;

/** @type {CSSStyleSheet | null} */
let sheet = null;
/** One shared constructable sheet for every widget on the page. */
export function widgetStyleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
  }
  return sheet;
}
