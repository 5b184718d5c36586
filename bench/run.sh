#!/usr/bin/env bash
# Benchmark: the emulator against WireMock standalone serving the vendor's example bodies.
# See bench/README.md. Loopback traffic only; stops everything it started, even on failure.
set -euo pipefail
shopt -s inherit_errexit

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"

# ---- settings (environment) -------------------------------------------------------------
ROUNDS="${ROUNDS:-3}"              # measured rounds per target and path
DURATION="${DURATION:-10}"         # seconds per measured wrk run
WARMUP="${WARMUP:-10}"             # seconds of warm-up per target and path (0: none)
LOGIN_DURATION="${LOGIN_DURATION:-$DURATION}"  # seconds of login throughput
EXPORT_REQUESTS="${EXPORT_REQUESTS:-200}"      # sequential /tls/export calls
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
SKIP_BUILD="${SKIP_BUILD:-0}"      # 1: use the jar already in target/
WIREMOCK_VERSION="3.13.2"
API="/container-station/api/v1"
# The paths both targets are measured on.
PATHS="${PATHS:-$API/system $API/system/resource}"
# Optional, for trial runs only: the emulator's path for each of PATHS, in the same order
# (e.g. before a route exists). The report says so next to every substituted path.
EMULATOR_PATHS="${EMULATOR_PATHS:-$PATHS}"
EXPORT_PATH="${EXPORT_PATH:-$API/tls/export}"  # timed with sequential calls; 404 is reported as n/a
LOGIN_BODY='{"username": "admin", "password": "admin"}'

RESULTS_DIR="$BENCH_DIR/results"
CACHE_DIR="$BENCH_DIR/.cache"
REPORT="$RESULTS_DIR/latest.md"
RAW="$RESULTS_DIR/latest-raw.txt"

