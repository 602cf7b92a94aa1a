/**
 * Prefixes for export. The BPMN families and the namespaces bpmn-moddle knows keep their usual
 * prefixes (bpmn, bpmndi, dc, di, bioc, color, xsi), Baton's namespace is `baton`, a vendor
 * namespace gets the prefix the source file used when that prefix is free, else `ns0`, `ns1`...
 * Namespaces are matched by URI, never by prefix.
 *
 * Attribute keys across the model are Clark names: `{uri}local` for a namespaced attribute,
 * `local` for one in no namespace.
 */
import type { BpmnModdle } from 'bpmn-moddle';
import { BATON_NS } from '../model';
import { XML_NS, XSI_NS } from './moddle';

export type PrefixTable = {
  /** The prefix to write a namespace with ('' for no namespace). */
  prefixFor(uri: string): string;
  /** `{uri}local` -> `prefix:local`; `local` stays. */
  qualify(clarkKey: string): string;
  /** xmlns declarations the root must carry, as `$attrs` entries (`xmlns:p` -> URI). */
  declarations(): Record<string, string>;
};

export function clarkKey(uri: string | undefined, local: string): string {
  return uri ? `{${uri}}${local}` : local;
}

export function parseClarkKey(key: string): { uri?: string; local: string } {
  const m = /^\{([^}]*)\}(.+)$/.exec(key);
  return m ? { uri: m[1] || undefined, local: m[2] } : { local: key };
}

/**
 * @param preferred prefix -> URI declarations of the source file (`definitions.namespaces`);
 *   all of them are declared again so that a file keeps its vendor prefixes.
 */
export function createPrefixTable(moddle: BpmnModdle, preferred: Record<string, string>): PrefixTable {
  const fixed = new Map<string, string>([[XSI_NS, 'xsi'], [XML_NS, 'xml'], [BATON_NS, 'baton']]);
  for (const pkg of moddle.getPackages()) fixed.set(pkg.uri, pkg.prefix);
  const taken = new Set<string>([...fixed.values(), 'xmlns']);
  const allocated = new Map<string, string>();
  const used = new Set<string>();
  let counter = 0;

  const allocate = (uri: string, wish: string | undefined): string => {
    let prefix = wish && !taken.has(wish) && /^[A-Za-z_][\w.-]*$/.test(wish) ? wish : undefined;
    while (!prefix) {
      const candidate = `ns${counter++}`;
      if (!taken.has(candidate)) prefix = candidate;
    }
    taken.add(prefix);
    allocated.set(uri, prefix);
    return prefix;
  };

  for (const [prefix, uri] of Object.entries(preferred)) {
    if (prefix && uri && !fixed.has(uri) && !allocated.has(uri)) allocate(uri, prefix);
  }

  const prefixFor = (uri: string): string => {
    if (!uri) return '';
    used.add(uri);
    return fixed.get(uri) ?? allocated.get(uri) ?? allocate(uri, undefined);
  };

  return {
    prefixFor,
    qualify(key) {
      const { uri, local } = parseClarkKey(key);
      return uri ? `${prefixFor(uri)}:${local}` : local;
    },
    declarations() {
      const out: Record<string, string> = {};
      for (const [uri, prefix] of allocated) out[`xmlns:${prefix}`] = uri;
      for (const uri of used) {
        const prefix = fixed.get(uri);
        if (prefix && prefix !== 'xml') out[`xmlns:${prefix}`] = uri;
      }
      return out;
    },
  };
}
