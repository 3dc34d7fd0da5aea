# Settings of the local stack, sourced by dev.sh and the scripts beside this file.
# Every value can be overridden from the environment (e.g. INGRESS_PORT=9090 ./dev.sh up).
# These are development defaults only; production takes its settings from its own configuration.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
DEV_DIR=${DEV_DIR:-$ROOT/.dev}          # ignored by git: data, logs, pids, published apps
RUN_DIR=${RUN_DIR:-$DEV_DIR/run}
LOG_DIR=${LOG_DIR:-$DEV_DIR/logs}
APPS_DIR=${APPS_DIR:-$DEV_DIR/apps}

BASE_DOMAIN=${BASE_DOMAIN:-autowartung.localhost}
INGRESS_PORT=${INGRESS_PORT:-8080}
PGPORT=${PGPORT:-55432}
AZURITE_PORT=${AZURITE_PORT:-10000}
SMTP_PORT=${SMTP_PORT:-1025}
MAILDEV_WEB_PORT=${MAILDEV_WEB_PORT:-1080}
TENANT_WEB_PORT=${TENANT_WEB_PORT:-5101}
ADMIN_WEB_PORT=${ADMIN_WEB_PORT:-5102}
IDENTITY_PORT=${IDENTITY_PORT:-5103}
STRIPE_EMULATOR_PORT=${STRIPE_EMULATOR_PORT:-12111}

# Dev-only credentials of the throwaway local cluster (role "app"), never used anywhere else.
PG_USER=${PG_USER:-app}
PG_PASSWORD=${PG_PASSWORD:-app}
PG_DATABASE=${PG_DATABASE:-platform}
PG_CONNECTION="Host=127.0.0.1;Port=$PGPORT;Database=$PG_DATABASE;Username=$PG_USER;Password=$PG_PASSWORD"
# Azurite's published well-known development account; not a secret.
AZURITE_ACCOUNT=devstoreaccount1
AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
# Explicit, because UseDevelopmentStorage=true always means port 10000.
AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/$AZURITE_ACCOUNT;"

# The Stripe emulator's dev-only test keys: made-up values the emulator accepts, not Stripe keys.
# Production and Stripe's test mode take real keys from their own configuration.
STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY:-sk_test_dev_autowartung_local_only}
STRIPE_WEBHOOK_SECRET=${STRIPE_WEBHOOK_SECRET:-whsec_dev_autowartung_local_only_0000000000}

# name|project folder|port — the three web apps behind the ingress
APPS=(
  "tenant-web|src/Tenant.Web|$TENANT_WEB_PORT"
  "admin-web|src/Admin.Web|$ADMIN_WEB_PORT"
  "identity|src/Identity|$IDENTITY_PORT"
)

# The Stripe emulator (a test double of Stripe's API, not behind the ingress: the browser reaches its
# checkout page directly, as it would reach checkout.stripe.com).
STRIPE_EMULATOR=("stripe-emulator|tests/Autowartung.StripeEmulator|$STRIPE_EMULATOR_PORT")

export ROOT DEV_DIR RUN_DIR LOG_DIR APPS_DIR BASE_DOMAIN INGRESS_PORT PGPORT AZURITE_PORT SMTP_PORT \
  MAILDEV_WEB_PORT TENANT_WEB_PORT ADMIN_WEB_PORT IDENTITY_PORT STRIPE_EMULATOR_PORT PG_CONNECTION AZURITE_CONNECTION
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
