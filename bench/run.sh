#!/usr/bin/env bash
# Benchmark: the emulator against WireMock standalone serving the vendor's example bodies, and
# against the stack's floor (bench/floor: the emulator's stack doing none of its work).
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
STARTS="${STARTS:-3}"              # timed starts per target and kind of start (median reported)
FAST_PATH="${FAST_PATH:-1}"        # 0: skip the CDS (JDK 17) and AOT cache (JDK 25) starts
IDLE_SETTLE="${IDLE_SETTLE:-5}"    # seconds between sign-in and the idle RSS reading
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
SKIP_BUILD="${SKIP_BUILD:-0}"      # 1: use the jar already built
JAVA="${JAVA:-java}"               # the JDK 17 (or newer) both run on with plain `java -jar`
# JDK 25 for the AOT cache starts (-XX:AOTCacheOutput / -XX:AOTCache); empty: skipped.
JAVA25="${JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1 || true)}"
WIREMOCK_VERSION="3.13.2"
# WireMock tuned as a performance-minded user runs it: no request journal, no per-request
# logging. Bodies are inline in the stubs (bench/wiremock/mappings), not read from __files.
# Container threads stay at WireMock's default; --async-response-enabled only changes how
# *delayed* responses are sent, and no stub here has a delay.
WIREMOCK_ARGS="${WIREMOCK_ARGS:---no-request-journal --disable-request-logging}"
API="/container-station/api/v1"
PATHS="${PATHS:-$API/system $API/system/resource}"
LOGIN_BODY='{"username": "admin", "password": "admin"}'

RESULTS_DIR="$BENCH_DIR/results"
CACHE_DIR="$BENCH_DIR/.cache"
REPORT="$RESULTS_DIR/latest.md"
RAW="$RESULTS_DIR/latest-raw.txt"

read -r -a paths <<<"$PATHS"
read -r -a wiremock_args <<<"$WIREMOCK_ARGS"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] FAILED: %s\n' "$*" >&2; exit 1; }

# ---- clean-up ---------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX")"
EMU_PID=""
WM_PID=""
FLOOR_PID=""

stop_pid() {
	local pid="$1"
	[[ -n "$pid" ]] || return 0
	kill -0 "$pid" 2>/dev/null || return 0
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 300); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	stop_pid "$EMU_PID"
	stop_pid "$WM_PID"
	stop_pid "$FLOOR_PID"
	if [[ $rc -ne 0 && -d "$WORK" ]]; then
		for f in emulator.log wiremock.log floor.log; do
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
command -v "$JAVA" >/dev/null || die "java not found ($JAVA)"

# ---- build ------------------------------------------------------------------------------
if [[ "$SKIP_BUILD" != 1 ]]; then
	log "building the jar"
	(cd "$REPO_DIR" && ./mvnw -q -B -pl container-station-emulator -am package -DskipTests -Djacoco.skip)
fi
EMU_JAR=""
for jar in "$REPO_DIR"/container-station-emulator/target/container-station-emulator-*.jar; do
	[[ -f "$jar" && "$jar" != *-plain.jar && "$jar" != *-sources.jar && "$jar" != *-javadoc.jar ]] &&
		EMU_JAR="$jar" && break
done
[[ -n "$EMU_JAR" ]] || die "no container-station-emulator/target/container-station-emulator-*.jar (build failed?)"

# The floor must be the emulator's stack: the same Spring Boot version as the top-level pom.
boot_version() { awk '/<artifactId>spring-boot-starter-parent<\/artifactId>/ { getline; gsub(/.*<version>|<\/version>.*/, ""); print; exit }' "$1"; }
[[ "$(boot_version "$REPO_DIR/pom.xml")" == "$(boot_version "$BENCH_DIR/floor/pom.xml")" ]] ||
	die "bench/floor/pom.xml's Spring Boot version differs from the top-level pom's"
FLOOR_JAR="$BENCH_DIR/floor/target/stack-floor-1.jar"
if [[ "$SKIP_BUILD" != 1 || ! -f "$FLOOR_JAR" ]]; then
	log "building the stack's floor (bench/floor)"
	(cd "$REPO_DIR" && ./mvnw -q -B -f bench/floor/pom.xml package -DskipTests)
