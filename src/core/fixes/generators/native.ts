// Go, Java and C#: the literal becomes a call of a small helper (generated once per package/folder, in the
// package of the fixed file) that reads the secret with the official AWS SDK and caches it for one hour.
import { posix } from 'node:path';
import { goHelper, javaHelper, csharpHelper } from '../native-helpers';
import { literalSpan } from '../literal';
import { fillCall, templateFor } from '../shared';
import { lineEnd, lineStart } from '../text';
import type { FileToCreate, FixLanguage, FixPlan, FixRequest, TextEdit } from '../types';

type NativeLanguage = Extract<FixLanguage, 'go' | 'java' | 'csharp'>;

const DEFAULT_CALLS: Record<NativeLanguage, string> = {
  go: 'getSecret({{secretNameLiteral}}, {{jsonKeyLiteral}})',
  java: 'SecretsHelper.getSecret({{secretNameLiteral}}{{keyArg}})',
  csharp: 'SecretsHelper.GetSecret({{secretNameLiteral}}{{keyArg}})',
};

const HELPER_FILE: Record<NativeLanguage, string> = {
  go: 'secrets_helper.go',
  java: 'SecretsHelper.java',
  csharp: 'SecretsHelper.cs',
};

/** `const` cannot hold a call's result: turn the declaration into a variable on the literal's line. */
export function constEdit(language: NativeLanguage, text: string, literalStart: number): TextEdit | undefined {
  const start = lineStart(text, literalStart);
  const line = text.slice(start, lineEnd(text, literalStart));
  if (language === 'go') {
    const single = /^(\s*)const(\s)/.exec(line);
    if (single) return { start: start + single[1].length, end: start + single[1].length + 5, newText: 'var' };
    // Inside a `const ( … )` block: turn the block into `var ( … )`.
    const blockStart = text.lastIndexOf('const (', start);
    if (blockStart >= 0 && !text.slice(blockStart, start).includes(')'))
      return { start: blockStart, end: blockStart + 5, newText: 'var' };
    return undefined;
  }
  if (language === 'csharp') {
    const match = /\bconst(\s+string\b)/.exec(line);
    if (match) return { start: start + match.index, end: start + match.index + 5, newText: 'static readonly' };
  }
  return undefined;
}

function namespaceOf(language: NativeLanguage, text: string): string | undefined {
  const pattern =
    language === 'go'
      ? /^package\s+(\w+)/m
      : language === 'java'
        ? /^\s*package\s+([\w.]+)\s*;/m
        : /^\s*namespace\s+([\w.]+)/m;
  return pattern.exec(text)?.[1];
}

export function planNativeFix(request: FixRequest, language: NativeLanguage): FixPlan {
  const text = request.text;
  const template = templateFor(request, language, {
    call: DEFAULT_CALLS[language],
    import: '',
    helperPath: posix.join(posix.dirname(request.path), HELPER_FILE[language]),
  });
  const edits: TextEdit[] = [];
  const seenConst = new Set<number>();
  for (const target of request.targets) {
    const span = literalSpan(text, target.finding, language);
    const call = fillCall(template.call, request.secretName, target, '"', language);
    edits.push({ start: span.start, end: span.end, newText: call });
    const edit = constEdit(language, text, span.start);
    if (edit && !seenConst.has(edit.start)) {
      seenConst.add(edit.start);
      edits.push(edit);
    }
  }
  const createFiles: FileToCreate[] = [];
  if (!request.helperExists && template.helperPath) {
    const namespace = namespaceOf(language, text);
    const content =
      language === 'go'
        ? goHelper(namespace ?? 'main')
        : language === 'java'
          ? javaHelper(namespace)
          : csharpHelper(namespace);
    createFiles.push({ path: template.helperPath, content });
  }
  const dependency = {
    go: 'go get github.com/aws/aws-sdk-go-v2/config github.com/aws/aws-sdk-go-v2/service/secretsmanager',
    java: 'the Maven artefact software.amazon.awssdk:secretsmanager (Gradle: implementation("software.amazon.awssdk:secretsmanager"))',
    csharp: 'dotnet add package AWSSDK.SecretsManager',
  }[language];
  return { language, mode: 'fetch', edits, createFiles, notes: [], dependency, changesFile: true };
}
