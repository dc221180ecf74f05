/**
 * The mutation operators (docs/testing-guide.md "Mutation sweep"): where a source file can be changed by one token
 * and into what, found on the TypeScript syntax tree (never by text search), with the type checker deciding
 * whether a `+` adds numbers or joins strings. Each site is one replacement of `[start, end)` of the file's text.
 *
 * Left alone on purpose: type positions (a literal type is not code), import and export clauses, and the
 * argument of a `throw` (it only words the error; the condition that throws is mutated where it is written).
 */
import ts from 'typescript'

/** The operator families. */
export const OPERATOR_NAMES = ['relational', 'equality', 'arithmetic', 'logical', 'math', 'integer', 'boolean'] as const
export type OperatorName = (typeof OPERATOR_NAMES)[number]

/** One mutant: the replacement of `[start, end)` of `file` by `mutated`. */
export interface MutationSite {
  /** Repository-relative path with forward slashes. */
  readonly file: string
  /** 1-based line and column of `start`. */
  readonly line: number
  readonly column: number
  readonly start: number
  readonly end: number
  readonly original: string
  readonly mutated: string
  readonly operator: OperatorName
  /** The top-level declaration (function, class, variable) the site is in; null at module level. */
  readonly scope: string | null
  /**
   * The innermost named function holding the site, as V8 names it in coverage (a declaration's or method's name,
   * or the variable or property an anonymous function is assigned to); null when none has a name.
   */
  readonly functionName: string | null
}

type Replacement = readonly [OperatorName, string]

/** `<` ↔ `<=` (the boundary) and `<` → `>=` (the negation), likewise for the others. */
const RELATIONAL: Readonly<Partial<Record<ts.SyntaxKind, readonly string[]>>> = {
  [ts.SyntaxKind.LessThanToken]: ['<=', '>='],
  [ts.SyntaxKind.LessThanEqualsToken]: ['<', '>'],
  [ts.SyntaxKind.GreaterThanToken]: ['>=', '<='],
  [ts.SyntaxKind.GreaterThanEqualsToken]: ['>', '<'],
}

const EQUALITY: Readonly<Partial<Record<ts.SyntaxKind, string>>> = {
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: '!==',
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: '===',
  [ts.SyntaxKind.EqualsEqualsToken]: '!=',
  [ts.SyntaxKind.ExclamationEqualsToken]: '==',
}

/** Binary arithmetic and the compound assignments; `+` and `+=` only between numbers. */
const ARITHMETIC: Readonly<Partial<Record<ts.SyntaxKind, string>>> = {
  [ts.SyntaxKind.PlusToken]: '-',
  [ts.SyntaxKind.MinusToken]: '+',
  [ts.SyntaxKind.AsteriskToken]: '/',
  [ts.SyntaxKind.SlashToken]: '*',
  [ts.SyntaxKind.PercentToken]: '*',
  [ts.SyntaxKind.PlusEqualsToken]: '-=',
  [ts.SyntaxKind.MinusEqualsToken]: '+=',
  [ts.SyntaxKind.AsteriskEqualsToken]: '/=',
  [ts.SyntaxKind.SlashEqualsToken]: '*=',
}

const LOGICAL: Readonly<Partial<Record<ts.SyntaxKind, string>>> = {
  [ts.SyntaxKind.AmpersandAmpersandToken]: '||',
  [ts.SyntaxKind.BarBarToken]: '&&',
  [ts.SyntaxKind.QuestionQuestionToken]: '&&',
}

/** `Math.<name>` swaps. */
const MATH_SWAPS: Readonly<Record<string, string>> = { min: 'max', max: 'min', floor: 'ceil', ceil: 'floor' }

/**
 * Every mutation site of one file, in source order (ties in the order the operators list them).
 *
 * @param file - the repository-relative path recorded in each site
 * @param source - the parsed file (from `checker`'s program, so `+` can be typed)
 */
export function findMutationSites(file: string, source: ts.SourceFile, checker: ts.TypeChecker): MutationSite[] {
  const sites: MutationSite[] = []
  const add = (node: ts.Node, start: number, end: number, replacements: readonly Replacement[]): void => {
    const original = source.text.slice(start, end)
    const { line, character } = source.getLineAndCharacterOfPosition(start)
    for (const [operator, mutated] of replacements) {
      if (mutated === original) continue
      sites.push({
        file,
        line: line + 1,
        column: character + 1,
        start,
        end,
        original,
        mutated,
        operator,
        scope: scopeOf(node),
        functionName: functionNameOf(node),
      })
    }
  }
  const visit = (node: ts.Node): void => {
    if (skipped(node)) return
    if (ts.isBinaryExpression(node)) binarySites(node, checker, add)
    else if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) unarySites(node, source, add)
    else if (ts.isNumericLiteral(node)) integerSites(node, source, add)
    else if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      add(node, node.getStart(source), node.getEnd(), [
        ['boolean', node.kind === ts.SyntaxKind.TrueKeyword ? 'false' : 'true'],
      ])
    } else if (ts.isPropertyAccessExpression(node) && isMathMember(node)) {
      const swap = MATH_SWAPS[node.name.text]
      if (swap) add(node, node.name.getStart(source), node.name.getEnd(), [['math', swap]])
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return sites.sort((a, b) => a.start - b.start)
}

