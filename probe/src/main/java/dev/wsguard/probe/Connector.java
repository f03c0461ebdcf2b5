package dev.wsguard.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Opens the connection of one request: name lookup, TCP, and TLS for wss/https, each under the run's deadline. */
final class Connector {

    private final SSLSocketFactory tls;
    private final boolean checkHostName;

    private Connector(SSLSocketFactory tls, boolean checkHostName) {
        this.tls = tls;
        this.checkHostName = checkHostName;
    }

    /** The JDK's default trust, the certificates of a PEM file, or (insecure) any certificate for any name. */
    static Connector of(Options options) throws UsageException {
        if (options.insecure) {
            return new Connector(context(new TrustManager[] {new TrustAll()}).getSocketFactory(), false);
        }
        if (options.caCert != null) {
            return new Connector(context(trustOnly(options.caCert)).getSocketFactory(), true);
        }
        return new Connector(null, true);
    }

    Socket open(Target target, Deadline deadline) throws ProbeException {
        return open(target, deadline, "http/1.1");
    }

    /** A connection whose TLS handshake (wss/https) offers {@code alpn} alone: {@code http/1.1}, or {@code h2}. */
    Socket open(Target target, Deadline deadline, String alpn) throws ProbeException {
        InetAddress address = lookUp(target.socketHost(), deadline);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, target.port()), deadline.socketTimeout());
        } catch (SocketTimeoutException e) {
            close(socket);
            throw new ProbeException(Verdict.UNREACHABLE, "fix.unreachable.timeout",
                    "no connection to " + target.hostHeader() + " within " + deadline.budgetMillis() + " ms");
        } catch (ConnectException | NoRouteToHostException e) {
            close(socket);
            throw new ProbeException(Verdict.UNREACHABLE, "fix.unreachable.refused",
                    "connection to " + target.hostHeader() + " refused (" + e.getMessage() + ")");
        } catch (IOException e) {
            close(socket);
            throw new ProbeException(Verdict.UNREACHABLE, "fix.unreachable.refused",
                    "no connection to " + target.hostHeader() + ": " + e);
        }
        if (!target.secure()) {
            return socket;
        }
        return startTls(socket, target, deadline, alpn);
    }

    private Socket startTls(Socket plain, Target target, Deadline deadline, String alpn) throws ProbeException {
        try {
            SSLSocketFactory factory = tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault();
            SSLSocket socket = (SSLSocket) factory.createSocket(plain, target.socketHost(), target.port(), true);
            SSLParameters parameters = socket.getSSLParameters();
            if (checkHostName) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            parameters.setApplicationProtocols(new String[] {alpn});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(deadline.socketTimeout());
            socket.startHandshake();
            return socket;
        } catch (SocketTimeoutException e) {
            close(plain);
            throw new ProbeException(Verdict.TLS_FAILURE, "fix.tls.stalled",
                    "the TLS handshake with " + target.hostHeader() + " did not complete within "
                            + deadline.budgetMillis() + " ms");
        } catch (SSLHandshakeException e) {
            close(plain);
            String message = String.valueOf(e.getMessage());
            boolean untrusted = message.contains("PKIX") || message.contains("No subject alternative")
                    || message.contains("No name matching") || message.contains("certificate");
            throw new ProbeException(Verdict.TLS_FAILURE, untrusted ? "fix.tls.untrusted" : "fix.tls",
                    "TLS handshake with " + target.hostHeader() + " failed: " + message, e);
        } catch (SSLException e) {
            close(plain);
            throw new ProbeException(Verdict.TLS_FAILURE, "fix.tls",
                    "TLS with " + target.hostHeader() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            close(plain);
            throw new ProbeException(Verdict.TLS_FAILURE, "fix.tls",
                    "the TLS handshake with " + target.hostHeader() + " broke off: " + e, e);
        }
    }

    /** A lookup under the deadline: the resolver itself has no timeout, so it runs on a daemon thread. */
    private static InetAddress lookUp(String host, Deadline deadline) throws ProbeException {
        if (isLiteral(host)) {
            try {
                // A literal address is parsed, never looked up: no thread needed.
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new ProbeException(Verdict.UNREACHABLE, "fix.unreachable.dns", "not an address: " + host);
            }
        }
        CompletableFuture<InetAddress> lookup = new CompletableFuture<>();
        Thread resolver = new Thread(new Resolver(host, lookup), "wsguard-probe-dns");
        resolver.setDaemon(true);
        resolver.start();
        try {
            return lookup.get(deadline.socketTimeout(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ProbeException(Verdict.UNREACHABLE, "fix.unreachable.dns", "unknown host " + host);
        } catch (TimeoutException | SocketTimeoutException e) {
            throw new ProbeException(Verdict.UNREACHABLE, "fix.unreachable.timeout",
                    "the name " + host + " did not resolve within " + deadline.budgetMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException(Verdict.UNREACHABLE, "fix.unreachable.timeout", "interrupted");
        }
    }

    /** An IPv4 dotted quad or an IPv6 literal (it has a colon, which no host name has). */
    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    /** The lookup on its own thread; a class, not a lambda: no lambda bootstrap at start-up. */
    private static final class Resolver implements Runnable {
        private final String host;
        private final CompletableFuture<InetAddress> result;

        Resolver(String host, CompletableFuture<InetAddress> result) {
            this.host = host;
            this.result = result;
        }

        @Override
        public void run() {
            try {
                result.complete(InetAddress.getByName(host));
            } catch (UnknownHostException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }

    private static SSLContext context(TrustManager[] trust) throws UsageException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new UsageException("cannot set up TLS: " + e.getMessage());
        }
    }

    private static TrustManager[] trustOnly(Path pem) throws UsageException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new UsageException("--cacert " + pem + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new UsageException("--cacert: cannot read " + pem + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new UsageException("--cacert " + pem + " is no PEM certificate file: " + e.getMessage());
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already failing; the first error is the one reported.
        }
    }

    /**
     * --insecure: every certificate, every name. An extended trust manager, so the JDK runs no host name check of its
     * own either.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
