package dev.wsguard.probe;

import dev.wsguard.testkit.tools.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Node.js servers of src/test/node: node and npm found (skipped loudly where missing, failed under
 * {@code WSGUARD_REQUIRE_ALL=1}), the sources copied into target/node and their pinned dependencies installed there
 * once per JVM with {@code npm ci} (package-lock.json, integrity checked; npm's cache under ~/.m2/npm-cache), bounded
 * in time; then each server started as a {@link ChildServer}.
 */
final class NodeServers {

    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern PORT_LINE = Pattern.compile("^PORT (\\d+)$");

    private static Path installed;
    /** Why the install failed, once: every later test skips (or fails) with it instead of installing again. */
    private static String failed;

    private NodeServers() {
    }

    static Path node() {
        return ExternalTool.require("node", "WSGUARD_NODE", "Debian: apt-get install nodejs npm (Node.js 18 or later)",
                "/usr/bin/node", "/usr/local/bin/node", "/opt/homebrew/bin/node");
    }

    static Path npm() {
        return ExternalTool.require("npm", "WSGUARD_NPM", "Debian: apt-get install npm",
                "/usr/bin/npm", "/usr/local/bin/npm", "/opt/homebrew/bin/npm");
    }

    /** Starts {@code script} (a file of src/test/node) with node; it prints {@code PORT n}. */
    static ChildServer start(String script) throws IOException, InterruptedException {
        Path node = node();
        Path dir = install();
        return ChildServer.start(script, List.of(node.toString(), script), dir, PORT_LINE, START_TIMEOUT);
    }

    /** target/node with the sources and their node_modules, installed at the first call of this JVM. */
    private static synchronized Path install() throws IOException, InterruptedException {
        if (installed != null) {
            return installed;
        }
        Path npm = npm();
        if (failed != null) {
            ExternalTool.skipOrFail(failed);
        }
        Path sources = Path.of(System.getProperty("wsguard.probe.node.sources"));
        Path dir = Files.createDirectories(Path.of(System.getProperty("wsguard.probe.node.dir")));
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path log = dir.resolve("npm-ci.log");
        // --ignore-scripts: nothing of a package runs at install time; --prefer-offline: the cache first, the
        // registry for what it lacks (a fresh clone's first build).
        Process p = new ProcessBuilder(npm.toString(), "ci", "--prefix", dir.toString(),
                "--cache", System.getProperty("wsguard.probe.npm.cache"), "--prefer-offline", "--ignore-scripts",
                "--no-audit", "--no-fund", "--loglevel", "warn")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            failed = "npm ci took more than " + INSTALL_TIMEOUT + " in " + dir + " (no registry?):\n" + read(log);
        } else if (p.exitValue() != 0) {
            failed = "npm ci failed (exit " + p.exitValue() + ") in " + dir + " (no registry?):\n" + read(log);
        }
        if (failed != null) {
            // Like a missing program: a laptop without the registry skips, loudly; CI fails.
            ExternalTool.skipOrFail(failed);
        }
        installed = dir;
        return dir;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no output)";
    }
}
