// One activation sample for activation.bench.ts, in plain Node (no tsx hooks, which would transpile the
// 1 MB bundle on require). Prints wall-clock and CPU milliseconds (CPU time is what the machine's load does not inflate).
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);

const bundlePath = process.argv[2];
const disposable = { dispose() {} };

/**
 * Any part of the API the stand-in does not spell out: callable, constructible, extendable, and every property
 * is another stub. So activation can be timed however the extension grows (the explicit parts below are the
 * ones whose values matter: settings read as defaults, no workspace, no open documents).
 */
function stub(path) {
  return new Proxy(function () {}, {
    get(target, key) {
      if (key === 'dispose') return () => undefined;
      if (key === 'then') return undefined; // not a thenable
      if (key === Symbol.toPrimitive) return () => path;
      if (key === 'prototype') return target.prototype;
      return stub(`${path}.${String(key)}`);
    },
    apply: () => stub(`${path}()`),
    construct: () => stub(`new ${path}`),
  });
}
const withFallback = (path, explicit) =>
  new Proxy(explicit, { get: (t, key) => (key in t ? t[key] : stub(`${path}.${String(key)}`)) });

// The bundle copies the module's own names (esbuild's __toESM), so every name the API declares is an own key:
// the extension type-checks against @types/vscode, so it can use no other.
const apiNames = [
  ...readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8').matchAll(
    /^\s*export (?:class|enum|namespace|const|let|function) (\w+)/gm,
  ),
].map((m) => m[1]);

class EventEmitter {
  event = () => disposable;
  fire() {}
  dispose() {}
}
const memento = () => {
  const values = new Map();
  return {
    get: (k, d) => (values.has(k) ? values.get(k) : d),
    update: async (k, v) => void values.set(k, v),
    keys: () => [...values.keys()],
  };
};
// Just enough of the `vscode` API for activate(): registrations return disposables, settings are defaults.
const vscode = withFallback('vscode', {
  ...Object.fromEntries(apiNames.map((name) => [name, stub(`vscode.${name}`)])),
  EventEmitter,
  Disposable: class {
    static from(...items) {
      return { dispose: () => items.forEach((i) => i.dispose()) };
    }
    constructor(fn) {
      this.fn = fn;
    }
    dispose() {
      this.fn();
    }
  },
  ConfigurationTarget: { Global: 1 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  ProgressLocation: { Notification: 15 },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  window: withFallback('window', {
    createOutputChannel: () => ({ info() {}, warn() {}, error() {}, show() {}, appendLine() {}, dispose() {} }),
    // A TreeView's events and members (onDidChangeSelection, reveal, …) as stubs, so the tree can grow.
    createTreeView: () => stub('treeView'),
  }),
  workspace: withFallback('workspace', {
    getConfiguration: () => ({
      get: (_key, fallback) => fallback,
      update: async () => undefined,
      inspect: () => undefined,
    }),
    workspaceFolders: undefined,
    registerFileSystemProvider: () => disposable,
    registerTextDocumentContentProvider: () => disposable,
    onDidChangeConfiguration: () => disposable,
    textDocuments: [],
  }),
  commands: withFallback('commands', { registerCommand: () => disposable, executeCommand: async () => undefined }),
  env: withFallback('env', { clipboard: { readText: async () => '', writeText: async () => undefined } }),
});
const load = Module._load;
Module._load = (request, ...rest) => (request === 'vscode' ? vscode : load(request, ...rest));
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
let t = performance.now();
let cpu = process.cpuUsage();
const extension = require(bundlePath);
const loadMs = performance.now() - t;
const loadCpuMs = cpuMs(cpu);
const context = withFallback('context', {
  subscriptions: [],
  secrets: { get: async () => undefined, store: async () => undefined, onDidChange: () => disposable },
  globalState: memento(),
  workspaceState: memento(),
  extensionMode: 1,
  logUri: { fsPath: '/tmp' },
  globalStorageUri: { fsPath: '/tmp' },
  storageUri: undefined, // no workspace open, as VS Code gives it then
  extension: { packageJSON: { version: '0.0.0' } },
});
t = performance.now();
cpu = process.cpuUsage();
extension.activate(context);
const activateMs = performance.now() - t;
const activateCpuMs = cpuMs(cpu);
const subscriptions = context.subscriptions.length;
process.stdout.write(`${JSON.stringify({ loadMs, activateMs, loadCpuMs, activateCpuMs, subscriptions })}\n`);
