/**
 * What `confluence-workbench init` writes besides the declarations: a tsconfig that checks
 * scripts the way the sandbox does (no Node, no DOM: the isolate has neither), a script in the
 * module form, and a job script of the form in DESIGN.md "Jobs: the contract". The module form is
 * the one an editor can check as a file: statements with top-level `await` and a final `return`
 * are legal only inside the sandbox's wrapper.
 */

export const DECLARATIONS_FILE = 'confluence.d.ts';

export const TSCONFIG = `{
  // Checks scripts for confluence-workbench as its sandbox does: ECMAScript only (no Node, no
  // DOM, no imports) plus the globals declared in ${DECLARATIONS_FILE}. Refresh that file after
  // an upgrade: confluence-workbench types > ${DECLARATIONS_FILE}
  "compilerOptions": {
    "target": "esnext",
    "lib": ["esnext"],
    "types": [],
    "module": "esnext",
    "moduleResolution": "bundler",
    "moduleDetection": "force",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true
  },
  "include": ["**/*.ts"]
}
`;

export const EXAMPLE_SCRIPT = `/**
 * A script in the module form. Run it against the configured site (or the embedded emulator):
 *   confluence-workbench run example.ts --params '{"space":"ENG"}'
 * The default export receives \`params\`; what it returns comes back as the result.
 */
interface Params {
  /** The key of the space to report on. */
  space?: string;
}

export default async function (params: Params = {}) {
  const space = params.space ?? 'ENG';
  const pages = await confluence.pages.list.all({ spaceId: space }, { max: 100 });
  progress(1, 2, \`\${pages.results.length} pages in \${space}\`);
  const labelled: { title: string; labels: string[] }[] = [];
  for (const page of pages.results.slice(0, 10)) {
    const labels = await confluence.pages.labels(page.id);
    if (labels.results.length > 0)
      labelled.push({ title: page.title, labels: labels.results.map((label) => label.name) });
  }
  progress(2, 2);
  console.log(\`read \${pages.results.length} pages\`);
  return { space, pages: pages.results.length, truncated: pages.truncated, labelled };
}
`;

export const JOB_SCRIPT = `/**
 * A job script: one default export run once per item, with the same SDK, limits and policy as a
 * script. \`items()\` says where the items come from (or pass them with --items FILE.jsonl).
 *   confluence-workbench job start relabel.job.ts --params '{"from":"draft","to":"reviewed"}'
 */
interface Params {
  from: string;
  to: string;
}

interface Item {
  id: string;
  title: string;
}

export async function* items(params: Params): AsyncGenerator<Item> {
  for await (const hit of confluence.search.cql.iterate(\`label = "\${params.from}" and type = page\`))
    if (hit.content) yield { id: hit.content.id, title: hit.title };
}

export default async function (item: Item, params: Params) {
  await confluence.labels.remove(item.id, params.from);
  await confluence.labels.add(item.id, params.to);
  return { id: item.id };
}
`;
