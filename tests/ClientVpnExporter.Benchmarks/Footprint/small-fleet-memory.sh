#!/bin/bash
# Where the small fleet's resident memory goes (docs/performance.md): the simulator (3 endpoints x 100 connections, built
# with `dotnet build -c Release`), the AOT exporter in AOTDIR with the e2e benchmark's arguments, SCRAPES (1000) gzip
# scrapes by each of 4 keep-alive scrapers, 20 s idle, then smaps by mapping and the exporter's GC series.
# usage: small-fleet-memory.sh AOTDIR PORT SIMPORT [extra exporter args...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
aot=$1; port=$2; simport=$3; shift 3
dotnet "$repo/src/ClientVpnSimulator/bin/Release/net10.0/ClientVpnSimulator.dll" --urls http://127.0.0.1:$simport --endpoints 3 --connections 100 --churn-per-hour 0 --seed 1 --clock-speed 1 --start-time 2026-03-01T12:00:00 --start-paused > /tmp/perf-sim-$simport.log 2>&1 &
sim=$!
for i in $(seq 60); do curl -sf http://127.0.0.1:$simport/sim/clock >/dev/null && break; sleep 1; done
AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench Logging__LogLevel__Default=Warning $aot/clientvpn-exporter --urls http://127.0.0.1:$port --ClientVpn:ServiceUrl=http://127.0.0.1:$simport/ --ClientVpn:Regions:0=us-east-1 --ClientVpn:PollInterval=00:00:25 --ClientVpn:ApiBudget:RequestsPerSecond=100 --ClientVpn:ApiBudget:Burst=100 "$@" > /tmp/perf-exp-$port.log 2>&1 &
exp=$!
for i in $(seq 120); do curl -sf http://127.0.0.1:$port/readyz >/dev/null && break; sleep 0.5; done
sleep 3
echo "ready: $(grep -E 'VmRSS|VmHWM' /proc/$exp/status | tr -s ' ' | tr '\n' ' ')"
python3 "$here/gzip-scrapers.py" "$port" "${SCRAPES:-1000}"
sleep 20
echo "after: $(grep -E 'VmRSS|VmHWM' /proc/$exp/status | tr -s ' ' | tr '\n' ' ')"
cat /proc/$exp/smaps_rollup | grep -E "Rss|Anonymous|Shared|Private"
curl -s http://127.0.0.1:$port/metrics | grep -E "^dotnet_gc_heap|^dotnet_gc_last|^process_|committed|^dotnet_gc_heap_size" | grep -v "^#" | head -30
python3 - $exp <<'PY'
import sys,re,collections
pid=sys.argv[1]
cur=None; agg=collections.Counter()
for line in open(f'/proc/{pid}/smaps'):
    if re.match(r'^[0-9a-f]+-[0-9a-f]+ ',line):
        parts=line.split()
        cur=parts[5] if len(parts)>5 else '[anon]'
    elif line.startswith('Rss:'):
        agg[cur]+=int(line.split()[1])
for k,v in agg.most_common(15): print(f'{v/1024:8.1f} MB {k}')
PY
kill $exp; kill $sim
