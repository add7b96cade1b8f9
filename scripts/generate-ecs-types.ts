/**
 * Generates modules/service/ecs-api.generated.ts: the ECS API's `ContainerDefinition` and every type it
 * refers to, as self-contained TypeScript declarations, read from @aws-sdk/client-ecs (a dev
 * dependency) with the TypeScript compiler API. The package then needs no AWS SDK at run time (it
 * only ever used its types) and its declarations compile with `skipLibCheck: false` without it.
 *
 *   npm run generate:ecs-types        (node scripts/run-ts.mjs scripts/generate-ecs-types.ts [outFile])
 *
 * Interfaces are copied as the SDK declares them, doc comments included (HTML tags and all: they are
 * the API reference). The SDK's enums (a `const` object and a type alias of its values) become unions
 * of their string values: the library uses the types only. Anything else the walk meets (a class, an
 * import from another package) fails the generation, so that an SDK upgrade that changes the shapes
 * is noticed. The output is deterministic: types in the order the walk first meets them.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** The repository root: scripts/run-ts.mjs runs a bundled copy from .gen/ with argv[1] set to this file. */
const ROOT = /generate-ecs-types\.ts$/.test(process.argv[1] ?? '')
  ? path.resolve(path.dirname(process.argv[1]!), '..')
  : path.resolve(__dirname, '..');
export const DEFAULT_OUT = path.join(ROOT, 'modules', 'service', 'ecs-api.generated.ts');
/** The root of the walk. */
const ROOT_TYPES = ['ContainerDefinition', 'Volume'];

function sdkVersion(): string {
  const pkg = JSON.parse(
    fs.readFileSync(require.resolve('@aws-sdk/client-ecs/package.json', { paths: [ROOT] }), 'utf8'),
  ) as { version: string };
  return pkg.version;
}

/** The declarations, as TypeScript source. */
export function renderEcsApiTypes(): string {
  const entry = path.join(ROOT, '.gen', 'ecs-types-entry.ts');
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  fs.writeFileSync(
    entry,
    `import type { ${ROOT_TYPES.join(', ')} } from '@aws-sdk/client-ecs';\nexport type Roots = [${ROOT_TYPES.join(', ')}];\n`,
  );
  const program = ts.createProgram([entry], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  fs.rmSync(entry);

  const emitted = new Map<string, string>();
  const queue: ts.Symbol[] = [];
  const importDecl = source.statements.find(ts.isImportDeclaration)!;
  const named = (importDecl.importClause!.namedBindings as ts.NamedImports).elements;
  for (const spec of named) queue.push(checker.getAliasedSymbol(checker.getSymbolAtLocation(spec.name)!));

  const enqueueReferences = (node: ts.Node): void => {
    const visit = (n: ts.Node): void => {
      if (ts.isTypeReferenceNode(n)) {
        // `SharingStrategy.NvidiaMpsMember`: the namespace is what gets declared.
        let typeName: ts.EntityName = n.typeName;
        while (ts.isQualifiedName(typeName)) typeName = typeName.left;
        const symbol = checker.getSymbolAtLocation(typeName);
        const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        if (!target) throw new Error(`generate-ecs-types: cannot resolve ${typeName.getText()}`);
        const declaration = target.declarations?.[0];
        const builtin = declaration && declaration.getSourceFile().fileName.includes('/typescript/lib/');
        if (!builtin && !(target.flags & ts.SymbolFlags.TypeParameter)) queue.push(target);
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
  };

  while (queue.length > 0) {
    const symbol = queue.shift()!;
    const name = symbol.getName();
    if (emitted.has(name)) continue;
    const declarations = symbol.declarations ?? [];
    const iface = declarations.find(ts.isInterfaceDeclaration);
    const alias = declarations.find(ts.isTypeAliasDeclaration);
    if (iface) {
      emitted.set(
        name,
        iface
          .getFullText()
          .replace(/^\s*\n/, '')
          .replace(/^( {4})+/gm, (indent) => '  '.repeat(indent.length / 4)),
      );
      enqueueReferences(iface);
    } else if (alias && declarations.some(ts.isVariableDeclaration)) {
      // An SDK enum: `declare const X: { readonly A: "a" }` and `type X = (typeof X)[keyof typeof X]`.
      const type = checker.getTypeAtLocation(alias.name);
      const members = (type.isUnion() ? type.types : [type])
        .map((t) => {
          if (!t.isStringLiteral())
            throw new Error(`generate-ecs-types: enum ${name} has a member that is not a string`);
          return JSON.stringify(t.value);
        })
        .sort();
      emitted.set(name, `/** The ECS API's \`${name}\` values. */\nexport type ${name} = ${members.join(' | ')};`);
    } else if (alias && declarations.some(ts.isModuleDeclaration)) {
      // An SDK union ("specify exactly one member"): a type alias and a namespace of member interfaces.
      const texts = declarations
        .filter((d) => ts.isTypeAliasDeclaration(d) || ts.isModuleDeclaration(d))
        .map((d) =>
          d
            .getFullText()
            .replace(/^\s*\n/, '')
            .replace(/^( {4})+/gm, (indent) => '  '.repeat(indent.length / 4)),
        );
      emitted.set(name, texts.join('\n'));
      declarations.forEach(enqueueReferences);
    } else {
      throw new Error(
        `generate-ecs-types: ${name} is neither an interface nor an enum of the SDK; extend the generator`,
      );
    }
  }

  return [
    `// generated by scripts/generate-ecs-types.ts from @aws-sdk/client-ecs ${sdkVersion()} (Apache-2.0); do not edit.`,
    '// Run `npm run generate:ecs-types` after upgrading @aws-sdk/client-ecs.',
    '/* eslint-disable */',
    '',
    ...[...emitted.values()].map((text) => `${text}\n`),
  ].join('\n');
}

if (require.main === module || path.basename(process.argv[1] ?? '') === 'generate-ecs-types.ts') {
  const out = path.resolve(process.argv[2] ?? DEFAULT_OUT);
  fs.writeFileSync(out, renderEcsApiTypes());
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
