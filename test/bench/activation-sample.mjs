// One activation sample for activation.bench.ts, in plain Node (no tsx hooks, which would transpile the
// 1 MB bundle on require). Prints wall-clock and CPU milliseconds (CPU time is what the machine's load does not inflate).
import Module, { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);

const bundlePath = process.argv[2];
const disposable = { dispose() {} };
class EventEmitter {
  event = () => disposable;
  fire() {}
  dispose() {}
}
// Just enough of the `vscode` API for activate(): registrations return disposables, settings are defaults.
const vscode = {
  EventEmitter,
  Disposable: class {
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
  window: {
    createOutputChannel: () => ({ info() {}, warn() {}, error() {}, show() {}, dispose() {} }),
    createTreeView: () => disposable,
  },
  workspace: {
    getConfiguration: () => ({ get: () => undefined, update: async () => undefined }),
    workspaceFolders: undefined,
    registerFileSystemProvider: () => disposable,
    registerTextDocumentContentProvider: () => disposable,
    onDidChangeConfiguration: () => disposable,
    textDocuments: [],
  },
  commands: { registerCommand: () => disposable, executeCommand: async () => undefined },
  env: { clipboard: { readText: async () => '', writeText: async () => undefined } },
};
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
const context = {
  subscriptions: [],
  secrets: { get: async () => undefined, store: async () => undefined, onDidChange: () => disposable },
  extensionMode: 1,
  logUri: { fsPath: '/tmp' },
  extension: { packageJSON: { version: '0.0.0' } },
};
t = performance.now();
cpu = process.cpuUsage();
extension.activate(context);
const activateMs = performance.now() - t;
const activateCpuMs = cpuMs(cpu);
process.stdout.write(`${JSON.stringify({ loadMs, activateMs, loadCpuMs, activateCpuMs })}\n`);
