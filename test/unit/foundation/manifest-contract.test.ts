// Manifest contract (issue 17): every contribution in package.json has code behind it, and the reverse.
// The registered-command half runs in the real VS Code (test/integration/suite/activation.test.ts).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface MenuEntry {
  command: string;
  when?: string;
}
interface Contributes {
  commands: { command: string }[];
  menus: Record<string, MenuEntry[]>;
  keybindings?: MenuEntry[];
  views: Record<string, { id: string }[]>;
  viewsWelcome?: { view: string; contents: string; when?: string }[];
  configuration: { properties: Record<string, unknown> };
}

const contributes = (JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: Contributes }).contributes;
const prefix = 'secretsWorkbench.';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}
const sources = sourceFiles('src').map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const quoted = (text: string) => sources.some((file) => file.text.includes(`'${text}'`));

const contributed = new Set(contributes.commands.map((entry) => entry.command));
const menuEntries = Object.entries(contributes.menus).flatMap(([menu, entries]) =>
  entries.map((entry) => ({ menu, ...entry })),
);
const whenClauses = [
  ...menuEntries.map((entry) => entry.when),
  ...(contributes.keybindings ?? []).map((entry) => entry.when),
  ...(contributes.viewsWelcome ?? []).map((entry) => entry.when),
].filter((when): when is string => Boolean(when));

describe('package.json contract with the code', () => {
  it('menus and keybindings name only contributed commands', () => {
    const unknown = [...menuEntries, ...(contributes.keybindings ?? [])]
      .map((entry) => entry.command)
      .filter((command) => !contributed.has(command));
    assert.deepEqual(unknown, []);
  });

  it('every contributed command id is defined in the source', () => {
    const missing = [...contributed].filter((command) => !quoted(command));
    assert.deepEqual(missing, []);
  });

  it('every command id the source defines is contributed (palette-hidden ones included)', () => {
    const defined = new Set<string>();
    // runner.ts is the wrapper that forwards an id; its own call names no command.
    for (const { text } of sources.filter((file) => !file.path.endsWith('runner.ts'))) {
      for (const match of text.matchAll(/registerCommand\(\s*(?:services,\s*)?([\w.]+)\s*,/g)) defined.add(match[1]);
    }
    // Resolve `Commands.x` style references through the constants they name.
    const constants = new Map<string, string>();
    for (const { text } of sources) {
      for (const block of text.matchAll(/export const (\w+) = \{([^}]*)\}/g)) {
        for (const entry of block[2].matchAll(/(\w+): '([^']+)'/g)) constants.set(`${block[1]}.${entry[1]}`, entry[2]);
      }
    }
    const ids = [...defined].map((ref) => constants.get(ref) ?? ref.replace(/^'|'$/g, ''));
    assert.ok(
      ids.length >= 30,
      `found only ${ids.length} registerCommand calls: the pattern no longer matches the code`,
    );
    const unresolved = ids.filter((id) => !id.startsWith(prefix));
    assert.deepEqual(unresolved, [], 'registerCommand calls whose id could not be resolved statically');
    assert.deepEqual(
      ids.filter((id) => !contributed.has(id)),
      [],
    );
  });

  it('every contributed setting is read by the source', () => {
    const unread = Object.keys(contributes.configuration.properties)
      .map((key) => key.slice(prefix.length))
      .filter((key) => !quoted(key));
    assert.deepEqual(unread, []);
  });

  it('every contributed view is created by the source', () => {
    const views = Object.values(contributes.views).flatMap((list) => list.map((view) => view.id));
    assert.ok(views.length > 0);
    assert.deepEqual(
      views.filter((id) => !quoted(id)),
      [],
    );
    for (const welcome of contributes.viewsWelcome ?? []) assert.ok(views.includes(welcome.view), welcome.view);
  });

  it('every context key a when clause reads is set by the source', () => {
    const keys = new Set<string>();
    for (const when of whenClauses) {
      for (const match of when.matchAll(/(?<![\w:.])(secretsWorkbench\.[\w.]+)/g)) keys.add(match[1]);
    }
    const views = new Set(Object.values(contributes.views).flatMap((list) => list.map((view) => view.id)));
    const unset = [...keys].filter((key) => !views.has(key) && !quoted(key));
    assert.deepEqual(unset, []);
  });

  it('every tree item kind and flag a viewItem clause tests is emitted by the tree', () => {
    const constants = sources.find((file) => file.path.endsWith(join('vscode', 'constants.ts')))?.text ?? '';
    const treeDirs = [join('vscode', 'tree'), join('vscode', 'history')];
    const tree = sources.filter((file) => treeDirs.some((dir) => file.path.includes(dir))).map((file) => file.text);
    // the kind union, on one line or (formatted) over several
    const kindUnion = /of\(\s*kind:([^)]*?),\s*\.\.\.flags/.exec(constants)?.[1] ?? '';
    assert.match(kindUnion, /'connection'/, 'ContextValue.of(kind: …) found in constants.ts');
    for (const when of whenClauses) {
      for (const match of when.matchAll(/viewItem =~ \/([^/]+)\//g)) {
        const pattern = match[1];
        for (const kinds of pattern.matchAll(/secretsWorkbench:\(?([\w|]+)\)?/g)) {
          for (const kind of kinds[1].split('|')) assert.ok(kindUnion.includes(`'${kind}'`), `kind ${kind} in ${when}`);
        }
        for (const flag of pattern.matchAll(/\\\+(\w+)/g)) {
          assert.ok(
            tree.some((text) => text.includes(`'${flag[1]}'`)),
            `flag +${flag[1]} in "${when}" is never emitted under src/vscode/tree or src/vscode/history`,
          );
        }
      }
    }
  });
});
