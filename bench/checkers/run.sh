#!/usr/bin/env bash
# Builds and runs the checker benchmark (root: it creates and removes its own network namespace).
#   sudo bench/checkers/run.sh [--servers N] [--seconds S] [--scenario tcp|http|mixed|all]
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release -nologo -clp:ErrorsOnly -o bin/bench
exec dotnet bin/bench/Vigil.Bench.dll "$@"
