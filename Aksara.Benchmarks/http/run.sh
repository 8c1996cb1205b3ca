#!/usr/bin/env bash
# HTTP side by side: TechEmpower's database tests (/db, /queries, /fortunes, /updates) served once per variant by one
# ASP.NET Core app (Aksara.Benchmarks http), loaded with wrk, variants interleaved over several rounds.
# Prints the median requests/s of each variant and its ratio to hand-written Npgsql (/raw).
#
#   Aksara.Benchmarks/http/run.sh                       # 3 rounds x 16/64/256 connections x 5 s, every test
#   Aksara.Benchmarks/http/run.sh --tests "db fortunes" --long
#   Aksara.Benchmarks/http/run.sh --scale-out           # /db: primary only vs primary + standby vs through PgBouncer
#
# The database: AKSARA_BENCH_DATABASE_URL when set (seeded by the app), otherwise a throwaway local cluster the app
# starts with the PostgreSQL binaries (run as the postgres OS user when this runs as root) and removes at exit.
# Everything listens on and targets 127.0.0.1 only; every wrk run is bounded by --duration.
set -euo pipefail

duration=5
rounds=3
connections="16 64 256"
tests="db queries fortunes updates"
variants="raw dapper ef aksara-raw aksara"
queries=20
port=5080
threads=2
prime_seconds=3
artifacts="${AKSARA_BENCH_ARTIFACTS:-/tmp/aksara-bench-http}"
build=1
scale_out=0
baseline=raw

usage() {
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    cat <<USAGE

Options:
  --duration SECONDS     wrk duration of each measurement (default $duration)
  --long                 30 s measurements and 5 rounds, for a quiet machine
  --rounds N             interleaved rounds (default $rounds, at least 3 for a median)
  --connections "LIST"   wrk connection counts (default "$connections")
  --tests "LIST"         among: db queries fortunes updates (default "$tests")
  --variants "LIST"      among: raw dapper ef aksara-raw aksara (default "$variants")
  --queries N            queries= for /queries and /updates (default $queries)
  --port PORT            loopback port of the app (default $port)
  --no-build             use the build already in \$AKSARA_BENCH_ARTIFACTS ($artifacts)
  --scale-out            also start a streaming standby and PgBouncer (transaction mode) beside the app's own cluster,
                         and compare aksara (primary only), aksara-replica (db.Replica over primary + standby) and
                         aksara-bouncer (through PgBouncer) on /db; ratios are to aksara
  --baseline VARIANT     the variant the ratios are to (default raw; aksara with --scale-out)
USAGE
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --long) duration=30; rounds=5; shift ;;
        --rounds) rounds="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --tests) tests="$2"; shift 2 ;;
        --variants) variants="$2"; shift 2 ;;
        --queries) queries="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --scale-out) scale_out=1; shift ;;
        --baseline) baseline="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "Unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

if [[ "$scale_out" -eq 1 ]]; then
    [[ "$variants" == "raw dapper ef aksara-raw aksara" ]] && variants="aksara aksara-replica aksara-bouncer"
    [[ "$tests" == "db queries fortunes updates" ]] && tests="db"
    [[ "$baseline" == "raw" ]] && baseline=aksara
    command -v pgbouncer >/dev/null 2>&1 || [[ -x /usr/sbin/pgbouncer ]] || {
        echo "--scale-out needs PgBouncer (Debian: apt-get install pgbouncer)" >&2; exit 1; }
fi

if ! [[ "$duration" =~ ^[0-9]+$ && "$duration" -ge 1 && "$duration" -le 600 ]]; then
    echo "--duration must be 1..600 seconds" >&2; exit 2
fi
if ! [[ "$rounds" =~ ^[0-9]+$ && "$rounds" -ge 1 && "$rounds" -le 20 ]]; then
    echo "--rounds must be 1..20" >&2; exit 2
fi

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
cd "$repo"

if ! command -v wrk >/dev/null 2>&1; then
    if [[ "$(id -u)" -eq 0 ]]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
        echo "wrk is not installed (Debian: sudo apt-get install wrk)" >&2; exit 1
    fi
fi

if [[ "$build" -eq 1 ]]; then
    echo "Building Aksara.Benchmarks (Release) into $artifacts ..."
    dotnet build Aksara.Benchmarks -c Release --artifacts-path "$artifacts" -v quiet -nologo >/dev/null
