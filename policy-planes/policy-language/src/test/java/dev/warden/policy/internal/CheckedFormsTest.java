package dev.warden.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.warden.spi.RuleVocabulary;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked form of an expression decodes to exactly the AST CEL's checker builds (decision 0059). */
class CheckedFormsTest {
    private final Clock clock = Clock.systemUTC();

    @Test
    void every_corpus_expression_decodes_to_the_ast_the_checker_builds() {
        CelEnvironment cel = new CelEnvironment(clock);
        int checked = 0;
        for (String e : NativeConditionCorpus.expressions()) {
            for (boolean condition : new boolean[] {true, false}) {
                CelEnvironment.Compiled c = cel.compile(null, condition, e, Map.of());
                if (!c.ok()) {
                    continue; // the corpus holds conditions that are meant not to compile; errors are never stored
                }
                CelAbstractSyntaxTree decoded = CheckedForms.decode(CheckedForms.encode(c.ast()), e);
                assertSameAst(decoded, c.ast(), e);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void programs_planned_from_forms_evaluate_as_compiled_ones_on_random_requests() {
        CelEnvironment cel = new CelEnvironment(clock);
        java.util.Random random = new java.util.Random(59);
        for (String e : NativeConditionCorpus.expressions()) {
            CelEnvironment.Compiled c = cel.condition(e);
            if (!c.ok()) {
                continue;
            }
            Map<String, byte[]> forms = Map.of(cel.key(null, true, e), CheckedForms.encode(c.ast()));
            CelEnvironment.Compiled fromForm = new CelEnvironment(clock).compile(null, true, e, forms);
            for (int i = 0; i < 40; i++) {
                RequestActivation act = new RequestActivation(DifferentialInputs.request(random),
                        DifferentialInputs.context(random));
                assertThat(outcome(fromForm, act)).as(e).isEqualTo(outcome(c, act));
            }
        }
    }

    private static String outcome(CelEnvironment.Compiled c, RequestActivation act) {
        try {
            return String.valueOf(c.program().eval(act));
        } catch (Exception ex) {
            return "error";
        }
    }

    @Test
    void an_environment_served_only_from_forms_builds_no_compiler() {
        List<String> exprs = NativeConditionCorpus.expressions().subList(0, NativeConditionCorpus.BENCH_CONDITIONS);
        CelEnvironment build = new CelEnvironment(clock);
        Map<String, byte[]> forms = new HashMap<>();
        exprs.forEach(e -> forms.put(build.key(null, true, e),
                CheckedForms.encode(build.compile(null, true, e, Map.of()).ast())));

        CelEnvironment run = new CelEnvironment(clock);
        for (String e : exprs) {
            CelEnvironment.Compiled c = run.compile(null, true, e, forms);
            assertThat(c.ok()).isTrue();
            assertSameAst(c.ast(), build.condition(e).ast(), e);
        }
        assertThat(run.compiledFromForms()).isEqualTo(exprs.size());
        assertThat(run.compilersBuilt()).isZero();
    }

    @Test
    void a_form_that_does_not_decode_or_sits_under_another_key_is_compiled_instead() {
        CelEnvironment cel = new CelEnvironment(clock);
        String e = "tool.name == \"pay\"";
        Map<String, byte[]> forms = Map.of(cel.key(null, true, e), new byte[] {8, 1, 2, 3},
                cel.key(null, false, "tool.name == \"other\""), CheckedForms.encode(cel.condition(e).ast()));
        CelEnvironment.Compiled c = cel.compile(null, true, e, forms);
        assertThat(c.ok()).isTrue();
        assertThat(c.ast()).isEqualTo(cel.condition(e).ast()); // compiled: the very same AST
        assertThat(cel.compile(null, false, "tool.name == \"other\"", Map.of()).ast().getExpr())
                .isNotEqualTo(c.ast().getExpr());
        assertThat(cel.compiledFromForms()).isZero();
    }

    @Test
    void the_key_changes_with_the_kind_the_text_and_the_vocabulary_but_not_with_an_empty_vocabulary() {
        RuleVocabulary own = RuleVocabulary.builder("rate")
                .variable("calls", RuleVocabulary.Type.INT, "calls", (r, c) -> 1L).build();
        CelEnvironment plain = new CelEnvironment(clock, DataSets.none(),
                List.of(RuleVocabulary.builder("rate").build()));
        CelEnvironment vocab = new CelEnvironment(clock, DataSets.none(), List.of(own));
        String e = "tool.name == \"x\"";
        assertThat(plain.key("rate", true, e)).isEqualTo(plain.key(null, true, e))
                .isEqualTo(new CelEnvironment(clock).key("action-boundary", true, e))
                .isNotEqualTo(plain.key(null, false, e)).isNotEqualTo(plain.key(null, true, e + " "));
        assertThat(vocab.key("rate", true, e)).isNotEqualTo(plain.key("rate", true, e));
        assertThat(vocab.key("identity", true, e)).isEqualTo(plain.key("rate", true, e));
    }

    /**
     * Expression, source (text, positions, macro calls), overload references and result type equal; the type map equal
     * once struct types are compared by name (the form carries them by name), and the fast paths Warden derives from
     * the AST are the same.
     */
    static void assertSameAst(CelAbstractSyntaxTree actual, CelAbstractSyntaxTree expected, String e) {
        assertThat(actual.getExpr()).as(e).isEqualTo(expected.getExpr());
        assertThat(actual.getSource()).as(e).isEqualTo(expected.getSource());
        assertThat(actual.getReferenceMap()).as(e).isEqualTo(expected.getReferenceMap());
        assertThat(names(actual.getTypeMap())).as(e).isEqualTo(names(expected.getTypeMap()));
        assertThat(ToolGuard.of(actual) == null).as(e).isEqualTo(ToolGuard.of(expected) == null);
        assertThat(NativeCondition.of(actual, Clock.systemUTC()) == null).as(e)
                .isEqualTo(NativeCondition.of(expected, Clock.systemUTC()) == null);
    }

    private static Map<Long, String> names(Map<Long, dev.cel.common.types.CelType> types) {
        Map<Long, String> out = new HashMap<>();
        types.forEach((id, t) -> out.put(id, describe(t)));
        return out;
    }

    private static String describe(dev.cel.common.types.CelType t) {
        StringBuilder b = new StringBuilder(t.kind() + ":" + t.name());
        t.parameters().forEach(p -> b.append('<').append(describe(p)).append('>'));
        return b.toString();
    }

    @Test
    void the_cel_release_comes_from_the_cel_classes_not_from_a_jar_file_name() throws Exception {
        String release = CheckedForms.read(getClass().getClassLoader());
        assertThat(release).startsWith("classes-").isEqualTo(CheckedForms.read(getClass().getClassLoader()));
        // the same classes under another file name (an uber-jar, a renamed jar): the same release
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cel-classes");
        java.nio.file.Path jar = dir.resolve("app-runner.jar");
        try (var zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            for (String c : new String[] {"dev.cel.common.CelAbstractSyntaxTree", "dev.cel.common.CelProtoAbstractSyntaxTree",
                "dev.cel.parser.Parser", "dev.cel.checker.ExprChecker", "dev.cel.checker.CelStandardDeclarations"}) {
                String entry = c.replace('.', '/') + ".class";
                zip.putNextEntry(new java.util.zip.ZipEntry(entry));
                try (var in = getClass().getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        try (var renamed = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            assertThat(CheckedForms.read(renamed)).isEqualTo(release);
        }
        // no class files to read (a native image): unique, so no recorded form can match
        ClassLoader none = new ClassLoader(null) {};
        assertThat(CheckedForms.read(none)).startsWith("unknown-").isNotEqualTo(CheckedForms.read(none));
    }

    @Test
    void the_cel_release_describes_the_cel_classes_that_run_not_another_copy_found_first_as_a_resource()
            throws Exception {
        ClassLoader running = getClass().getClassLoader();
        String release = CheckedForms.read(running);
        java.nio.file.Path other = java.nio.file.Files.createTempFile("other-cel", ".class");
        java.nio.file.Files.write(other, new byte[] {(byte) 0xCA, (byte) 0xFE, 0x00, 0x01});
        // a loader whose resource lookup finds another copy of a CEL class, while its classes are the running ones
        ClassLoader shadowed = new ClassLoader(running) {
            @Override
            public java.net.URL getResource(String name) {
                if (name.equals("dev/cel/parser/Parser.class")) {
                    try {
                        return other.toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return super.getResource(name);
            }
        };
        assertThat(CheckedForms.read(shadowed)).isEqualTo(release);
    }
}
