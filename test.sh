#!/usr/bin/env bash
# Runs every test of GreenFreight. Installs and starts what the tests need when missing (PostgreSQL 15,
# Chromium, CJK fonts), runs all test projects, and prints "N passed, N failed".
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Api]
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
command -v pg_ctlcluster >/dev/null 2>&1 && [ -x /usr/lib/postgresql/15/bin/postgres ] || need_apt+=(postgresql-15 postgresql-client-15)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "Installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
fi

# PostgreSQL 15: the Debian cluster on 5432 (created and started when missing).
log "Starting PostgreSQL 15"
if ! pg_lsclusters 2>/dev/null | grep -q '^15 \+main'; then as_root pg_createcluster 15 main </dev/null >/dev/null; fi
as_root pg_ctlcluster 15 main start </dev/null 2>/dev/null || true
pg_isready -h 127.0.0.1 -p 5432 -t 60 >/dev/null || { echo "PostgreSQL did not start"; exit 1; }
as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c "ALTER USER postgres PASSWORD 'postgres';" </dev/null >/dev/null || { echo "cannot set the postgres password"; exit 1; }
export GREENFREIGHT_TEST_PG="Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres"
export GREENFREIGHT_CHROMIUM=/usr/bin/chromium

log "Building"
dotnet build GreenFreight.slnx -c Debug -nologo -v q 2>&1 | tail -n 30
build=${PIPESTATUS[0]}
if [ "$build" -ne 0 ]; then echo "build failed"; echo "0 passed, 1 failed"; exit 1; fi

log "Testing"
rm -rf "$ROOT/TestResults"
dotnet test GreenFreight.slnx --no-build -nologo --logger "trx" --logger "console;verbosity=normal" --results-directory "$ROOT/TestResults" "$@" 2>&1 \
  | grep -vE '^\s*$' | grep -E '^\s*Failed |Skipped |Total tests|Passed!|Failed!|Test Run Aborted|crash' | head -n 600
status=${PIPESTATUS[0]}

# Sum the TRX results of all test projects; list every test that did not pass (name, message, first stack lines),
# so the end of the log says what failed.
read -r passed failed skipped < <(python3 - "$ROOT/TestResults" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
ns = '{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}'
p = f = s = 0
bad = []
for path in sorted(glob.glob(sys.argv[1] + '/*.trx')):
    root = ET.parse(path).getroot()
    c = root.find(ns + 'ResultSummary/' + ns + 'Counters')
    if c is None: continue
    p += int(c.get('passed', 0)); f += int(c.get('failed', 0)) + int(c.get('error', 0)) + int(c.get('timeout', 0)) + int(c.get('aborted', 0))
    s += int(c.get('notExecuted', 0))
    for r in root.iter(ns + 'UnitTestResult'):
        if r.get('outcome') in ('Passed', 'NotExecuted'): continue
        msg = r.findtext(ns + 'Output/' + ns + 'ErrorInfo/' + ns + 'Message') or ''
        st = r.findtext(ns + 'Output/' + ns + 'ErrorInfo/' + ns + 'StackTrace') or ''
        bad.append((os.path.basename(path), r.get('testName'), r.get('outcome'), r.get('duration'), msg, st))
    # A run can fail with every test passed (a class fixture's cleanup threw, a test host crashed): say why.
    summary = root.find(ns + 'ResultSummary')
    if summary.get('outcome') not in ('Completed', 'Passed'):
        for info in summary.iter(ns + 'RunInfo'):
            bad.append((os.path.basename(path), '(test run)', summary.get('outcome'), '', info.findtext(ns + 'Text') or '', ''))
os.makedirs(sys.argv[1], exist_ok=True)
with open(os.path.join(sys.argv[1], 'not-passed.txt'), 'w', encoding='utf-8') as out:
    if bad:
        out.write('\n== Not passed (%d)\n' % len(bad))
    for trx, name, outcome, dur, msg, st in bad:
        out.write('-- %s [%s, %s] (%s)\n' % (name, outcome, dur, trx))
        for line in msg.strip().splitlines()[:25] + st.strip().splitlines()[:12]: out.write('   ' + line + '\n')
print(p, f, s)
PY
)
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi   # a crashed test host counts as a failure
cat "$ROOT/TestResults/not-passed.txt" 2>/dev/null
echo
if [ "${skipped:-0}" -gt 0 ]; then echo "${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"; else echo "${passed:-0} passed, ${failed:-0} failed"; fi
[ "${failed:-0}" -eq 0 ] && [ "${passed:-0}" -gt 0 ]
