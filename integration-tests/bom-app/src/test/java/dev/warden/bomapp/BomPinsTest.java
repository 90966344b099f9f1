package dev.warden.bomapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The pins the reactor builds with (root pom) and the pins users get (warden-bom) are the same: a build cannot import
 * a BOM of its own reactor, so the two lists exist twice and this test keeps them equal.
 */
class BomPinsTest {
    /** The reactor's own test and benchmark tools: an application chooses its own. */
    static final java.util.Set<String> BUILD_ONLY = java.util.Set.of("net.jqwik:jqwik", "org.assertj:assertj-core",
            "org.openjdk.jmh:jmh-core", "org.seleniumhq.selenium:selenium-java");

    @Test
    void the_bom_pins_every_third_party_version_the_root_pom_pins_at_the_same_version() throws Exception {
        Map<String, String> root = managed(Path.of("../../pom.xml"));
        Map<String, String> bom = managed(Path.of("../../bom/pom.xml"));
        int compared = 0;
        for (var e : root.entrySet()) {
            if (e.getKey().startsWith("dev.warden:") || e.getValue() == null || BUILD_ONLY.contains(e.getKey())) {
                continue;
            }
            assertTrue(bom.containsKey(e.getKey()), "warden-bom does not pin " + e.getKey());
            assertEquals(e.getValue(), bom.get(e.getKey()), "version of " + e.getKey());
            compared++;
        }
        assertTrue(compared >= 5, "expected the root's protobuf/guava/... pins, compared " + compared);
    }

    /** groupId:artifactId of non-import managed dependencies to their version with ${properties} resolved. */
    static Map<String, String> managed(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Element project = doc.getDocumentElement();
        Map<String, String> props = new HashMap<>();
        Element properties = child(project, "properties");
        if (properties != null) {
            NodeList ps = properties.getChildNodes();
            for (int i = 0; i < ps.getLength(); i++) {
                if (ps.item(i) instanceof Element p) {
                    props.put(p.getTagName(), p.getTextContent().trim());
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        Element deps = child(child(project, "dependencyManagement"), "dependencies");
        NodeList ds = deps.getElementsByTagName("dependency");
        for (int i = 0; i < ds.getLength(); i++) {
            Element d = (Element) ds.item(i);
            if ("import".equals(text(d, "scope"))) {
                continue;
            }
            out.put(text(d, "groupId") + ":" + text(d, "artifactId"), resolve(text(d, "version"), props));
        }
        return out;
    }

    static String resolve(String value, Map<String, String> props) {
        if (value == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(props.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(sb).toString();
    }

    static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
