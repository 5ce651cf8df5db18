/**
 * What the stdio transport drops silently, answered as JSON-RPC says (and as /mcp does over HTTP):
 * a line that is not JSON gets a -32700 Parse error, a JSON value that is not a JSON-RPC 2.0
 * message object gets -32600 Invalid Request. The SDK's reader skips unparsable lines without a
 * word (ReadBuffer.readMessage), leaving a client waiting for an answer that never comes. Lines
 * are read with node:readline; the good ones are passed on to the transport unchanged.
 */
import { createInterface } from 'node:readline';
import { PassThrough, type Readable, type Writable } from 'node:stream';

/**
 * @example
 * const transport = new StdioServerTransport(checkedLines(process.stdin, process.stdout), process.stdout);
 */
export function checkedLines(input: Readable, output: Writable): Readable {
  const checked = new PassThrough();
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    const refusal = refusalFor(line);
    if (refusal) output.write(`${JSON.stringify(refusal)}\n`);
    else checked.write(`${line}\n`);
  });
  lines.on('close', () => checked.end());
  input.on('error', (error) => checked.destroy(error));
  return checked;
}

type Refusal = {
  jsonrpc: '2.0';
  id: string | number | null;
  error: { code: number; message: string };
};

function refusalFor(line: string): Refusal | undefined {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch (error) {
    return refusal(
      null,
      -32700,
      `Parse error: the line is not valid JSON (${(error as Error).message})`,
    );
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return refusal(null, -32600, 'Invalid Request: a message must be one JSON-RPC 2.0 object');
  }
  const { jsonrpc, id } = message as { jsonrpc?: unknown; id?: unknown };
  if (jsonrpc !== '2.0') {
    const known = typeof id === 'string' || typeof id === 'number' ? id : null;
    return refusal(known, -32600, 'Invalid Request: "jsonrpc" must be "2.0"');
  }
  return undefined;
}

function refusal(id: string | number | null, code: number, message: string): Refusal {
  return { jsonrpc: '2.0', id, error: { code, message } };
}
