#!/bin/bash
# The exporter's CPU time per poll of the 200,000-connection fleet, from /proc, with nothing else asking it anything:
#   sh tests/ClientVpnExporter.Benchmarks/Footprint/poll-cpu.sh AOTDIR [SIMPORT EXPORTERPORT]
# The simulator (the Release build, `dotnet build src/ClientVpnSimulator -c Release`) is started as the e2e benchmark
# starts it, paused, so every poll lists the same 200,890 connections; the exporter polls every 25 s. It prints the
# CPU ticks of each second, then for each poll its CPU time and peak resident memory, and the garbage collector's
# counts for the second poll, from the exporter's own dotnet_gc_* series (docs/performance.md).
set -u
aot=${1:?AOT folder}
simport=${2:-19401}
port=${3:-19402}
root=$(cd "$(dirname "$0")/../../.." && pwd)
dotnet "$root/src/ClientVpnSimulator/bin/Release/net10.0/ClientVpnSimulator.dll" --urls "http://127.0.0.1:$simport" \
  --endpoints 10 --connections 10000 --churn-per-hour 10000 --seed 1 --clock-speed 1 --start-time 2026-03-01T12:00:00 \
  --start-paused > /dev/null 2>&1 &
sim=$!
trap 'kill $sim $exp 2>/dev/null' EXIT
until curl -sf "http://127.0.0.1:$simport/sim/clock" > /dev/null; do sleep 0.2; done
AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench Logging__LogLevel__Default=Warning "$aot/clientvpn-exporter" \
  --urls "http://127.0.0.1:$port" "--ClientVpn:ServiceUrl=http://127.0.0.1:$simport/" --ClientVpn:Regions:0=us-east-1 \
  --ClientVpn:PollInterval=00:00:25 --ClientVpn:ApiBudget:RequestsPerSecond=100 --ClientVpn:ApiBudget:Burst=100 > /dev/null 2>&1 &
exp=$!
gc() { curl -s "http://127.0.0.1:$port/metrics" | grep -E '^dotnet_gc_(collections_total|heap_total_allocated_bytes_total|pause_time_seconds_total)' | sed 's/{otel_scope_name="System.Runtime",*/{/'; }
hz=$(getconf CLK_TCK)
previous=0
: > /tmp/poll-cpu.$$
for second in $(seq 1 70); do
  sleep 1
  [ "$second" -eq 20 ] && gc > /tmp/poll-cpu-gc1.$$
  [ "$second" -eq 45 ] && gc > /tmp/poll-cpu-gc2.$$
  ticks=$(awk '{print $14+$15}' /proc/$exp/stat)
  rss=$(awk '/VmRSS/ {print $2}' /proc/$exp/status)
  echo "$second $((ticks - previous)) $rss" >> /tmp/poll-cpu.$$
  previous=$ticks
done
echo "second, CPU ticks ($hz/s), resident kB:"; tr '\n' ';' < /tmp/poll-cpu.$$; echo
awk -v hz="$hz" '$2 > 2 { if (!busy) { n++; peak[n]=0 } busy=1; cpu[n]+=$2; if ($3>peak[n]) peak[n]=$3; next } { busy=0 }
  END { for (i=1;i<=n;i++) printf "poll %d: CPU %.2f s, peak resident %.1f MB\n", i, cpu[i]/hz, peak[i]/1024 }' /tmp/poll-cpu.$$
echo "second poll, garbage collector (after minus before):"
paste /tmp/poll-cpu-gc1.$$ /tmp/poll-cpu-gc2.$$ | awk '{printf "  %s %.3f\n", $1, $4-$2}'
rm -f /tmp/poll-cpu.$$ /tmp/poll-cpu-gc1.$$ /tmp/poll-cpu-gc2.$$