fi
[[ -f "$FLOOR_JAR" ]] || die "no $FLOOR_JAR (build failed?)"

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
	deadline=$(($(now_us) + 300000000))
	while :; do
		kill -0 "$pid" 2>/dev/null || die "$name exited during start-up"
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 -X POST \
			-H 'Content-Type: application/json' -d "$LOGIN_BODY" \
			"http://127.0.0.1:$port$API/login" || true)
		if [[ "$code" != 000 ]]; then
			echo $((($(now_us) - started_us) / 1000))
			return 0
		fi
		[[ $(now_us) -lt $deadline ]] || die "$name did not answer within 300 s"
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

# CPU time (user + system, all threads) the process has used so far, in ms: on a shared,
# loaded machine this varies far less than the wall time does.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.0f", ($12 + $13) * 1000 / hz }' "/proc/$1/stat"; }

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

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# ---- starting and stopping --------------------------------------------------------------
mkdir -p "$RESULTS_DIR" "$WORK/run"
: >"$RAW"
PORT=""

# launch TARGET LOG JAVA_BIN JVM_ARGS... : starts TARGET (emulator|wiremock|floor) on a fresh
# port; sets PORT and EMU_PID, WM_PID or FLOOR_PID; prints nothing. TLS_DIR is the emulator's
# TLS folder.
launch() {
	local target="$1" logf="$2" javabin="$3"
	shift 3
	PORT=$(free_port)
	if [[ $target == emulator ]]; then
		(cd "$WORK/run" && QPORT="$PORT" exec "$javabin" "$@" --emulator.docker.tls-port=0 \
			--emulator.tls.dir="$TLS_DIR" >>"$WORK/$logf" 2>&1) &
		EMU_PID=$!
	elif [[ $target == floor ]]; then
		(cd "$WORK/run" && exec "$javabin" "$@" --server.port="$PORT" \
			--floor.stubs="$BENCH_DIR/wiremock/mappings" >>"$WORK/$logf" 2>&1) &
		FLOOR_PID=$!
	else
		(cd "$WORK/run" && exec "$javabin" "$@" --port "$PORT" --bind-address 127.0.0.1 \
			--root-dir "$BENCH_DIR/wiremock" "${wiremock_args[@]}" >>"$WORK/$logf" 2>&1) &
		WM_PID=$!
	fi
}

pid_of() { case "$1" in emulator) echo "$EMU_PID" ;; wiremock) echo "$WM_PID" ;; *) echo "$FLOOR_PID" ;; esac; }
forget_pid() { case "$1" in emulator) EMU_PID="" ;; wiremock) WM_PID="" ;; *) FLOOR_PID="" ;; esac; }

# timed_start TARGET JAVA_BIN JVM_ARGS... : launch, wait for the first answer, stop; START_MS.
timed_start() {
	local target="$1" started pid
	started=$(now_us)
	launch "$target" "$target.log" "${@:2}"
	pid=$(pid_of "$target")
	START_MS=$(wait_first_answer "$PORT" "$started" "$pid" "$target")
	START_CPU_MS=$(cpu_ms "$pid")
	stop_pid "$pid"
	forget_pid "$target"
}

# train TARGET JAVA_BIN JVM_ARGS... : a training run for CDS/AOT: start, sign in, one GET on
# each path, then a normal stop (SIGTERM) so that the JVM writes its archive at exit.
train() {
	local target="$1" pid sid p
	launch "$target" "$target-training.log" "${@:2}"
	pid=$(pid_of "$target")
	wait_first_answer "$PORT" "$(now_us)" "$pid" "$target (training)" >/dev/null
	sid=$(sign_in "$PORT" "$target-training")
	for p in "${paths[@]}"; do status_of "$PORT" "$p" "$sid" >/dev/null; done
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	forget_pid "$target"
	[[ -s "$ARCHIVE" ]] || die "$target: the training run wrote no $ARCHIVE (see $WORK/$target-training.log)"
}

