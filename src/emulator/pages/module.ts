import type { EmulatorModule } from '../module.ts';
import { PAGE_KIND } from '../content/kinds.ts';
import { contentRoutes } from '../content/routes.ts';
import { ancestors, children, descendants, updateTitle } from './tree-routes.ts';
import { moveRoutesV1 } from './move-route.ts';

/** Pages: v2 CRUD, versions, tree (ancestors, children, descendants), title; v1 move. */
export const pagesModule: EmulatorModule = {
  name: 'pages',
  v2(context) {
    const app = contentRoutes(context, PAGE_KIND);
    app.get('/pages/:id/ancestors', (c) => ancestors(context, c));
    app.get('/pages/:id/children', (c) => children(context, c));
    app.get('/pages/:id/descendants', (c) => descendants(context, c));
    app.put('/pages/:id/title', (c) => updateTitle(context, c));
    return app;
  },
  v1: moveRoutesV1,
};
