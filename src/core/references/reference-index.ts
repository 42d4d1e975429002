// The workspace's secret references, kept per file: an edit re-finds that one file's references and leaves
// every other file's entries as they are. Pure (no file system); callers feed it text and re-query, or listen.
import { lookupKeys, sameSecret } from './arn';
import { findReferences } from './finder';
import type { FindOptions, SecretReference } from './types';

const NONE: readonly SecretReference[] = Object.freeze([]);

/** Whether two lists hold the same references (same order, every field equal). */
export function sameReferences(a: readonly SecretReference[], b: readonly SecretReference[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((r, i) => {
    const keys = Object.keys(r) as Array<keyof SecretReference>;
    return keys.length === Object.keys(b[i]).length && keys.every((key) => r[key] === b[i][key]);
  });
}

export type ReferenceIndexListener = (changedPaths: readonly string[]) => void;

export class ReferenceIndex {
  private readonly byPath = new Map<string, readonly SecretReference[]>();
  /** lookup key (a name, or an ARN's name with and without its suffix) → paths holding such a reference */
  private readonly pathsByKey = new Map<string, Set<string>>();
  private readonly listeners = new Set<ReferenceIndexListener>();

  constructor(private options: FindOptions = {}) {}

  /** The env map etc. the next `update`s use (files already indexed keep their references until updated). */
  setOptions(options: FindOptions): void {
    this.options = options;
  }

  /**
   * Re-finds the references of one file (`path` as the caller names files, copied onto each reference). Returns
   * whether they changed; unchanged ones are kept as they were (same objects, no change event).
   */
  update(path: string, text: string): boolean {
    return this.setIfChanged(path, findReferences(text, path, this.options));
  }

  /** `set`, unless the file already has exactly these references. */
  setIfChanged(path: string, references: readonly SecretReference[]): boolean {
    if (sameReferences(this.referencesIn(path), references)) return false;
    this.set(path, references);
    return true;
  }

  /** Stores references found elsewhere (e.g. by indexWorkspace) for one file. */
  set(path: string, references: readonly SecretReference[]): void {
    this.unfile(path);
    if (references.length) {
      this.byPath.set(path, references);
      for (const reference of references) {
        for (const key of lookupKeys(reference.secretId)) {
          let paths = this.pathsByKey.get(key);
          if (!paths) this.pathsByKey.set(key, (paths = new Set()));
          paths.add(path);
        }
      }
    }
    this.emit([path]);
  }

  remove(path: string): boolean {
    const had = this.unfile(path);
    if (had) this.emit([path]);
    return had;
  }

  clear(): void {
    const paths = [...this.byPath.keys()];
    this.byPath.clear();
    this.pathsByKey.clear();
    if (paths.length) this.emit(paths);
  }

  referencesIn(path: string): readonly SecretReference[] {
    return this.byPath.get(path) ?? NONE;
  }

  /** Every reference to the secret `secretId` names: by name, partial ARN or full ARN (suffix tolerated). */
  referencesTo(secretId: string): SecretReference[] {
    const paths = new Set<string>();
    for (const key of lookupKeys(secretId)) for (const path of this.pathsByKey.get(key) ?? []) paths.add(path);
    const found: SecretReference[] = [];
    for (const path of [...paths].sort()) {
      for (const reference of this.referencesIn(path))
        if (sameSecret(secretId, reference.secretId)) found.push(reference);
    }
    return found;
  }

  /** Distinct secret ids as written, sorted. */
  secretIds(): string[] {
    const ids = new Set<string>();
    for (const references of this.byPath.values()) for (const r of references) ids.add(r.secretId);
    return [...ids].sort();
  }

  all(): SecretReference[] {
    return [...this.byPath.keys()].sort().flatMap((path) => this.referencesIn(path));
  }

  /** Paths holding at least one reference. */
  paths(): string[] {
    return [...this.byPath.keys()].sort();
  }

  /** Called after every change with the paths it touched; returns the unsubscribe function. */
  onDidChange(listener: ReferenceIndexListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private unfile(path: string): boolean {
    const old = this.byPath.get(path);
    if (!old) return false;
    this.byPath.delete(path);
    for (const reference of old) {
      for (const key of lookupKeys(reference.secretId)) {
        const paths = this.pathsByKey.get(key);
        paths?.delete(path);
        if (paths?.size === 0) this.pathsByKey.delete(key);
      }
    }
    return true;
  }

  private emit(paths: readonly string[]): void {
    for (const listener of this.listeners) listener(paths);
  }
}
