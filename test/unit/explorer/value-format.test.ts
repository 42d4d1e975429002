import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import {
  canonicalForCompare,
  describeValueDifference,
  formatForEditing,
  invalidJsonEdit,
  valueFromEdited,
} from '../../../src/core/explorer/value-format';

const synthetic = () => randomBytes(12).toString('base64url');

describe('secret value formatting', () => {
  it('pretty-prints JSON for editing and keeps plain text as is', () => {
    assert.equal(formatForEditing('{"a":1,"b":[1,2]}'), '{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}\n');
    assert.equal(formatForEditing('plain'), 'plain');
    assert.equal(formatForEditing('42'), '42');
  });

  it('stores edited JSON compact again, and plain text exactly', () => {
    const pw = synthetic();
    assert.equal(
      valueFromEdited('{"user":"u","password":"p"}', `{\n  "user": "u",\n  "password": "${pw}"\n}\n`),
      `{"user":"u","password":"${pw}"}`,
    );
    assert.equal(valueFromEdited('plain', 'changed'), 'changed');
    assert.equal(valueFromEdited('{"a":1}', 'not json any more'), 'not json any more');
  });

  it('compares JSON key-sorted at every depth', () => {
    assert.equal(canonicalForCompare('{"b":1,"a":{"d":1,"c":2}}'), canonicalForCompare('{"a":{"c":2,"d":1},"b":1}'));
    assert.equal(canonicalForCompare('{"b":1,"a":2}'), '{\n  "a": 2,\n  "b": 1\n}\n');
    assert.equal(canonicalForCompare('text'), 'text');
  });

  it('summarises differences by key names only, never by values', () => {
    const [a, b, c] = [synthetic(), synthetic(), synthetic()];
    const summary = describeValueDifference(
      JSON.stringify({ user: 'x', password: a, added: c }),
      JSON.stringify({ user: 'x', password: b, gone: c }),
    );
    assert.equal(summary, 'keys added: added; keys removed: gone; keys changed: password.');
    for (const value of [a, b, c]) assert.ok(!summary.includes(value));
    assert.equal(describeValueDifference(a, b), 'The values differ.');
    assert.equal(describeValueDifference(a, a), 'The values are identical.');
    assert.equal(describeValueDifference('{"a":1}', '{ "a": 1 }'), 'Only the JSON formatting differs.');
  });

  it('finds where an edit of a key/value (JSON) secret stops being JSON, naming the problem without the text', () => {
    const pw = synthetic();
    const edited = `{\n  "user": "u"\n  "password": "${pw}"\n}\n`; // a comma missing after "u"
    const invalid = invalidJsonEdit('{"user":"u","password":"p"}', edited);
    assert.ok(invalid);
    assert.equal(invalid.offset, edited.indexOf('"password"'));
    assert.equal(invalid.problem, 'CommaExpected');
    assert.ok(!JSON.stringify(invalid).includes(pw), 'value-free');
    assert.equal(invalidJsonEdit('["a"]', '["a",]')?.problem, 'ValueExpected');
    assert.equal(invalidJsonEdit('{"a":1}', '{"a":2}'), undefined, 'valid JSON');
    assert.equal(invalidJsonEdit('plain', '{ not json'), undefined, 'a plain-text secret takes any text');
    assert.equal(invalidJsonEdit('42', 'forty-two'), undefined, 'a JSON scalar is plain text too');
  });
});
