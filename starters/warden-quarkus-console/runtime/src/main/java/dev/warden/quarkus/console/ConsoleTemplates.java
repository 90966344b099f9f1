package dev.warden.quarkus.console;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's own Qute engine over the templates in {@code warden-console/templates/} of this jar. It is built here
 * rather than taken from the application's build-time Qute so the console needs no build step in the user's project
 * and cannot collide with the application's own templates. Every {@code {expression}} is HTML-escaped: argument values
 * and reasons can come from content an attacker wrote, and an approver's page must show them as text.
 */
@Singleton
public class ConsoleTemplates {
    static final String ROOT = "warden-console/templates/";

    private final Engine engine = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .removeStandaloneLines(true)
            .addLocator(ConsoleTemplates::locate)
            .build();

    /** Renders template {@code name} (without {@code .html}) with {@code data}. */
    public String render(String name, Map<String, Object> data) {
        Template template = engine.getTemplate(name);
        if (template == null) {
            throw new IllegalStateException("no console template " + name);
        }
        return template.data(data).render();
    }

    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        String path = ROOT + (id.endsWith(".html") ? id : id + ".html");
        ClassLoader loader = ConsoleTemplates.class.getClassLoader();
        if (loader.getResource(path) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = loader.getResourceAsStream(path);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(new Variant(java.util.Locale.ROOT, StandardCharsets.UTF_8, Variant.TEXT_HTML));
            }
        });
    }
}
