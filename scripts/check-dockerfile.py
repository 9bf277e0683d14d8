#!/usr/bin/env python3
"""Checks a Dockerfile against this project's rules for its runtime image
(hadolint is not packaged for Debian; scripts/lint-dockerfile.sh runs this
after dockerfile-utils' syntax lint):

  - at least two stages: one builds, the last ships;
  - every FROM names a pinned tag (image:tag, not :latest) or a digest, or an
    earlier stage;
  - the last stage is a -slim image, takes files only from earlier stages
    (COPY --from=...; no COPY of the build context, no ADD), and runs as a
    non-root USER set after its last RUN;
  - no ADD of a URL; apt-get install with -y and --no-install-recommends,
    and the apt lists removed in the same RUN that fills them;
  - ENTRYPOINT in exec (JSON) form.

  check-dockerfile.py DOCKERFILE...
Exit codes: 0 clean, 1 findings (one a line on stderr), 2 usage.
"""
import json
import re
import sys


def instructions(text):
    """(line number, INSTRUCTION, arguments) with continuations joined and
    comments dropped."""
    result = []
    pending, start = "", 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        pending += stripped
        word, _, rest = pending.partition(" ")
        result.append((start, word.upper(), rest.strip()))
        pending = ""
    if pending:
        word, _, rest = pending.partition(" ")
        result.append((start, word.upper(), rest.strip()))
    return result


def check(path):
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except OSError as error:
        return None, [f"{error}"]
    findings = []

    def find(number, message):
        findings.append(f"{path}:{number}: {message}")

    stages = []  # each: {"line", "image", "name", "instructions": [...]}
    for number, word, args in instructions(text):
        if word == "FROM":
            parts = [part for part in args.split() if not part.startswith("--")]
            image = parts[0] if parts else ""
            name = parts[2].lower() if len(parts) >= 3 and parts[1].lower() == "as" else None
            stages.append({"line": number, "image": image, "name": name, "instructions": []})
        elif not stages:
            if word != "ARG":
                find(number, f"{word} before the first FROM")
        else:
            stages[-1]["instructions"].append((number, word, args))

    if len(stages) < 2:
        find(1, f"{len(stages)} stage(s): build in one stage, ship from another")
        if not stages:
            return stages, findings

    names = set()
    for stage in stages:
        image = stage["image"]
        if image.lower() in names:
            pass  # FROM an earlier stage
        elif "@sha256:" in image:
            pass
        elif ":" not in image.rsplit("/", 1)[-1]:
            find(stage["line"], f"FROM {image} has no tag: pin one (e.g. debian:12)")
        elif image.endswith(":latest"):
            find(stage["line"], f"FROM {image}: pin a version, not latest")
        if stage["name"]:
            names.add(stage["name"])

        for number, word, args in stage["instructions"]:
            if word == "ADD" and re.search(r"(https?|ftp)://|git@", args):
                find(number, "ADD of a URL: download in a RUN you can verify, or COPY")
            if word == "RUN":
                if re.search(r"\bapt-get\s+(-\S+\s+)*install\b", args):
                    if not re.search(r"(^|\s)(-y|--yes|--assume-yes)\b", args):
                        find(number, "apt-get install without -y")
                    if "--no-install-recommends" not in args:
                        find(number, "apt-get install without --no-install-recommends")
                if re.search(r"\bapt-get\s+(-\S+\s+)*(update|install)\b|install-deps\.sh", args) \
                        and "rm -rf /var/lib/apt/lists" not in args:
                    find(number, "the apt lists are not removed in the RUN that fills them "
                                 "(rm -rf /var/lib/apt/lists/*)")
            if word == "ENTRYPOINT":
                try:
                    form = json.loads(args)
                    if not isinstance(form, list) or not all(isinstance(x, str) for x in form):
                        raise ValueError
                except ValueError:
                    find(number, "ENTRYPOINT in shell form: use the exec form [\"/path\", ...] "
                                 "so that signals reach the program")

    final = stages[-1]
    if not re.search(r":[^/]*-slim($|@)", final["image"]):
        find(final["line"], f"the final stage is FROM {final['image']}, not a -slim image")
    last_run = max((n for n, w, _ in final["instructions"] if w == "RUN"), default=0)
    users = [(n, a) for n, w, a in final["instructions"] if w == "USER"]
    if not users:
        find(final["line"], "the final stage sets no USER: it would run as root")
    else:
        number, user = users[-1]
        if user.split(":")[0] in ("root", "0"):
            find(number, f"USER {user}: the final stage must not run as root")
        if number < last_run:
            find(number, "USER comes before the final stage's last RUN")
    for number, word, args in final["instructions"]:
        if word == "ADD":
            find(number, "ADD in the final stage: COPY --from a build stage")
        if word == "COPY" and "--from=" not in args:
            find(number, "COPY of the build context into the final stage: ship only what "
                         "an earlier stage built")
    if not any(w == "ENTRYPOINT" for _, w, _ in final["instructions"]):
        find(final["line"], "the final stage has no ENTRYPOINT")
    return stages, findings


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    status = 0
    for path in sys.argv[1:]:
        stages, findings = check(path)
        for finding in findings:
            print(finding, file=sys.stderr)
        if findings:
            status = 1
        else:
            print(f"{path}: {len(stages)} stages, final FROM {stages[-1]['image']}: clean")
    return status


if __name__ == "__main__":
    sys.exit(main())
