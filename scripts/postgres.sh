#!/usr/bin/env bash
# Placeholder: installs and starts a local PostgreSQL server for tests (filled in with the loader work).
exit 1