function binarySites(
  node: ts.BinaryExpression,
  checker: ts.TypeChecker,
  add: (node: ts.Node, start: number, end: number, r: readonly Replacement[]) => void,
): void {
  const kind = node.operatorToken.kind
  const token = node.operatorToken
  const at = (replacements: readonly Replacement[]): void => add(node, token.getStart(), token.getEnd(), replacements)
  const relational = RELATIONAL[kind]
  if (relational) return at(relational.map((m) => ['relational', m] as const))
  const equality = EQUALITY[kind]
  if (equality) return at([['equality', equality]])
  const logical = LOGICAL[kind]
  if (logical) return at([['logical', logical]])
  const arithmetic = ARITHMETIC[kind]
  if (!arithmetic) return
  const additive = kind === ts.SyntaxKind.PlusToken || kind === ts.SyntaxKind.PlusEqualsToken
  if (additive && !(isNumeric(checker, node.left) && isNumeric(checker, node.right))) return
  at([['arithmetic', arithmetic]])
}

function unarySites(
  node: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression,
  source: ts.SourceFile,
  add: (node: ts.Node, start: number, end: number, r: readonly Replacement[]) => void,
): void {
  const start = ts.isPrefixUnaryExpression(node) ? node.getStart(source) : node.operand.getEnd()
  switch (node.operator) {
    case ts.SyntaxKind.PlusPlusToken:
      return add(node, start, start + 2, [['arithmetic', '--']])
    case ts.SyntaxKind.MinusMinusToken:
      return add(node, start, start + 2, [['arithmetic', '++']])
    case ts.SyntaxKind.ExclamationToken:
      return add(node, start, start + 1, [['logical', '']])
    case ts.SyntaxKind.MinusToken:
      // `-5` is a literal and takes the integer operator; `-x` loses its sign.
      if (!ts.isNumericLiteral(node.operand)) add(node, start, start + 1, [['arithmetic', '']])
      return
  }
}

function integerSites(
  node: ts.NumericLiteral,
  source: ts.SourceFile,
  add: (node: ts.Node, start: number, end: number, r: readonly Replacement[]) => void,
): void {
  const text = node.getText(source)
  if (!/^\d[\d_]*$/.test(text)) return
  const value = Number(text.replace(/_/g, ''))
  if (!Number.isSafeInteger(value)) return
  const negated = ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.MinusToken
  const start = negated ? node.parent.getStart(source) : node.getStart(source)
  const signed = negated ? -value : value
  const literal = (n: number): string => (n < 0 && !negated ? `(${n})` : String(n))
  add(node, start, node.getEnd(), [
    ['integer', literal(signed + 1)],
    ['integer', literal(signed - 1)],
  ])
}

function isMathMember(node: ts.PropertyAccessExpression): boolean {
  return ts.isIdentifier(node.expression) && node.expression.text === 'Math'
}

function isNumeric(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node)
  return (checker.getBaseTypeOfLiteralType(type).flags & (ts.TypeFlags.Number | ts.TypeFlags.BigInt)) !== 0
}

/** Type positions, import/export clauses and thrown values are not mutated. */
function skipped(node: ts.Node): boolean {
  return (
    ts.isTypeNode(node) ||
    ts.isImportDeclaration(node) ||
    ts.isExportDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isThrowStatement(node) ||
    ts.isDecorator(node) ||
    ts.isEnumMember(node) ||
    (ts.isExpressionWithTypeArguments(node) && ts.isHeritageClause(node.parent))
  )
}

/** The name of the top-level statement that holds `node`. */
function scopeOf(node: ts.Node): string | null {
  let top: ts.Node = node
  while (top.parent && !ts.isSourceFile(top.parent)) top = top.parent
  if ((ts.isFunctionDeclaration(top) || ts.isClassDeclaration(top)) && top.name) return top.name.text
  if (ts.isVariableStatement(top)) {
    const names = top.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []))
    return names.length > 0 ? names.join(',') : null
  }
  return null
}

/** The name V8 gives the innermost named function around `node` (anonymous ones are looked through). */
function functionNameOf(node: ts.Node): string | null {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isFunctionDeclaration(at) || ts.isMethodDeclaration(at)) {
      if (at.name && ts.isIdentifier(at.name)) return at.name.text
    } else if (ts.isFunctionExpression(at) || ts.isArrowFunction(at)) {
      if (ts.isFunctionExpression(at) && at.name) return at.name.text
      const holder = at.parent
      if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) && ts.isIdentifier(holder.name))
        return holder.name.text
    }
  }
  return null
}
