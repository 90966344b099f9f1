package dev.warden.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.OutputScreen.Screening;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The delegating planes forward every method of the interfaces they wrap, default methods included, present and
 * future: a method added to {@link PolicyPlane}, {@link AsyncPolicyPlane} or {@link OutputScreen} that a wrapper does
 * not forward fails here, so a wrapped plane never silently falls back to an SPI default.
 */
class DelegatingPlaneTest {

    /** What the delegate answers, by return type; each wrapper call must hand back this very object. */
    private static final Map<Class<?>, Object> ANSWERS = Map.of(
            String.class, "from-the-delegate",
            Set.class, Set.of(Checkpoint.TOOL_CALL, Checkpoint.AGENT_OUTPUT),
            int.class, 4242,
            boolean.class, false,
            Duration.class, Duration.ofMillis(1234),
            Decision.class, Decision.deny("delegate", "the delegate decided"),
            Screening.class, Screening.pass(),
            Uni.class, Uni.createFrom().item(Decision.allow("delegate")),
            RuleVocabulary.class, RuleVocabulary.builder("from-the-delegate").build());

    private record Call(String name, List<Class<?>> parameters, List<Object> args) {}

    private static Object delegate(List<Call> calls, Class<?>... interfaces) {
        return Proxy.newProxyInstance(DelegatingPlaneTest.class.getClassLoader(), interfaces, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("equals") ? proxy == args[0] : m.getName().equals("hashCode")
                        ? System.identityHashCode(proxy) : "delegate";
            }
            calls.add(new Call(m.getName(), List.of(m.getParameterTypes()),
                    args == null ? List.of() : Arrays.asList(args)));
            return ANSWERS.get(m.getReturnType());
        });
    }

    private static Object argument(Class<?> type) {
        if (type == Checkpoint.class) {
            return Checkpoint.AGENT_OUTPUT;
        }
        if (type == CharSequence.class) {
            return "some text";
        }
        if (type.isPrimitive()) {
            throw new AssertionError("no test argument for " + type);
        }
        // a distinct object where one can be made without a constructor, else null: identity is what is checked
        return type == ScreenMemo.class ? new ScreenMemo() : null;
    }

    private static void assertEveryMethodForwarded(Object wrapper, List<Call> calls, Class<?>... interfaces)
            throws Exception {
        int checked = 0;
        for (Class<?> iface : interfaces) {
            for (Method m : iface.getMethods()) {
                if (Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Method impl = wrapper.getClass().getMethod(m.getName(), m.getParameterTypes());
                assertThat(impl.getDeclaringClass().isInterface())
                        .as("%s.%s is not forwarded: the wrapper inherits the SPI's default", iface.getSimpleName(),
                                m.getName())
                        .isFalse();
                Object[] args = Arrays.stream(m.getParameterTypes()).map(DelegatingPlaneTest::argument).toArray();
                calls.clear();
                Object answer = impl.invoke(wrapper, args);
                assertThat(calls).as("%s(%s) reached the delegate once", m.getName(), List.of(m.getParameterTypes()))
                        .containsExactly(new Call(m.getName(), List.of(m.getParameterTypes()), Arrays.asList(args)));
                if (m.getReturnType() != void.class) {
                    assertThat(answer).as("%s answers what the delegate answered", m.getName())
                            .isEqualTo(ANSWERS.get(m.getReturnType()));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void a_delegating_plane_forwards_every_policy_plane_method_defaults_included() throws Exception {
        List<Call> calls = new ArrayList<>();
        PolicyPlane plane = (PolicyPlane) delegate(calls, PolicyPlane.class);
        assertEveryMethodForwarded(new DelegatingPlane(plane) {}, calls, PolicyPlane.class);
    }

    @Test
    void a_delegating_async_plane_forwards_every_async_plane_method_defaults_included() throws Exception {
        List<Call> calls = new ArrayList<>();
        AsyncPolicyPlane plane = (AsyncPolicyPlane) delegate(calls, AsyncPolicyPlane.class);
        assertEveryMethodForwarded(new DelegatingAsyncPlane(plane) {}, calls, AsyncPolicyPlane.class);
    }

    private interface ScreeningPlane extends PolicyPlane, OutputScreen {}

    @Test
    void a_delegating_screen_plane_forwards_every_plane_and_screen_method_defaults_included() throws Exception {
        List<Call> calls = new ArrayList<>();
        ScreeningPlane plane = (ScreeningPlane) delegate(calls, ScreeningPlane.class);
        assertEveryMethodForwarded(new DelegatingScreenPlane(plane) {}, calls, PolicyPlane.class, OutputScreen.class);
    }

    @Test
    void a_plain_delegating_plane_that_hides_an_output_screen_holds_streamed_answers_back_whole() {
        List<Call> calls = new ArrayList<>();
        ScreeningPlane screen = (ScreeningPlane) delegate(calls, ScreeningPlane.class); // judgesAnswerText: false
        PolicyPlane hiding = new DelegatingPlane(screen) {};
        assertThat(screen.judgesAnswerText(Checkpoint.AGENT_OUTPUT)).isFalse();
        assertThat(hiding.judgesAnswerText(Checkpoint.AGENT_OUTPUT)).isTrue();
        assertThat(hiding.judgesAnswerText(Checkpoint.MODEL_REQUEST)).isFalse(); // not subscribed there
        assertThat(new DelegatingScreenPlane(screen) {}.judgesAnswerText(Checkpoint.AGENT_OUTPUT)).isFalse();
    }

    @Test
    void a_wrapper_overrides_only_what_it_changes() {
        PolicyPlane plane = new PolicyPlane() {
            @Override
            public String name() {
                return "inner";
            }

            @Override
            public Set<Checkpoint> checkpoints() {
                return Set.of(Checkpoint.TOOL_CALL);
            }

            @Override
            public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
                return Decision.allow(name());
            }
        };
        PolicyPlane unhurried = new DelegatingPlane(plane) {
            @Override
            public Duration timeBudget() {
                return Duration.ofSeconds(30);
            }
        };
        assertThat(unhurried.name()).isEqualTo("inner");
        assertThat(unhurried.timeBudget()).isEqualTo(Duration.ofSeconds(30));
        assertThat(unhurried.evaluate(null, null)).isEqualTo(Decision.allow("inner"));
        assertThat(unhurried.version()).isEqualTo(plane.version());
    }
}
