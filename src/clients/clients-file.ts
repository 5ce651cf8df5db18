/**
 * The clients file's shape (WORKBENCH_CLIENTS_FILE; DESIGN.md, "Clients and tenants"), as the
 * only schema written: zod checks it field by field, strictly (a misspelt `allowedSpace` is an
 * error, not a policy silently dropped), and the cross-entry rules (unique names and keys)
 * follow in ./load-clients.ts.
 */
import { z } from 'zod';
import { CLIENT_ROLES } from './types.ts';

/** Names go into logs, metrics labels and run records: keep them plain. */
const CLIENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const basicCredential = z.strictObject({
  email: z.string().trim().min(1),
  apiToken: z.string().trim().min(1),
});

const bearerCredential = z.strictObject({
  accessToken: z.string().trim().min(1),
  cloudId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]+$/, 'a cloudId is letters, digits and dashes')
    .optional(),
});

const clientPolicy = z.strictObject({
  readOnly: z.boolean().optional(),
  allowedSpaces: z.array(z.string().trim().min(1)).optional(),
  allowedOperations: z.array(z.string().trim().min(1)).optional(),
  maxWritesPerRun: z.number().int().min(0).optional(),
});

const clientEntry = z
  .strictObject({
    name: z.string().regex(CLIENT_NAME, 'a name is 1-64 letters, digits, ".", "_" or "-"'),
    key: z.string().min(1).optional(),
    keySha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "keySha256 is the 64 hex digits of the key's SHA-256")
      .optional(),
    role: z.enum(CLIENT_ROLES as ['admin', 'user']),
    confluence: z
      .union([basicCredential, bearerCredential], {
        error: 'confluence is either { email, apiToken } or { accessToken, cloudId? }',
      })
      .optional(),
    policy: clientPolicy.optional(),
  })
  .refine((entry) => (entry.key === undefined) !== (entry.keySha256 === undefined), {
    error: 'give exactly one of key and keySha256',
  });

export const clientsFileSchema = z.strictObject({
  clients: z.array(clientEntry).min(1, 'list at least one client'),
});

export type ClientsFile = z.infer<typeof clientsFileSchema>;
export type ClientEntry = ClientsFile['clients'][number];
export type ClientPolicy = z.infer<typeof clientPolicy>;

/**
 * One line per problem, each with where it is: `clients[1].role: Invalid option: …`.
 *
 * @example
 * const parsed = clientsFileSchema.safeParse(data);
 * if (!parsed.success) throw new Error(describeIssues(parsed.error));
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path
        .map((part, index) =>
          typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
        )
        .join('');
      return `${where || '(top level)'}: ${issue.message}`;
    })
    .join('; ');
}
