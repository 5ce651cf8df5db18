import type { EmulatorModule } from '../module.ts';
import { auditRoutesV1 } from './routes.ts';

/** The audit log reader (records are written by the audit middleware for every write). */
export const auditModule: EmulatorModule = { name: 'audit', v1: auditRoutesV1 };
