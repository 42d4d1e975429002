import { strict as assert } from 'node:assert';
import { canonicalJson, diffJsonObjects, diffSecretValues, unifiedTextDiff } from '../../../src/core/diff/index';

describe('secret value diff', () => {
  it('compares JSON key by key, sorted, ignoring key order', () => {
    const diff = diffSecretValues(
      { secretString: '{"b":1,"a":{"y":2,"x":1},"gone":true}' },
      { secretString: '{"a":{"x":1,"y":2},"b":2,"new":"n"}' },
      { from: 'f', to: 't' },
    );
    assert.equal(diff.kind, 'json');
    assert.equal(diff.changed, true);
    assert.equal(diff.text, '- b: 1\n+ b: 2\n- gone: true\n+ new: "n"\n');
  });

  it('reports equal JSON with reordered keys as unchanged', () => {
    const diff = diffSecretValues(
      { secretString: '{"a":1,"b":[1,{"d":1,"c":2}]}' },
      { secretString: '{"b":[1,{"c":2,"d":1}],"a":1}' },
      {
        from: 'f',
        to: 't',
      },
    );
    assert.equal(diff.changed, false);
    assert.equal(diff.text, '');
    assert.equal(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] }), '{"a":[{"c":2,"d":1}],"b":1}');
  });

  it('lists every key with its kind', () => {
    assert.deepEqual(
      diffJsonObjects({ a: 1, b: 2 }, { b: 3, c: 4 }).map((c) => [c.key, c.kind]),
      [
        ['a', 'removed'],
        ['b', 'changed'],
        ['c', 'added'],
      ],
    );
  });

  it('prints a unified diff for text, and nothing for equal text', () => {
    const text = unifiedTextDiff('line1\nline2\nline3\n', 'line1\nLINE2\nline3\n', { from: 'a@v1', to: 'a@v2' });
    assert.match(text, /^--- a@v1\n\+\+\+ a@v2\n@@ -1,3 \+1,3 @@\n line1\n-line2\n\+LINE2\n line3\n$/);
    assert.equal(unifiedTextDiff('same', 'same', { from: 'a', to: 'b' }), '');
    const mixed = diffSecretValues({ secretString: 'plain' }, { secretString: '{"a":1}' }, { from: 'a', to: 'b' });
    assert.equal(mixed.kind, 'text');
  });

  it('compares binary values by bytes without printing them', () => {
    const diff = diffSecretValues(
      { secretBinary: Buffer.from([1, 2]) },
      { secretBinary: Buffer.from([1, 3, 4]) },
      {
        from: 'a',
        to: 'b',
      },
    );
    assert.equal(diff.kind, 'binary');
    assert.equal(diff.changed, true);
    assert.equal(diff.text, 'Binary values differ (2 bytes → 3 bytes).\n');
  });
});
