/**
 * Builds the `confluence` global from the generated operation table: one method per operation,
 * placed at its dotted name, `.all()`/`.iterate()` on paged ones, and the hand-written helpers.
 */
import { toInput } from './arguments.ts';
import { createIsError } from './errors.ts';
import { createPageEdit } from './page-edit.ts';
import { pagedMembers } from './paging.ts';
import type { HostCall, OperationStub, PreludeHelpers, SdkMethod, SdkNamespace } from './types.ts';

function place(root: SdkNamespace, name: string, method: SdkMethod): void {
  const path = name.split('.');
  let node = root;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment] ?? {};
    if (typeof next === 'function') throw new Error(`SDK prelude: ${name} clashes with ${segment}`);
    node[segment] = next;
    node = next;
  }
  node[path.at(-1)!] = method;
}

function methodFor(call: HostCall, stub: OperationStub): SdkMethod {
  const method: SdkMethod = (...args) => {
    try {
      return call(stub.name, toInput(stub, args));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  Object.defineProperty(method, 'name', { value: stub.name });
  return stub.paged ? Object.assign(method, pagedMembers(call, stub)) : method;
}

export function createConfluence(
  call: HostCall,
  helpers: PreludeHelpers,
  stubs: readonly OperationStub[],
): SdkNamespace {
  const root: SdkNamespace = {};
  for (const stub of stubs) place(root, stub.name, methodFor(call, stub));
  const pages = root['pages'] as SdkNamespace & { get: SdkMethod; update: SdkMethod };
  place(root, 'pages.edit', createPageEdit(pages) as SdkMethod);
  root['isError'] = createIsError(helpers) as unknown as SdkMethod;
  return root;
}
