#!/usr/bin/env bash
# On demand, not part of ./dev.sh test:  bash tests/bench/photos.sh [uploads]
# A handover photo's upload on the server (p50/p99 for a 4 MB JPEG: multipart, decode, upright, resize, re-encode,
# thumbnail, two blobs to Azurite, one row) and a protocol PDF's render (time, memory), against the local stack.
set -euo pipefail
cd "$(dirname "$0")/../.."
./dev.sh up >/dev/null
# The in-process app finds its pages and files where the test projects find them.
ASPNETCORE_TEST_CONTENTROOT_AUTOWARTUNG_TENANT_WEB="$PWD/src/Tenant.Web" dotnet run --project tests/bench/PhotoUpload -c Release -- "${1:-60}"
