#!/usr/bin/env bash
# The local stack in one command.
#   ./dev.sh up     install what is missing, start everything, migrate, seed, print URLs and logins
#   ./dev.sh test   build (warnings are errors) and run every test against the real servers
#   ./dev.sh down   stop what `up` started
# Ports and the base domain are set in infra/local/env.sh and can be overridden from the environment.
set -euo pipefail
source "$(dirname "$0")/infra/local/lib.sh"

up() {
  install_missing
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$APPS_DIR"
  start_postgres
  start_azurite
  start_maildev
  build_solution
  migrate_and_seed
  for app in "${STRIPE_EMULATOR[@]}" "${APPS[@]}"; do
    IFS='|' read -r name project port <<<"$app"
    start_app "$name" "$project" "$port"
  done
  start_nginx
  wait_for_port "$AZURITE_PORT" azurite
  wait_for_port "$SMTP_PORT" maildev
  wait_for_apps
  wait_for_http "http://witten.$BASE_DOMAIN:$INGRESS_PORT/health/live" "the ingress" 30
  ensure_demo_pickup
}

print_welcome() {
  local base="$BASE_DOMAIN:$INGRESS_PORT"
  cat <<TEXT

Autowartung runs locally:
  Witten (Pilot)      http://witten.$base
  Dortmund (Live)     http://dortmund.$base
  Public landing      http://$base
  Admin               http://admin.$base
  Identity (sign-in)  http://id.$base
  Mails (maildev)     http://127.0.0.1:$MAILDEV_WEB_PORT
  Stripe emulator     http://localhost:$STRIPE_EMULATOR_PORT  (test double, nothing is charged: pay with "Visa •••• 4242")
  PostgreSQL          $PG_CONNECTION
  Logs                $LOG_DIR
TEXT
  if [ -s "$DEV_DIR/demo-users.json" ]; then
    echo
    echo "Demo logins (dev only, also in .dev/demo-users.json):"
    python3 - "$DEV_DIR/demo-users.json" <<'PY' 2>/dev/null || cat "$DEV_DIR/demo-users.json"
import json, sys
for u in json.load(open(sys.argv[1])):
    totp = f"  TOTP secret {u['totpSecret']}" if u.get("totpSecret") else ""
    print(f"  {u['role']:<14} {u.get('city') or '-':<9} {u['email']:<36} {u['password']}{totp}")
PY
  fi
  echo
  echo "A paid demo booking (EN-AW 100, with a replacement car) waits for its pickup: sign in as the jockey at http://witten.$base/jockey,"
  echo "record the handover (and the car handed out) on a phone-sized window; the customer sees it at http://witten.$base/meine-buchungen."
  echo
  echo "Stop with ./dev.sh down."
}

run_tests() {
  local log=$DEV_DIR/test.log
  say "checking the layout (dotnet format --verify-no-changes, rules in .editorconfig)"
  dotnet format "$ROOT/Autowartung.sln" --verify-no-changes --no-restore -v:q || fail "the code is not formatted: run dotnet format Autowartung.sln"
  say "running the tests"
  set +e
  AUTOWARTUNG_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Database=postgres;Username=$PG_USER;Password=$PG_PASSWORD" \
  AUTOWARTUNG_BASE_DOMAIN="$BASE_DOMAIN" AUTOWARTUNG_INGRESS_PORT="$INGRESS_PORT" AUTOWARTUNG_SMTP_PORT="$SMTP_PORT" \
  AUTOWARTUNG_AZURITE_PORT="$AZURITE_PORT" \
  AUTOWARTUNG_MAILDEV_WEB_PORT="$MAILDEV_WEB_PORT" AUTOWARTUNG_DEMO_USERS="$DEV_DIR/demo-users.json" \
  AUTOWARTUNG_STRIPE_EMULATOR="http://127.0.0.1:$STRIPE_EMULATOR_PORT" AUTOWARTUNG_STACK_PG="$PG_CONNECTION" \
    dotnet test "$ROOT/Autowartung.sln" --no-build -nologo "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  # One closing line over all test projects.
  grep -E '^\s*(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
    awk '{f+=$1; p+=$2; s+=$3} END {printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s}'
  return "$status"
}

down() {
  stop_pid nginx
  for app in "${APPS[@]}" "${STRIPE_EMULATOR[@]}"; do stop_pid "${app%%|*}"; done
  stop_pid maildev
  stop_pid azurite
  stop_postgres
}

case "${1:-}" in
  up)   up; print_welcome ;;
  test) shift; up; run_tests "$@" ;;
  down) down ;;
  *)    echo "usage: ./dev.sh up | test [dotnet test options, e.g. --filter Name] | down" >&2; exit 2 ;;
esac
