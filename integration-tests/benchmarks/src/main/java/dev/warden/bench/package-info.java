/**
 * JMH benchmarks of Warden's hot paths: one checkpoint through the {@code Governor}, one governed agent step against
 * a plain LangChain4j tool-calling loop, and evaluation of a 50-rule policy set. Benchmark code only: nothing here is
 * API and no compatibility is promised. Results and how to reproduce them: {@code docs/benchmarks.md}.
 */
package dev.warden.bench;
