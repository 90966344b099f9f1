package dev.warden.quarkus.deployment;

import dev.warden.quarkus.WardenOpenApiBuildConfig;
import dev.warden.quarkus.runtime.DeferredOpenApiDocuments;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;
import io.quarkus.gizmo.Gizmo;
import java.io.IOException;
import java.io.InputStream;
import org.jboss.logging.Logger;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;

/**
 * Prepares SmallRye OpenAPI documents on their first request instead of at start (decision 0063; see
 * {@link DeferredOpenApiDocuments}). Quarkus 3.33's {@code OpenApiDocumentService} is rewritten: its
 * {@code prepareDocument} and {@code getDocument} are renamed, and new methods of the old names defer the first and
 * prepare before the second. When the class does not have the expected shape (another Quarkus release), nothing is
 * rewritten and the documents are prepared at start as before.
 */
class OpenApiDeferralProcessor {
    private static final Logger LOG = Logger.getLogger(OpenApiDeferralProcessor.class);

    static final String SERVICE = "io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService";
    static final String PREPARE = "prepareDocument";
    static final String PREPARE_DESC = "(Lio/quarkus/smallrye/openapi/runtime/filter/AutoSecurityFilter;Ljava/util/Map;"
            + "Ljava/lang/String;)V";
    static final String GET = "getDocument";
    static final String GET_DESC = "(Ljava/lang/String;Lio/smallrye/openapi/runtime/io/Format;)[B";
    static final String RENAMED_PREPARE = "warden$prepareDocumentNow";
    static final String RENAMED_GET = "warden$getDocument";
    static final String FILTER = "io/quarkus/smallrye/openapi/runtime/filter/AutoSecurityFilter";
    static final String SOURCE = Type.getInternalName(DeferredOpenApiDocuments.Source.class);
    static final String DEFERRED = Type.getInternalName(DeferredOpenApiDocuments.class);
    static final String SOURCE_METHOD = "prepareDeferredDocument";
    static final String SOURCE_DESC = "(Ljava/lang/Object;Ljava/util/Map;Ljava/lang/String;)V";

    @BuildStep
    void deferOpenApiDocuments(WardenOpenApiBuildConfig config,
            BuildProducer<BytecodeTransformerBuildItem> transformers) {
        if (!config.prepareOnFirstRequest()) {
            return;
        }
        if (!expectedShape()) {
            LOG.debugf("%s has not the shape this extension rewrites; OpenAPI documents are prepared at start",
                    SERVICE);
            return;
        }
        transformers.produce(new BytecodeTransformerBuildItem.Builder().setClassToTransform(SERVICE)
                .setVisitorFunction((name, next) -> new Deferring(next)).setCacheable(true).build());
    }

    /** Whether the extension's service has both methods this step renames, with the expected descriptors. */
    static boolean expectedShape() {
        String resource = SERVICE.replace('.', '/') + ".class";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            ClassNode node = new ClassNode();
            new ClassReader(in).accept(node, ClassReader.SKIP_CODE);
            boolean prepare = node.methods.stream().anyMatch(m -> m.name.equals(PREPARE) && m.desc.equals(PREPARE_DESC)
                    && (m.access & Opcodes.ACC_STATIC) == 0);
            boolean get = node.methods.stream().anyMatch(m -> m.name.equals(GET) && m.desc.equals(GET_DESC)
                    && (m.access & Opcodes.ACC_STATIC) == 0);
            return prepare && get && !node.interfaces.contains(SOURCE);
        } catch (IOException e) {
            return false;
        }
    }

    /** Renames the two methods and adds the deferring ones plus {@link DeferredOpenApiDocuments.Source}. */
    static final class Deferring extends ClassVisitor {
        private String owner;
        private int prepareAccess;
        private int getAccess;

        Deferring(ClassVisitor next) {
            super(Gizmo.ASM_API_VERSION, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            owner = name;
            String[] withSource = new String[interfaces.length + 1];
            System.arraycopy(interfaces, 0, withSource, 0, interfaces.length);
            withSource[interfaces.length] = SOURCE;
            super.visit(version, access, name, signature, superName, withSource);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            if (name.equals(PREPARE) && descriptor.equals(PREPARE_DESC)) {
                prepareAccess = access;
                return super.visitMethod(access, RENAMED_PREPARE, descriptor, signature, exceptions);
            }
            if (name.equals(GET) && descriptor.equals(GET_DESC)) {
                getAccess = access;
                return super.visitMethod(access, RENAMED_GET, descriptor, signature, exceptions);
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }

        @Override
        public void visitEnd() {
            deferringPrepare();
            preparingGet();
            sourceMethod();
            super.visitEnd();
        }

        /** {@code prepareDocument(f, stages, name)} → {@code DeferredOpenApiDocuments.defer(this, f, stages, name)}. */
        private void deferringPrepare() {
            MethodVisitor mv = super.visitMethod(prepareAccess, PREPARE, PREPARE_DESC, null, null);
            mv.visitCode();
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitVarInsn(Opcodes.ALOAD, 3);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, DEFERRED, "defer",
                    "(L" + SOURCE + ";Ljava/lang/Object;Ljava/util/Map;Ljava/lang/String;)V", false);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(4, 4);
            mv.visitEnd();
        }

        /** {@code getDocument(name, format)} → {@code DeferredOpenApiDocuments.prepare(this)}, then the original. */
        private void preparingGet() {
            MethodVisitor mv = super.visitMethod(getAccess, GET, GET_DESC, null, null);
            mv.visitCode();
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, DEFERRED, "prepare", "(L" + SOURCE + ";)V", false);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, RENAMED_GET, GET_DESC, false);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(3, 3);
            mv.visitEnd();
        }

        /** {@code Source.prepareDeferredDocument(f, stages, name)} → the original {@code prepareDocument}. */
        private void sourceMethod() {
            MethodVisitor mv = super.visitMethod(Opcodes.ACC_PUBLIC, SOURCE_METHOD, SOURCE_DESC, null, null);
            mv.visitCode();
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitTypeInsn(Opcodes.CHECKCAST, FILTER);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitVarInsn(Opcodes.ALOAD, 3);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, RENAMED_PREPARE, PREPARE_DESC, false);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(4, 4);
            mv.visitEnd();
        }
    }
}