STARTS_TSV="$WORK/starts.tsv"
: >"$STARTS_TSV"
# starts KIND TARGET JAVA_BIN JVM_ARGS... : STARTS timed starts; kind "first" gives the
# emulator a new TLS folder each time, any other kind reuses $WORK/tls-warm.
starts() {
	local kind="$1" target="$2" k
	shift 2
	for k in $(seq "$STARTS"); do
		if [[ $kind == first* ]]; then TLS_DIR="$WORK/tls-$kind-$k"; else TLS_DIR="$WORK/tls-warm"; fi
		timed_start "$target" "$@"
		printf '%s\t%s\t%s\t%s\n' "$kind" "$target" "$START_MS" "$START_CPU_MS" >>"$STARTS_TSV"
		log "start-up ($kind) $target: $START_MS ms (CPU $START_CPU_MS ms)"
	done
}
start_median() { # KIND TARGET [COLUMN: 3 wall ms (default), 4 CPU ms]
	awk -F'\t' -v k="$1" -v t="$2" -v c="${3:-3}" '$1 == k && $2 == t { print $c }' "$STARTS_TSV" | median
}

# ---- start-up: plain java -jar, then the fast paths ----------------------------------------
# Starts alternate between the targets so that both see the same background load; a plain
# WireMock start is timed next to every kind of emulator start, so that WireMock's plain
# median (the yardstick of every start-up ratio) spans the same stretch of time.
TLS_DIR="$WORK/tls-warm"
log "start-up: plain java -jar ($STARTS each, alternating)"
for k in $(seq "$STARTS"); do
	STARTS=1 starts "first-$k" emulator "$JAVA" -jar "$EMU_JAR"
	STARTS=1 starts plain wiremock "$JAVA" -jar "$WM_JAR"
	STARTS=1 starts restart emulator "$JAVA" -jar "$EMU_JAR"
	STARTS=1 starts plain floor "$JAVA" -jar "$FLOOR_JAR"
done
# The "first" starts are recorded under first-1..N; fold them into one kind.
sed -i 's/^first-[0-9]*\t/first\t/' "$STARTS_TSV"

if [[ "$FAST_PATH" == 1 ]]; then
	# Class data sharing on JDK 17: the emulator's archive is the one its launcher
	# (bin/fast-start) records, from the jar extracted and a training run that signs in and
	# reads each system route; WireMock's is recorded here the same way.
	log "fast path: CDS (JDK 17), recording archives"
	EMU_ARCHIVE=$(JAVA="$JAVA" "$REPO_DIR/bin/fast-start" --prepare)
	EMU_X_JAR=$(ls "$(dirname "$EMU_ARCHIVE")"/container-station-emulator-*.jar)
	TLS_DIR="$WORK/tls-training"
	ARCHIVE="$WORK/wm.jsa" train wiremock "$JAVA" -XX:ArchiveClassesAtExit="$WORK/wm.jsa" -jar "$WM_JAR"
	# The floor's fast path is made as the emulator's: extracted jar, the same training.
	"$JAVA" -Djarmode=tools -jar "$FLOOR_JAR" extract --destination "$WORK/floor-x" >/dev/null
	FLOOR_X_JAR="$WORK/floor-x/$(basename "$FLOOR_JAR")"
	ARCHIVE="$WORK/floor.jsa" train floor "$JAVA" -XX:ArchiveClassesAtExit="$WORK/floor.jsa" -jar "$FLOOR_X_JAR"
	for k in $(seq "$STARTS"); do
		STARTS=1 starts "first-cds-$k" emulator "$JAVA" -XX:SharedArchiveFile="$EMU_ARCHIVE" -jar "$EMU_X_JAR"
		STARTS=1 starts cds wiremock "$JAVA" -XX:SharedArchiveFile="$WORK/wm.jsa" -jar "$WM_JAR"
		STARTS=1 starts plain wiremock "$JAVA" -jar "$WM_JAR"
		STARTS=1 starts restart-cds emulator "$JAVA" -XX:SharedArchiveFile="$EMU_ARCHIVE" -jar "$EMU_X_JAR"
		STARTS=1 starts cds floor "$JAVA" -XX:SharedArchiveFile="$WORK/floor.jsa" -jar "$FLOOR_X_JAR"
	done
	sed -i 's/^first-cds-[0-9]*\t/first-cds\t/' "$STARTS_TSV"
	if [[ -n "$JAVA25" && -x "$JAVA25" ]]; then
		# JDK 25's AOT cache (JEP 483/514): one training run writes the cache at exit.
		log "fast path: AOT cache ($JAVA25)"
		TLS_DIR="$WORK/tls-training"
		EMU_ARCHIVE=$(JAVA="$JAVA25" "$REPO_DIR/bin/fast-start" --prepare)
		ARCHIVE="$WORK/wm.aot" train wiremock "$JAVA25" -XX:AOTCacheOutput="$WORK/wm.aot" -jar "$WM_JAR"
		ARCHIVE="$WORK/floor.aot" train floor "$JAVA25" -XX:AOTCacheOutput="$WORK/floor.aot" -jar "$FLOOR_X_JAR"
		for k in $(seq "$STARTS"); do
			STARTS=1 starts "first-aot-$k" emulator "$JAVA25" -XX:AOTCache="$EMU_ARCHIVE" --enable-native-access=ALL-UNNAMED -jar "$EMU_X_JAR"
			STARTS=1 starts aot wiremock "$JAVA25" -XX:AOTCache="$WORK/wm.aot" -jar "$WM_JAR"
			STARTS=1 starts plain wiremock "$JAVA" -jar "$WM_JAR"
			STARTS=1 starts restart-aot emulator "$JAVA25" -XX:AOTCache="$EMU_ARCHIVE" --enable-native-access=ALL-UNNAMED -jar "$EMU_X_JAR"
			STARTS=1 starts aot floor "$JAVA25" -XX:AOTCache="$WORK/floor.aot" -jar "$FLOOR_X_JAR"
		done
		sed -i 's/^first-aot-[0-9]*\t/first-aot\t/' "$STARTS_TSV"
	else
		log "no JDK 25 found (set JAVA25): AOT cache starts skipped"
	fi
