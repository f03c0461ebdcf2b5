package dev.wsguard.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS front on 127.0.0.1 with ALPN by the JDK alone (no Jetty ALPN module needed): a connection that negotiates
 * {@code h2} is relayed, decrypted, to an h2c backend (Jetty's HTTP/2 connector with prior knowledge); any other
 * gets a fixed HTTP/1.1 page, as a CDN or proxy that serves pages but routes no HTTP/1.1 upgrade would. The key is
 * a self-signed one that the JDK's {@code keytool} makes at start, in a temporary directory. Bounded: daemon threads,
 * at most {@value #MAX_CONNECTIONS} connections, every socket read timing out after 10 s.
 */
final class TlsFront implements AutoCloseable {

    static final int MAX_CONNECTIONS = 16;
    static final String PAGE = "<!doctype html><html><head><title>Front page</title></head><body>hello</body></html>";
    private static final char[] PASSWORD = "probe-test".toCharArray();

    private final SSLServerSocket server;
    private final Path dir;

    private TlsFront(SSLServerSocket server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /** @param alpn the protocols the front offers, in preference order; {@code h2Port} the h2c backend's port */
    static TlsFront start(List<String> alpn, int h2Port) throws Exception {
        Path dir = Files.createTempDirectory("probe-tls");
        Path store = dir.resolve("key.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "front", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            keytool.destroyForcibly();
            throw new IllegalStateException("keytool failed: "
                    + new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        SSLParameters parameters = server.getSSLParameters();
        parameters.setApplicationProtocols(alpn.toArray(new String[0]));
        server.setSSLParameters(parameters);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TlsFront front = new TlsFront(server, dir);
        Thread acceptor = new Thread(() -> front.accept(h2Port), "tls-front");
        acceptor.setDaemon(true);
        acceptor.start();
        return front;
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept(int h2Port) {
        for (int i = 0; i < MAX_CONNECTIONS && !server.isClosed(); i++) {
            try {
                SSLSocket socket = (SSLSocket) server.accept();
                Thread t = new Thread(() -> serve(socket, h2Port), "tls-front-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(SSLSocket socket, int h2Port) {
        try (socket) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            if ("h2".equals(socket.getApplicationProtocol())) {
                try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), h2Port)) {
                    backend.setSoTimeout(10_000);
                    Thread up = new Thread(() -> pump(socket, backend), "tls-front-up");
                    up.setDaemon(true);
                    up.start();
                    pump(backend, socket);
                }
                return;
            }
            InputStream in = socket.getInputStream();
            int matched = 0;
            for (int n = 0; n < 65_536 && matched < 4; n++) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nServer: front\r\nContent-Type: text/html\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // The probe closes its side; the front has nothing to report.
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16_384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed: the relay ends.
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException e) {
                // Closing.
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
