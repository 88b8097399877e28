// smp-widget.js - the one-line embed for sites that cannot use modules:
//   <script src="https://clinic.example/smp/smp-widget.js"></script>
// Defines window.SMPWidget (the only global) with mount() and
// createConsultation(), and registers <smp-consultation>. The module bundle
// next to this file is loaded on demand with import(), so no eval and no
// inline script is needed under a strict CSP.
(function () {
  'use strict';
  if (window.SMPWidget) return;
  var script = document.currentScript;
  var base = script && script.src ? script.src : document.baseURI;
  var modulePromise = null;
  function load() {
    if (!modulePromise) modulePromise = import(new URL('smp.js', base).href);
    return modulePromise;
  }

  // mount() answers at once with an instance whose calls are queued until the
  // bundle has loaded; option errors reject `ready` and reach 'error' handlers.
  function mount(target, options) {
    var queue = [];
    var real = null;
    var dead = false;
    var handlers = [];
    var instance = {
      on: function (event, handler) {
        if (real) return real.on(event, handler);
        var entry = { event: event, handler: handler, off: null };
        handlers.push(entry);
        return function () { if (entry.off) entry.off(); else entry.handler = null; };
      },
      setOptions: function (partial) {
        if (real) { real.setOptions(partial); return instance; }
        queue.push(partial);
        return instance;
      },
      destroy: function () { dead = true; if (real) real.destroy(); },
      ready: null,
    };
    instance.ready = load().then(function (m) {
      if (dead) return null;
      try {
        real = m.mount(target, options);
      } catch (err) {
        handlers.forEach(function (e) { if (e.event === 'error' && e.handler) e.handler(err); });
        throw err;
      }
      handlers.forEach(function (e) { if (e.handler) e.off = real.on(e.event, e.handler); });
      queue.forEach(function (p) { real.setOptions(p); });
      return real;
    });
    instance.ready.catch(function (err) { console.error(err); });
    Object.defineProperty(instance, 'consultation', {
      get: function () { return instance.ready.then(function (w) { return w && w.consultation; }); },
    });
    return instance;
  }

  function createConsultation(options) {
    return load().then(function (m) { return m.createConsultation(options); });
  }

  window.SMPWidget = Object.freeze({ mount: mount, createConsultation: createConsultation, load: load });
  load().catch(function (err) { console.error('SMP: the widget bundle could not be loaded', err); });
})();
