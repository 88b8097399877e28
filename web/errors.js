// errors.js - every failure the API reports is an Error with a stable `code`.

export class SmpError extends Error {
  /**
   * @param {string} code stable machine-readable token
   * @param {string} message one sentence a person can read
   * @param {{code: string, message: string}[]} [errors] every problem found, when several were collected
   */
  constructor(code, message, errors) {
    super(message);
    this.name = 'SmpError';
    this.code = code;
    this.errors = errors || [{ code, message }];
  }
}

/**
 * Throws the core's {error: {code, message}} reply as an SmpError.
 * @template T
 * @param {import('./smp_core').Reply<T> | null | undefined} reply
 * @returns {T}
 */
export function unwrap(reply) {
  if (reply && reply.error) throw new SmpError(reply.error.code, reply.error.message);
  return /** @type {T} */ (reply ? reply.value : undefined);
}

/**
 * The core's error reply as an SmpError, to throw.
 * @param {{error?: import('./smp_core').CoreError}} reply
 * @returns {SmpError}
 */
export function unwrapError(reply) {
  const e = reply.error || { code: 'internal', message: 'The core reported a failure without a reason.' };
  return new SmpError(e.code, e.message);
}

/**
 * Collects problems so that one call reports all of them at once: callers fix
 * every bad option in one go instead of one per reload.
 */
export class Problems {
  constructor() {
    /** @type {{code: string, message: string}[]} */
    this.list = [];
  }
  /** @param {string} code @param {string} message */
  add(code, message) { this.list.push({ code, message }); }
  get empty() { return this.list.length === 0; }
  /** Throws one SmpError naming every problem (code of the first). */
  throwIfAny() {
    if (this.empty) return;
    const message = this.list.map((p) => p.message).join(' ');
    throw new SmpError(this.list[0].code, message, this.list);
  }
}
