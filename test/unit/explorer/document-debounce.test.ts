import { strict as assert } from 'node:assert';
import { PerDocumentDebounce } from '../../../src/vscode/document-debounce';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PerDocumentDebounce', () => {
  it('runs once per document after the last change, keeps documents apart, and cancel/dispose drop pending runs', async () => {
    const debounce = new PerDocumentDebounce();
    const runs: string[] = [];
    debounce.schedule('a', 20, () => runs.push('a1'));
    debounce.schedule('a', 20, () => runs.push('a2')); // replaces a1
    debounce.schedule('b', 20, () => runs.push('b'));
    debounce.schedule('c', 20, () => runs.push('c'));
    debounce.cancel('c');
    await tick(60);
    assert.deepEqual(runs.sort(), ['a2', 'b']);
    debounce.schedule('a', 20, () => runs.push('a3'));
    debounce.dispose();
    await tick(60);
    assert.deepEqual(runs.sort(), ['a2', 'b']);
  });
});
