/**
 * Built-ins the runtime uses, captured when the runtime is evaluated: before any user code runs,
 * so a script that replaces `JSON.stringify` or `WeakMap.prototype.get` cannot change how the
 * runtime talks to the host or reports errors.
 */
const uncurry = <T, A extends unknown[], R>(method: (this: T, ...args: A) => R) =>
  Function.prototype.call.bind(method) as unknown as (self: T, ...args: A) => R;

export const stringify = JSON.stringify;
export const parse = JSON.parse;
export const freeze = Object.freeze;
export const isFrozen = Object.isFrozen;
export const defineProperty = Object.defineProperty;
export const getOwnPropertyNames = Object.getOwnPropertyNames;
export const objectKeys = Object.keys;
export const hasOwn = Object.hasOwn;
export const createObject = Object.create;
export const isArray = Array.isArray;
export const arrayFrom = Array.from;
export const isView = ArrayBuffer.isView;
export const ErrorConstructor = Error;
export const TypeErrorConstructor = TypeError;
export const StringConstructor = String;
export const NumberConstructor = Number;
export const isFinite = Number.isFinite;
export const dateNow = Date.now;
export const WeakMapConstructor = WeakMap;
export const weakMapGet = uncurry(WeakMap.prototype.get);
export const weakMapSet = uncurry(WeakMap.prototype.set);
export const weakMapHas = uncurry(WeakMap.prototype.has);
export const stringSlice = uncurry(String.prototype.slice);
export const arrayPush = uncurry(Array.prototype.push);
export const arrayPop = uncurry(Array.prototype.pop);
export const arrayIncludes = uncurry(Array.prototype.includes);
export const arrayJoin = uncurry(Array.prototype.join);
export const arrayMap = uncurry(Array.prototype.map) as <T, U>(
  self: readonly T[],
  mapper: (value: T) => U,
) => U[];
export const mapEntries = uncurry(Map.prototype.entries);
export const errorIsError = (value: unknown): value is Error =>
  // Error.isError would see through realms, but V8 13.6 lacks it: fall back to the prototype chain.
  value instanceof ErrorConstructor;
export const MapConstructor = Map;
export const SetConstructor = Set;
export const WeakSetConstructor = WeakSet;
export const PromiseConstructor = Promise;
export const RegExpConstructor = RegExp;
export const ArrayBufferConstructor = ArrayBuffer;
export const DataViewConstructor = DataView;
