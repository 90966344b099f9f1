package dev.warden.bench;

import dev.warden.dataflow.detect.Detector;
import dev.warden.dataflow.detect.DetectorSuite;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the data-flow detectors on 1 MiB of text: {@code dense} mixes sensitive values (IBANs, cards, e-mail
 * addresses, phone numbers, keys, JWTs) into business prose about every 200 characters; {@code prose} has none.
 * MB/s = 1 / (ms per op / 1000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DetectorThroughputBenchmark {
    @Param({"dense", "prose"})
    public String text;

    @Param({"suite", "EMAIL", "PHONE", "IBAN", "PAYMENT_CARD", "NATIONAL_ID", "SECRET", "PRIVATE_KEY", "JWT"})
    public String detector;

    private CharSequence input;
    private DetectorSuite suite;
    private Detector single;

    @Setup
    public void setUp() {
        input = BenchTexts.mib("dense".equals(text));
        suite = DetectorSuite.defaults();
        if (!"suite".equals(detector)) {
            single = suite.detectors().stream()
                    .filter(d -> d.getClass().getSimpleName().toUpperCase().replace("DETECTOR", "")
                            .equals(detector.replace("_", "")))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no detector " + detector));
        }
    }

    @Benchmark
    public Object scan() {
        return single == null ? suite.scan(input) : single.detect(input);
    }
}
