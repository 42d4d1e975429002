// The human table of `secrets list`: columns padded to their widest cell, at any number of rows.
import { strict as assert } from 'node:assert';
import { table } from '../../../src/cli/secrets/subcommands';

describe('secrets list table', () => {
  it('pads each column but the last to its widest cell', () => {
    const text = table([
      ['NAME', 'LAST CHANGED', 'DESCRIPTION'],
      ['a', '2026-01-01T00:00:00Z', 'x'],
      ['longer/name', '-', ''],
    ]);
    assert.equal(
      text,
      'NAME         LAST CHANGED          DESCRIPTION\n' +
        'a            2026-01-01T00:00:00Z  x\n' +
        'longer/name  -                     \n',
    );
  });

  it('lays out 150,000 rows (more than a spread into Math.max takes) with the widest name setting the width', () => {
    const rows = [['NAME', 'DESCRIPTION']];
    for (let i = 0; i < 150_000; i++) rows.push([`svc/${i}`, 'd']);
    const lines = table(rows).split('\n');
    assert.equal(lines.length, 150_002);
    assert.equal(lines[1], `svc/0${' '.repeat('svc/149999'.length - 'svc/0'.length)}  d`);
  });
});
