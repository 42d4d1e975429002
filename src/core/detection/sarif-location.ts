// A SARIF physical location: a file relative to the scan root and a 1-based region (shared by every result kind).
import type { Range } from './finding';

export function sarifLocation(path: string, range: Range) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(path), uriBaseId: '%SRCROOT%' },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      },
    },
  };
}
