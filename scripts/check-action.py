#!/usr/bin/env python3
"""Checks a composite action's metadata file (action.yml) against what GitHub
requires of one, plus this project's rules, and optionally writes it out in
forms other linters can check.

  check-action.py ACTION_YML [--require-inputs a,b] [--require-outputs c,d]
                  [--workflow OUT.yml] [--scripts DIR]

GitHub's rules checked: name, description and runs are present; every input
has a description; every output has a description and a `value:` (composite
outputs come from steps); runs.using is `composite`; every step has exactly
one of `run`/`uses`, and every `run` step a `shell:`; step keys are those a
composite step may have; step ids are unique.
This project's rules: no `${{ }}` inside a `run:` script (inputs reach
scripts through `env:`, so no input can inject shell code); every
`inputs.X` referenced is declared; every `steps.X` referenced is a step id.

--workflow writes the steps as a reusable workflow (the inputs as
workflow_call inputs) for actionlint, which checks workflows, not actions:
the expressions, the context names and the inputs of the actions used.
--scripts writes each `run:` script to DIR, as bash runs it, for shellcheck.

Exit codes: 0 valid, 1 findings (one a line on stderr), 2 usage.
"""
import argparse
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    print("check-action: PyYAML is missing (Debian: python3-yaml)", file=sys.stderr)
    sys.exit(2)

TOP_KEYS = {"name", "author", "description", "inputs", "outputs", "runs", "branding"}
INPUT_KEYS = {"description", "required", "default", "deprecationMessage"}
OUTPUT_KEYS = {"description", "value"}
STEP_KEYS = {"name", "id", "if", "run", "shell", "uses", "with", "env", "working-directory",
             "continue-on-error"}
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
INPUT_REF = re.compile(r"\binputs\.([A-Za-z_][A-Za-z0-9_-]*)")
STEP_REF = re.compile(r"\bsteps\.([A-Za-z_][A-Za-z0-9_-]*)")


