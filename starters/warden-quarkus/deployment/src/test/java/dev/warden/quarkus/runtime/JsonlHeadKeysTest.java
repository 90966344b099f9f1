package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditFileException;
import dev.warden.quarkus.WardenConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the JSONL head key comes from; the prod profile has no forgeable default (issue 14, M1). */
class JsonlHeadKeysTest {
    @TempDir
    Path dir;

    private WardenConfig.Audit audit(Map<String, Object> values) {
        return (WardenConfig.Audit) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WardenConfig.Audit.class}, (proxy, method, args) -> {
                    Object v = values.get(method.getName());
                    if (method.getReturnType() == Optional.class) {
                        return Optional.ofNullable(v);
                    }
                    return v != null ? v : method.getReturnType() == boolean.class ? false : null;
                });
    }

    private Path trail() {
        return dir.resolve("audit/decisions.jsonl");
    }

    @Test
    void prod_without_a_head_key_refuses_to_start() {
        assertThatThrownBy(() -> JsonlHeadKeys.key(audit(Map.of()), trail(), java.util.List.of("prod")))
                .isInstanceOf(AuditFileException.class).hasMessageContaining("WARDEN-CORE-0144")
                .hasMessageContaining("warden.audit.jsonl.head-key");
        assertThat(dir.resolve("audit/head.key")).doesNotExist();
    }

    @Test
    void demo_without_a_key_generates_an_owner_only_key_once_beside_the_trail() throws Exception {
        byte[] first = JsonlHeadKeys.key(audit(Map.of()), trail(), java.util.List.of("demo"));
        byte[] again = JsonlHeadKeys.key(audit(Map.of()), trail(), java.util.List.of("demo"));
        assertThat(first).hasSize(32).isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("audit/head.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void a_configured_key_is_used_and_a_short_or_malformed_one_refused() throws Exception {
        String key = java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123".getBytes());
        assertThat(JsonlHeadKeys.key(audit(Map.of("jsonlHeadKey", key)), trail(), java.util.List.of("prod")))
                .hasSize(20);
        Path file = dir.resolve("secret");
        Files.writeString(file, key + "\n");
        assertThat(JsonlHeadKeys.key(audit(Map.of("jsonlHeadKeyFile", file.toString())), trail(),
                java.util.List.of("prod"))).hasSize(20);
        assertThatThrownBy(() -> JsonlHeadKeys.key(audit(Map.of("jsonlHeadKey", "c2hvcnQ=")), trail(),
                java.util.List.of("prod"))).hasMessageContaining("at least 16 bytes");
        assertThatThrownBy(() -> JsonlHeadKeys.key(audit(Map.of("jsonlHeadKey", "not base64!")), trail(),
                java.util.List.of("prod"))).hasMessageContaining("not valid base64");
    }
}
