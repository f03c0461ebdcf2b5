package dev.wsguard.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The javax jar as built: every class of the jakarta jar is in it, rewritten so that nothing names jakarta any more,
 * and every class loads and every member it uses resolves against the javax Servlet 4.0 and WebSocket 1.1 APIs
 * alone, as on Tomcat 9 or Jetty's ee8 (the filter guards what Servlet 4 lacks: docs/javax.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaxJarIT {

    /** A jakarta package name, dotted or as a binary name; a bare "jakarta" (Namespace.OTHER) is fine. */
    private static final Pattern JAKARTA_NAME = Pattern.compile("jakarta[./][a-z]");

    private final Path javaxJar = Paths.get(property("wsguard.javax.jar"));
    private final Path jakartaJar = Paths.get(property("wsguard.jakarta.jar"));
    private JarFile javax;
    private JarFile jakarta;
    private URLClassLoader servlet4;

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, () -> name + " is set by filter-javax/pom.xml; run this through Maven");
        return value;
    }

    @BeforeAll
    void open() throws IOException {
        javax = new JarFile(javaxJar.toFile());
        jakarta = new JarFile(jakartaJar.toFile());
        List<URL> urls = new ArrayList<>();
        urls.add(javaxJar.toUri().toURL());
        for (String api : property("wsguard.javax.apis").split(",")) {
            urls.add(Paths.get(api).toUri().toURL());
        }
        // Nothing of the test class path: the JDK, the javax jar and the javax APIs, as in a Servlet 4 webapp.
        servlet4 = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    void close() throws IOException {
        javax.close();
        jakarta.close();
        servlet4.close();
    }

    @Test
    void holdsEveryClassAndResourceOfTheJakartaJar() {
        TreeSet<String> expected = names(jakarta);
        expected.remove("META-INF/services/jakarta.servlet.ServletContainerInitializer");
        expected.add("META-INF/services/javax.servlet.ServletContainerInitializer");
        TreeSet<String> actual = names(javax);
        assertTrue(expected.stream().anyMatch(n -> n.endsWith(".class")), "the jakarta jar has classes");
        assertEquals(expected, actual);
    }

    @Test
    void manifestNamesTheJavaxModule() throws IOException {
        assertEquals("dev.wsguard.filter.javax",
                javax.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
    }

    @Test
    void initializerIsRegisteredUnderTheJavaxServiceName() throws Exception {
        String service = text("META-INF/services/javax.servlet.ServletContainerInitializer").trim();
        assertEquals("dev.wsguard.startup.EndpointScanInitializer", service);
        Class<?> initializer = Class.forName(service, false, servlet4);
        assertTrue(Class.forName("javax.servlet.ServletContainerInitializer", false, servlet4)
                .isAssignableFrom(initializer), "the initializer implements javax.servlet.ServletContainerInitializer");
        Class<?> handlesTypes = Class.forName("javax.servlet.annotation.HandlesTypes", false, servlet4)
                .asSubclass(java.lang.annotation.Annotation.class);
        Object annotation = initializer.getAnnotation(handlesTypes.asSubclass(java.lang.annotation.Annotation.class));
        assertNotNull(annotation, "@javax.servlet.annotation.HandlesTypes on the initializer");
        Class<?>[] types = (Class<?>[]) handlesTypes.getMethod("value").invoke(annotation);
        assertEquals(List.of("javax.websocket.server.ServerEndpoint", "javax.websocket.Endpoint",
                "javax.websocket.server.ServerApplicationConfig"), Arrays.stream(types).map(Class::getName).toList());
    }

    @Test
    void webFragmentIsAServlet4Fragment() throws IOException {
        String fragment = text("META-INF/web-fragment.xml");
        assertTrue(fragment.contains("xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\""), fragment);
        assertTrue(fragment.contains("http://xmlns.jcp.org/xml/ns/javaee/web-fragment_4_0.xsd"), fragment);
        assertTrue(fragment.contains("version=\"4.0\""), fragment);
        assertTrue(fragment.contains("<name>wsguard</name>"), fragment);
        assertFalse(fragment.contains("jakarta"), fragment);
    }

    /** Class names, descriptors, signatures and string literals: no jakarta package is left anywhere. */
    @Test
    void noClassFileNamesJakarta() throws IOException {
        Map<String, List<String>> left = new TreeMap<>();
        int classes = 0;
        for (JarEntry entry : entries(javax)) {
            if (entry.getName().endsWith(".class")) {
                classes++;
                for (String constant : ConstantPool.read(javax.getInputStream(entry).readAllBytes()).utf8()) {
                    if (JAKARTA_NAME.matcher(constant).find()) {
                        left.computeIfAbsent(entry.getName(), k -> new ArrayList<>()).add(constant);
                    }
                }
            }
        }
        assertTrue(classes > 50, "classes checked: " + classes);
        assertTrue(left.isEmpty(), () -> "jakarta names left in the javax jar: " + left);
    }

    /**
     * Every class loads with the Servlet 4.0 API, and every field, method and constructor it uses exists there with
     * that exact descriptor: a Servlet 5/6 method called unguarded would fail here with its name, where on Tomcat 9
     * it would throw NoSuchMethodError in the middle of a request.
     */
    @Test
    void everyClassLinksAgainstServlet4() throws Exception {
        List<String> missing = new ArrayList<>();
        TreeSet<String> checked = new TreeSet<>();
        for (JarEntry entry : entries(javax)) {
            String name = entry.getName();
            if (!name.endsWith(".class")) {
                continue;
            }
            String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
            Class<?> type;
            try {
                type = Class.forName(className, false, servlet4);
                type.getDeclaredMethods();
                type.getDeclaredFields();
                type.getDeclaredConstructors();
            } catch (LinkageError | ClassNotFoundException e) {
                missing.add(className + ": " + e);
                continue;
            }
            for (ConstantPool.MemberRef ref : ConstantPool.read(javax.getInputStream(entry).readAllBytes()).memberRefs()) {
                if (ref.owner().startsWith("javax/servlet/") || ref.owner().startsWith("javax/websocket/")) {
                    checked.add(ref.toString());
                    if (!resolves(ref)) {
                        missing.add(className + " uses " + ref + ", which Servlet 4.0 / WebSocket 1.1 lack");
                    }
                }
            }
        }
        // The check reaches the Servlet 4.0 method the filter reads mappings with, and would catch a Servlet 6 one.
        assertTrue(checked.contains("javax.servlet.http.HttpServletRequest.getHttpServletMapping()"
                + "Ljavax/servlet/http/HttpServletMapping;"), () -> "javax member references checked: " + checked);
        assertFalse(resolves(new ConstantPool.MemberRef(false, "javax/servlet/ServletRequest", "getRequestId",
                "()Ljava/lang/String;")), "Servlet 6.0's ServletRequest.getRequestId() must not resolve on 4.0");
        assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
    }

    /** The jar knows its namespace: its lines name javax as home and jakarta as the other one. */
    @Test
    void namespaceIsJavax() throws Exception {
        Class<?> namespace = Class.forName("dev.wsguard.text.Namespace", true, servlet4);
        assertEquals("javax", namespace.getField("HOME").get(null));
        assertEquals("jakarta", namespace.getField("OTHER").get(null));
        Class<?> codes = Class.forName("dev.wsguard.diagnosis.DiagnosisCode", true, servlet4);
        Method of = Class.forName("dev.wsguard.text.Wording", true, servlet4).getMethod("of", Enum.class);
        Object wsg11 = codes.getMethod("valueOf", String.class).invoke(null, "WSG11");
        assertEquals("startup: jakarta/javax WebSocket namespace mix", of.invoke(null, wsg11));
        Class<?> report = Class.forName("dev.wsguard.startup.StartupReport", true, servlet4);
        assertEquals("javax.websocket.server.ServerContainer", report.getField("JAKARTA_SERVER_CONTAINER").get(null));
    }

    private boolean resolves(ConstantPool.MemberRef ref) {
        Class<?> owner;
        try {
            owner = Class.forName(ref.owner().replace('/', '.'), false, servlet4);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        if (ref.field()) {
            for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(ref.name()) && descriptor(f.getType()).equals(ref.descriptor())) {
                        return true;
                    }
                }
            }
            return interfaceField(owner, ref);
        }
        if (ref.name().equals("<init>")) {
            for (Constructor<?> c : owner.getDeclaredConstructors()) {
                if (descriptor(c.getParameterTypes(), void.class).equals(ref.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        return method(owner, ref) || method(Object.class, ref);
    }

    private static boolean method(Class<?> type, ConstantPool.MemberRef ref) {
        if (type == null) {
            return false;
        }
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(ref.name())
                    && descriptor(m.getParameterTypes(), m.getReturnType()).equals(ref.descriptor())) {
                return true;
            }
        }
        if (method(type.getSuperclass(), ref)) {
            return true;
        }
        for (Class<?> i : type.getInterfaces()) {
            if (method(i, ref)) {
                return true;
            }
        }
        return false;
    }

    private static boolean interfaceField(Class<?> type, ConstantPool.MemberRef ref) {
        for (Class<?> i : type.getInterfaces()) {
            for (Field f : i.getDeclaredFields()) {
                if (f.getName().equals(ref.name())) {
                    return true;
                }
            }
            if (interfaceField(i, ref)) {
                return true;
            }
        }
        return type.getSuperclass() != null && interfaceField(type.getSuperclass(), ref);
    }

    private static String descriptor(Class<?>[] parameters, Class<?> result) {
        StringBuilder d = new StringBuilder("(");
        for (Class<?> p : parameters) {
            d.append(descriptor(p));
        }
        return d.append(')').append(descriptor(result)).toString();
    }

    private static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return "[" + descriptor(type.getComponentType());
        }
        if (type.isPrimitive()) {
            return String.valueOf(type == void.class ? 'V' : type == boolean.class ? 'Z' : type == byte.class ? 'B'
                    : type == char.class ? 'C' : type == short.class ? 'S' : type == int.class ? 'I'
                    : type == long.class ? 'J' : type == float.class ? 'F' : 'D');
        }
        return "L" + type.getName().replace('.', '/') + ";";
    }

    private String text(String entry) throws IOException {
        JarEntry e = javax.getJarEntry(entry);
        assertNotNull(e, () -> entry + " in " + javaxJar);
        return new String(javax.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
    }

    private static List<JarEntry> entries(JarFile jar) {
        List<JarEntry> all = new ArrayList<>();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            all.add(e.nextElement());
        }
        return all;
    }

    /** Files, less directories, the manifest and Maven's metadata (each artifact has its own). */
    private static TreeSet<String> names(JarFile jar) {
        TreeSet<String> names = new TreeSet<>();
        for (JarEntry e : entries(jar)) {
            String n = e.getName();
            if (!e.isDirectory() && !n.equals("META-INF/MANIFEST.MF") && !n.startsWith("META-INF/maven/")) {
                names.add(n);
            }
        }
        return names;
    }
}
