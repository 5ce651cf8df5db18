/**
 * CQL search: GET /wiki/rest/api/search, /wiki/rest/api/content/search and
 * /wiki/rest/api/search/user over the content, spaces and users tables, through the CQL parser
 * and compiler of src/emulator/cql. No tables of its own; the SQL function CQL `mention` uses.
 */
import { registerMentionsFunction } from '../cql/mentions.ts';
import type { EmulatorModule } from '../module.ts';
import { searchRoutesV1 } from './routes.ts';
import { createSearchStore } from './store.ts';

/**
 * @example // src/emulator/modules.ts: EMULATOR_MODULES = [..., searchModule, ...]
 */
export const searchModule: EmulatorModule = {
  name: 'search',
  setup: (context) => registerMentionsFunction(context.db),
  v1: (context) => searchRoutesV1(context, createSearchStore(context.db)),
};
