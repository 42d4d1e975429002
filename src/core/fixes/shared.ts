// Pieces every generator uses: the key argument, the call template filling, relative import paths.
import { posix } from 'node:path';
import { fillTemplate, quoteString } from './text';
import type { FixLanguage, FixRequest, FixTarget, FixTemplate } from './types';

export function templateFor(
  request: FixRequest,
  language: FixLanguage,
  defaults: Required<FixTemplate>,
): Required<FixTemplate> {
  const override = request.templates?.[language] ?? {};
  return {
    call: override.call ?? defaults.call,
    import: override.import ?? defaults.import,
    helperPath: override.helperPath ?? defaults.helperPath,
  };
}

/** Placeholder values for one replaced literal. */
export function callValues(secretName: string, target: FixTarget, quote: '"' | "'"): Record<string, string> {
  return {
    secretName,
    jsonKey: target.jsonKey ?? '',
    quote,
    secretNameLiteral: quoteString(secretName, quote),
    keyArg: target.jsonKey === undefined ? '' : `, ${quoteString(target.jsonKey, quote)}`,
  };
}

export function fillCall(template: string, secretName: string, target: FixTarget, quote: '"' | "'"): string {
  return fillTemplate(template, callValues(secretName, target, quote));
}

/** Import specifier from one workspace-relative file to another, always starting with './' or '../'. */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  const relative = posix.relative(posix.dirname(fromFile), toFile);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** First folder of a workspace-relative path ('' at the root), so helpers land beside the code (e.g. src/). */
export function topFolder(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? `${parts[0]}/` : '';
}
