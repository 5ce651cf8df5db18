/**
 * Runs one host call in the parent for a worker: JSON in (with `__proto__` keys dropped, so a
 * careless `Object.assign` in a host function cannot change a prototype), JSON out (size-capped),
 * and a host error reduced to its HostErrorShape fields: no stack, no host object, no path.
 */
import type { ResolvedLimits } from '../limits.ts';
import type { CallMessage, CallResultMessage } from '../protocol.ts';
import { type HostErrorShape, type HostFunction, isErrorPhase } from '../types.ts';
import { limitError } from '../run-errors.ts';

const MAX_ERROR_MESSAGE_CHARS = 2_000;
const MAX_ERROR_DETAILS_BYTES = 8 * 1024;

export interface HostCallOptions {
  host: Record<string, HostFunction>;
  limits: ResolvedLimits;
  signal: AbortSignal;
}

/**
 * Never throws: every outcome is a CallResultMessage.
 * @example worker.send(await invokeHostCall(message, { host, limits, signal }));
 */
export async function invokeHostCall(
  message: CallMessage,
  options: HostCallOptions,
): Promise<CallResultMessage> {
  const reply = { type: 'call-result' as const, runId: message.runId, callId: message.callId };
  const fn = Object.hasOwn(options.host, message.name) ? options.host[message.name] : undefined;
  if (typeof fn !== 'function') {
    return {
      ...reply,
      ok: false,
      error: {
        name: 'Error',
        code: 'UNKNOWN_HOST_FUNCTION',
        message: `unknown host function "${message.name.slice(0, 100)}"`,
      },
    };
  }
  let value: unknown;
  try {
    const args = message.args === undefined ? undefined : JSON.parse(message.args, dropProtoKeys);
    value = await fn(args, { signal: options.signal, callIndex: message.callIndex });
  } catch (error) {
    return { ...reply, ok: false, error: toHostErrorShape(error) };
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return {
      ...reply,
      ok: false,
      error: {
        name: 'Error',
        code: 'HOST_RESULT_INVALID',
        message: `the host function "${message.name}" returned a value that is not JSON: ${(error as Error).message}`,
      },
    };
  }
  const bytes = json === undefined ? 0 : Buffer.byteLength(json);
  if (bytes > options.limits.maxHostResultBytes) {
    return {
      ...reply,
      ok: false,
      limitError: limitError(
        'maxHostResultBytes',
        options.limits.maxHostResultBytes,
        bytes,
        'HOST_RESULT_SIZE_LIMIT',
        message.name,
      ),
    };
  }
  return { ...reply, ok: true, ...(json === undefined ? {} : { value: json }) };
}

function dropProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

/** The fields of a thrown value that may cross into the isolate; nothing else does. */
export function toHostErrorShape(error: unknown): HostErrorShape {
  if (typeof error !== 'object' || error === null) {
    return { name: 'Error', message: String(error).slice(0, MAX_ERROR_MESSAGE_CHARS) };
  }
  const source = error as Record<string, unknown>;
  const shape: HostErrorShape = {
    name: typeof source['name'] === 'string' ? source['name'].slice(0, 100) : 'Error',
    message: String(source['message'] ?? 'host call failed').slice(0, MAX_ERROR_MESSAGE_CHARS),
  };
  const { status, code, phase, details } = source;
  if (typeof status === 'number' && Number.isFinite(status)) shape.status = status;
  if (typeof code === 'string') shape.code = code.slice(0, 100);
  if (isErrorPhase(phase)) shape.phase = phase;
  if (details !== undefined) {
    try {
      const json = JSON.stringify(details);
      if (json !== undefined && Buffer.byteLength(json) <= MAX_ERROR_DETAILS_BYTES)
        shape.details = JSON.parse(json);
    } catch {
      // details that are not JSON are left out rather than failing the call
    }
  }
  return shape;
}
