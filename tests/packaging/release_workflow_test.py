#!/usr/bin/env python3
"""The release workflow and the workflows that use the action keep their
promises (actionlint checks they are valid; this checks what they do):
release.yml runs on vX.Y.Z tags only, tests and packages on Ubuntu 22.04 and
on Debian 12, publishes the packages with SHA256SUMS, pushes the image to
ghcr.io from the repository's Dockerfile, moves the major tag; the
progressive-backfill and scheduler workflows run backfill through the action.

  release_workflow_test.py SOURCE_DIR
"""
import os
import re
import sys

import yaml

src = sys.argv[1]
failures = []


def load(name):
    with open(os.path.join(src, ".github", "workflows", name), encoding="utf-8") as file:
        return yaml.safe_load(file)


def expect(condition, message):
    print(("ok: " if condition else "FAIL: ") + message, file=sys.stdout if condition else sys.stderr)
    if not condition:
        failures.append(message)


def steps(job):
    return job.get("steps", [])


def runs(job):
    return "\n".join(step.get("run", "") for step in steps(job))


def uses(job):
    return [step.get("uses", "") for step in steps(job)]


release = load("release.yml")
on = release.get(True, release.get("on"))  # YAML 1.1 reads the key `on` as true
patterns = on["push"]["tags"]


def matches(tag):
    # GitHub's filter patterns: * and + repeat the previous character class.
    return any(re.fullmatch(p.replace(".", r"\."), tag) for p in patterns)


expect(matches("v1.2.3") and matches("v10.0.12"), "release.yml runs on vX.Y.Z tags")
expect(not matches("v1") and not matches("v1.2") and not matches("1.2.3"),
       "release.yml does not run on v1, v1.2 or untagged versions (the moved major tag)")
expect(release["permissions"] == {"contents": "write", "packages": "write"},
       "release.yml may write contents (the release) and packages (the image)")

jobs = release["jobs"]
packaging = [job for job in jobs.values() if "scripts/package.sh" in runs(job)]
expect(any(job.get("runs-on") == "ubuntu-22.04" and not job.get("container") for job in packaging),
       "a job tests and packages on ubuntu-22.04 (scripts/package.sh runs scripts/test.sh)")
expect(any(job.get("container") == "debian:12" for job in packaging),
       "a job tests and packages in debian:12")
with open(os.path.join(src, "scripts", "package.sh"), encoding="utf-8") as file:
    expect('"$root/scripts/test.sh"' in file.read(), "scripts/package.sh runs the whole test suite")
for job in packaging:
    checkout = [s for s in steps(job) if s.get("uses", "").startswith("actions/checkout@")]
    expect(checkout and checkout[0].get("with", {}).get("fetch-depth") == 0,
           f"{job.get('name')}: a full checkout, so git describe sees the tag")

publish = [job for job in jobs.values() if "gh release" in runs(job)]
expect(len(publish) == 1, "one job publishes the release")
if publish:
    job = publish[0]
    packaging_ids = {name for name, j in jobs.items() if j in packaging}
    expect(packaging_ids <= set(job.get("needs", [])), "the release waits for both test-and-package jobs")
    expect("sha256sum" in runs(job) and "SHA256SUMS" in runs(job), "the release carries SHA256SUMS")
    expect("*.deb" in runs(job) and "*.tar.gz" in runs(job), "the release carries the .debs and tarballs")

image = [job for job in jobs.values() if any(u.startswith("docker/build-push-action@") for u in uses(job))]
expect(len(image) == 1, "one job builds and pushes the image")
if image:
    build = next(s for s in steps(image[0]) if s.get("uses", "").startswith("docker/build-push-action@"))
    options = build.get("with", {})
    expect(options.get("push") is True and "ghcr.io" in runs(image[0]), "the image is pushed to ghcr.io")
    expect(options.get("context") == "." and "file" not in options, "the image is built from ./Dockerfile")
    expect("steps.meta.outputs.version" in options.get("tags", ""), "the image is tagged with the version")
    expect(any(u.startswith("docker/login-action@") for u in uses(image[0])), "the image job logs in to the registry")

expect(any("git push --force origin" in runs(job) for job in jobs.values()), "the major tag (v1) is moved")

for name in ("progressive-backfill.yml", "backfill-scheduler.yml", "backfill-workers.yml"):
    workflow = load(name)
    used = [u for job in workflow["jobs"].values() for u in uses(job)]
    expect("./" in used, f"{name} runs backfill through the action (uses: ./)")
    text = "\n".join(runs(job) for job in workflow["jobs"].values())
    expect("build/backfill" not in text and "scripts/build.sh" not in text,
           f"{name} no longer builds by itself")

if failures:
    print(f"{len(failures)} failure(s)", file=sys.stderr)
    sys.exit(1)
print("release_workflow_test: all passed")
