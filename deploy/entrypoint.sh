#!/bin/sh
# IISG Hub's entrypoint: one image (or one checkout), one role per process.
#
#   web        gunicorn serving the site (deploy/gunicorn.conf.py: PORT, GUNICORN_WORKERS)
#   worker     the task worker, with its heartbeat (search indexing, PDFs, imports, e-mails)
#   periodic   the periodic jobs (scheduled publishing, deadlines, recovery of stopped jobs)
#   migrate    apply the database migrations: once per upgrade, before the new web and
#              worker processes start
#   reindex    index every searchable object again with the running release's search fields:
#              once per upgrade, after the web and worker processes have all been replaced
#              (an old worker would index what it saves with the old fields)
#   check      Django's deployment checks against the environment (exit 1 on any warning)
#   manage ... any manage.py command
#
# Production settings unless DJANGO_SETTINGS_MODULE says otherwise; every setting comes from
# the environment (README: configuration). PYTHON names the interpreter (default: python).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
: "${DJANGO_SETTINGS_MODULE:=cms.settings.production}"
export DJANGO_SETTINGS_MODULE
python=${PYTHON:-python}

role=${1:-web}
[ $# -gt 0 ] && shift

case "$role" in
    web)
        exec "$python" -m gunicorn --config "$here/gunicorn.conf.py" cms.wsgi:application "$@" ;;
    worker)
        exec "$python" manage.py worker --no-startup-delay "$@" ;;
    periodic)
        exec "$python" manage.py periodic "$@" ;;
    migrate)
        exec "$python" manage.py migrate --noinput "$@" ;;
    reindex)
        exec "$python" manage.py update_index --verbosity 0 "$@" ;;
    check)
        exec "$python" manage.py check --deploy --fail-level WARNING "$@" ;;
    manage)
        exec "$python" manage.py "$@" ;;
    *)
        echo "Unknown role '$role': use web, worker, periodic, migrate, reindex, check or manage." >&2
        exit 2 ;;
esac
