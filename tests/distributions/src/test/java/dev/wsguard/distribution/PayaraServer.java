package dev.wsguard.distribution;

import dev.wsguard.testkit.server.ContainerKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The real Payara Server 6 distribution running one domain, as its users run it: the {@code domain1} the zip ships,
 * copied under target/ (the unpacked distribution stays untouched), started with {@code asadmin start-domain
 * --verbose}, WARs dropped into the domain's {@code autodeploy/} folder, its log read from the domain's own
 * {@code logs/server.log}. Startup, deployments, requests and stop are all bounded; {@link #close()} stops the domain
 * with {@code asadmin stop-domain} and then ends the process tree, whatever happened.
 *
 * <p>Ports: Payara binds a dozen (HTTP, HTTPS, admin, IIOP, JMX, JMS, Hazelcast...) and takes no port 0 for most of
 * them, so each domain gets a port base as {@code asadmin create-domain --portbase} assigns ports from one, chosen
 * where all of them were free a moment before (bound and closed: a small race with other processes, retried once with
 * another base when the server reports a port in use). Every listener that takes an address listens on 127.0.0.1;
 * the JMS broker's lazy proxy takes none and listens on every address (nothing connects to it).
 */
final class PayaraServer implements RunningServer {

    /** A domain's start on 2 busy cores: about 45 s observed, the first deployment 30 s more. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);
    /** Every WAR of the set-up autodeployed, one after the other. */
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(300);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    /** Offsets from the port base, as {@code asadmin create-domain --portbase} assigns them. */
    private static final int HTTP = 80;
    private static final int HTTPS = 81;
    private static final int ADMIN = 48;
    private static final int IIOP = 37;
    private static final int IIOP_SSL = 38;
    private static final int IIOP_MUTUAL_AUTH = 39;
    private static final int JMX = 86;
    private static final int JMS = 76;
    private static final int OSGI_SHELL = 66;
    private static final int HAZELCAST_DAS = 49;
    private static final int HAZELCAST_START = 59;
    private static final int[] OFFSETS = {HTTP, HTTPS, ADMIN, IIOP, IIOP_SSL, IIOP_MUTUAL_AUTH, JMX, JMS, OSGI_SHELL,
        HAZELCAST_DAS, HAZELCAST_START, HAZELCAST_START + 1, HAZELCAST_START + 2};

    private static final String DOMAIN = "domain1";

    /** "Network Listener http-listener-1 started in: 80ms - bound to [/127.0.0.1:34080]". */
    private static final Pattern HTTP_LISTENER = Pattern.compile(
            "Network Listener http-listener-1 started in: \\d+ms - bound to \\[/127\\.0\\.0\\.1:(\\d+)\\]");
    /** What Payara, asadmin or the JVM say when a port was taken meanwhile. */
    private static final Pattern PORT_TAKEN = Pattern.compile("already in use|already using|BindException",
            Pattern.CASE_INSENSITIVE);
    /** GlassFish's class loader reports what a stopped webapp left behind (its threads, ThreadLocals, drivers). */
    private static final Pattern LEAK = Pattern.compile("memory leak|appears to have started a thread named");

    /**
     * A wsguard record in the domain's server.log, in ODL's multi-line mode (the domain's default): a header line
     * naming the level and the logger, "[2026-12-07T04:28:39.628+0000] [Payara 6.2025.9] [WARNING] [] [dev.wsguard]
     * [tid: ...] [timeMillis: ...] [levelValue: 900] [[", then the message, indented, closed by "]]".
     */
    private static final Pattern ODL_HEADER = Pattern.compile(
            "^\\[[^\\]]+\\] \\[[^\\]]*\\] \\[([A-Z]+)\\] \\[[^\\]]*\\] \\[dev\\.wsguard\\] .*\\[\\[$");
    private static final Pattern ODL_MESSAGE = Pattern.compile("^  (WSG\\d\\d) (.*?)(?:\\]\\])?$");

    /**
     * The record as one {@link ServerLog.Diagnosis}: the message line, once the line before it is the header of a
     * dev.wsguard record. It counts as one line: the format reads header and message as one record, and the message,
     * code included, is one line of the file (the JVM default's second line is not, which is what the flag is for).
     */
    static final LogFormat LOG_FORMAT = (previous, line) -> {
        if (previous == null) {
            return null;
        }
        Matcher header = ODL_HEADER.matcher(previous);
        Matcher message = ODL_MESSAGE.matcher(line);
        if (!header.matches() || !message.matches()) {
            return null;
        }
        return new ServerLog.Diagnosis(message.group(1), header.group(1), message.group(2), true, line);
    };

    private final String name;
    private final Path setupDir;
    private final Path domainDir;
    private final int portBase;
    private final ServerProcess process;
    private final ServerLog log;
    private int port;

    private PayaraServer(String name, Path setupDir, Path domainDir, int portBase, ServerProcess process, ServerLog log) {
        this.name = name;
        this.setupDir = setupDir;
        this.domainDir = domainDir;
        this.portBase = portBase;
        this.process = process;
        this.log = log;
        // Should the test JVM itself be killed, the domain goes with it instead of holding its ports.
    }

    /**
     * Creates the set-up's domain under target/distribution/{@code name}, drops {@code wars} (file name to WAR) into
     * its autodeploy/ folder, starts it and returns once it listens and has deployed every WAR. A port taken between
     * the choice of the base and the start is retried once with another base.
     */
    static PayaraServer start(String name, Map<String, Path> wars) throws Exception {
        try {
            return startOnce(name, wars);
        } catch (PortTaken e) {
            return startOnce(name, wars);
        }
    }

    private static PayaraServer startOnce(String name, Map<String, Path> wars) throws Exception {
        Path setupDir = Distribution.work().resolve(name);
        deleteTree(setupDir);
        Path domains = Files.createDirectories(setupDir.resolve("domains"));
        Path domainDir = domains.resolve(DOMAIN);
        copyTree(Distribution.payaraHome().resolve("glassfish/domains").resolve(DOMAIN), domainDir);
        int base = freePortBase();
        onLoopback(domainDir.resolve("config/domain.xml"), base);
        // The zip's domain1 has no autodeploy/ yet (the server makes it at its first start): dropped before the
        // start, the WARs are deployed by the first scan after it, with no wait in between.
        Path autodeploy = Files.createDirectories(domainDir.resolve("autodeploy"));
        for (Map.Entry<String, Path> war : wars.entrySet()) {
            Files.copy(war.getValue(), autodeploy.resolve(war.getKey()));
        }
        Path console = setupDir.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(asadmin().toString(), "start-domain", "--verbose",
                "--domaindir", domains.toString(), DOMAIN)
                .directory(setupDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        javaOf(builder);
        ServerProcess process = ServerProcess.start(builder, "payara " + name);
        ServerLog log = new ServerLog(name, () -> domainDir.resolve("logs/server.log"), LOG_FORMAT);
        PayaraServer server = new PayaraServer(name, setupDir, domainDir, base, process, log);
        try {
            server.awaitListening(console);
            server.awaitDeployed(wars.keySet());
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String distribution() {
        return "Payara Server " + Distribution.payaraVersion();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public ServerLog log() {
        return log;
    }

    /** Payara 6 is GlassFish 6/7 inside, with Tyrus: the catalogue's GlassFish 7 answers apply. */
    @Override
    public ContainerKind expectations() {
        return ContainerKind.GLASSFISH_7;
    }

    /**
     * As users redeploy with autodeploy: the WAR dropped again over the deployed one (copied beside it, then moved,
     * so the scanner never sees half a file), newer than the deployment's marker; returns once Payara says it was
     * autodeployed again.
     */
    @Override
    public void redeploy(String context) throws Exception {
        String file = context.substring(1) + ".war";
        Path autodeploy = domainDir.resolve("autodeploy");
        Path war = autodeploy.resolve(file);
        Path copy = setupDir.resolve(file + ".again");
        Files.copy(war, copy, StandardCopyOption.REPLACE_EXISTING);
        long newer = Math.max(System.currentTimeMillis(),
                Files.getLastModifiedTime(autodeploy.resolve(file + "_deployed")).toMillis() + 2_000);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(newer));
        int mark = log.mark();
        Files.move(copy, war, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        String done = log.awaitLine(mark, l -> l.contains("Successfully autodeployed : ")
                && l.contains("/autodeploy/" + file + "."), DEPLOY_TIMEOUT);
        if (done == null) {
            throw new AssertionError(name + ": " + file + " not autodeployed again within " + DEPLOY_TIMEOUT
                    + "; log:\n" + log.text());
        }
    }

    @Override
    public List<String> leakWarnings() {
        return log.lines().stream().filter(l -> LEAK.matcher(l).find()).toList();
    }

    /** The domain's directory, for tests that read its files. */
    Path domainDir() {
        return domainDir;
    }

    private void awaitListening(Path console) throws Exception {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        String listening = null;
        while (listening == null) {
            boolean exited = !process.isAlive();
            if (exited || System.nanoTime() > deadline) {
                String seen = "console:\n" + text(console) + "\nlog:\n" + log.text();
                String why = name + ": the domain " + (exited ? "exited with " + process.exitValue()
                        : "did not listen within " + STARTUP_TIMEOUT) + " (port base " + portBase + "); " + seen;
                // Another process took one of the ports after they were found free: start() tries another base.
                if (PORT_TAKEN.matcher(seen).find()) {
                    throw new PortTaken(why);
                }
                throw new AssertionError(why);
            }
            listening = log.awaitLine(l -> HTTP_LISTENER.matcher(l).find(), Duration.ofMillis(500));
        }
        Matcher m = HTTP_LISTENER.matcher(listening);
        if (!m.find()) {
            throw new AssertionError("unreadable listener line: " + listening);
        }
        // The port the server reports, not the one asked for: what it really listens on.
        port = Integer.parseInt(m.group(1));
    }

    /** Waits, bounded, for autodeploy's marker of each WAR: {@code NAME_deployed}, or {@code NAME_deployFailed}. */
    private void awaitDeployed(Iterable<String> wars) throws Exception {
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        Path autodeploy = domainDir.resolve("autodeploy");
        for (String war : wars) {
            while (!Files.exists(autodeploy.resolve(war + "_deployed"))) {
                if (Files.exists(autodeploy.resolve(war + "_deployFailed")) || !process.isAlive()) {
                    throw new AssertionError(name + ": " + war + " failed to deploy; log:\n" + log.text());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + ": " + war + " not deployed within " + DEPLOY_TIMEOUT + "; log:\n"
                            + log.text());
                }
                // Autodeploy writes the marker, not the log we follow: poll the folder, bounded by the deadline.
                log.awaitLine(log.mark(), l -> l.contains("autodeploy"), Duration.ofMillis(500));
            }
        }
    }

    /** Stops the domain as an operator does (asadmin stop-domain), then ends whatever is left of the process tree. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.stop(this::stopDomain, STOP_TIMEOUT);
        } finally {
            log.close();
        }
    }

    private void stopDomain() throws InterruptedException {
        try {
            ProcessBuilder stop = new ProcessBuilder(asadmin().toString(), "stop-domain", "--domaindir",
                    domainDir.getParent().toString(), DOMAIN)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(setupDir.resolve("stop.log").toFile()));
            javaOf(stop);
            Process stopping = stop.start();
            if (!stopping.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.destroyForcibly();
            }
        } catch (IOException e) {
            // Cannot even run asadmin: the kill that follows still ends the domain.
        }
    }

    /** asadmin and the server it starts run on the JVM that runs these tests (Java 17 here). */
    private static void javaOf(ProcessBuilder builder) {
        String javaHome = Distribution.java().getParent().getParent().toString();
        builder.environment().put("AS_JAVA", javaHome);
        builder.environment().put("JAVA_HOME", javaHome);
    }

    private static Path asadmin() throws IOException {
        Path asadmin = Distribution.payaraHome().resolve("bin/asadmin");
        if (!Files.isExecutable(asadmin) && !asadmin.toFile().setExecutable(true)) {
            throw new IOException(asadmin + " is not executable");
        }
        return asadmin;
    }

    /**
     * A port base whose every port (as {@link #OFFSETS} lists them) could be bound on every address just now. Bounded
     * tries, a random base each, below Linux's ephemeral range (32768 and up), where outgoing connections take ports
     * at any moment.
     */
    static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(100, 320) * 100;
            if (allFree(base)) {
                return base;
            }
        }
        throw new IOException("no port base with " + OFFSETS.length + " free ports found in 50 tries");
    }

    private static boolean allFree(int base) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int offset : OFFSETS) {
                ServerSocket s = new ServerSocket();
                held.add(s);
                s.bind(new InetSocketAddress((InetAddress) null, base + offset));
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Closing a bound server socket does not fail in practice; the port is free again either way.
                }
            }
        }
    }

    /**
     * Moves domain1's server-config to ports from {@code base} and onto 127.0.0.1, as {@code asadmin set} would
     * before the first start. Each attribute is replaced where the shipped domain.xml has it, exactly once: a
     * distribution whose domain.xml reads otherwise fails here, rather than starting on 8080.
     */
    static void onLoopback(Path domainXml, int base) throws IOException {
        String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("<hazelcast-runtime-configuration start-port=\"5900\" das-port=\"4900\"",
                "<hazelcast-runtime-configuration start-port=\"" + (base + HAZELCAST_START) + "\" das-port=\""
                        + (base + HAZELCAST_DAS) + "\" das-bind-address=\"127.0.0.1\" interface=\"127.0.0.1\"");
        edits.put("name=\"JMS_PROVIDER_PORT\" value=\"7676\"", "name=\"JMS_PROVIDER_PORT\" value=\"" + (base + JMS) + "\"");
        edits.put("address=\"0.0.0.0\" port=\"3700\"", "address=\"127.0.0.1\" port=\"" + (base + IIOP) + "\"");
        edits.put("address=\"0.0.0.0\" port=\"3820\"", "address=\"127.0.0.1\" port=\"" + (base + IIOP_SSL) + "\"");
        edits.put("address=\"0.0.0.0\" port=\"3920\"", "address=\"127.0.0.1\" port=\"" + (base + IIOP_MUTUAL_AUTH) + "\"");
        edits.put("address=\"0.0.0.0\" port=\"8686\"", "address=\"127.0.0.1\" port=\"" + (base + JMX) + "\"");
        edits.put("-Dosgi.shell.telnet.port=6666", "-Dosgi.shell.telnet.port=" + (base + OSGI_SHELL));
        edits.put("<network-listener port=\"8080\"", "<network-listener address=\"127.0.0.1\" port=\"" + (base + HTTP) + "\"");
        edits.put("<network-listener port=\"8181\"", "<network-listener address=\"127.0.0.1\" port=\"" + (base + HTTPS) + "\"");
        edits.put("<network-listener port=\"4848\"", "<network-listener address=\"127.0.0.1\" port=\"" + (base + ADMIN) + "\"");
        for (Map.Entry<String, String> edit : edits.entrySet()) {
            int at = xml.indexOf(edit.getKey());
            if (at < 0 || xml.indexOf(edit.getKey(), at + 1) >= 0) {
                throw new IllegalStateException(domainXml + ": expected '" + edit.getKey() + "' once in domain1's"
                        + " server-config; has the distribution changed?");
            }
            xml = xml.replace(edit.getKey(), edit.getValue());
        }
        Files.writeString(domainXml, xml, StandardCharsets.UTF_8);
    }

    /**
     * Packs an exploded webapp into a WAR file, as a build would: autodeploy takes WAR files (an exploded directory
     * needs asadmin deploy).
     */
    static Path war(Path exploded, Path war) throws IOException {
        Files.createDirectories(war.getParent());
        List<Path> files;
        try (Stream<Path> all = Files.walk(exploded)) {
            files = all.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
        try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(exploded.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return war;
    }

    private static String text(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A port was taken between the choice of the base and the start: worth one more try with another base. */
    private static final class PortTaken extends Exception {
        PortTaken(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return name + " (" + distribution() + ", port base " + portBase + ")";
    }
}
