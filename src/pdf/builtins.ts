/**
 * pdf.js's legacy build carries core-js polyfills that replace some of the engine's own builtins process-wide
 * on Node 20 (V8 11): Array.prototype.push by a JavaScript loop (V8 before 12.2 lets push write past a frozen
 * length), JSON.parse and JSON.stringify by wrappers. Every `push` in yujue then runs that loop: the largest
 * single item in a profile of drawing pages (issue 15). This module is imported before pdf.js (each module
 * that imports pdf.js imports this one first, and ES modules run in import order), keeps the builtins as they
 * were, and `restoreBuiltins()` puts back any that pdf.js replaced. The polyfills that only add what Node 20
 * lacks (Promise.withResolvers, Map.prototype.getOrInsertComputed, ...) stay: pdf.js needs them.
 */

type Holder = Record<string, unknown>;

const HOLDERS: [string, Holder][] = [
  ["Array.prototype", Array.prototype as unknown as Holder],
  ["JSON", JSON as unknown as Holder],
  ["Object", Object as unknown as Holder],
  ["Promise", Promise as unknown as Holder],
  ["Map.prototype", Map.prototype as unknown as Holder],
  ["Set.prototype", Set.prototype as unknown as Holder],
  ["String.prototype", String.prototype as unknown as Holder],
  ["Uint8Array.prototype", Uint8Array.prototype as unknown as Holder],
];

/** The builtins as the engine made them, taken when this module first runs (before pdf.js). */
const original = HOLDERS.map(([name, holder]) => ({ name, holder, functions: functionsOf(holder) }));

function functionsOf(holder: Holder): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const key of Object.getOwnPropertyNames(holder)) {
    const d = Object.getOwnPropertyDescriptor(holder, key);
    if (d && typeof d.value === "function") found.set(key, d.value);
  }
  return found;
}

/** Puts back every builtin function replaced since this module ran; returns their names (for the test). */
export function restoreBuiltins(): string[] {
  const restored: string[] = [];
  for (const { name, holder, functions } of original) {
    for (const [key, fn] of functions) {
      const d = Object.getOwnPropertyDescriptor(holder, key);
      if (!d || d.value === fn) continue;
      Object.defineProperty(holder, key, { ...d, value: fn });
      restored.push(`${name}.${key}`);
    }
  }
  return restored;
}
