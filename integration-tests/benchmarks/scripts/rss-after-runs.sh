#!/bin/bash
# RSS of the packaged sample after N governed runs (default 10,000, 8 clients) and what is resident (docs/benchmarks.md,
# "Banking jar after 10k runs"). Usage: scripts/rss-after-runs.sh path/to/quarkus-run.jar LABEL [jvm options]
# env: RUNS (10000), IDLE (40 s after the 20 s reading), NMT=1 to save an NMT summary (add -XX:NativeMemoryTracking=detail)
# usage: run.sh JAR LABEL [jvm args...]   — as shipped: java -Dquarkus.profile=demo -jar JAR (+ port, + args)
JAR=$(realpath $1); LABEL=$2; shift 2; HERE=$(cd $(dirname $0) && pwd)
OUT=${RUNS_DIR:-/tmp/rss-runs}/$LABEL; rm -rf $OUT; mkdir -p $OUT/work
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
cd $OUT/work
java -Dquarkus.profile=demo -Dquarkus.http.port=$PORT -Xlog:gc:file=$OUT/gc.log:uptime "$@" -jar $JAR > $OUT/service.log 2>&1 &
PID=$!
for i in $(seq 1 900); do curl -sf -o /dev/null http://127.0.0.1:$PORT/q/health/ready && break; sleep 0.2; done
sleep 1
{ echo "== $LABEL pid $PID $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) args: $*"
  grep -o "started in [0-9.]*s" $OUT/service.log
  jcmd $PID VM.system_properties | grep -i "netty\|vertx" | tr "\n" " "; echo
  echo "-- after start"; python3 $HERE/resident-memory.py $PID
  echo "-- 10k runs"; java $HERE/TenK.java http://127.0.0.1:$PORT ${RUNS:-10000} 8
  echo "-- right after the runs $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"; python3 $HERE/resident-memory.py $PID
  sleep 20; echo "-- 20 s after"; python3 $HERE/resident-memory.py $PID
  sleep ${IDLE:-40}; echo "-- $((20+${IDLE:-40})) s after (idle)"; python3 $HERE/resident-memory.py $PID
  if [ -n "$NMT" ]; then jcmd $PID VM.native_memory summary > $OUT/nmt-summary.txt; fi
  jcmd $PID PerfCounter.print | grep -E "sun.gc.collector.[012].(invocations|time)|sun.os.hrt.frequency|sun.gc.cause|sun.gc.lastCause" | tr '\n' ' '; echo
  jcmd $PID System.trim_native_heap | tail -1; echo "-- after a manual System.trim_native_heap"; python3 $HERE/resident-memory.py $PID | head -1
  jcmd $PID GC.heap_info | head -3; jcmd $PID GC.class_histogram > $OUT/histo.txt; echo "-- after GC.class_histogram (full GC)"; python3 $HERE/resident-memory.py $PID | head -3
} > $OUT/report.txt 2>&1
kill $PID; wait $PID 2>/dev/null
cat $OUT/report.txt