fi

# ---- all three up for the load ----------------------------------------------------------
TLS_DIR="$WORK/tls-warm"
launch emulator emulator.log "$JAVA" -jar "$EMU_JAR"
EMU_PORT=$PORT
wait_first_answer "$EMU_PORT" "$(now_us)" "$EMU_PID" emulator >/dev/null
launch wiremock wiremock.log "$JAVA" -jar "$WM_JAR"
WM_PORT=$PORT
wait_first_answer "$WM_PORT" "$(now_us)" "$WM_PID" WireMock >/dev/null
EMU_SID=$(sign_in "$EMU_PORT" emulator)
WM_SID=$(sign_in "$WM_PORT" wiremock)
launch floor floor.log "$JAVA" -jar "$FLOOR_JAR"
FLOOR_PORT=$PORT
wait_first_answer "$FLOOR_PORT" "$(now_us)" "$FLOOR_PID" floor >/dev/null
FLOOR_SID=$(sign_in "$FLOOR_PORT" floor)
sleep "$IDLE_SETTLE"
EMU_RSS_IDLE=$(rss_mib "$EMU_PID")
WM_RSS_IDLE=$(rss_mib "$WM_PID")
FLOOR_RSS_IDLE=$(rss_mib "$FLOOR_PID")

# ---- preflight: a benchmark of 401s or 404s is worthless -------------------------------
for p in "${paths[@]}"; do
	code=$(status_of "$EMU_PORT" "$p" "$EMU_SID")
	[[ "$code" == 200 ]] || die "emulator answers $code on signed-in GET $p (expected 200)"
	code=$(status_of "$EMU_PORT" "$p")
	[[ "$code" == 401 ]] || die "emulator answers $code on GET $p without a session (expected 401)"
	code=$(status_of "$WM_PORT" "$p" "$WM_SID")
	[[ "$code" == 200 ]] || die "WireMock answers $code on signed-in GET $p (expected 200)"
	code=$(status_of "$WM_PORT" "$p")
	[[ "$code" == 401 ]] || die "WireMock answers $code on GET $p without a cookie (expected 401)"
	code=$(status_of "$FLOOR_PORT" "$p" "$FLOOR_SID")
	[[ "$code" == 200 ]] || die "the floor answers $code on signed-in GET $p (expected 200)"
done

# ---- load -------------------------------------------------------------------------------
REPORT_LUA="$BENCH_DIR/lua/report.lua"
ROUNDS_TSV="$WORK/rounds.tsv"
: >"$ROUNDS_TSV"

check_statuses() { # name fields path
	local bad
	bad=$(field non2xx "$2")
	[[ "$bad" == 0 ]] || die "$1: $bad non-2xx responses on $3 (see $RAW)"
	bad=$(($(field connect_errors "$2") + $(field read_errors "$2") + $(field write_errors "$2") + $(field timeouts "$2")))
	[[ "$bad" == 0 ]] || log "warning: $1: $bad socket errors on $3 (see $RAW)"
}

