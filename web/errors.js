// errors.js - every failure the API reports is an Error with a stable `code`.

export class SmpError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = 'SmpError';
    this.code = code;
  }
}

/** Throws the core's {error: {code, message}} reply as an SmpError. */
export function unwrap(reply) {
  if (reply && reply.error) throw new SmpError(reply.error.code, reply.error.message);
  return reply ? reply.value : undefined;
}