read -r -a paths <<<"$PATHS"
read -r -a emulator_paths <<<"$EMULATOR_PATHS"
if [[ ${#paths[@]} -ne ${#emulator_paths[@]} ]]; then
	echo "EMULATOR_PATHS must list as many paths as PATHS" >&2
	exit 2
fi

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] FAILED: %s\n' "$*" >&2; exit 1; }

# ---- clean-up ---------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX")"
EMU_PID=""
WM_PID=""

stop_pid() {
	local pid="$1"
	[[ -n "$pid" ]] || return 0
	kill -0 "$pid" 2>/dev/null || return 0
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	stop_pid "$EMU_PID"
	stop_pid "$WM_PID"
	if [[ $rc -ne 0 && -d "$WORK" ]]; then
		for f in emulator.log wiremock.log; do
			if [[ -s "$WORK/$f" ]]; then
				echo "---- last lines of $f ----" >&2
				tail -n 20 "$WORK/$f" >&2
			fi
		done
	fi
	rm -rf "$WORK"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- tools ------------------------------------------------------------------------------
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
if [[ ${#missing[@]} -gt 0 ]]; then
	log "installing ${missing[*]} (Debian packages)"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v java >/dev/null || die "java not found"

# ---- build ------------------------------------------------------------------------------
if [[ "$SKIP_BUILD" != 1 ]]; then
	log "building the jar"
	(cd "$REPO_DIR" && ./mvnw -q -B package -DskipTests)
fi
EMU_JAR=""
for jar in "$REPO_DIR"/target/container-station-emulator-*.jar; do
	[[ -f "$jar" && "$jar" != *-plain.jar ]] && EMU_JAR="$jar" && break
done
[[ -n "$EMU_JAR" ]] || die "no target/container-station-emulator-*.jar (build failed?)"

WM_JAR="$CACHE_DIR/wiremock-standalone-$WIREMOCK_VERSION.jar"
if [[ ! -f "$WM_JAR" ]]; then
	log "fetching WireMock standalone $WIREMOCK_VERSION from Maven Central"
	mkdir -p "$CACHE_DIR"
	(cd "$REPO_DIR" && ./mvnw -q -B dependency:copy \
		-Dartifact="org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" -DoutputDirectory="$CACHE_DIR")
fi
[[ -f "$WM_JAR" ]] || die "WireMock jar missing: $WM_JAR"

# ---- helpers ----------------------------------------------------------------------------
now_us() { local t="$EPOCHREALTIME"; echo "${t/./}"; }

free_port() {
	local port
	for _ in $(seq 100); do
		port=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	die "no free port found"
}

# Polls POST /login every ~20 ms until anything answers; prints ms since $2 (microseconds).
wait_first_answer() {
	local port="$1" started_us="$2" pid="$3" name="$4" code deadline
	deadline=$(($(now_us) + 120000000))
	while :; do
		kill -0 "$pid" 2>/dev/null || die "$name exited during start-up"
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 -X POST \
			-H 'Content-Type: application/json' -d "$LOGIN_BODY" \
			"http://127.0.0.1:$port$API/login" || true)
		if [[ "$code" != 000 ]]; then
			echo $((($(now_us) - started_us) / 1000))
			return 0
		fi
		[[ $(now_us) -lt $deadline ]] || die "$name did not answer within 120 s"
		sleep 0.02
	done
}

# Signs in with the password body; prints the CS_SESS_ID cookie's value.
sign_in() {
	local port="$1" name="$2" jar="$WORK/cookies-$2" code value
	code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
		-d "$LOGIN_BODY" "http://127.0.0.1:$port$API/login")
	[[ "$code" == 200 ]] || die "$name: login answered $code"
	value=$(awk '$6 == "CS_SESS_ID" { print $7 }' "$jar")
	[[ -n "$value" ]] || die "$name: login set no CS_SESS_ID cookie"
	echo "$value"
}

status_of() { # port path [cookie]
	local args=(-s -o /dev/null -w '%{http_code}')
	[[ -n "${3:-}" ]] && args+=(-H "Cookie: CS_SESS_ID=$3")
	curl "${args[@]}" "http://127.0.0.1:$1$2"
}

rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# wrk_run NAME PORT PATH SECONDS [extra wrk args...]: prints the BENCH line's fields.
wrk_run() {
	local name="$1" port="$2" path="$3" seconds="$4" out line
	shift 4
	out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "$@" "http://127.0.0.1:$port$path")
	{
		echo "==== $name $path (${seconds}s, -t$THREADS -c$CONNECTIONS)"
		echo "$out"
	} >>"$RAW"
	line=$(grep '^BENCH ' <<<"$out" | tail -n 1) || die "$name $path: wrk printed no result"
	echo "${line#BENCH }"
}

field() { # field NAME "k=v k=v ..."
	tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2 }'
}

median() {
	sort -g | awk '{ a[NR] = $1 } END {
		if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

fmt1() { awk -v v="$1" 'BEGIN { if (v == "n/a") print v; else printf "%.1f", v }'; }
fmt2() { awk -v v="$1" 'BEGIN { if (v == "n/a") print v; else printf "%.2f", v }'; }

# ---- start both -------------------------------------------------------------------------
mkdir -p "$RESULTS_DIR" "$WORK/emulator" "$WORK/tls"
: >"$RAW"

EMU_PORT=$(free_port)
log "starting the emulator on 127.0.0.1:$EMU_PORT ($(basename "$EMU_JAR"))"
started=$(now_us)
(cd "$WORK/emulator" && QPORT="$EMU_PORT" exec java -jar "$EMU_JAR" \
	--emulator.docker.tls-port=0 --emulator.tls.dir="$WORK/tls" >"$WORK/emulator.log" 2>&1) &
EMU_PID=$!
EMU_START_MS=$(wait_first_answer "$EMU_PORT" "$started" "$EMU_PID" emulator)
log "emulator answered after $EMU_START_MS ms"

WM_PORT=$(free_port)
while [[ "$WM_PORT" == "$EMU_PORT" ]]; do WM_PORT=$(free_port); done
log "starting WireMock $WIREMOCK_VERSION on 127.0.0.1:$WM_PORT"
started=$(now_us)
(cd "$WORK" && exec java -jar "$WM_JAR" --port "$WM_PORT" --bind-address 127.0.0.1 \
	--root-dir "$BENCH_DIR/wiremock" --no-request-journal --disable-request-logging \
	>"$WORK/wiremock.log" 2>&1) &
WM_PID=$!
WM_START_MS=$(wait_first_answer "$WM_PORT" "$started" "$WM_PID" WireMock)
log "WireMock answered after $WM_START_MS ms"

EMU_SID=$(sign_in "$EMU_PORT" emulator)
WM_SID=$(sign_in "$WM_PORT" wiremock)

# ---- preflight: a benchmark of 401s or 404s is worthless -------------------------------
for i in "${!paths[@]}"; do
	p="${paths[$i]}"
	ep="${emulator_paths[$i]}"
	code=$(status_of "$EMU_PORT" "$ep" "$EMU_SID")
	[[ "$code" == 200 ]] || die "emulator answers $code on signed-in GET $ep (expected 200)"
	code=$(status_of "$EMU_PORT" "$ep")
	[[ "$code" == 401 ]] || die "emulator answers $code on GET $ep without a session (expected 401)"
	code=$(status_of "$WM_PORT" "$p" "$WM_SID")
	[[ "$code" == 200 ]] || die "WireMock answers $code on signed-in GET $p (expected 200)"
	code=$(status_of "$WM_PORT" "$p")
	[[ "$code" == 401 ]] || die "WireMock answers $code on GET $p without a cookie (expected 401)"
done

# ---- load -------------------------------------------------------------------------------
REPORT_LUA="$BENCH_DIR/lua/report.lua"
ROUNDS_TSV="$WORK/rounds.tsv"
: >"$ROUNDS_TSV"

check_emulator_statuses() { # fields path
	local bad
	bad=$(field non2xx "$1")
	[[ "$bad" == 0 ]] || die "emulator: $bad non-2xx responses on $2 (see $RAW)"
	bad=$(($(field connect_errors "$1") + $(field read_errors "$1") + $(field write_errors "$1") + $(field timeouts "$1")))
	[[ "$bad" == 0 ]] || log "warning: emulator: $bad socket errors on $2 (see $RAW)"
}

if [[ "$WARMUP" -gt 0 ]]; then
	for i in "${!paths[@]}"; do
		log "warm-up ${WARMUP}s: emulator ${emulator_paths[$i]}, WireMock ${paths[$i]}"
		r=$(wrk_run "warm-up emulator" "$EMU_PORT" "${emulator_paths[$i]}" "$WARMUP" \
			-H "Cookie: CS_SESS_ID=$EMU_SID" -s "$REPORT_LUA")
		check_emulator_statuses "$r" "${emulator_paths[$i]}"
		wrk_run "warm-up WireMock" "$WM_PORT" "${paths[$i]}" "$WARMUP" \
			-H "Cookie: CS_SESS_ID=$WM_SID" -s "$REPORT_LUA" >/dev/null
	done
fi

for round in $(seq "$ROUNDS"); do
	for i in "${!paths[@]}"; do
		p="${paths[$i]}"
		ep="${emulator_paths[$i]}"
		r=$(wrk_run "round $round emulator" "$EMU_PORT" "$ep" "$DURATION" \
			-H "Cookie: CS_SESS_ID=$EMU_SID" -s "$REPORT_LUA")
		check_emulator_statuses "$r" "$ep"
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$i" emulator \
			"$(field rps "$r")" "$(field p50_ms "$r")" "$(field p99_ms "$r")" >>"$ROUNDS_TSV"
		log "round $round/$ROUNDS emulator $ep: $(field rps "$r") req/s, p50 $(field p50_ms "$r") ms, p99 $(field p99_ms "$r") ms"

		r=$(wrk_run "round $round WireMock" "$WM_PORT" "$p" "$DURATION" \
			-H "Cookie: CS_SESS_ID=$WM_SID" -s "$REPORT_LUA")
		bad=$(field non2xx "$r")
		[[ "$bad" == 0 ]] || die "WireMock: $bad non-2xx responses on $p (see $RAW)"
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$i" wiremock \
			"$(field rps "$r")" "$(field p50_ms "$r")" "$(field p99_ms "$r")" >>"$ROUNDS_TSV"
		log "round $round/$ROUNDS WireMock $p: $(field rps "$r") req/s, p50 $(field p50_ms "$r") ms, p99 $(field p99_ms "$r") ms"
	done
done

# RSS right after the path load, before the login flood adds sessions.
EMU_RSS=$(rss_mib "$EMU_PID")
WM_RSS=$(rss_mib "$WM_PID")

# /tls/export: sequential authenticated calls over one keep-alive connection.
EXPORT_P50="n/a"
EXPORT_P99="n/a"
EXPORT_NOTE=""
code=$(status_of "$EMU_PORT" "$EXPORT_PATH" "$EMU_SID")
if [[ "$code" == 404 ]]; then
	EXPORT_NOTE="404: not served by this build"
	log "$EXPORT_PATH: 404, reported as n/a"
elif [[ "$code" != 200 ]]; then
	die "emulator answers $code on signed-in GET $EXPORT_PATH"
else
	log "$EXPORT_PATH: $EXPORT_REQUESTS sequential calls"
	args=()
	for _ in $(seq "$EXPORT_REQUESTS"); do args+=(-o /dev/null "http://127.0.0.1:$EMU_PORT$EXPORT_PATH"); done
	curl -s -H "Cookie: CS_SESS_ID=$EMU_SID" -w '%{http_code} %{time_total}\n' "${args[@]}" >"$WORK/export.txt"
	bad=$(awk '$1 != 200' "$WORK/export.txt" | wc -l)
	[[ "$bad" == 0 ]] || die "$EXPORT_PATH: $bad of $EXPORT_REQUESTS calls were not 200"
	pct() { awk '{ print $2 * 1000 }' "$WORK/export.txt" | sort -g |
		awk -v q="$1" '{ a[NR] = $1 } END { i = int(NR * q + 0.999999); if (i < 1) i = 1; print a[i] }'; }
	EXPORT_P50=$(pct 0.50)
	EXPORT_P99=$(pct 0.99)
	{ echo "==== $EXPORT_PATH ($EXPORT_REQUESTS sequential calls; status seconds)"; cat "$WORK/export.txt"; } >>"$RAW"
fi

# Login throughput: last, since every login opens a session (the store is capped).
log "login throughput ${LOGIN_DURATION}s"
cat "$BENCH_DIR/lua/login.lua" "$REPORT_LUA" >"$WORK/login.lua"
r=$(wrk_run "login emulator" "$EMU_PORT" "$API/login" "$LOGIN_DURATION" -s "$WORK/login.lua")
bad=$(field non2xx "$r")
[[ "$bad" == 0 ]] || die "emulator: $bad non-2xx responses on POST /login (see $RAW)"
LOGIN_RPS=$(field rps "$r")
LOGIN_P50=$(field p50_ms "$r")
LOGIN_P99=$(field p99_ms "$r")
EMU_RSS_AFTER_LOGIN=$(rss_mib "$EMU_PID")

# ---- start-up, again: a restart on the same TLS folder, then with class data sharing ----
stop_pid "$EMU_PID"
EMU_PID=""
start_emulator() { # start_emulator VAR NAME JAVA_ARGS...: VAR = ms to the first answer; EMU_PID set
	local var="$1" name="$2" started ms
	shift 2
	EMU_PORT=$(free_port)
	started=$(now_us)
	(cd "$WORK/emulator" && QPORT="$EMU_PORT" exec java "$@" \
		--emulator.docker.tls-port=0 --emulator.tls.dir="$WORK/tls" >>"$WORK/emulator.log" 2>&1) &
	EMU_PID=$!
	ms=$(wait_first_answer "$EMU_PORT" "$started" "$EMU_PID" "$name")
	printf -v "$var" '%s' "$ms"
}
start_emulator EMU_RESTART_MS "emulator (restart)" -jar "$EMU_JAR"
stop_pid "$EMU_PID"
EMU_PID=""
log "restart on the same TLS folder: first answer after $EMU_RESTART_MS ms"
EMU_CDS_MS="n/a"
if [[ "${CDS:-1}" == 1 ]]; then
	# As the Dockerfile does: extract the jar, record a class data sharing archive in a
	# training run, start with it.
	log "class data sharing: extracting the jar and recording the archive"
	java -Djarmode=tools -jar "$EMU_JAR" extract --destination "$WORK/cds" >/dev/null
	CDS_JAR=$(ls "$WORK"/cds/container-station-emulator-*.jar)
	(cd "$WORK/emulator" && java -XX:ArchiveClassesAtExit="$WORK/cds/emulator.jsa" -Dspring.context.exit=onRefresh \
		-jar "$CDS_JAR" --server.port=0 --emulator.docker.tls-port=0 --emulator.tls.dir="$WORK/tls" \
		>"$WORK/cds-training.log" 2>&1) || die "class data sharing training run failed (see $WORK/cds-training.log)"
	start_emulator EMU_CDS_MS "emulator (CDS)" -XX:SharedArchiveFile="$WORK/cds/emulator.jsa" -jar "$CDS_JAR"
	stop_pid "$EMU_PID"
	EMU_PID=""
	log "with class data sharing: first answer after $EMU_CDS_MS ms"
fi

# ---- report -----------------------------------------------------------------------------
col() { # col PATH_INDEX TARGET COLUMN(4=rps 5=p50 6=p99)
	awk -F'\t' -v i="$1" -v t="$2" -v c="$3" '$2 == i && $3 == t { print $c }' "$ROUNDS_TSV" | median
}
ratio_median() { # per-round emulator/WireMock ratio, median over rounds
	awk -F'\t' -v i="$1" '$2 == i { r[$1 "\t" $3] = $4; rounds[$1] = 1 } END {
		for (n in rounds) if (r[n "\twiremock"] > 0) print r[n "\temulator"] / r[n "\twiremock"] }' "$ROUNDS_TSV" | median
}

CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
JAVA_VERSION=$(java -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')
WRK_VERSION=$(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }' || true)
COMMIT=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git -C "$REPO_DIR" status --porcelain 2>/dev/null || true)" ]]; then COMMIT="$COMMIT (with uncommitted changes)"; fi

summary=()
{
	echo "# Benchmark: emulator vs WireMock $WIREMOCK_VERSION"
	echo
	echo "Authenticated GETs, wrk -t$THREADS -c$CONNECTIONS on 127.0.0.1, ${WARMUP} s warm-up per target and path,"
	echo "then $ROUNDS alternating round(s) of ${DURATION} s. Figures are medians over rounds; the ratio is the"
	echo "median of the per-round emulator/WireMock req/s ratios."
	echo
	echo "| path | emulator req/s | WireMock req/s | ratio | emulator p50 / p99 ms | WireMock p50 / p99 ms |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: |"
	for i in "${!paths[@]}"; do
		label="\`GET ${paths[$i]#"$API"}\`"
		[[ "${paths[$i]}" == "${emulator_paths[$i]}" ]] || label="$label (emulator measured on \`${emulator_paths[$i]#"$API"}\`)"
		ratio=$(fmt2 "$(ratio_median "$i")")
		summary+=("${paths[$i]#"$API"}: emulator/WireMock = $ratio")
		echo "| $label | $(fmt1 "$(col "$i" emulator 4)") | $(fmt1 "$(col "$i" wiremock 4)") | **$ratio** |" \
			"$(fmt2 "$(col "$i" emulator 5)") / $(fmt2 "$(col "$i" emulator 6)") |" \
			"$(fmt2 "$(col "$i" wiremock 5)") / $(fmt2 "$(col "$i" wiremock 6)") |"
	done
	echo
	echo "| measure | emulator | WireMock |"
	echo "| --- | ---: | ---: |"
	echo "| start-up: launch to first answer (ms), first start (new TLS folder) | $EMU_START_MS | $WM_START_MS |"
	echo "| start-up: restart on the same TLS folder (ms) | $EMU_RESTART_MS | – |"
	echo "| start-up: restart with class data sharing (ms) | $EMU_CDS_MS | – |"
	echo "| RSS after the path load (MiB) | $EMU_RSS | $WM_RSS |"
	echo "| RSS after the login run too (MiB) | $EMU_RSS_AFTER_LOGIN | – |"
	echo "| login (\`POST /login\`, password) req/s, p50 / p99 ms | $(fmt1 "$LOGIN_RPS"), $(fmt2 "$LOGIN_P50") / $(fmt2 "$LOGIN_P99") | – |"
	if [[ -n "$EXPORT_NOTE" ]]; then export_cell="n/a ($EXPORT_NOTE)"; else export_cell="$(fmt2 "$EXPORT_P50") / $(fmt2 "$EXPORT_P99")"; fi
	echo "| \`GET ${EXPORT_PATH#"$API"}\` p50 / p99 ms ($EXPORT_REQUESTS sequential calls, one connection) | $export_cell | – |"
	echo
	echo "| run | |"
	echo "| --- | --- |"
	echo "| date | $(date -u +%Y-%m-%dT%H:%M:%SZ) |"
	echo "| commit | $COMMIT |"
	echo "| machine | $(nproc) cores, $CPU_MODEL |"
	echo "| java | $JAVA_VERSION |"
	echo "| wrk | $WRK_VERSION |"
	echo "| JVM flags | defaults for both |"
	echo
	echo "Per round:"
	echo
	echo "| round | path | target | req/s | p50 ms | p99 ms |"
	echo "| ---: | --- | --- | ---: | ---: | ---: |"
	while IFS=$'\t' read -r rnd i target rps p50 p99; do
		if [[ $target == emulator ]]; then pth="${emulator_paths[$i]}"; else pth="${paths[$i]}"; target=WireMock; fi
		echo "| $rnd | \`${pth#"$API"}\` | $target | $(fmt1 "$rps") | $(fmt2 "$p50") | $(fmt2 "$p99") |"
	done <"$ROUNDS_TSV"
} >"$REPORT"

echo
for line in "${summary[@]}"; do echo "ratio $line"; done
echo
cat "$REPORT"
echo
log "report: bench/results/latest.md (raw wrk output: bench/results/latest-raw.txt)"
