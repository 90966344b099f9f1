package dev.warden.quarkus.inventory.runtime;

import dev.warden.quarkus.inventory.InventoryModel.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Replicas of one service that disagree: live instances (heartbeat within the TTL) running another set of policy
 * versions or another tool schema than their siblings. Shown until every replica serves the same again.
 */
public final class Drift {
    /** One fingerprint and the instances running it ({@code policyVersions} for the policy kind). */
    public record Variant(String fingerprint, Map<String, String> policyVersions, List<String> instances) {}

    /** @param kind {@code policy} or {@code tools} */
    public record View(String service, String kind, List<Variant> variants) {}

    private Drift() {}

    public static boolean live(Instance i, Instant now, Duration ttl) {
        return i.lastHeartbeat() != null && !i.lastHeartbeat().isBefore(now.minus(ttl));
    }

    public static List<View> of(List<Instance> instances, Instant now, Duration ttl) {
        Map<String, List<Instance>> byService = instances.stream().filter(i -> live(i, now, ttl))
                .collect(Collectors.groupingBy(Instance::service, TreeMap::new, Collectors.toList()));
        List<View> out = new ArrayList<>();
        byService.forEach((service, list) -> {
            variants(list, Instance::policyFingerprint, true).ifPresent(v -> out.add(new View(service, "policy", v)));
            variants(list, Instance::toolFingerprint, false).ifPresent(v -> out.add(new View(service, "tools", v)));
        });
        return out;
    }

    private static java.util.Optional<List<Variant>> variants(List<Instance> list, Function<Instance, String> key,
            boolean withVersions) {
        Map<String, List<Instance>> groups = list.stream().collect(Collectors.groupingBy(key, TreeMap::new,
                Collectors.toList()));
        if (groups.size() < 2) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(groups.entrySet().stream().map(e -> new Variant(e.getKey(),
                withVersions ? new TreeMap<>(e.getValue().get(0).policyVersions()) : Map.of(),
                e.getValue().stream().map(Instance::instanceId).sorted().toList())).toList());
    }
}
