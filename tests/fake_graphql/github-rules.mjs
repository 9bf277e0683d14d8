// GitHub's GraphQL rules that its published schema does not carry, as
// documented in "Rate limits and query limits for the GraphQL API":
// - every connection whose items (nodes, edges) are selected needs `first`
//   or `last`, between 1 and 100;
// - a call may request at most 500,000 nodes: the product of first/last down
//   each chain of nested connections, summed over all connections;
// - a query costs the number of requests needed to fulfil each connection
//   (one per instance of its parent: the product of the first/last of the
//   connections above it), summed, divided by 100, rounded to the nearest
//   whole number, and at least 1.
// Shared by the query checker (check-queries.mjs) and the fake's GraphQL
// sidecar (server.mjs), so both apply exactly the same arithmetic.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export const MAX_NODES = 500000;
export const MAX_PAGE = 100;

// graphql-js and GitHub's schema from the tools' node_modules directory.
export function loadGraphql(modulesDir) {
  const require = createRequire(`${modulesDir}/`);
  const graphql = require("graphql");
  const sdl = readFileSync(`${modulesDir}/@octokit/graphql-schema/schema.graphql`, "utf8");
  // The published SDL defines two fields of EnterpriseOwnerInfo twice
  // (identically), which graphql-js's SDL validation refuses; the rest of
  // the schema is unaffected, so skip that check rather than patch the file.
  const schema = graphql.buildSchema(sdl, { assumeValidSDL: true });
  return { graphql, schema };
}

function namedType(graphql, type) {
  return graphql.getNamedType(type);
}

function isConnection(graphql, type) {
  const named = namedType(graphql, type);
  return /Connection$/.test(named.name) && graphql.isObjectType(named);
}

function location(node) {
  return node.loc ? [{ line: node.loc.startToken.line, column: node.loc.startToken.column }] : [];
}

// The page size a connection asks for: a literal, a variable's value, or,
// for a variable not given (the checker has none), the most it may be.
function pageArgument(field, name, variables) {
  const argument = (field.arguments || []).find((a) => a.name.value === name);
  if (!argument) return undefined;
  const value = argument.value;
  if (value.kind === "IntValue") return { value: Number(value.value), literal: true };
  if (value.kind === "Variable") {
    const given = variables ? variables[value.name.value] : undefined;
    if (given === undefined || given === null) {
      return { value: MAX_PAGE, literal: false, variable: value.name.value };
    }
    return { value: Number(given), literal: false, variable: value.name.value };
  }
  if (value.kind === "NullValue") return undefined;
  return { value: NaN, literal: true };
}

// Whether a connection's selection reaches its items (nodes or edges),
// directly or through fragments, rather than only totalCount/pageInfo.
function selectsItems(selectionSet, fragments, seen = new Set()) {
  if (!selectionSet) return false;
  return selectionSet.selections.some((selection) => {
    if (selection.kind === "Field") return ["nodes", "edges"].includes(selection.name.value);
    if (selection.kind === "InlineFragment") return selectsItems(selection.selectionSet, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return false;
    return selectsItems(fragment.selectionSet, fragments, new Set([...seen, fragment.name.value]));
  });
}

// Walks one operation. Returns the errors GitHub would answer with (shaped
// as its errors: type, path, locations, message), the node count, the
// request count and the cost.
export function analyzeOperation(graphql, schema, document, variables, operationName) {
  const operations = document.definitions.filter((d) => d.kind === "OperationDefinition");
  const fragments = new Map();
  for (const d of document.definitions) {
    if (d.kind === "FragmentDefinition") fragments.set(d.name.value, d);
  }
  const operation = operationName
    ? operations.find((o) => o.name && o.name.value === operationName)
    : operations[0];
  const result = { errors: [], nodeCount: 0, requests: 0, cost: 1, largestPage: 0, mutation: false };
  if (!operation) return result;
  result.mutation = operation.operation === "mutation";
  const root =
    operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  const variableTypes = new Map();
  for (const definition of operation.variableDefinitions || []) {
    variableTypes.set(definition.variable.name.value, graphql.print(definition.type));
  }

  const walk = (selectionSet, parentType, multiplier, path, seen) => {
    if (!selectionSet) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === "InlineFragment") {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parentType;
        walk(selection.selectionSet, type, multiplier, path, seen);
        continue;
      }
      if (selection.kind === "FragmentSpread") {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        walk(fragment.selectionSet, type, multiplier, path, new Set([...seen, fragment.name.value]));
        continue;
      }
      const name = selection.name.value;
      const fields = parentType && parentType.getFields ? parentType.getFields() : {};
      const definition = fields[name];
      if (!definition) continue;  // validation reports unknown fields
      const fieldPath = [...path, selection.alias ? selection.alias.value : name];
      let childMultiplier = multiplier;
      if (isConnection(graphql, definition.type) && (definition.args || []).some((a) => a.name === "first")) {
        const first = pageArgument(selection, "first", variables);
        const last = pageArgument(selection, "last", variables);
        const page = first || last;
        if (!page && !selectsItems(selection.selectionSet, fragments)) {
          // Only counting (`commits { totalCount }`) needs no page size on
          // GitHub; it still takes one request per parent.
          result.requests += multiplier;
          continue;
        }
        if (!page) {
          result.errors.push({
            type: "MISSING_PAGINATION_BOUNDARIES",
            path: fieldPath,
            locations: location(selection),
            message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
          });
          continue;
        }
        for (const [argument, bound] of [["first", first], ["last", last]]) {
          if (!bound) continue;
          if (bound.variable) {
            const type = variableTypes.get(bound.variable);
            if (type !== "Int" && type !== "Int!") {
              result.errors.push({
                type: "ARGUMENT_TYPE",
                path: fieldPath,
                locations: location(selection),
                message: `Variable $${bound.variable} of type ${type} is used for \`${argument}\` on the \`${name}\` connection, which takes Int.`,
              });
            }
          }
          if (!(bound.value >= 1 && bound.value <= MAX_PAGE && Number.isInteger(bound.value))) {
            result.errors.push({
              type: "EXCESSIVE_PAGINATION",
              path: fieldPath,
              locations: location(selection),
              message:
                bound.value > MAX_PAGE
                  ? `Requesting ${bound.value} records on the \`${name}\` connection exceeds the \`${argument}\` limit of ${MAX_PAGE} records.`
                  : `\`${argument}\` on the \`${name}\` connection must be between 1 and ${MAX_PAGE}, got ${bound.value}.`,
            });
          }
        }
        const size = Math.min(Math.max(page.value || 0, 0), MAX_PAGE);
        result.largestPage = Math.max(result.largestPage, page.value || 0);
        result.requests += multiplier;
        childMultiplier = multiplier * size;
        result.nodeCount += childMultiplier;
      }
      walk(selection.selectionSet, namedType(graphql, definition.type), childMultiplier, fieldPath, seen);
    }
  };
  walk(operation.selectionSet, root, 1, [], new Set());
  result.cost = Math.max(1, Math.round(result.requests / 100));
  if (result.nodeCount > MAX_NODES) {
    result.errors.push({
      type: "MAX_NODE_LIMIT_EXCEEDED",
      message: `This query requests up to ${result.nodeCount.toLocaleString("en-US")} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString("en-US")}.`,
    });
  }
  return result;
}
