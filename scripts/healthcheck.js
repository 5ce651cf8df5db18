#!/usr/bin/env node
// The container's HEALTHCHECK (Dockerfile), shipped in the package so the image and
// test/package/ run the same file: exit 0 when the service on this machine answers /healthz
// with 200, 1 otherwise. The port is the service's own setting, WORKBENCH_PORT (default 8787).
const port = process.env.WORKBENCH_PORT || '8787';
const TIMEOUT_MS = 4_000;
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) console.error(`healthcheck: /healthz answered ${response.status}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: no answer on port ${port}: ${error.cause?.message ?? error.message}`);
  process.exit(1);
}
