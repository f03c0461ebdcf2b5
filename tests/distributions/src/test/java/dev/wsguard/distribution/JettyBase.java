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
 * A JETTY_BASE for one set-up, for one jetty-home (12.0 or 12.1): a fresh copy of jetty-config/ under target/, or a
 * base made by start.jar, changed the way a user would change it (start.d files, lib/wsguard/, webapps/).
 */
final class JettyBase {

    /** Where the README's commands stand for jetty-config/ of the user's wsguard checkout, and for the jars. */
    private static final String README_CONFIG = "/path/to/wsguard/jetty-config";
    private static final String README_JAR = "/path/to/wsguard-filter-1.0.0-SNAPSHOT.jar";
    private static final String README_HOOK_JAR = "/path/to/wsguard-jetty-1.0.0-SNAPSHOT.jar";
    /** The README's install block ends with this command, for Jetty 12.0; on 12.1 a user names wsguard-ee10 or -ee11. */
    private static final String README_ADD_MODULE = "java -jar $JETTY_HOME/start.jar --add-modules=wsguard\n";

    private final JettyHome home;
    private final String name;
    private final Path setupDir;
    private final Path dir;

    private JettyBase(JettyHome home, String name, Path setupDir) {
        this.home = home;
        this.name = name;
        this.setupDir = setupDir;
        this.dir = setupDir.resolve("base");
    }

    /** Copies jetty-config/ to target/distribution/{name}/base, replacing what an earlier run left there (Jetty 12.0). */
    static JettyBase fromJettyConfig(String name) throws IOException {
        return fromJettyConfig(JettyHome.jetty120(), name);
    }

    /** {@link #fromJettyConfig(String)} for the given jetty-home. */
    static JettyBase fromJettyConfig(JettyHome home, String name) throws IOException {
        JettyBase base = new JettyBase(home, name, Distribution.work().resolve(name));
        deleteTree(base.setupDir);
        copyTree(Distribution.jettyConfig(), base.dir);
        // Jetty unpacks WARs into ${jetty.base}/work when it exists, instead of java.io.tmpdir: all
        // output stays under target/.
        Files.createDirectories(base.dir.resolve("work"));
        return base;
    }

    /** A copy of {@code template} (its start.d, modules, webapps...) at target/distribution/{name}/base. */
    static JettyBase copyOf(JettyBase template, String name) throws IOException {
        JettyBase base = new JettyBase(template.home, name, Distribution.work().resolve(name));
        deleteTree(base.setupDir);
        copyTree(template.dir, base.dir);
        return base;
    }

    /**
     * A base as a user has one before installing wsguard: an empty directory given the distribution's
     * modules by {@code start.jar --add-modules} (which works offline for these).
     */
    static JettyBase existing(String name, String... modules) throws IOException, InterruptedException {
        return existing(JettyHome.jetty120(), name, modules);
    }

    /** {@link #existing(String, String...)} for the given jetty-home. */
    static JettyBase existing(JettyHome home, String name, String... modules) throws IOException, InterruptedException {
        JettyBase base = new JettyBase(home, name, Distribution.work().resolve(name));
        deleteTree(base.setupDir);
        Files.createDirectories(base.dir.resolve("work"));
        return base.addModules(modules);
    }

    /**
     * The install guide of jetty-config/README.md, run as written: its first {@code sh} block under
     * "Add wsguard to an existing JETTY_BASE", with {@code JETTY_HOME} and {@code JETTY_BASE} set and
     * the README's two placeholder paths replaced by this checkout's jetty-config/ and the built jar.
     * The module it adds is the Jetty 12.0 one, {@code wsguard}.
     */
    JettyBase installWsguardAsTheReadmeSays() throws IOException, InterruptedException {
        return installWsguardAsTheReadmeSays("wsguard");
    }

