// core.js - loads the wasm core once per page and shares it.
import createSmpCore from './smp_core.js';

/** @type {Promise<import('./smp_core').SmpCoreModule> | null} */
let corePromise = null;

/**
 * Resolves to the Embind module; the .wasm is fetched next to this file.
 * @returns {Promise<import('./smp_core').SmpCoreModule>}
 */
export function loadCore() {
  if (!corePromise) {
    corePromise = createSmpCore({
      locateFile: (file) => new URL(file, import.meta.url).href,
    });
  }
  return corePromise;
}