measure() { # measure TARGET PATH SECONDS LABEL: one wrk run, checked; prints the fields
	local target="$1" p="$2" port sid r
	case "$target" in
	emulator) port=$EMU_PORT sid=$EMU_SID ;;
	wiremock) port=$WM_PORT sid=$WM_SID ;;
	*) port=$FLOOR_PORT sid=$FLOOR_SID ;;
	esac
	r=$(wrk_run "$4 $target" "$port" "$p" "$3" -H "Cookie: CS_SESS_ID=$sid" -s "$REPORT_LUA")
	check_statuses "$target" "$r" "$p"
	echo "$r"
}

# Identical warm-up for all three: WARMUP seconds on each path, alternating.
if [[ "$WARMUP" -gt 0 ]]; then
	for p in "${paths[@]}"; do
		log "warm-up ${WARMUP}s on $p: emulator, WireMock, the floor"
		measure emulator "$p" "$WARMUP" warm-up >/dev/null
		measure wiremock "$p" "$WARMUP" warm-up >/dev/null
		measure floor "$p" "$WARMUP" warm-up >/dev/null
	done
fi

# Rounds alternate, and so does the order in a round (odd: emulator first, even: last).
for round in $(seq "$ROUNDS"); do
	if ((round % 2)); then order=(emulator wiremock floor); else order=(floor wiremock emulator); fi
	for i in "${!paths[@]}"; do
		for target in "${order[@]}"; do
			r=$(measure "$target" "${paths[$i]}" "$DURATION" "round $round")
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$i" "$target" \
				"$(field rps "$r")" "$(field p50_ms "$r")" "$(field p99_ms "$r")" >>"$ROUNDS_TSV"
			log "round $round/$ROUNDS $target ${paths[$i]}: $(field rps "$r") req/s, p99 $(field p99_ms "$r") ms"
		done
	done
done

EMU_RSS=$(rss_mib "$EMU_PID")
WM_RSS=$(rss_mib "$WM_PID")
FLOOR_RSS=$(rss_mib "$FLOOR_PID")
stop_pid "$FLOOR_PID"
FLOOR_PID=""

# Login throughput, both (WireMock's is a canned answer; the emulator's a full password check).
cat "$BENCH_DIR/lua/login.lua" "$REPORT_LUA" >"$WORK/login.lua"
# The same warm-up as the paths had, for both, before the measured run.
if ((WARMUP > 0)); then
	log "warm-up ${WARMUP}s on POST /login: emulator, then WireMock"
	wrk_run "login warm-up emulator" "$EMU_PORT" "$API/login" "$WARMUP" -s "$WORK/login.lua" >/dev/null
	wrk_run "login warm-up WireMock" "$WM_PORT" "$API/login" "$WARMUP" -s "$WORK/login.lua" >/dev/null
fi
log "login throughput ${LOGIN_DURATION}s each"
r=$(wrk_run "login emulator" "$EMU_PORT" "$API/login" "$LOGIN_DURATION" -s "$WORK/login.lua")
check_statuses emulator "$r" "POST /login"
EMU_LOGIN="$(fmt1 "$(field rps "$r")") / $(fmt2 "$(field p99_ms "$r")")"
EMU_LOGIN_RPS=$(field rps "$r")
r=$(wrk_run "login WireMock" "$WM_PORT" "$API/login" "$LOGIN_DURATION" -s "$WORK/login.lua")
check_statuses wiremock "$r" "POST /login"
WM_LOGIN="$(fmt1 "$(field rps "$r")") / $(fmt2 "$(field p99_ms "$r")")"
EMU_RSS_AFTER_LOGIN=$(rss_mib "$EMU_PID")
WM_RSS_AFTER_LOGIN=$(rss_mib "$WM_PID")
stop_pid "$EMU_PID"
EMU_PID=""
stop_pid "$WM_PID"
WM_PID=""

