# syntax=docker/dockerfile:1
# The runtime image: backfill and the libraries it links, on Debian 12 slim,
# as a non-root user.
#   docker build -t backfill .
#   docker run --rm -e GITHUB_TOKEN -e DATABASE_URL backfill --repo OWNER/NAME
# Without a .git in the build context, the version comes in as build
# arguments (the release workflow passes the tag and commit).

# --- build: the project's own scripts, then the .deb of exactly this build ---
FROM debian:12 AS build
ARG BACKFILL_GIT_DESCRIBE=""
ARG BACKFILL_GIT_COMMIT=""
ARG SOURCE_DATE_EPOCH=""
ENV BACKFILL_GIT_DESCRIBE=${BACKFILL_GIT_DESCRIBE} \
    BACKFILL_GIT_COMMIT=${BACKFILL_GIT_COMMIT} \
    SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH}
WORKDIR /src
COPY . .
# --package: the build's packages plus help2man, dpkg-dev and file for CPack.
RUN scripts/install-deps.sh --package \
 && scripts/build.sh --package \
 && cd build \
 && cpack -G DEB -B /packages \
 && rm -rf /var/lib/apt/lists/*

# --- runtime: only the package's Depends (apt resolves them from the .deb) ---
FROM debian:12-slim
COPY --from=build /packages/backfill_*_amd64.deb /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates /tmp/backfill_*_amd64.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/backfill_*_amd64.deb \
 && useradd --system --uid 10001 --user-group --home-dir /data --create-home backfill
# The default database, sqlite:backfill.db, lands in /data: mount a volume
# there to keep it, or give DATABASE_URL (postgres://...).
WORKDIR /data
USER 10001:10001
ENTRYPOINT ["/usr/bin/backfill"]
CMD ["--help"]
