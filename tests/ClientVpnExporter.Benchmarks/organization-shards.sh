#!/bin/sh
# Issue 15's benchmark row: one simulated organisation of 200 accounts x 4 enabled regions (800 targets, found by
# ListAccounts and DescribeRegions), 40 accounts with one endpoint of 10,000 listed connections in one region
# (400,000 connections, 760 empty targets), read by one unsharded exporter, then by 4 shards at once. For each
# process: the first poll's duration, its AWS calls, its CPU (user + sys) and peak resident memory from start to
# ready. CPU and memory are what a loaded machine leaves meaningful; re-run it on a quiet one for wall times.
#
# Usage (from the repository root, after dotnet build Exporter.sln -c Release):
#   sh tests/ClientVpnExporter.Benchmarks/organization-shards.sh
set -eu
root=$(pwd)
sim_dll="$root/src/ClientVpnSimulator/bin/Release/net10.0/ClientVpnSimulator.dll"
exporter="$root/src/ClientVpnExporter/bin/Release/net10.0/clientvpn-exporter"
sim_port=${SIM_PORT:-19400}
base_port=${EXPORTER_PORT:-19410}
ticks=$(getconf CLK_TCK)
work=$(mktemp -d)
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

dotnet "$sim_dll" --urls "http://127.0.0.1:$sim_port" --account-count 200 --accounts-with-endpoints 40 \
  --regions us-east-1,us-east-2,us-west-2,eu-west-1 --endpoint-regions us-east-1 \
  --endpoints 1 --connections 10000 --churn-per-hour 0 --seed 15 --start-paused > "$work/sim.log" 2>&1 &
sim=$!; pids="$sim"
until curl -sf "http://127.0.0.1:$sim_port/sim/organization" > /dev/null; do sleep 1; done

start_exporter() { # shards index port
  AWS_ACCESS_KEY_ID=AKIDTEST AWS_SECRET_ACCESS_KEY=test-secret AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
  "$exporter" --urls "http://127.0.0.1:$3" --ClientVpn:ServiceUrl="http://127.0.0.1:$sim_port/" \
    --ClientVpn:StsServiceUrl="http://127.0.0.1:$sim_port/" --ClientVpn:Regions:0=all \
    --ClientVpn:Organization:Enabled=true --ClientVpn:Organization:RoleName=clientvpn-exporter \
    --ClientVpn:PollInterval=00:30:00 --ClientVpn:ApiBudget:RequestsPerSecond=100 --ClientVpn:ApiBudget:Burst=100 \
    --ClientVpn:Sharding:Shards="$1" --ClientVpn:Sharding:Index="$2" --Logging:LogLevel:Default=Warning \
    > "$work/exporter-$1-$2.log" 2>&1 &
  echo $!
}

report() { # label pid port
  until curl -sf "http://127.0.0.1:$3/readyz" > /dev/null; do sleep 1; done
  metrics=$(curl -sf "http://127.0.0.1:$3/metrics")
  poll=$(echo "$metrics" | awk '/^clientvpn_exporter_poll_duration_seconds_sum/ { print $2 }')
  calls=$(echo "$metrics" | awk '/^clientvpn_exporter_api_requests_total/ { s += $2 } END { print s }')
  targets=$(echo "$metrics" | awk '/^clientvpn_exporter_targets[{ ]/ { print $2 }')
  endpoints=$(echo "$metrics" | grep -c '^clientvpn_endpoint_info{' || true)
  cpu=$(awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$2/stat")
  hwm=$(awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$2/status")
  rss=$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$2/status")
  echo "| $1 | $targets | $endpoints | ${poll} s | $calls | ${cpu} s | ${hwm} MB | ${rss} MB |"
}

echo "| exporter | targets read | endpoints | first poll | AWS calls | CPU start to ready | peak RSS | RSS |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
pid=$(start_exporter 1 0 "$base_port"); pids="$pids $pid"
report "unsharded" "$pid" "$base_port"
kill "$pid"; wait "$pid" 2>/dev/null || true
for i in 0 1 2 3; do eval "shard$i=$(start_exporter 4 $i $((base_port + 1 + i)))"; done
for i in 0 1 2 3; do eval "p=\$shard$i"; pids="$pids $p"; done
for i in 0 1 2 3; do eval "p=\$shard$i"; report "shard $i of 4" "$p" $((base_port + 1 + i)); done
