package dev.warden.policy.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.common.types.CelType;
import dev.cel.common.types.StructType;
import dev.cel.expr.CheckedExpr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Type-checked expressions in CEL's own serialised form ({@code CheckedExpr}), for policies compiled when the
 * application is built (decision 0059). A decoded form is the AST the checker would build from the same text in the
 * same environment: expression, reference map (overloads), type map and source positions. The text, which the
 * protobuf form does not carry, is put back from the caller; struct types come back as references by name (as the
 * checker itself gives the types of selected fields), which neither the interpreter nor Warden's analyses inspect.
 */
final class CheckedForms {
    /**
     * The CEL classes whose code decides what an expression parses and checks to, and how a checked form is written:
     * their bytes identify the CEL release (CEL's jars carry no version of their own: no {@code pom.properties}, no
     * manifest version, no constant), in a plain jar, an uber-jar or wherever the classes come from.
     */
    private static final List<String> CEL_CLASSES = List.of("dev.cel.common.CelAbstractSyntaxTree",
            "dev.cel.common.CelProtoAbstractSyntaxTree", "dev.cel.parser.Parser", "dev.cel.checker.ExprChecker",
            "dev.cel.checker.CelStandardDeclarations");

    private CheckedForms() {}

    static byte[] encode(CelAbstractSyntaxTree checked) {
        return CelProtoAbstractSyntaxTree.fromCelAst(checked).toCheckedExpr().toByteArray();
    }

    /** The checked AST of {@code expression}, or {@code null} when {@code form} does not decode to a checked AST. */
    static CelAbstractSyntaxTree decode(byte[] form, String expression) {
        try {
            CelAbstractSyntaxTree ast = CelProtoAbstractSyntaxTree.fromCheckedExpr(CheckedExpr.parseFrom(form))
                    .getAst();
            if (!ast.isChecked()) {
                return null;
            }
            CelSource s = ast.getSource();
            CelSource source = CelSource.newBuilder(expression).setDescription(s.getDescription())
                    .addPositionsMap(s.getPositionsMap()).addAllMacroCalls(s.getMacroCalls())
                    .addAllExtensions(s.getExtensions()).build();
            return CelAbstractSyntaxTree.newCheckedAst(ast.getExpr(), source, ast.getReferenceMap(),
                    ast.getTypeMap());
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return null;
        }
    }

    /**
     * What the checker's result depends on, as a digest: the CEL release, the options and every declaration (variables
     * and struct fields, functions with their overloads, macros, the expected result type). Equal fingerprints mean an
     * expression checks to the same AST.
     */
    static String fingerprint(Object options, Map<String, CelType> variables, List<CelFunctionDecl> functions,
            List<String> macros, CelType result) {
        StringBuilder b = new StringBuilder("warden-checked-form/1\ncel ").append(celRelease())
                .append("\noptions ").append(options).append("\nresult ").append(describe(result)).append('\n');
        new java.util.TreeMap<>(variables).forEach((n, t) -> b.append("var ").append(n).append(' ')
                .append(describe(t)).append('\n'));
        TreeSet<String> decls = new TreeSet<>();
        for (CelFunctionDecl f : functions) {
            for (CelOverloadDecl o : f.overloads()) {
                StringBuilder d = new StringBuilder("fn ").append(f.name()).append(' ').append(o.overloadId())
                        .append(o.isInstanceFunction() ? " member(" : " global(");
                o.parameterTypes().forEach(p -> d.append(describe(p)).append(','));
                decls.add(d.append(") ").append(describe(o.resultType())).toString());
            }
        }
        decls.forEach(d -> b.append(d).append('\n'));
        new TreeSet<>(macros).forEach(m -> b.append("macro ").append(m).append('\n'));
        return dev.warden.core.audit.CanonicalJson.sha256Hex(b.toString());
    }

    private static String describe(CelType t) {
        if (t instanceof StructType s) {
            StringBuilder b = new StringBuilder(s.name()).append('{');
            new TreeSet<>(s.fieldNames()).forEach(f -> b.append(f).append(':')
                    .append(s.findField(f).map(x -> describe(x.type())).orElse("?")).append(';'));
            return b.append('}').toString();
        }
        StringBuilder b = new StringBuilder(t.kind().name()).append(':').append(t.name());
        if (!t.parameters().isEmpty()) {
            b.append('<');
            t.parameters().forEach(p -> b.append(describe(p)).append(','));
            b.append('>');
        }
        return b.toString();
    }

    /**
     * The CEL release as the digest of {@link #CEL_CLASSES}' bytes. When a class file cannot be read (a native image
     * keeps no class files) it is a value unique to this process, so no recorded form matches: every expression is
     * compiled, which is safe.
     */
    static String celRelease() {
        return CelRelease.VALUE;
    }

    private static final class CelRelease {
        static final String VALUE = read(CheckedForms.class.getClassLoader());
    }

    static String read(ClassLoader loader) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String name : CEL_CLASSES) {
                try (InputStream in = classBytes(loader, name)) {
                    if (in == null) {
                        return unknown();
                    }
                    md.update(name.getBytes(StandardCharsets.UTF_8));
                    md.update(in.readAllBytes());
                }
            }
            return "classes-" + HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return unknown();
        }
    }

    /**
     * The class file of the class {@code loader} actually resolves {@code name} to, read through its defining loader:
     * with two copies of CEL on a path (a shaded copy, a child-first loader) the running one is described, not
     * whichever file a resource lookup finds first. Only a class that cannot be loaded here (so CEL could not run
     * here either) is looked up as a resource.
     */
    private static InputStream classBytes(ClassLoader loader, String name) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return loader.getResourceAsStream(name.replace('.', '/') + ".class");
        }
        return type.getResourceAsStream(type.getSimpleName() + ".class");
    }

    private static String unknown() {
        return "unknown-" + java.util.UUID.randomUUID();
    }
}
