# Functions behind ./dev.sh. Each start_* reuses a process that already runs and records what it
# started in $RUN_DIR/<name>.pid, so that `down` stops exactly that and nothing else.
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

say()  { printf '\033[1m==>\033[0m %s\n' "$*"; }
fail() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

pid_alive() { [ -f "$RUN_DIR/$1.pid" ] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

wait_for_http() { # url, name, seconds
  local url=$1 name=$2 seconds=${3:-60}
  for _ in $(seq 1 $((seconds * 5))); do
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    sleep 0.2
  done
  fail "$name did not answer on $url within ${seconds}s (logs: $LOG_DIR)"
}

wait_for_port() { # port, name
  for _ in $(seq 1 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  fail "$2 did not open port $1"
}

# ---------------------------------------------------------------- install
install_missing() {
  local packages=()
  command -v curl >/dev/null || packages+=(curl ca-certificates)
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || packages+=(postgresql)
  command -v nginx >/dev/null || packages+=(nginx-light)
  [ -x /usr/bin/chromium ] || packages+=(chromium fonts-dejavu-core)
  command -v node >/dev/null || packages+=(nodejs npm)
  command -v pdftotext >/dev/null || packages+=(poppler-utils)   # the tests read protocol PDFs back
  if [ ${#packages[@]} -gt 0 ]; then
    say "installing ${packages[*]}"
    [ "$(id -u)" = 0 ] || fail "installing Debian packages needs root"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  fi
  command -v dotnet >/dev/null || fail "the .NET SDK (see global.json) is not installed"

  local devservers=$ROOT/infra/devservers
  if [ ! -d "$devservers/node_modules/azurite" ] || [ "$devservers/package-lock.json" -nt "$devservers/node_modules/.package-lock.json" ]; then
    say "installing azurite and maildev from infra/devservers/package-lock.json"
    (cd "$devservers" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  (cd "$ROOT" && dotnet tool restore >/dev/null)
}

# ---------------------------------------------------------------- postgres
start_postgres() {
  local pgbin base=$RUN_DIR/pg
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  mkdir -p "$base" && chown postgres:postgres "$base"
  # postgres (the user) must reach its folder through every parent; its log stays inside it: $base/server.log
  local dir=$base
  while [ "$dir" != / ]; do chmod o+x "$dir" 2>/dev/null || true; dir=$(dirname "$dir"); done
  if [ ! -f "$base/data/PG_VERSION" ]; then
    runuser -u postgres -- "$pgbin/initdb" -D "$base/data" -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$base/initdb.log"
  fi
  if ! runuser -u postgres -- "$pgbin/pg_ctl" -D "$base/data" status >/dev/null 2>&1; then
    say "starting PostgreSQL on 127.0.0.1:$PGPORT"
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $base -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
  fi
  head -1 "$base/data/postmaster.pid" >"$RUN_DIR/postgres.pid"
  local psql=(psql -h "$base" -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  "${psql[@]}" -c "DO \$\$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='$PG_USER') THEN
                   CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD' CREATEDB; END IF; END\$\$;"
  [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$PG_DATABASE'")" = 1 ] ||
    "${psql[@]}" -c "CREATE DATABASE $PG_DATABASE OWNER $PG_USER"
}

stop_postgres() {
  local pgbin base=$RUN_DIR/pg
  [ -f "$base/data/postmaster.pid" ] || return 0
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null && say "stopped PostgreSQL"
  rm -f "$RUN_DIR/postgres.pid"
}

# ---------------------------------------------------------------- node dev servers
start_background() { # name, command...
  local name=$1; shift
  pid_alive "$name" && return 0
  say "starting $name"
  nohup "$@" </dev/null >"$LOG_DIR/$name.log" 2>&1 &
  echo $! >"$RUN_DIR/$name.pid"
}

start_azurite() {
  mkdir -p "$RUN_DIR/azurite"
  start_background azurite "$ROOT/infra/devservers/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 \
    --blobPort "$AZURITE_PORT" --location "$RUN_DIR/azurite" --skipApiVersionCheck --disableTelemetry --silent
}

start_maildev() {
  start_background maildev "$ROOT/infra/devservers/node_modules/.bin/maildev" --ip 127.0.0.1 --web-ip 127.0.0.1 \
    --smtp "$SMTP_PORT" --web "$MAILDEV_WEB_PORT" --silent
}

# ---------------------------------------------------------------- the .NET apps
build_solution() {
  say "building (warnings are errors)"
  (cd "$ROOT" && dotnet build Autowartung.sln -c Debug -nologo -clp:ErrorsOnly -v:q) || fail "build failed"
}

migrate_and_seed() {
  say "migrating and seeding the demo data"
  ConnectionStrings__Platform="$PG_CONNECTION" DEMO_USERS_FILE="$DEV_DIR/demo-users.json" \
    dotnet "$ROOT/src/Platform/Autowartung.Migrator/bin/Debug/net10.0/Autowartung.Migrator.dll" migrate seed-demo \
    || fail "migration failed"
}

# Publishes an app into its own folder and (re)starts it when the published bits changed, so a running
# app never has its files replaced under it and an unchanged one keeps running.
# Dev only: the local stack sees every browser test from one address, so its sign-in rate limit is
# higher than production's 10 a minute, and so is its limit on sign-in-link emails (production: 5 in
# 10 minutes); the identity tests check both with limits of their own.
start_app() { # name, project folder, port
  local name=$1 project=$2 port=$3 next=$APPS_DIR/$1.next current=$APPS_DIR/$1
  rm -rf "$next"
  dotnet publish "$ROOT/$project" -c Debug --no-build -o "$next" -nologo -v:q >/dev/null || fail "publish of $name failed"
  local hash
  hash=$(cd "$next" && find . -type f ! -name '*.pdb' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
  if pid_alive "$name" && [ "$(cat "$RUN_DIR/$name.hash" 2>/dev/null)" = "$hash" ]; then
    rm -rf "$next"
    return 0
  fi
  stop_pid "$name"
  rm -rf "$current" && mv "$next" "$current"
  say "starting $name on 127.0.0.1:$port"
  local dll
  dll=$(basename "$(ls "$current"/Autowartung.*.runtimeconfig.json)" .runtimeconfig.json).dll
  (
    cd "$current" || exit 1
    ASPNETCORE_ENVIRONMENT=Development \
    ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ConnectionStrings__Platform="$PG_CONNECTION" Storage__Blobs__ConnectionString="$AZURITE_CONNECTION" \
    Platform__BaseDomain="$BASE_DOMAIN" Platform__PublicPort="$INGRESS_PORT" Platform__PublicScheme=http \
    Logging__JsonFile="$LOG_DIR/$name.json" Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT" Outbox__PollSeconds=1 \
    RateLimits__SignInPerMinute=120 RateLimits__AccountEmailsPerTenMinutes=60 \
    Stripe__ApiBase="http://127.0.0.1:$STRIPE_EMULATOR_PORT" Stripe__SecretKey="$STRIPE_SECRET_KEY" \
    Stripe__WebhookSecrets__0="$STRIPE_WEBHOOK_SECRET" \
    Emulator__PublicUrl="http://localhost:$STRIPE_EMULATOR_PORT" \
    Emulator__Webhooks__0__Url="http://$BASE_DOMAIN:$INGRESS_PORT/webhooks/stripe" Emulator__Webhooks__0__Secret="$STRIPE_WEBHOOK_SECRET" \
      nohup dotnet "$dll" </dev/null >"$LOG_DIR/$name.log" 2>&1 &
    echo $! >"$RUN_DIR/$name.pid"
  )
  echo "$hash" >"$RUN_DIR/$name.hash"
}

wait_for_apps() {
  for app in "${APPS[@]}"; do
    IFS='|' read -r name _ port <<<"$app"
    wait_for_http "http://127.0.0.1:$port/health/ready" "$name" 90
  done
  wait_for_http "http://127.0.0.1:$STRIPE_EMULATOR_PORT/_emulator/health" "the Stripe emulator" 60
}

# ---------------------------------------------------------------- ingress
start_nginx() {
  local conf=$RUN_DIR/nginx/nginx.conf
  mkdir -p "$RUN_DIR/nginx/temp"
  local addresses=(127.0.0.1) listen="" listen_default=""
  [ -f /proc/net/if_inet6 ] && addresses+=("[::1]")   # browsers may try ::1 first for *.localhost
  for address in "${addresses[@]}"; do
    listen+="listen $address:$INGRESS_PORT; "
    listen_default+="listen $address:$INGRESS_PORT default_server; "
  done
  sed -e "s|@RUN_DIR@|$RUN_DIR|g" -e "s|@LOG_DIR@|$LOG_DIR|g" -e "s|@LISTEN@|$listen|g" -e "s|@LISTEN_DEFAULT@|$listen_default|g" \
      -e "s|@BASE_DOMAIN@|$BASE_DOMAIN|g" -e "s|@TENANT_WEB_PORT@|$TENANT_WEB_PORT|g" \
      -e "s|@ADMIN_WEB_PORT@|$ADMIN_WEB_PORT|g" -e "s|@IDENTITY_PORT@|$IDENTITY_PORT|g" \
      "$ROOT/infra/local/nginx.conf.template" >"$conf.new"
  nginx -t -q -p "$RUN_DIR/nginx" -c "$conf.new" -e "$LOG_DIR/nginx-error.log" || fail "nginx configuration is invalid"
  mv "$conf.new" "$conf"
  if pid_alive nginx; then
    kill -HUP "$(cat "$RUN_DIR/nginx.pid")"   # reload the configuration in place
  else
    say "starting nginx on port $INGRESS_PORT"
    nginx -p "$RUN_DIR/nginx" -c "$conf" -e "$LOG_DIR/nginx-error.log" || fail "nginx did not start"
  fi
  wait_for_port "$INGRESS_PORT" nginx
}

# ---------------------------------------------------------------- stopping
stop_pid() { # name
  local name=$1 pid
  [ -f "$RUN_DIR/$name.pid" ] || return 0
  pid=$(cat "$RUN_DIR/$name.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    say "stopped $name (pid $pid)"
  fi
  rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.hash"
}

# ---------------------------------------------------------------- the demo's pickup
# A booking of the demo customer in Witten, paid in the emulator's checkout with the test card, made
# through the public API as a customer would: the jockeys' job gives its pickup to a jockey on shift
# (on a fresh stack the demo jockey, who has no tasks yet and the lowest id), so a newcomer can walk
# the pickup with its protocol on a phone, handing out the replacement car booked with it. Made once: the idempotency key finds it on the next `up`.
ensure_demo_pickup() {
  local city="http://127.0.0.1:$TENANT_WEB_PORT" host="witten.$BASE_DOMAIN" plate="EN-AW 100"
  local known
  known=$(PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PGPORT" -U "$PG_USER" -d platform -tAc \
    "SELECT count(*) FROM bookings WHERE license_plate = '$plate' AND status <> 'Expired'" 2>/dev/null || echo 0)
  [ "$known" = "0" ] || return 0
  say "booking and paying the demo pickup in Witten ($plate)"
  python3 - "$city" "$host" "$plate" "$(python3 -c 'import json,sys; print(next(u["email"] for u in json.load(open(sys.argv[1])) if u["role"] == "Customer"))' "$DEV_DIR/demo-users.json")" <<'PY' || say "the demo pickup could not be booked now; the next up tries again"
import json, sys, urllib.error, urllib.parse, urllib.request
city, host, plate, email = sys.argv[1:5]
def call(method, url, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Host": host, "Accept": "application/json",
        "Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as answer:
        text = answer.read().decode()
        return json.loads(text) if text.startswith(("{", "[")) else text
quote = call("POST", f"{city}/api/v1/quotes", {"vehicle": {"make": "Opel", "model": "Corsa", "year": 2020, "fuel": "Petrol", "mileageKm": 48000},
                                                  "serviceCodes": ["INSPECTION"], "postalCode": "58452"})
slot = call("GET", f"{city}/api/v1/slots?quoteId={quote['id']}")[0]
booking = call("POST", f"{city}/api/v1/bookings", {"quoteId": quote["id"], "slotId": slot["id"],
    "customer": {"name": "Kunde Witten", "email": email, "phone": "02302 123456"},
    "address": {"street": "Ruhrstraße 12", "postalCode": "58452", "city": "Witten"}, "licensePlate": plate,
    "replacementCar": True},
    {"Idempotency-Key": "demo-witten-pickup-0002"})
class Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None   # the checkout sends the browser back to the city: paid is paid, no need to follow
try:
    urllib.request.build_opener(Stay).open(urllib.request.Request(booking["paymentUrl"], method="POST",
        data=urllib.parse.urlencode({"payment_method": "pm_card_visa"}).encode(), headers={"Content-Type": "application/x-www-form-urlencoded"}), timeout=30)
except urllib.error.HTTPError as answer:
    if answer.code not in (302, 303): raise
print(f"   booking {booking['id']} paid; its pickup on {slot['date']} {slot['start']}-{slot['end']} goes to a jockey within seconds")
PY
}
