// Checks GraphQL query files the way api.github.com would before running
// them: graphql-js validation against GitHub's published schema, then
// GitHub's own rules (github-rules.mjs): first/last on every connection
// within 1-100 (a variable must be an Int and counts as 100), at most
// 500,000 nodes. One operation per file.
//   node check-queries.mjs NODE_MODULES_DIR FILE...
// Prints "FILE:LINE:COLUMN: message" per finding and, per clean file, its
// cost and node count. Exit 0 clean, 1 findings, 2 usage.
import { readFileSync } from "node:fs";
import { analyzeOperation, loadGraphql } from "./github-rules.mjs";

const [modulesDir, ...files] = process.argv.slice(2);
if (!modulesDir || files.length === 0) {
  console.error("usage: node check-queries.mjs NODE_MODULES_DIR FILE...");
  process.exit(2);
}
const { graphql, schema } = loadGraphql(modulesDir);

let findings = 0;
const report = (file, locations, message) => {
  findings++;
  const at = locations && locations.length ? `${locations[0].line}:${locations[0].column}` : "1:1";
  console.log(`${file}:${at}: ${message}`);
};

for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    report(file, [], `cannot read: ${error.message}`);
    continue;
  }
  let document;
  try {
    document = graphql.parse(text);
  } catch (error) {
    report(file, error.locations, error.message);
    continue;
  }
  const operations = document.definitions.filter((d) => d.kind === "OperationDefinition");
  if (operations.length !== 1) {
    report(file, [], `expected exactly one operation, found ${operations.length}`);
    continue;
  }
  const before = findings;
  for (const error of graphql.validate(schema, document)) report(file, error.locations, error.message);
  if (findings !== before) continue;
  const analysis = analyzeOperation(graphql, schema, document, undefined, undefined);
  for (const error of analysis.errors) {
    report(file, error.locations, `${error.type}: ${error.message}`);
  }
  if (findings === before) {
    console.log(`ok ${file}: cost ${analysis.cost}, ${analysis.nodeCount} nodes at most`);
  }
}
console.error(`graphql check: ${files.length} file(s), ${findings} finding(s)`);
process.exit(findings ? 1 : 0);
