/**
 * Decides whether a type error is a misuse of the declared host API (an unknown member of an API
 * namespace such as `confluence.pages`, or wrong arguments to one of its functions: the run fails
 * in `typecheck`), or anything else (a warning), and writes the "did you mean" hint.
 */
import ts from 'typescript';

export interface ClassifyContext {
  checker: ts.TypeChecker;
  sourceFile: ts.SourceFile;
  checkedGlobals: ReadonlySet<string>;
  /** Types of the checked globals and of their namespace-like properties (`confluence.pages`). */
  apiTypes: () => ReadonlySet<ts.Type>;
  surfaceFile: string;
}

export interface Classification {
  checked: boolean;
  hint?: string;
}

const MAX_API_DEPTH = 4;
/** "Property 'x' does not exist on type 'Y'" (2339) and its "Did you mean" variant (2551). */
const UNKNOWN_MEMBER_CODES = new Set([2339, 2551]);
const MAX_LISTED_MEMBERS = 30;

/** The API namespaces reachable from the checked globals through non-callable properties. */
export function collectApiTypes(
  checker: ts.TypeChecker,
  surface: ts.SourceFile | undefined,
  names: readonly string[],
): Set<ts.Type> {
  const types = new Set<ts.Type>();
  if (!surface) return types;
  const wanted = new Set(names);
  const visit = (type: ts.Type, depth: number) => {
    if (types.has(type) || depth > MAX_API_DEPTH) return;
    if (!(type.flags & ts.TypeFlags.Object)) return;
    const properties = checker.getPropertiesOfType(type);
    // A plain method ends the walk (its result types are the script's data, not the API), but a
    // callable with members of its own (`pages.list` with `.all` and `.iterate`) is API too.
    if (type.getCallSignatures().length > 0 && properties.length === 0) return;
    types.add(type);
    for (const property of properties) {
      visit(checker.getTypeOfSymbol(property), depth + 1);
    }
  };
  const visitDeclaration = (node: ts.Node) => {
    if (
      (ts.isVariableDeclaration(node) || ts.isModuleDeclaration(node)) &&
      ts.isIdentifier(node.name) &&
      wanted.has(node.name.text)
    ) {
      const symbol = checker.getSymbolAtLocation(node.name);
      if (symbol) visit(checker.getTypeOfSymbolAtLocation(symbol, node), 0);
    }
    ts.forEachChild(node, visitDeclaration);
  };
  visitDeclaration(surface);
  return types;
}

export function classifyDiagnostic(
  diagnostic: ts.Diagnostic,
  context: ClassifyContext,
): Classification {
  if (diagnostic.code === 2552 || diagnostic.code === 2304)
    return classifyUnknownName(diagnostic, context);
  let node: ts.Node | undefined = innermostNode(context.sourceFile, diagnostic.start!);
  let checked = false;
  while (node && !ts.isSourceFile(node) && !isBoundary(node)) {
    if (
      (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) &&
      isApi(node.expression, context)
    ) {
      if (UNKNOWN_MEMBER_CODES.has(diagnostic.code)) {
        return { checked: true, hint: membersHint(node.expression, context) };
      }
      checked = true;
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && isApiCall(node, context)) {
      return { checked: true, hint: signatureHint(node, context) };
    }
    node = node.parent;
  }
  return { checked };
}

/** `confluense.pages` → TS2552 "Did you mean 'confluence'?": a misspelt checked global. */
function classifyUnknownName(diagnostic: ts.Diagnostic, context: ClassifyContext): Classification {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const suggestion = /Did you mean '([^']+)'/.exec(text)?.[1];
  if (suggestion && context.checkedGlobals.has(suggestion)) {
    return { checked: true, hint: `The global is \`${suggestion}\`.` };
  }
  return { checked: false };
}

/** A function or arrow body, or a statement: errors beyond it are not about the enclosing call. */
function isBoundary(node: ts.Node): boolean {
  return (
    ts.isFunctionLike(node) ||
    (ts.isStatement(node) && !ts.isExpressionStatement(node)) ||
    ts.isBlock(node)
  );
}

function isApi(expression: ts.Expression, context: ClassifyContext): boolean {
  if (rootIsCheckedGlobal(expression, context)) return true;
  return context.apiTypes().has(context.checker.getTypeAtLocation(expression));
}

function isApiCall(call: ts.CallExpression | ts.NewExpression, context: ClassifyContext): boolean {
  if (rootIsCheckedGlobal(call.expression, context)) return true;
  const declaration = context.checker.getResolvedSignature(call)?.getDeclaration();
  if (declaration?.getSourceFile().fileName === context.surfaceFile) return true;
  const symbol = context.checker.getSymbolAtLocation(calleeName(call.expression));
  return (
    symbol?.declarations?.some((node) => node.getSourceFile().fileName === context.surfaceFile) ??
    false
  );
}

/** `confluence.pages.get` → `confluence`, through property and element accesses only. */
function rootIsCheckedGlobal(expression: ts.Expression, context: ClassifyContext): boolean {
  let current: ts.Expression = expression;
  while (
    ts.isPropertyAccessExpression(current) ||
    ts.isElementAccessExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isParenthesizedExpression(current)
  ) {
    current = current.expression;
  }
  if (!ts.isIdentifier(current) || !context.checkedGlobals.has(current.text)) return false;
  // A local variable of the same name shadows the global.
  const declaration = context.checker.getSymbolAtLocation(current)?.declarations?.[0];
  return declaration?.getSourceFile().fileName === context.surfaceFile;
}

function calleeName(expression: ts.Expression): ts.Node {
  return ts.isPropertyAccessExpression(expression) ? expression.name : expression;
}

function membersHint(expression: ts.Expression, context: ClassifyContext): string | undefined {
  const type = context.checker.getTypeAtLocation(expression);
  const members = context.checker.getPropertiesOfType(type).map((property) => {
    const propertyType = context.checker.getTypeOfSymbol(property);
    return propertyType.getCallSignatures().length > 0 ? `${property.name}()` : property.name;
  });
  if (members.length === 0) return undefined;
  const listed = members.slice(0, MAX_LISTED_MEMBERS).join(', ');
  const more = members.length > MAX_LISTED_MEMBERS ? `, … (${members.length} in all)` : '';
  return `\`${expression.getText(context.sourceFile)}\` has: ${listed}${more}.`;
}

function signatureHint(
  call: ts.CallExpression | ts.NewExpression,
  context: ClassifyContext,
): string | undefined {
  const type = context.checker.getTypeAtLocation(call.expression);
  const signatures = type.getCallSignatures();
  if (signatures.length === 0) return undefined;
  const name = call.expression.getText(context.sourceFile);
  const rendered = signatures
    .slice(0, 3)
    .map(
      (signature) =>
        `${name}${context.checker.signatureToString(signature, undefined, ts.TypeFormatFlags.NoTruncation)}`,
    );
  return `Expected: ${rendered.join(' | ')}`;
}

function innermostNode(sourceFile: ts.SourceFile, position: number): ts.Node {
  let found: ts.Node = sourceFile;
  const visit = (node: ts.Node) => {
    if (position >= node.getStart(sourceFile) && position < node.getEnd()) {
      found = node;
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}
