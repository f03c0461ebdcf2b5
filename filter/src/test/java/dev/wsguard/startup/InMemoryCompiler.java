package dev.wsguard.startup;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in memory with the JDK's compiler, so tests get real class files (with
 * real annotations, javax ones included) without a javax.websocket jar on the class path.
 */
final class InMemoryCompiler {

    private InMemoryCompiler() {
    }

    /** Binary class name to class-file bytes, for sources given as name-to-text. */
    static Map<String, byte[]> compile(Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        JavaFileManager files = new ForwardingJavaFileManager<>(compiler.getStandardFileManager(null, null, null)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        out.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            units.add(new SimpleJavaFileObject(URI.create("mem:///" + s.getKey().replace('.', '/') + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return s.getValue();
                }
            });
        }
        if (!compiler.getTask(null, files, null, List.of("-proc:none"), null, units).call()) {
            throw new IllegalStateException("test sources do not compile");
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /** A stand-in for the javax API's annotation, compiled beside the fixtures that use it. */
    static final String JAVAX_SERVER_ENDPOINT = "package javax.websocket.server;"
            + " @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
            + " public @interface ServerEndpoint { String value(); String[] subprotocols() default {}; }";
    static final String JAVAX_ENDPOINT = "package javax.websocket; public abstract class Endpoint {}";
}