    /**
     * {@link #installWsguardAsTheReadmeSays()} with the module the README's table gives for this Jetty and
     * environment ({@code wsguard-ee10}, {@code wsguard-ee11} on Jetty 12.1) in its last command, as a user types it.
     */
    JettyBase installWsguardAsTheReadmeSays(String module) throws IOException, InterruptedException {
        String script = readmeCommands("\n## Add wsguard to an existing JETTY_BASE\n");
        if (!script.endsWith(README_ADD_MODULE)) {
            throw new IllegalStateException("the README's install commands no longer end with " + README_ADD_MODULE + script);
        }
        script = script.substring(0, script.length() - README_ADD_MODULE.length())
                + README_ADD_MODULE.replace("=wsguard", "=" + module);
        return runReadmeCommands("readme-install-" + module, script, README_CONFIG, README_JAR);
    }

    /** The README's commands that add wsguard-jetty's request log (module wsguard-request-log), run as written. */
    JettyBase installRequestLogAsTheReadmeSays() throws IOException, InterruptedException {
        return runReadmeCommands("readme-install-request-log",
                readmeCommands("\n### What Jetty refuses before any filter: the request log\n"), README_HOOK_JAR);
    }

    /** Runs the README's commands, once they are checked to name the placeholder paths {@code required}. */
    private JettyBase runReadmeCommands(String label, String script, String... required)
            throws IOException, InterruptedException {
        for (String placeholder : required) {
            if (!script.contains(placeholder)) {
                throw new IllegalStateException("the README's commands no longer name " + placeholder + ":\n" + script);
            }
        }
        script = script.replace(README_CONFIG, Distribution.jettyConfig().toString())
                .replace(README_JAR, Distribution.filterJar().toString())
                .replace(README_HOOK_JAR, Distribution.jettyHookJar().toString());
        Path output = setupDir.resolve(label + ".log");
        ProcessBuilder builder = new ProcessBuilder("sh", "-eu", "-c", script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JETTY_HOME", home.dir().toString());
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

    /** The first {@code sh} block after the heading {@code heading} of jetty-config/README.md. */
    private static String readmeCommands(String heading) throws IOException {
        Path readme = Distribution.jettyConfig().resolve("README.md");
        String text = Files.readString(readme);
        int section = text.indexOf(heading);
        int start = section < 0 ? -1 : text.indexOf("```sh\n", section);
        int end = start < 0 ? -1 : text.indexOf("\n```\n", start);
        if (end < 0) {
            throw new IllegalStateException(readme + " has no sh block under '" + heading.strip() + "'");
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
                home.startJar().toString(), "jetty.base=" + dir));
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

    JettyHome home() {
        return home;
    }

    Path dir() {
        return dir;
    }

    /** Where the set-up's other files go (derived WARs, the console file). */
    Path setupDir() {
        return setupDir;
    }

    /**
     * Without ${jetty.base}/work, Jetty unpacks each WAR under java.io.tmpdir, in a directory of its own per
     * deployment. With it, the directory's name is the same for every deployment of a context: when Jetty 12.1.5
     * redeploys a WAR (the new webapp started before the old one is stopped), stopping the old one takes classes
     * the new one has yet to load (NoClassDefFoundError, 500). Set-ups that redeploy go without it.
     */
    JettyBase withoutWorkDirectory() throws IOException {
        deleteTree(dir.resolve("work"));
        return this;
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
        return withModuleProperty("wsguard", property, value);
    }

    /** {@link #withWsguardProperty} in the start.d file of another module ({@code wsguard-ee11}, {@code deployment-scanner}). */
    JettyBase withModuleProperty(String module, String property, String value) throws IOException {
        Path ini = dir.resolve("start.d").resolve(module + ".ini");
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
            throw new IllegalStateException("start.d/" + module + ".ini has no line for " + property + ":\n"
                    + String.join("\n", lines));
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

    /**
     * Jetty 12.1 deploys into several environments at once: webapps/{context}.properties names the one of the webapp
     * at /{context}, as Jetty's documentation tells users to.
     */
    JettyBase inEnvironment(String context, String environment) throws IOException {
        Files.writeString(dir.resolve("webapps").resolve(context + ".properties"), "environment=" + environment + "\n",
                StandardCharsets.UTF_8);
        return this;
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
