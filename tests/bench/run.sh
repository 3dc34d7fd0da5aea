#!/usr/bin/env bash
# On demand, not part of ./dev.sh test:  bash tests/bench/run.sh
# Seeds a separate database (platform_bench) with 1,000 cities and 1,000,000 bookings, starts one more
# Tenant.Web against it on 127.0.0.1:$BENCH_PORT, and measures with wrk, in one run:
#   baseline  GET /health/ready          (one trivial query and one storage listing through the same stack)
#   slots     GET /api/v1/slots?quoteId=…
#   bookings  POST /api/v1/bookings      (a new booking, holding a place, per request)
# The app and its own Stripe emulator run from a built checkout's bin folders: this one, or another given
# as BENCH_TREE (a worktree of an earlier commit, built with dotnet build -c Debug), to measure before/after.
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/local/lib.sh
BENCH_TREE=$(cd "${BENCH_TREE:-$ROOT}" && pwd)
BENCH_PORT=${BENCH_PORT:-5190}
BENCH_STRIPE_PORT=${BENCH_STRIPE_PORT:-5191}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
HOST="witten.$BASE_DOMAIN"
BENCH_CONNECTION="Host=127.0.0.1;Port=$PGPORT;Database=platform_bench;Username=$PG_USER;Password=$PG_PASSWORD"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
./dev.sh up >/dev/null

say "seeding platform_bench (1,000 cities, 1,000,000 bookings)"
psql_admin=(psql -h "$RUN_DIR/pg" -p "$PGPORT" -U postgres -qtA -v ON_ERROR_STOP=1)
"${psql_admin[@]}" -c "DROP DATABASE IF EXISTS platform_bench WITH (FORCE)" -c "CREATE DATABASE platform_bench OWNER $PG_USER"
ConnectionStrings__Platform="$BENCH_CONNECTION" dotnet "$BENCH_TREE/src/Platform/Autowartung.Migrator/bin/Debug/net10.0/Autowartung.Migrator.dll" migrate seed-demo >/dev/null
seed_started=$(date +%s)
PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PGPORT" -U "$PG_USER" -d platform_bench -q -f "$BENCH_TREE/tests/bench/seed.sql"
echo "   seeded in $(( $(date +%s) - seed_started )) s: $(PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PGPORT" -U "$PG_USER" -d platform_bench -tAc 'SELECT count(*) FROM bookings') bookings"

for port in "$BENCH_PORT" "$BENCH_STRIPE_PORT"; do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && fail "port $port is taken: stop what runs there (an earlier bench?) or set BENCH_PORT / BENCH_STRIPE_PORT"
done
say "starting $BENCH_TREE's Stripe emulator on 127.0.0.1:$BENCH_STRIPE_PORT"
( cd "$BENCH_TREE/tests/Autowartung.StripeEmulator/bin/Debug/net10.0" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$BENCH_STRIPE_PORT" \
  Emulator__PublicUrl="http://127.0.0.1:$BENCH_STRIPE_PORT" Emulator__Webhooks__0__Url="http://127.0.0.1:$BENCH_PORT/webhooks/stripe" \
  Emulator__Webhooks__0__Secret="$STRIPE_WEBHOOK_SECRET" Logging__LogLevel__Default=Warning \
  nohup dotnet Autowartung.StripeEmulator.dll </dev/null >"$LOG_DIR/bench-stripe.log" 2>&1 & echo $! >"$RUN_DIR/bench-stripe.pid" )
say "starting $BENCH_TREE's Tenant.Web on 127.0.0.1:$BENCH_PORT against platform_bench"
( cd "$BENCH_TREE/src/Tenant.Web/bin/Debug/net10.0" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$BENCH_PORT" \
  ConnectionStrings__Platform="$BENCH_CONNECTION;Maximum Pool Size=64" Storage__Blobs__ConnectionString="$AZURITE_CONNECTION" Platform__BaseDomain="$BASE_DOMAIN" Platform__PublicPort="$INGRESS_PORT" \
  Platform__PublicScheme=http Serilog__MinimumLevel__Default=Warning Jobs__ExpireHoldsEverySeconds=3600 \
  Stripe__ApiBase="http://127.0.0.1:$BENCH_STRIPE_PORT" Stripe__SecretKey="$STRIPE_SECRET_KEY" Stripe__WebhookSecrets__0="$STRIPE_WEBHOOK_SECRET" \
  nohup dotnet Autowartung.Tenant.Web.dll </dev/null >"$LOG_DIR/bench-tenant-web.log" 2>&1 & echo $! >"$RUN_DIR/bench.pid" )
stop_bench() {
  local name pid
  for name in bench bench-stripe; do
    pid=$(cat "$RUN_DIR/$name.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap stop_bench EXIT
wait_for_http "http://127.0.0.1:$BENCH_STRIPE_PORT/_emulator/health" bench-stripe 60
wait_for_http "http://127.0.0.1:$BENCH_PORT/health/ready" bench 60

base="http://127.0.0.1:$BENCH_PORT"
quote=$(curl -fsS -H "Host: $HOST" -H 'Content-Type: application/json' "$base/api/v1/quotes" \
  -d '{"vehicle":{"make":"Volkswagen","model":"Golf","year":2019,"fuel":"Petrol"},"serviceCodes":["INSPECTION"],"postalCode":"58452"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
slot=$(curl -fsS -H "Host: $HOST" "$base/api/v1/slots?quoteId=$quote" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

measure() { # name, wrk arguments...
  local name=$1; shift
  curl -fsS -o /dev/null -H "Host: $HOST" "$base/health/ready"   # warm
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Host: $HOST" "$@" >"$DEV_DIR/bench-$name.txt"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$DEV_DIR/bench-$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$DEV_DIR/bench-$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$DEV_DIR/bench-$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$DEV_DIR/bench-$name.txt")
  printf '%-9s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$name" "$rps" "$p50" "$p99" "${non2xx:-0}"
  echo "$rps" >"$DEV_DIR/bench-$name.rps"
}

say "measuring ($DURATION each, $CONNECTIONS connections, 2 threads)"
measure baseline "$base/health/ready"
measure slots "$base/api/v1/slots?quoteId=$quote"
measure bookings -s tests/bench/post-booking.lua "$base/api/v1/bookings" -- "$quote" "$slot"
python3 - "$DEV_DIR" <<'PY'
import sys
d = sys.argv[1]
rps = {n: float(open(f"{d}/bench-{n}.rps").read()) for n in ("baseline", "slots", "bookings")}
print(f"throughput vs baseline: slots {rps['slots'] / rps['baseline']:.2f}, bookings {rps['bookings'] / rps['baseline']:.2f}")
PY
echo "bookings created: $(PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PGPORT" -U "$PG_USER" -d platform_bench -tAc "SELECT count(*) FROM bookings WHERE status = 'PendingPayment'")"