fi
app_dll="$artifacts/bin/Aksara.Benchmarks/release/Aksara.Benchmarks.dll"
base="http://127.0.0.1:$port"
log="$(mktemp -t aksara-bench-http.XXXXXX.log)"
results="$(mktemp -t aksara-bench-http.XXXXXX.tsv)"

app_args=(http --urls "$base")
[[ "$scale_out" -eq 1 ]] && app_args+=(--scale-out)
dotnet "$app_dll" "${app_args[@]}" >"$log" 2>&1 &
app_pid=$!
stop_app() {
    if kill -0 "$app_pid" 2>/dev/null; then
        kill -TERM "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    rm -f "$results"
}
trap stop_app EXIT

first_variant="${variants%% *}"
echo "Starting the app on $base (log: $log) ..."
for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$base/$first_variant/db" 2>/dev/null; then break; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then echo "The app exited:" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.5
done
curl -fsS -o /dev/null "$base/$first_variant/db" || { echo "The app did not answer within 120 s:" >&2; cat "$log" >&2; exit 1; }
head -n 3 "$log"

path_of() {
    case "$1" in
        db) echo "/db" ;;
        queries) echo "/queries?queries=$queries" ;;
        fortunes) echo "/fortunes" ;;
        updates) echo "/updates?queries=$queries" ;;
        *) echo "Unknown test: $1" >&2; exit 2 ;;
    esac
}

# One wrk run; prints requests/s, and "errors=N" when any response was not 2xx or a socket failed.
measure() {
    local url="$1" conns="$2" seconds="$3" out rps errors
    out="$(wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 10s "$url")"
    rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
    errors="$(awk '/Non-2xx or 3xx responses:/ {n+=$NF} /Socket errors:/ {gsub(",", ""); n+=$4+$6+$8+$10} END {print n+0}' <<<"$out")"
    echo "$rps $errors"
}

echo "Priming every endpoint ($prime_seconds s each at 16 connections) ..."
for variant in $variants; do
    for test in $tests; do
        measure "$base/$variant$(path_of "$test")" 16 "$prime_seconds" >/dev/null
    done
done

total=$(( rounds * $(wc -w <<<"$connections") * $(wc -w <<<"$tests") * $(wc -w <<<"$variants") ))
echo "Measuring: $rounds rounds x connections ($connections) x tests ($tests) x variants ($variants), ${duration} s each: $total runs, about $(( total * duration / 60 + 1 )) min"
run=0
for round in $(seq 1 "$rounds"); do
    for conns in $connections; do
        for test in $tests; do
            for variant in $variants; do
                run=$((run + 1))
                read -r rps errors < <(measure "$base/$variant$(path_of "$test")" "$conns" "$duration")
                printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$test" "$conns" "$variant" "$round" "$rps" "$errors" >>"$results"
                printf '  [%d/%d] round %d  %-8s c=%-4s %-11s %10s req/s%s\n' "$run" "$total" "$round" "$test" "$conns" "$variant" "$rps" \
                    "$([[ "$errors" != 0 ]] && echo "  ($errors errors)")"
            done
        done
    done
done

python3 - "$results" "$variants" "$baseline" <<'PY'
import statistics, sys
from collections import defaultdict

path, variants, baseline = sys.argv[1], sys.argv[2].split(), sys.argv[3]
runs = defaultdict(list)
errors = defaultdict(int)
for line in open(path):
    test, conns, variant, _round, rps, errs = line.split("\t")
    runs[(test, int(conns), variant)].append(float(rps))
    errors[(test, int(conns), variant)] += int(errs)

print()
print(f"| test | connections | variant | median req/s | min | max | spread | vs {baseline} |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
for test, conns in sorted({(t, c) for t, c, _ in runs}, key=lambda k: (["db", "queries", "fortunes", "updates"].index(k[0]), k[1])):
    raw = statistics.median(runs[(test, conns, baseline)]) if (test, conns, baseline) in runs else None
    for variant in variants:
        values = runs.get((test, conns, variant))
        if not values:
            continue
        median = statistics.median(values)
        spread = (max(values) - min(values)) / median * 100 if median else 0
        ratio = f"{median / raw:.2f}" if raw else "-"
        flag = f" ({errors[(test, conns, variant)]} errors)" if errors[(test, conns, variant)] else ""
        print(f"| {test} | {conns} | {variant} | {median:,.0f}{flag} | {min(values):,.0f} | {max(values):,.0f} | {spread:.0f}% | {ratio} |")
PY
