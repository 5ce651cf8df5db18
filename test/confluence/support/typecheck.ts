/**
 * Type-checks script snippets against the generated SDK declarations with the TypeScript compiler
 * API, under the in-isolate compiler options of sdk-stubs/tsconfig.json (no Node, no DOM).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const STUBS = new URL('../../../sdk-stubs/', import.meta.url);

function stubsCompilerOptions(): ts.CompilerOptions {
  const configPath = fileURLToPath(new URL('tsconfig.json', STUBS));
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, fileURLToPath(STUBS));
  return { ...parsed.options, noEmit: true };
}

/** Each snippet is a script body (statements, `await`, a final `return`). */
export function typeCheckSnippets(
  snippets: Record<string, string>,
  declarations = readFileSync(new URL('confluence.d.ts', STUBS), 'utf8'),
): Record<string, string[]> {
  const files = new Map<string, string>([
    ['/stubs/confluence.d.ts', declarations],
    ['/stubs/globals.d.ts', readFileSync(new URL('globals.d.ts', STUBS), 'utf8')],
  ]);
  const names = Object.keys(snippets);
  names.forEach((name, index) => {
    files.set(
      `/scripts/snippet-${index}.ts`,
      `export {};\nasync function snippet() {\n${snippets[name]}\n}\nvoid snippet;\n`,
    );
  });
  const options = stubsCompilerOptions();
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => files.get(fileName) ?? readFile(fileName);
  host.fileExists = (fileName) => files.has(fileName) || ts.sys.fileExists(fileName);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language) => {
    const text = files.get(fileName);
    return text === undefined
      ? getSourceFile(fileName, language)
      : ts.createSourceFile(fileName, text, language);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const result: Record<string, string[]> = {};
  names.forEach((name, index) => {
    const file = program.getSourceFile(`/scripts/snippet-${index}.ts`)!;
    result[name] = [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ].map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  });
  const declarationErrors = [
    ...program.getSemanticDiagnostics(program.getSourceFile('/stubs/confluence.d.ts')),
  ].map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  if (declarationErrors.length > 0) result['(confluence.d.ts)'] = declarationErrors;
  return result;
}
