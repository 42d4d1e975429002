// The one event type (src/core/events.ts): every view-model and provider fires these; src/vscode/events.ts
// adapts them for VS Code's APIs. No vscode.EventEmitter is left in src/.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Emitter } from '../../../src/core/events';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('one event type', () => {
  it('delivers each fired value to the listeners subscribed at that time, in order', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    const first = emitter.event((n) => seen.push(`a${n}`));
    emitter.event((n) => seen.push(`b${n}`));
    emitter.fire(1);
    first.dispose();
    emitter.fire(2);
    emitter.dispose();
    emitter.fire(3);
    assert.deepEqual(seen, ['a1', 'b1', 'b2']);
  });

  it('a listener that unsubscribes another while firing does not skip or break the rest of that round', () => {
    const emitter = new Emitter<void>();
    const seen: string[] = [];
    emitter.event(() => {
      seen.push('a');
      second.dispose();
    });
    const second = emitter.event(() => seen.push('b'));
    emitter.fire();
    emitter.fire();
    assert.deepEqual(seen, ['a', 'b', 'a']);
  });

  it('src/ makes no vscode.EventEmitter and has one adapter to vscode.Event', () => {
    const files = sourceFiles('src').map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    assert.deepEqual(
      files.filter((f) => f.text.includes('vscode.EventEmitter')).map((f) => f.path),
      [],
    );
    assert.deepEqual(
      files.filter((f) => /function toVscodeEvent\b/.test(f.text)).map((f) => f.path),
      [join('src', 'vscode', 'events.ts')],
    );
  });
});
