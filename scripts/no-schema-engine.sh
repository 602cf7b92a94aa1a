#!/bin/sh
echo "Baton runs migrations with scripts/migrate.ts (the wasm schema engine); the native schema engine is not installed." >&2
exit 1
