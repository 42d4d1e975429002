// The workspace's secret reference index for the editor's providers (CodeLens, hover, completion, diagnostics,
// find references, rename). Built on first use from every workspace folder on disk with the core's
// indexWorkspace (the engine offline "prepare" uses), then kept current: an edited document re-indexes that
// file only, from its unsaved text; files created, changed on disk, deleted or renamed through the watcher.
// References are filed by absolute file-system path (`vscode.Uri.file(reference.path)`).
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative as relativePath, sep } from 'node:path';
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { CONFIG_FILE_NAME } from '../../core/detection/config';
import {
  findReferences,
  indexWorkspace,
  isReferencePath,
  MAX_REFERENCE_FILE_BYTES,
  projectEnvMap,
  ReferenceIndex,
  type FindOptions,
  type SecretReference,
} from '../../core/references/index';
import { filesExcludeGlobs, filesExcludeMatcher } from './files-exclude';

/** The project config holds the env map: a change to it changes every file's env reads. */
const isConfig = (uri: vscode.Uri) => uri.fsPath.endsWith(`${sep}${CONFIG_FILE_NAME}`);

export interface WorkspaceReferenceIndexOptions {
  log?(message: string): void;
  logError?(operation: string, error: unknown): void;
  /** Files indexed at most per folder (default 20,000). */
  maxFiles?: number;
}

interface FolderState {
  folder: vscode.WorkspaceFolder;
  find: FindOptions;
  excluded(relative: string): boolean;
}

export class WorkspaceReferenceIndex implements vscode.Disposable {
  private readonly index = new ReferenceIndex();
  private readonly changed = new Emitter<readonly vscode.Uri[]>();
  /** Fires with the files whose references changed (all indexed files after a rebuild). */
  readonly onDidChange = this.changed.event;
  private building: Promise<ReferenceIndex> | undefined;
  private folders: FolderState[] = [];
  private listening: vscode.Disposable[] = [];
  /** Find options of folders asked about before the index was built (the env map read once). */
  private readonly unbuiltOptions = new Map<string, FindOptions>();
  /** Bumped by every rebuild, so a superseded build stops and its late reads are dropped. */
  private generation = 0;

  constructor(private readonly options: WorkspaceReferenceIndexOptions = {}) {}

  /** The index, built on first call (later calls get it at once, kept current). */
  ready(): Promise<ReferenceIndex> {
    if (!this.building) {
      this.listen();
      this.building = this.build(++this.generation);
    }
    return this.building;
  }

  /** The index as it is now, without waiting (empty before the first ready()). */
  get current(): ReferenceIndex {
    return this.index;
  }

