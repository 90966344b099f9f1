#!/usr/bin/env bash
# Turns a JMH JSON result (java -jar target/benchmarks.jar ... -rf json -rff FILE) into the Markdown tables of
# docs/benchmarks.md: every result with its mean, median and p99, then governed/plain ratios from the same run.
set -euo pipefail
file="${1:-target/jmh-result.json}"

echo "| benchmark | params | mode | mean | median (p50) | p99 | unit | ops/s (1/mean) | samples |"
echo "| --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: |"
jq -r '.[] | [
    (.benchmark | sub("^dev\\.warden\\.bench\\."; "")),
    ((.params // {}) | to_entries | map("\(.key)=\(.value)") | join(", ")),
    .mode,
    (.primaryMetric.score | . * 100 | round / 100 | tostring),
    (if .mode == "sample" then (.primaryMetric.scorePercentiles["50.0"] | . * 100 | round / 100 | tostring) else "–" end),
    (if .mode == "sample" then (.primaryMetric.scorePercentiles["99.0"] | . * 100 | round / 100 | tostring) else "–" end),
    .primaryMetric.scoreUnit,
    ((if .primaryMetric.scoreUnit == "ns/op" then 1e9 else 1e6 end) / .primaryMetric.score | round | tostring),
    (if .mode == "sample" then ([.primaryMetric.rawDataHistogram[][][] | .[1]] | add | tostring) else "–" end)
  ] | "| " + join(" | ") + " |"' "$file" | sed 's/| avgt |/| AverageTime |/; s/| sample |/| SampleTime |/'

echo
echo "Governed / plain, same run (mean of AverageTime; p50 and p99 of SampleTime):"
echo
echo "| audit | model latency (µs per call) | governed/plain mean | governed/plain p50 | governed/plain p99 |"
echo "| --- | ---: | ---: | ---: | ---: |"
jq -r '
  def pick(m; name; lat; aud): map(select(.mode == m and (.benchmark | endswith(name))
      and .params.modelLatencyMicros == lat and (aud == null or .params.audit == aud)))[0];
  def r(a; b): (a / b * 100 | round / 100 | tostring) + "×";
  . as $all
  | [ .[] | select(.benchmark | endswith("governedStep")) | {audit: .params.audit, lat: .params.modelLatencyMicros} ]
  | unique[]
  | . as $k
  | ($all | pick("avgt"; "governedStep"; $k.lat; $k.audit)) as $ga
  | ($all | pick("avgt"; "plainStep"; $k.lat; null)) as $pa
  | ($all | pick("sample"; "governedStep"; $k.lat; $k.audit)) as $gs
  | ($all | pick("sample"; "plainStep"; $k.lat; null)) as $ps
  | "| \($k.audit // "hash-chain (fixed)") | \($k.lat) | \(r($ga.primaryMetric.score; $pa.primaryMetric.score)) | \(r($gs.primaryMetric.scorePercentiles["50.0"]; $ps.primaryMetric.scorePercentiles["50.0"])) | \(r($gs.primaryMetric.scorePercentiles["99.0"]; $ps.primaryMetric.scorePercentiles["99.0"])) |"
' "$file"
