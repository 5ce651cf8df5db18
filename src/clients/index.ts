/**
 * Clients as tenants: the public surface for the other layers (the service, the runs layer, the
 * jobs engine). See ./types.ts for the concepts and DESIGN.md "Clients and tenants" for the rules.
 *
 * @example
 * import { ownedBy, ownerFilter } from '../clients/index.ts';
 * if (!ownedBy(requester, job.client)) throw notFound(jobId); // 404, as if it did not exist
 */
export { ownedBy, ownerFilter } from './visibility.ts';
export {
  ANONYMOUS,
  createClientDirectory,
  DEFAULT_TENANT,
  type ClientDirectory,
} from './directory.ts';
export { createConfluenceClients, type ConfluenceClients } from './confluence-clients.ts';
export { loadClientsFile, resolveClients, type ClientDefinition } from './load-clients.ts';
export { narrowPolicy } from './narrow-policy.ts';
export {
  CLIENT_ROLES,
  DEFAULT_CLIENT_NAME,
  defineTenant,
  type ClientIdentity,
  type ClientRole,
  type Requester,
  type Tenant,
  type TenantCredential,
} from './types.ts';
