/**
 * `describe_sdk`: the TypeScript declarations and an example for the SDK operations matching a
 * query or a list of names. It is how `run_code`'s short index is expanded on demand.
 */
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { McpToolContext } from './tool-context.ts';

export const describeSdkInputSchema = z.object({
  query: z.string().min(1).optional().describe('Free text, e.g. "add label".'),
  names: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Operations, e.g. ["pages.get"], or types, e.g. ["Page"].'),
});

/**
 * @example
 * registerDescribeSdkTool(server, toolContext);
 */
export function registerDescribeSdkTool(server: McpServer, tool: McpToolContext): void {
  server.registerTool(
    'describe_sdk',
    {
      title: 'Describe Confluence SDK operations',
      description:
        "Signatures, docs and an example of run_code's SDK operations, by names or query; names may also be types (Page).",
      inputSchema: describeSdkInputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args): Promise<CallToolResult> => {
      const described = await tool.describeSdk({ query: args.query, names: args.names });
      const text = describedText(described);
      if (!text.trim()) {
        return {
          content: [
            {
              type: 'text',
              text: `No SDK operation matches ${JSON.stringify(args.query ?? args.names)}. Call describe_sdk with no arguments to list them all.`,
            },
          ],
          isError: true,
        };
      }
      // Names that match nothing are a mistake to correct (the text lists close names).
      return { content: [{ type: 'text', text }], isError: onlyUnknownNames(described) };
    },
  );
}

/** The registry may answer with text, or an object carrying `text`; anything else is shown as JSON. */
function describedText(described: unknown): string {
  if (typeof described === 'string') return described;
  if (typeof described === 'object' && described !== null && 'text' in described) {
    const { text } = described as { text: unknown };
    if (typeof text === 'string') return text;
  }
  return described === undefined ? '' : JSON.stringify(described, null, 2);
}

/** True when names were given and none matched (the registry's `{ operations: [], unknown: [...] }`). */
function onlyUnknownNames(described: unknown): boolean {
  if (typeof described !== 'object' || described === null) return false;
  const { operations, unknown } = described as { operations?: unknown; unknown?: unknown };
  return (
    Array.isArray(operations) &&
    operations.length === 0 &&
    Array.isArray(unknown) &&
    unknown.length > 0
  );
}
