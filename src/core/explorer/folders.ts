// Groups secret names into folders by `/`, as the explorer shows them. Editor-independent.

export interface FolderGroup<T> {
  /** Child folder names (one path segment each), sorted. */
  folders: string[];
  /** Items directly at this level, in input order. */
  items: T[];
}

/**
 * The direct children of folder `prefix` ('' = root, otherwise ending in '/').
 * A name such as `/a` or `a//b` keeps its empty segments out of folders: it is shown as an item.
 */
export function groupByFolder<T>(items: readonly T[], nameOf: (item: T) => string, prefix = ''): FolderGroup<T> {
  const folders = new Set<string>();
  const direct: T[] = [];
  for (const item of items) {
    const name = nameOf(item);
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash > 0 && slash < rest.length - 1) folders.add(rest.slice(0, slash));
    else direct.push(item);
  }
  return { folders: [...folders].sort((a, b) => a.localeCompare(b)), items: direct };
}

/** How many items live under folder `prefix` at any depth. */
export function countUnder<T>(items: readonly T[], nameOf: (item: T) => string, prefix: string): number {
  return items.reduce((n, item) => (nameOf(item).startsWith(prefix) ? n + 1 : n), 0);
}

/** The folder prefixes (each ending with '/') that `groupByFolder` nests `name` under, outermost first. */
export function folderChain(name: string): string[] {
  const prefixes: string[] = [];
  let prefix = '';
  for (;;) {
    const rest = name.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (!(slash > 0 && slash < rest.length - 1)) return prefixes;
    prefix += rest.slice(0, slash + 1);
    prefixes.push(prefix);
  }
}