def strings_in(node):
    """Every string anywhere in a YAML node."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings_in(key)
            yield from strings_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings_in(item)


def expressions_in(node, bare=False):
    """The expressions in a node's strings; `bare` also takes whole strings
    (an `if:` is an expression without ${{ }})."""
    for text in strings_in(node):
        found = EXPRESSION.findall(text)
        yield from found
        if bare and not found:
            yield text


def check(action, required_inputs, required_outputs):
    findings = []
    if not isinstance(action, dict):
        return ["the file is not a YAML mapping"]
    for key in sorted(set(action) - TOP_KEYS):
        findings.append(f"unknown top-level key '{key}'")
    for key in ("name", "description"):
        if not isinstance(action.get(key), str) or not action[key].strip():
            findings.append(f"'{key}' is missing or not a string")

    inputs = action.get("inputs") or {}
    if not isinstance(inputs, dict):
        findings.append("'inputs' is not a mapping")
        inputs = {}
    for name, spec in inputs.items():
        if not isinstance(spec, dict):
            findings.append(f"input '{name}' is not a mapping")
            continue
        for key in sorted(set(spec) - INPUT_KEYS):
            findings.append(f"input '{name}' has unknown key '{key}'")
        if not isinstance(spec.get("description"), str):
            findings.append(f"input '{name}' has no description")
        if "required" in spec and not isinstance(spec["required"], bool):
            findings.append(f"input '{name}': required must be true or false")
        if "default" in spec and not isinstance(spec["default"], (str, int, float, bool)):
            findings.append(f"input '{name}': default must be a scalar")
    for name in required_inputs:
        if name not in inputs:
            findings.append(f"input '{name}' is missing")

    outputs = action.get("outputs") or {}
    if not isinstance(outputs, dict):
        findings.append("'outputs' is not a mapping")
        outputs = {}
    for name, spec in outputs.items():
        if not isinstance(spec, dict):
            findings.append(f"output '{name}' is not a mapping")
            continue
        for key in sorted(set(spec) - OUTPUT_KEYS):
            findings.append(f"output '{name}' has unknown key '{key}'")
        if not isinstance(spec.get("description"), str):
            findings.append(f"output '{name}' has no description")
        if not isinstance(spec.get("value"), str) or not EXPRESSION.search(spec["value"]):
            findings.append(f"output '{name}' has no value: (a composite action's outputs "
                            "must be ${{ steps.ID.outputs.NAME }} expressions)")
    for name in required_outputs:
        if name not in outputs:
            findings.append(f"output '{name}' is missing")

    runs = action.get("runs")
    if not isinstance(runs, dict):
        findings.append("'runs' is missing or not a mapping")
        return findings
    if runs.get("using") != "composite":
        findings.append(f"runs.using must be 'composite', not {runs.get('using')!r}")
    steps = runs.get("steps")
    if not isinstance(steps, list) or not steps:
        findings.append("runs.steps is missing or empty")
        return findings

    ids = []
    for index, step in enumerate(steps, 1):
        where = f"step {index}" + (f" ({step.get('name')})" if isinstance(step, dict) and step.get("name") else "")
        if not isinstance(step, dict):
            findings.append(f"{where} is not a mapping")
            continue
        for key in sorted(set(step) - STEP_KEYS):
            findings.append(f"{where} has key '{key}', which composite steps do not support")
        if ("run" in step) == ("uses" in step):
            findings.append(f"{where} must have exactly one of 'run' and 'uses'")
        if "run" in step:
            if not step.get("shell"):
                findings.append(f"{where} has 'run' but no 'shell:' (composite steps need one)")
            if isinstance(step["run"], str) and EXPRESSION.search(step["run"]):
                findings.append(f"{where}: '${{{{ }}}}' inside 'run:'; pass the value through 'env:'")
        if "id" in step:
            if step["id"] in ids:
                findings.append(f"{where}: step id '{step['id']}' is used twice")
            ids.append(step["id"])

    referenced_inputs = set()
    referenced_steps = set()
    for step in steps:
        if isinstance(step, dict):
            for expression in expressions_in({k: v for k, v in step.items() if k != "if"}):
                referenced_inputs.update(INPUT_REF.findall(expression))
                referenced_steps.update(STEP_REF.findall(expression))
            for expression in expressions_in(step.get("if", ""), bare=True):
                referenced_inputs.update(INPUT_REF.findall(expression))
                referenced_steps.update(STEP_REF.findall(expression))
    for expression in expressions_in(outputs):
        referenced_steps.update(STEP_REF.findall(expression))
    for name in sorted(referenced_inputs - set(inputs)):
        findings.append(f"inputs.{name} is referenced but not declared")
    for name in sorted(referenced_steps - set(ids)):
        findings.append(f"steps.{name} is referenced but no step has that id")
    return findings


def as_workflow(action):
    inputs = {name: {"description": spec.get("description", ""), "type": "string",
                     "required": False}
              for name, spec in (action.get("inputs") or {}).items()}
    return {
        "name": f"{action.get('name', 'action')} (action.yml as a workflow, for actionlint)",
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {"contents": "read"},
        "jobs": {"action": {"runs-on": "ubuntu-22.04", "steps": action["runs"]["steps"]}},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action")
    parser.add_argument("--require-inputs", default="")
    parser.add_argument("--require-outputs", default="")
    parser.add_argument("--workflow")
    parser.add_argument("--scripts")
    args = parser.parse_args()
    try:
        with open(args.action, encoding="utf-8") as file:
            action = yaml.safe_load(file)
    except OSError as error:
        print(f"check-action: {error}", file=sys.stderr)
        return 2
    except yaml.YAMLError as error:
        print(f"{args.action}: not valid YAML: {error}", file=sys.stderr)
        return 1

    split = lambda text: [name for name in text.split(",") if name]
    findings = check(action, split(args.require_inputs), split(args.require_outputs))
    for finding in findings:
        print(f"{args.action}: {finding}", file=sys.stderr)
    if findings:
        return 1

    if args.workflow:
        with open(args.workflow, "w", encoding="utf-8") as file:
            yaml.safe_dump(as_workflow(action), file, sort_keys=False, width=1000)
    if args.scripts:
        os.makedirs(args.scripts, exist_ok=True)
        for index, step in enumerate(action["runs"]["steps"], 1):
            if "run" in step:
                path = os.path.join(args.scripts, f"step{index:02d}.sh")
                with open(path, "w", encoding="utf-8") as file:
                    # What the runner runs for `shell: bash`.
                    file.write("#!/usr/bin/env bash\nset -eo pipefail\n" + step["run"] + "\n")
    print(f"{args.action}: valid composite action, {len(action.get('inputs') or {})} inputs, "
          f"{len(action.get('outputs') or {})} outputs, {len(action['runs']['steps'])} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
