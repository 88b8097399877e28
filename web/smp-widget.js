// smp-widget.js - the one-line embed for sites that cannot use modules:
//   <script src="https://clinic.example/smp/smp-widget.js"></script>
// Defines window.SMPWidget (the only global) with mount() and
// createConsultation(), and registers <smp-consultation>. The module bundle
// next to this file is loaded on demand with import(), so no eval and no
// inline script is needed under a strict CSP.
/**
 * @typedef {typeof import('./smp')} SmpModule
 * @typedef {import('./smp').WidgetInstance} WidgetInstance
 * @typedef {import('./smp').Options} Options
 * @typedef {import('./smp').QueuedWidgetInstance} QueuedInstance
 * @typedef {{event: import('./smp').EventName, handler: ((payload: any) => void) | null, off: (() => void) | null}} QueuedHandler
 */
(function () {
  'use strict';
  if (window.SMPWidget) return;
  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  var base = script && script.src ? script.src : document.baseURI;
  /** @type {Promise<SmpModule> | null} */
  var modulePromise = null;
  /** @returns {Promise<SmpModule>} */
  function load() {
    if (!modulePromise) modulePromise = import(new URL('smp.js', base).href);
    return modulePromise;
  }

  // mount() answers at once with an instance whose calls are queued until the
  // bundle has loaded; option errors reject `ready` and reach 'error' handlers.
  /**
   * @param {Element | string} target
   * @param {Options} [options]
   * @returns {QueuedInstance}
   */
  function mount(target, options) {
    /** @type {Options[]} */
    var queue = [];
    /** @type {WidgetInstance | null} */
    var real = null;
    var dead = false;
    /** @type {QueuedHandler[]} */
    var handlers = [];
    /** @type {Promise<WidgetInstance | null>} */
    var ready = load().then(function (m) {
      if (dead) return null;
      /** @type {WidgetInstance} */
      var w;
      try {
        w = real = m.mount(target, options);
      } catch (err) {
        handlers.forEach(function (e) { if (e.event === 'error' && e.handler) e.handler(err); });
        throw err;
      }
      handlers.forEach(function (e) { if (e.handler) e.off = w.on(e.event, e.handler); });
      queue.forEach(function (p) { w.setOptions(p); });
      return w;
    });
    /** @type {QueuedInstance} */
    var instance = {
      /**
       * @param {import('./smp').EventName} event
       * @param {(payload: any) => void} handler
       */
      on: function (event, handler) {
        if (real) return real.on(event, handler);
        /** @type {QueuedHandler} */
        var entry = { event: event, handler: handler, off: null };
        handlers.push(entry);
        return function () { if (entry.off) entry.off(); else entry.handler = null; };
      },
      /** @param {Options} partial */
      setOptions: function (partial) {
        if (real) { real.setOptions(partial); return instance; }
        queue.push(partial);
        return instance;
      },
      destroy: function () { dead = true; if (real) real.destroy(); },
      ready: ready,
      get consultation() { return ready.then(function (w) { return w && w.consultation; }); },
    };
    ready.catch(function (err) { console.error(err); });
    return instance;
  }

  /** @param {Options} [options] */
  function createConsultation(options) {
    return load().then(function (m) { return m.createConsultation(options); });
  }

  window.SMPWidget = Object.freeze({ mount: mount, createConsultation: createConsultation, load: load });
  load().catch(function (err) { console.error('SMP: the widget bundle could not be loaded', err); });
})();