  /**
   * The find options (the env map, the Secrets Manager stores) of the folder holding `uri`: what single-file
   * callers pass to findReferences so env reads count there too. {} outside every folder.
   */
  findOptionsFor(uri: vscode.Uri): FindOptions {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || folder.uri.scheme !== 'file') return {};
    const built = this.folders.find((state) => state.folder.uri.toString() === folder.uri.toString());
    if (built) return built.find;
    let options = this.unbuiltOptions.get(folder.uri.toString());
    if (!options)
      this.unbuiltOptions.set(folder.uri.toString(), (options = { envMap: projectEnvMap(folder.uri.fsPath) }));
    return options;
  }

  /** A document's references from its current text, with its folder's find options (no index needed). */
  referencesInDocument(document: vscode.TextDocument): SecretReference[] {
    const path = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
    return findReferences(document.getText(), path, this.findOptionsFor(document.uri));
  }

  /** Drops everything and indexes again (the env map, files.exclude or the folders changed). */
  rebuild(): Promise<ReferenceIndex> {
    if (!this.building) return this.ready();
    this.building = this.build(++this.generation);
    return this.building;
  }

  dispose(): void {
    this.generation++;
    for (const d of this.listening) d.dispose();
    this.listening = [];
    this.changed.dispose();
  }

  private async build(generation: number): Promise<ReferenceIndex> {
    const started = performance.now();
    this.unbuiltOptions.clear();
    this.folders = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((folder) => ({
        folder,
        find: { envMap: projectEnvMap(folder.uri.fsPath) },
        excluded: filesExcludeMatcher(folder.uri),
      }));
    const staging = new ReferenceIndex();
    let files = 0;
    for (const state of this.folders) {
      const result = await indexWorkspace(state.folder.uri.fsPath, {
        ...state.find,
        index: staging,
        exclude: filesExcludeGlobs(state.folder.uri),
        maxFiles: this.options.maxFiles,
        isCancelled: () => generation !== this.generation,
      });
      files += result.filesIndexed;
      // later single-file updates resolve ExternalSecrets against the stores the whole folder defines
      state.find = { ...state.find, secretsManagerStores: result.secretsManagerStores };
      if (result.truncated) this.options.log?.(`Secret references: ${state.folder.name} has more files than indexed.`);
    }
    if (generation !== this.generation) return this.building ?? this.ready();
    // files whose references did not change keep their entries (and fire nothing)
    const touched = new Set<string>();
    const found = new Set(staging.paths());
    for (const path of this.index.paths()) if (!found.has(path) && this.index.remove(path)) touched.add(path);
    for (const path of staging.paths())
      if (this.index.setIfChanged(path, staging.referencesIn(path))) touched.add(path);
    // open documents may hold unsaved edits the disk does not have yet
    for (const document of vscode.workspace.textDocuments)
      if (this.updateDocument(document, false)) touched.add(document.uri.fsPath);
    this.options.log?.(
      `Secret references: ${this.index.all().length} in ${this.index.paths().length} of ${files} files, indexed in ${Math.round(performance.now() - started)} ms.`,
    );
    if (touched.size) this.changed.fire([...touched].map((path) => vscode.Uri.file(path)));
    return this.index;
  }

  private listen(): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const rebuildSoon = () => void this.rebuild().catch((e) => this.options.logError?.('index secret references', e));
    this.listening.push(
      watcher,
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length) this.updateDocument(event.document, true);
      }),
      // an unsaved edit discarded by closing: the file on disk is the truth again
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.isDirty) void this.updateFromDisk(document.uri);
      }),
      watcher.onDidCreate((uri) => (isConfig(uri) ? rebuildSoon() : void this.updateFromDisk(uri))),
      watcher.onDidChange((uri) => (isConfig(uri) ? rebuildSoon() : void this.updateFromDisk(uri))),
      watcher.onDidDelete((uri) => (isConfig(uri) ? rebuildSoon() : this.removeTree(uri.fsPath))),
      vscode.workspace.onDidRenameFiles((event) => {
        for (const { oldUri, newUri } of event.files) {
          this.removeTree(oldUri.fsPath);
          void this.updateFromDisk(newUri);
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(rebuildSoon),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('files.exclude')) rebuildSoon();
      }),
    );
  }

  /** Re-indexes one open document from its (possibly unsaved) text; true when its references changed. */
  private updateDocument(document: vscode.TextDocument, fire: boolean): boolean {
    if (document.uri.scheme !== 'file') return false;
    const state = this.stateOf(document.uri.fsPath);
    const text = document.getText();
    if (!state || text.length > MAX_REFERENCE_FILE_BYTES) return false;
    const path = document.uri.fsPath;
    const changed = this.index.setIfChanged(path, findReferences(text, path, state.find));
    if (changed && fire) this.changed.fire([document.uri]);
    return changed;
  }

  private async updateFromDisk(uri: vscode.Uri): Promise<void> {
    if (uri.scheme !== 'file' || !this.building) return;
    const open = this.openDocument(uri);
    if (open && open.isDirty) {
      this.updateDocument(open, true);
      return;
    }
    const state = this.stateOf(uri.fsPath);
    if (!state) return;
    const generation = this.generation;
    let text: string;
    try {
      text = await readFile(uri.fsPath, 'utf8');
    } catch {
      return; // a folder, or gone again: the delete event (if any) removes it
    }
    if (generation !== this.generation || text.length > MAX_REFERENCE_FILE_BYTES || text.includes('\0')) return;
    if (this.index.setIfChanged(uri.fsPath, findReferences(text, uri.fsPath, state.find))) this.changed.fire([uri]);
  }

  /** Drops a deleted file, or everything below a deleted folder. */
  private removeTree(path: string): void {
    const below = path + sep;
    const removed = this.index.paths().filter((p) => p === path || p.startsWith(below));
    for (const p of removed) this.index.remove(p);
    if (removed.length) this.changed.fire(removed.map((p) => vscode.Uri.file(p)));
  }

  /** The folder state of an indexable file, or undefined (outside every folder, excluded, another type). */
  private stateOf(path: string): FolderState | undefined {
    for (const state of this.folders) {
      const rel = relativePath(state.folder.uri.fsPath, path);
      if (!rel || rel.startsWith('..') || isAbsolute(rel)) continue;
      const posix = rel.split(sep).join('/');
      return isReferencePath(posix) && !state.excluded(posix) ? state : undefined;
    }
    return undefined;
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  }
}
