package dev.warden.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SqlCallsTest {

    static Stream<String> sideEffects() throws IOException {
        return corpus("/sql/side-effect-corpus.txt").stream();
    }

    static Stream<String> readOnly() throws IOException {
        return corpus("/sql/read-only-corpus.txt").stream();
    }

    @ParameterizedTest
    @MethodSource("sideEffects")
    void a_select_calling_an_unlisted_or_hidden_function_is_unknown(String sql) {
        assertThat(SqlKind.of(sql)).as(sql).isEqualTo("UNKNOWN");
    }

    @ParameterizedTest
    @MethodSource("readOnly")
    void analyst_queries_stay_select(String sql) {
        assertThat(SqlKind.of(sql)).as(sql).isEqualTo("SELECT");
    }

    @Test
    void calls_are_found_wherever_they_sit_and_only_outside_literals() {
        assertThat(SqlCalls.calls("SELECT f1(a) FROM t WHERE f2(b) ORDER BY f3(c) -- f4(d)\n"))
                .containsExactlyInAnyOrder("F1", "F2", "F3");
        assertThat(SqlCalls.calls("SELECT 'f5(x)' AS s, a IN (1) FROM t")).isEmpty();
    }

    @Test
    void statements_other_than_select_keep_their_kind() {
        assertThat(SqlKind.of("INSERT INTO t (a) VALUES (1)")).isEqualTo("INSERT");
        assertThat(SqlKind.of("UPDATE t SET a = upper(a)")).isEqualTo("UPDATE");
    }

    @Test
    void a_write_calling_a_side_effect_function_is_unknown_so_a_narrow_write_rule_cannot_pass_it() {
        assertThat(SqlKind.of("UPDATE notes SET body = dblink_exec('x', 'DROP TABLE customers')")).isEqualTo("UNKNOWN");
        assertThat(SqlKind.of("INSERT INTO t SELECT pg_read_file('/etc/passwd')")).isEqualTo("UNKNOWN");
        assertThat(SqlKind.of("UPDATE t SET a = CSVWRITE/**/('/tmp/x', 'SELECT 1')")).isEqualTo("UNKNOWN");
    }

    static List<String> corpus(String resource) throws IOException {
        try (InputStream in = SqlCallsTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