# ---- report -----------------------------------------------------------------------------
col() { # col PATH_INDEX TARGET COLUMN(4=rps 5=p50 6=p99)
	awk -F'\t' -v i="$1" -v t="$2" -v c="$3" '$2 == i && $3 == t { print $c }' "$ROUNDS_TSV" | median
}
ratio_median() { # PATH_INDEX COLUMN [TARGET]: per-round TARGET (emulator)/WireMock ratio, median over rounds
	awk -F'\t' -v i="$1" -v c="$2" -v t="${3:-emulator}" '$2 == i { r[$1 "\t" $3] = $c; rounds[$1] = 1 } END {
		for (n in rounds) if (r[n "\twiremock"] > 0) print r[n "\t" t] / r[n "\twiremock"] }' "$ROUNDS_TSV" | median
}
verdict() { # verdict VALUE OP LIMIT
	awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { if (v == "n/a") print "n/a";
		else if ((op == "<=" && v + 0 <= l + 0) || (op == ">=" && v + 0 >= l + 0)) print "met"; else print "missed" }'
}

CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -n 1)
JAVA25_VERSION=$([[ -n "$JAVA25" ]] && "$JAVA25" -version 2>&1 | head -n 1 || echo none)
WRK_VERSION=$(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }' || true)
COMMIT=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git -C "$REPO_DIR" status --porcelain 2>/dev/null || true)" ]]; then COMMIT="$COMMIT (with uncommitted changes)"; fi

