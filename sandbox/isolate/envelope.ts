/**
 * The two strings that cross from the worker into the isolate and back, and why they are strings:
 * a promise resolved with an object looks up `then` on it, and JSON.stringify looks up `toJSON`,
 * both through Object.prototype, where a script may have planted a getter to forge a host answer
 * or its own outcome. A string primitive is never a thenable, and a null-prototype object has no
 * `toJSON` to find. The worker decodes these (sandbox/worker/envelope-outcome.ts).
 */

/** A bridge answer: `+` then the value's JSON (empty for undefined), or `!` then the error's JSON. */
export const ANSWER_OK = '+';
export const ANSWER_ERROR = '!';

/** The run's outcome: its tag, then the body. */
export const OUTCOME_RETURNED = 'R'; // the return value's JSON (empty for undefined)
export const OUTCOME_TOO_LARGE = 'L'; // `limit,reached` in bytes
export const OUTCOME_INVALID = 'I'; // why the value could not become JSON
export const OUTCOME_THROWN = 'E'; // a CapturedError as JSON, its `host` field a JSON string
