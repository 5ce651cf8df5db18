import type { EmulatorModule } from '../module.ts';
import { userRoutesV1, userRoutesV2 } from './routes.ts';

/** Users: current, anonymous, by accountId (v1) and bulk lookup (v2). */
export const usersModule: EmulatorModule = {
  name: 'users',
  v1: userRoutesV1,
  v2: userRoutesV2,
};