WM_PLAIN=$(start_median plain wiremock)
summary=()
{
	echo "# Benchmark: emulator vs WireMock $WIREMOCK_VERSION (tuned)"
	echo
	echo "Authenticated GETs, wrk -t$THREADS -c$CONNECTIONS on 127.0.0.1, ${WARMUP} s warm-up per target and path,"
	echo "then $ROUNDS round(s) of ${DURATION} s, alternating (and alternating who goes first). Figures are"
	echo "medians over rounds; ratios are medians of the per-round emulator/WireMock ratios."
	echo "WireMock: \`$WIREMOCK_ARGS\`, inline stub bodies. The floor (bench/floor): the emulator's stack"
	echo "(the same Spring Boot, Spring MVC on Tomcat, Spring Security) answering WireMock's stubs and"
	echo "doing none of the emulator's work; its ratios are to WireMock too. All: default JVM flags."
	echo
	echo "| path | emulator req/s | WireMock req/s | ratio (target ≥ 1.2) | emulator p50 / p99 ms | WireMock p50 / p99 ms | p99 ratio (target ≤ 1.0) | floor req/s | floor ratio / p99 ratio |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	for i in "${!paths[@]}"; do
		rr=$(fmt2 "$(ratio_median "$i" 4)")
		pr=$(fmt2 "$(ratio_median "$i" 6)")
		fr=$(fmt2 "$(ratio_median "$i" 4 floor)")
		summary+=("throughput ${paths[$i]#"$API"}: emulator/WireMock = $rr ($(verdict "$rr" '>=' 1.2)); p99 ratio $pr ($(verdict "$pr" '<=' 1.0)); the floor: $fr")
		echo "| \`GET ${paths[$i]#"$API"}\` | $(fmt1 "$(col "$i" emulator 4)") | $(fmt1 "$(col "$i" wiremock 4)") | **$rr** |" \
			"$(fmt2 "$(col "$i" emulator 5)") / $(fmt2 "$(col "$i" emulator 6)") |" \
			"$(fmt2 "$(col "$i" wiremock 5)") / $(fmt2 "$(col "$i" wiremock 6)") | $pr |" \
			"$(fmt1 "$(col "$i" floor 4)") | $fr / $(fmt2 "$(ratio_median "$i" 6 floor)") |"
	done
	echo
	echo "Start-up, launch to the first HTTP answer (any status) to \`POST /login\`, median of $STARTS, ms:"
	echo
	echo "| start | emulator | WireMock (same kind) | ratio to WireMock's plain \`java -jar\` | target | CPU ms emulator / WireMock (same kind) | floor (same kind) | floor ratio |"
	echo "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
	row() { # label emu-kind wm-kind target-op target
		local e w r f fr
		e=$(start_median "$2" emulator)
		w=$(start_median "$3" wiremock)
		r=$(ratio "$e" "$WM_PLAIN")
		f=$(start_median "$3" floor)
		fr=$(ratio "$f" "$WM_PLAIN")
		summary+=("start-up $1: emulator $e ms, WireMock plain $WM_PLAIN ms, ratio $r ($(verdict "$r" "$4" "$5")); the floor: $fr")
		echo "| $1 | $e | $w | **$r** | $4 $5 ($(verdict "$r" "$4" "$5")) | $(start_median "$2" emulator 4) / $(start_median "$3" wiremock 4) | $f | $fr |"
	}
	row "\`java -jar\` (JDK 17), first start (new TLS folder)" first plain '<=' 1.5
	row "\`java -jar\` (JDK 17), restart" restart plain '<=' 1.5
	if [[ "$FAST_PATH" == 1 ]]; then
		row "CDS archive (JDK 17, extracted jar), first start" first-cds cds '<=' 1.0
		row "CDS archive (JDK 17, extracted jar), restart" restart-cds cds '<=' 1.0
		if grep -q '^first-aot' "$STARTS_TSV"; then
			row "AOT cache (JDK 25, extracted jar), first start" first-aot aot '<=' 1.0
			row "AOT cache (JDK 25, extracted jar), restart" restart-aot aot '<=' 1.0
		fi
	fi
	echo
	rl=$(verdict "$EMU_RSS" '<=' 350)
	summary+=("RSS after the load: emulator $EMU_RSS MiB ($rl), WireMock $WM_RSS MiB, ratio $(ratio "$EMU_RSS" "$WM_RSS"); the floor: $FLOOR_RSS MiB")
	summary+=("login: emulator $EMU_LOGIN_RPS req/s ($(verdict "$EMU_LOGIN_RPS" '>=' 5000))")
	echo "| measure | emulator | WireMock | ratio | target | floor |"
	echo "| --- | ---: | ---: | ---: | --- | ---: |"
	echo "| RSS idle, after sign-in (MiB) | $EMU_RSS_IDLE | $WM_RSS_IDLE | $(ratio "$EMU_RSS_IDLE" "$WM_RSS_IDLE") | | $FLOOR_RSS_IDLE |"
	echo "| RSS after the path load (MiB) | $EMU_RSS | $WM_RSS | $(ratio "$EMU_RSS" "$WM_RSS") | ≤ 350 MiB ($rl) | $FLOOR_RSS |"
	echo "| RSS after the login run too (MiB) | $EMU_RSS_AFTER_LOGIN | $WM_RSS_AFTER_LOGIN | $(ratio "$EMU_RSS_AFTER_LOGIN" "$WM_RSS_AFTER_LOGIN") | | |"
	echo "| \`POST /login\` req/s / p99 ms | $EMU_LOGIN | $WM_LOGIN | | ≥ 5 000/s ($(verdict "$EMU_LOGIN_RPS" '>=' 5000)) | |"
	echo
	echo "| run | |"
	echo "| --- | --- |"
	echo "| date | $(date -u +%Y-%m-%dT%H:%M:%SZ) |"
	echo "| load average (1/5/15 min) at the end | $(cut -d' ' -f1-3 /proc/loadavg) |"
	echo "| commit | $COMMIT |"
	echo "| emulator jar | $(basename "$EMU_JAR"), built $(date -u -r "$EMU_JAR" +%Y-%m-%dT%H:%M:%SZ)$([[ "$SKIP_BUILD" == 1 ]] && echo ' (SKIP_BUILD=1: not necessarily from this commit)') |"
	echo "| machine | $(nproc) cores, $CPU_MODEL, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) |"
	echo "| java | $JAVA_VERSION; fast path JDK 25: $JAVA25_VERSION |"
	echo "| wrk | $WRK_VERSION |"
	echo
	echo "Per round:"
	echo
	echo "| round | path | target | req/s | p50 ms | p99 ms |"
	echo "| ---: | --- | --- | ---: | ---: | ---: |"
	while IFS=$'\t' read -r rnd i target rps p50 p99; do
		echo "| $rnd | \`${paths[$i]#"$API"}\` | $target | $(fmt1 "$rps") | $(fmt2 "$p50") | $(fmt2 "$p99") |"
	done <"$ROUNDS_TSV"
	echo
	echo "Every start (kind, target, wall ms, CPU ms):"
	echo
	echo '```'
	cat "$STARTS_TSV"
	echo '```'
} >"$REPORT"

echo
for line in "${summary[@]}"; do echo "$line"; done
echo
cat "$REPORT"
echo
log "report: bench/results/latest.md (raw wrk output: bench/results/latest-raw.txt)"
