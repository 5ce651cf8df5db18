import type { EmulatorModule } from '../module.ts';
import { BLOGPOST_KIND } from '../content/kinds.ts';
import { contentRoutes } from '../content/routes.ts';

/** Blog posts: v2 CRUD, versions, GET /spaces/{id}/blogposts. */
export const blogpostsModule: EmulatorModule = {
  name: 'blogposts',
  v2: (context) => contentRoutes(context, BLOGPOST_KIND),
};
