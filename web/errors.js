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

/** Throws the core's {error: {code, message}} reply as an SmpError. */
export function unwrap(reply) {
  if (reply && reply.error) throw new SmpError(reply.error.code, reply.error.message);
  return reply ? reply.value : undefined;
}

/**
 * Collects problems so that one call reports all of them at once: callers fix
 * every bad option in one go instead of one per reload.
 */
export class Problems {
  constructor() { this.list = []; }
  add(code, message) { this.list.push({ code, message }); }
  get empty() { return this.list.length === 0; }
  /** Throws one SmpError naming every problem (code of the first). */
  throwIfAny() {
    if (this.empty) return;
    const message = this.list.map((p) => p.message).join(' ');
    throw new SmpError(this.list[0].code, message, this.list);
  }
}
