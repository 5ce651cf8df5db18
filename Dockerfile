# syntax=docker/dockerfile:1
# confluence-workbench as a container: the service on port 8787, its data in the /data volume.
# It listens on 0.0.0.0, so it refuses to start without WORKBENCH_API_KEYS (README, "Docker").
# The package is made and installed by scripts/package.sh, the commands test/package/ runs.

# Build stage: compile the TypeScript to JavaScript and pack the npm tarball. The runtime
# dependencies are enough to build (the compiler is one of them) and need no install script.
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY . .
RUN scripts/package.sh pack /package

# Runtime stage: the installed package alone, run by the image's unprivileged `node` user.
FROM node:24-bookworm-slim
COPY --from=build /package/ /tmp/package/
COPY --from=build /src/scripts/package.sh /tmp/package/
RUN /tmp/package/package.sh install /tmp/package/confluence-workbench-*.tgz /usr/local \
  && rm -rf /tmp/package /root/.npm \
  && mkdir /data \
  && chown node:node /data
ENV WORKBENCH_DATA_DIR=/data \
    WORKBENCH_HOST=0.0.0.0 \
    WORKBENCH_PORT=8787
VOLUME ["/data"]
USER node
WORKDIR /data
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/usr/local/lib/node_modules/confluence-workbench/scripts/healthcheck.js"]
CMD ["confluence-workbench", "serve"]
