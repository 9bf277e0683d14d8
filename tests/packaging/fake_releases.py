#!/usr/bin/env python3
"""A loopback stand-in for the part of GitHub's REST API the action's release
lookup uses, answering as GitHub documents it:

  GET /repos/{owner}/{repo}/commits/{ref}     Accept: application/vnd.github.sha
        200 with the 40-hex SHA as text; 422 for an unknown ref
  GET /repos/{owner}/{repo}/tags?per_page=&page=
        200 [{name, commit: {sha, url}, zipball_url, tarball_url, node_id}]
  GET /repos/{owner}/{repo}/releases/tags/{tag}
        200 {tag_name, name, draft, prerelease, assets: [{id, name, url,
        browser_download_url, size, state, content_type}]}; 404 without one
  GET /repos/{owner}/{repo}/releases/assets/{id}  Accept: application/octet-stream
        302 to the file's storage (another path here), which serves the bytes
  anything else: 404 {"message": "Not Found"}

  fake_releases.py SPEC.json PORT_FILE LOG_FILE
SPEC: {"repo": "o/n", "refs": {"v1": "<sha>", "main": "<sha>"},
       "tags": {"v1.2.3": "<sha>", "v1": "<sha>"},
       "releases": {"v1.2.3": {"NAME": "PATH OF THE FILE TO SERVE"}}}
Each request is logged as "METHOD PATH AUTHORIZATION-PRESENT" to LOG_FILE, so a
test can tell which calls carried the token (never the token itself).
"""
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def main():
    spec_path, port_file, log_path = sys.argv[1:4]
    with open(spec_path, encoding="utf-8") as file:
        spec = json.load(file)
    repo = spec["repo"]
    log_lock = threading.Lock()

    assets = {}  # id -> (name, path)
    releases = {}
    for tag, files in spec.get("releases", {}).items():
        listed = []
        for name, path in files.items():
            asset_id = len(assets) + 1
            assets[asset_id] = (name, path)
            listed.append({"id": asset_id, "name": name, "path": path})
        releases[tag] = listed

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, status, body, content_type="application/json; charset=utf-8", headers=None):
            data = body if isinstance(body, bytes) else (
                body if isinstance(body, str) else json.dumps(body)).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def not_found(self):
            self.reply(404, {"message": "Not Found",
                             "documentation_url": "https://docs.github.com/rest"})

        def base(self):
            return f"http://{self.headers['Host']}"

        def do_GET(self):
            url = urlsplit(self.path)
            with log_lock, open(log_path, "a", encoding="utf-8") as log:
                log.write(f"GET {url.path} {'auth' if self.headers.get('Authorization') else 'anonymous'}\n")
            prefix = f"/repos/{repo}/"
            if url.path.startswith("/storage/"):
                asset_id = int(url.path.rsplit("/", 1)[1])
                with open(assets[asset_id][1], "rb") as file:
                    return self.reply(200, file.read(), "application/octet-stream")
            if not url.path.startswith(prefix):
                return self.not_found()
            rest = url.path[len(prefix):]
            if rest.startswith("commits/"):
                ref = rest[len("commits/"):]
                sha = spec["refs"].get(ref) or (ref if ref in spec["refs"].values() else None)
                if sha is None:
                    return self.reply(422, {"message": f"No commit found for SHA: {ref}",
                                            "documentation_url": "https://docs.github.com/rest"})
                if self.headers.get("Accept") == "application/vnd.github.sha":
                    return self.reply(200, sha, "application/vnd.github.sha; charset=utf-8")
                return self.reply(200, {"sha": sha})
            if rest == "tags":
                query = parse_qs(url.query)
                per_page = int(query.get("per_page", ["30"])[0])
                page = int(query.get("page", ["1"])[0])
                tags = [{"name": name,
                         "commit": {"sha": sha, "url": f"{self.base()}{prefix}commits/{sha}"},
                         "zipball_url": f"{self.base()}{prefix}zipball/refs/tags/{name}",
                         "tarball_url": f"{self.base()}{prefix}tarball/refs/tags/{name}",
                         "node_id": f"tag-{name}"}
                        for name, sha in sorted(spec.get("tags", {}).items(), reverse=True)]
                return self.reply(200, tags[(page - 1) * per_page:page * per_page])
            if rest.startswith("releases/tags/"):
                tag = rest[len("releases/tags/"):]
                if tag not in releases:
                    return self.not_found()
                return self.reply(200, {
                    "tag_name": tag, "name": tag, "draft": False, "prerelease": False,
                    "assets": [{"id": a["id"], "name": a["name"], "state": "uploaded",
                                "content_type": "application/octet-stream",
                                "url": f"{self.base()}{prefix}releases/assets/{a['id']}",
                                "browser_download_url": f"{self.base()}/download/{tag}/{a['name']}"}
                               for a in releases[tag]]})
            if rest.startswith("releases/assets/"):
                asset_id = int(rest.rsplit("/", 1)[1])
                if asset_id not in assets:
                    return self.not_found()
                if self.headers.get("Accept") == "application/octet-stream":
                    return self.reply(302, b"", "text/plain",
                                      {"Location": f"{self.base()}/storage/{asset_id}"})
                return self.reply(200, {"id": asset_id, "name": assets[asset_id][0]})
            return self.not_found()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w", encoding="utf-8") as file:
        file.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
