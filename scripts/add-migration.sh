#!/usr/bin/env bash
# Adds a migration named $2 to one module ($1: Planning, Inspection, Rectification,
# Assessment, Notification) for both providers, so SQLite and PostgreSQL never drift.
#   scripts/add-migration.sh Planning AddChapters
set -euo pipefail
cd "$(dirname "$0")/.."
service=${1:?usage: scripts/add-migration.sh <Service> <MigrationName>}
name=${2:?usage: scripts/add-migration.sh <Service> <MigrationName>}
project="services/$service/Platform.$service.Module"
dotnet tool restore >/dev/null
dotnet build "$project" -v q -nologo >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project "$project" --startup-project "$project" --no-build \
    --context "${provider}${service}DbContext" \
    --output-dir "Infrastructure/Migrations/$provider" \
    --namespace "Platform.$service.Module.Infrastructure.Migrations.$provider"
done
# dotnet ef places the model snapshot in a folder named after --namespace; keep it beside its migrations.
for provider in Sqlite Postgres; do
  nested="$project/Platform/$service/Module/Infrastructure/Migrations/$provider"
  if [ -d "$nested" ]; then mv "$nested"/*.cs "$project/Infrastructure/Migrations/$provider/"; fi
done
rm -rf "$project/Platform"
