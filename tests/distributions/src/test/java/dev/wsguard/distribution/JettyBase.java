package dev.wsguard.distribution;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JETTY_BASE for one set-up: a fresh copy of jetty-config/ under target/, changed the way a user
 * would change it (start.d files, lib/wsguard/, webapps/).
 */
final class JettyBase {

    /** Where the README's commands stand for jetty-config/ of the user's wsguard checkout, and for the jar. */
    private static final String README_CONFIG = "/path/to/wsguard/jetty-config";
    private static final String README_JAR = "/path/to/wsguard-filter-1.0.0-SNAPSHOT.jar";

    private final String name;
    private final Path setupDir;
    private final Path dir;

    private JettyBase(String name, Path setupDir) {
        this.name = name;
        this.setupDir = setupDir;
        this.dir = setupDir.resolve("base");
    }

    /** Copies jetty-config/ to target/distribution/{name}/base, replacing what an earlier run left there. */
    static JettyBase fromJettyConfig(String name) throws IOException {
        JettyBase base = new JettyBase(name, Distribution.work().resolve(name));
        deleteTree(base.setupDir);
        copyTree(Distribution.jettyConfig(), base.dir);
        // Jetty unpacks WARs into ${jetty.base}/work when it exists, instead of java.io.tmpdir: all
        // output stays under target/.
        Files.createDirectories(base.dir.resolve("work"));
        return base;
    }

    /**
     * A base as a user has one before installing wsguard: an empty directory given the distribution's
     * modules by {@code start.jar --add-modules} (which works offline for these).
     */
    static JettyBase existing(String name, String... modules) throws IOException, InterruptedException {
        JettyBase base = new JettyBase(name, Distribution.work().resolve(name));
        deleteTree(base.setupDir);
        Files.createDirectories(base.dir.resolve("work"));
        return base.addModules(modules);
    }

