package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.JettyEe10Container;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.tools.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * wss against embedded Jetty 12.1 with a self-signed certificate for 127.0.0.1 made at test time by the JDK's keytool (a
 * bounded child process, into target/): the suite's STANDARD app with wsguard in log mode behind a TLS connector
 * ({@code SslContextFactory}). Untrusted: exit 5 and a message that says why and what to pass; {@code --insecure}: it
 * works; {@code --cacert} with the exported PEM: it works, the name checked. Started once for the class.
 */
class WssProofTest {

    private static final String PASSWORD = "probe-test-only";
    private static final long KEYTOOL_SECONDS = 60;

    private static Path dir;
    private static Path pem;
    private static Server server;

    @BeforeAll
    static void startJettyWithTls() throws Exception {
        dir = WorkDirs.create("wss");
        Path keyStore = dir.resolve("server.p12");
        pem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "probe", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "probe", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-file", pem.toString());
        assertTrue(Files.readString(pem, StandardCharsets.US_ASCII).startsWith("-----BEGIN CERTIFICATE-----"),
                () -> pem + " is a PEM certificate");

        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keyStore.toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(PASSWORD);
        server = new Server();
        ServerConnector connector = new ServerConnector(server, tls);
        connector.setHost(Loopback.HOST);
        connector.setPort(0);
        server.addConnector(connector);
        server.setStopTimeout(0);
        ServletContextHandler context = JettyEe10Container.context(
                Guard.deployment(AppSetup.STANDARD, GuardMode.LOG), Files.createDirectories(dir.resolve("work")),
                c -> { });
        server.setHandler(context);
        server.start();
    }

    /** The JDK's keytool, beside the running java; bounded. */
    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = ExternalTool.require("keytool", "WSGUARD_KEYTOOL", "the JDK's own keytool",
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(args));
        Path log = dir.resolve("keytool.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool took more than " + KEYTOOL_SECONDS + " s: " + command);
        }
        assertEquals(0, p.exitValue(), () -> command + "\n" + read(log));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            JettyEe10Container.stopQuietly(server);
        }
        if (dir != null) {
            WorkDirs.deleteQuietly(dir);
        }
    }

    private static String wss(String path) {
        return "wss://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path;
    }

    /**
     * The self-signed certificate, trusted by nothing: exit 5, tls-failure, no answer (no status, no code), and a
     * message that says the certificate is not trusted and what to pass: --cacert, or --insecure for a test server.
     */
    @Test
    void anUntrustedCertificateIsATlsFailure() {
        Probed probed = Probed.probe(wss("/app/echo")).assertVerdict(5, "tls-failure", null, null);
        assertTrue(probed.string("detail") != null && !probed.string("detail").isBlank(), probed::toString);
        probed.assertFixContains("not trusted").assertFixContains("--cacert").assertFixContains("--insecure");
    }

    /** {@code --insecure}: any certificate, any name; the endpoint works end to end over TLS. */
    @Test
    void insecureWorks() {
        Probed probed = Probed.probe(wss("/app/echo"), "--insecure", "--send", "over tls").assertWorks();
        assertEquals("over tls", probed.string("echo"), probed::toString);
    }

    /** {@code --cacert} with the certificate exported as PEM: trusted, its IP address name matches; it works. */
    @Test
    void theExportedCertificateAsCaWorks() {
        Probed probed = Probed.probe(wss("/app/echo"), "--cacert", pem.toString(), "--send", "trusted").assertWorks();
        assertEquals("trusted", probed.string("echo"), probed::toString);
    }

    /** Over TLS the probe still names a misrouted path: the plain servlet's 200, WSG01. */
    @Test
    void aTypoOverTlsIsWsg01() {
        Probed.probe(wss("/app/ecco"), "--cacert", pem.toString()).assertVerdict(2, "misrouted", "WSG01", 200);
    }
}
