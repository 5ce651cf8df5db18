/**
 * The v1 `expand` parameter as a tree: `body.storage,history.lastUpdated,space` →
 * `{ body: { storage }, history: { lastUpdated }, space }`. On /search the paths are relative to
 * the search result (`content.body.storage`, `space.description`); on /content/search to the
 * content. Unknown expansions are ignored, as Confluence ignores them.
 */

export type ExpandTree = ReadonlyMap<string, ExpandTree>;

const EMPTY: ExpandTree = new Map();

/** @example expandTree(['body.storage', 'space']).get('body')?.has('storage') // true */
export function expandTree(items: readonly string[]): ExpandTree {
  const root = new Map<string, Map<string, never>>();
  for (const item of items) {
    let node: Map<string, unknown> = root;
    for (const key of item.split('.').filter((part) => part !== '')) {
      let child = node.get(key) as Map<string, unknown> | undefined;
      if (!child) {
        child = new Map();
        node.set(key, child);
      }
      node = child;
    }
  }
  return root as unknown as ExpandTree;
}

/**
 * The subtree under `key` (empty when not expanded).
 * @example subtree(expandTree(['history.lastUpdated']), 'history').has('lastUpdated') // true
 */
export function subtree(tree: ExpandTree, key: string): ExpandTree {
  return tree.get(key) ?? EMPTY;
}