    /**
     * The install guide of jetty-config/README.md, run as written: its first {@code sh} block under
     * "Add wsguard to an existing JETTY_BASE", with {@code JETTY_HOME} and {@code JETTY_BASE} set and
     * the README's two placeholder paths replaced by this checkout's jetty-config/ and the built jar.
     */
    JettyBase installWsguardAsTheReadmeSays() throws IOException, InterruptedException {
        String script = readmeInstallCommands();
        for (String placeholder : List.of(README_CONFIG, README_JAR)) {
            if (!script.contains(placeholder)) {
                throw new IllegalStateException("the README's install commands no longer name " + placeholder + ":\n" + script);
            }
        }
        script = script.replace(README_CONFIG, Distribution.jettyConfig().toString())
                .replace(README_JAR, Distribution.filterJar().toString());
        Path output = setupDir.resolve("readme-install.log");
        ProcessBuilder builder = new ProcessBuilder("sh", "-eu", "-c", script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JETTY_HOME", Distribution.jettyHome().toString());
        builder.environment().put("JETTY_BASE", dir.toString());
        // "java" in the commands is the JVM these tests run on.
        builder.environment().put("PATH", Distribution.java().getParent() + File.pathSeparator + System.getenv("PATH"));
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the README's install commands did not finish within 60 s: " + Files.readString(output));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the README's install commands exited with " + p.exitValue() + ":\n" + script
                    + "\noutput:\n" + Files.readString(output));
        }
        return this;
    }

    private static String readmeInstallCommands() throws IOException {
        Path readme = Distribution.jettyConfig().resolve("README.md");
        String text = Files.readString(readme);
        int section = text.indexOf("\n## Add wsguard to an existing JETTY_BASE\n");
        int start = section < 0 ? -1 : text.indexOf("```sh\n", section);
        int end = start < 0 ? -1 : text.indexOf("\n```\n", start);
        if (end < 0) {
            throw new IllegalStateException(readme + " has no sh block under '## Add wsguard to an existing JETTY_BASE'");
        }
        return text.substring(start + "```sh\n".length(), end + 1);
    }

    /** {@code java -jar $JETTY_HOME/start.jar --add-modules=...} in this base, bounded; fails on a non-zero exit. */
    JettyBase addModules(String... modules) throws IOException, InterruptedException {
        String arg = "--add-modules=" + String.join(",", modules);
        StartJarRun run = runStartJar("add-modules-" + String.join("-", modules), Duration.ofSeconds(60), arg);
        if (!run.exited() || run.exitValue() != 0) {
            throw new IllegalStateException("start.jar " + arg + ": " + run);
        }
        return this;
    }

    /** What start.jar makes of this base ({@code --list-config}): modules, properties, class paths, XMLs. */
    String listConfig() throws IOException, InterruptedException {
        StartJarRun run = runStartJar("list-config", Duration.ofSeconds(60), "--list-config");
        if (!run.exited() || run.exitValue() != 0) {
            throw new IllegalStateException("start.jar --list-config: " + run);
        }
        return run.output();
    }

    /**
     * One run of {@code java -jar $JETTY_HOME/start.jar} in this base that is expected to end by itself
     * within {@code timeout}; if it does not, it is killed and {@link StartJarRun#exited()} is false.
     * The output goes to {@code {label}.log} in the set-up directory too, for reading after the run.
     */
    StartJarRun runStartJar(String label, Duration timeout, String... args) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path output = setupDir.resolve(label + ".log");
        List<String> command = new ArrayList<>(List.of(Distribution.java().toString(), "-jar",
                Distribution.jettyHome().resolve("start.jar").toString(), "jetty.base=" + dir));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return new StartJarRun(exited, exited ? p.exitValue() : -1, Files.readString(output));
    }

    /** {@code exitValue}: -1 when the run had to be killed. */
    record StartJarRun(boolean exited, int exitValue, String output) {
        @Override
        public String toString() {
            return (exited ? "exited with " + exitValue : "still running, killed") + "; output:\n" + output;
        }
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    /** Where the set-up's other files go (derived WARs, the console file). */
    Path setupDir() {
        return setupDir;
    }

    /** Drops a module that jetty-config/ enables, by removing its start.d file. */
    JettyBase withoutModule(String module) throws IOException {
        Path ini = dir.resolve("start.d").resolve(module + ".ini");
        if (!Files.deleteIfExists(ini)) {
            throw new IllegalStateException("jetty-config/start.d has no " + module + ".ini to remove");
        }
        return this;
    }

    /**
     * Sets a property in start.d/wsguard.ini, as a user edits it: replaces the line that sets it, or
     * the commented-out line of the template.
     */
    JettyBase withWsguardProperty(String property, String value) throws IOException {
        Path ini = dir.resolve("start.d").resolve("wsguard.ini");
        List<String> lines = new ArrayList<>(Files.readAllLines(ini, StandardCharsets.UTF_8));
        Pattern line = Pattern.compile("^#?\\s*" + Pattern.quote(property) + "=.*$");
        boolean replaced = false;
        for (int i = 0; i < lines.size() && !replaced; i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, property + "=" + value);
                replaced = true;
            }
        }
        if (!replaced) {
            throw new IllegalStateException("start.d/wsguard.ini has no line for " + property + ":\n" + String.join("\n", lines));
        }
        Files.write(ini, lines, StandardCharsets.UTF_8);
        return this;
    }

    /** Puts the filter jar where jetty-config/README.md tells users to put it. */
    JettyBase withFilterJar() throws IOException {
        Path lib = dir.resolve("lib").resolve("wsguard");
        Files.createDirectories(lib);
        Files.copy(Distribution.filterJar(), lib.resolve(Distribution.filterJar().getFileName()));
        return this;
    }

    /** Deploys a WAR as webapps/{context}.war, so at /{context}, byte for byte. */
    JettyBase deployWar(String context, Path war) throws IOException {
        Files.copy(war, deployedWar(context));
        return this;
    }

    Path deployedWar(String context) {
        return dir.resolve("webapps").resolve(context + ".war");
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The directory for an exploded webapp deployed at /{context}. */
    Path webappDirectory(String context) {
        return dir.resolve("webapps").resolve(context);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
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
}
