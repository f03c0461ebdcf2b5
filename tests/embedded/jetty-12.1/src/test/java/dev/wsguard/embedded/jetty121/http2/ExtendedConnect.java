package dev.wsguard.embedded.jetty121.http2;

import dev.wsguard.testkit.server.Loopback;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;

/**
 * One RFC 8441 extended CONNECT, sent with Jetty's low-level {@link HTTP2Client} over h2c so that the answer is
 * seen as it came: {@code :method CONNECT}, {@code :protocol websocket}, {@code :scheme http}, {@code :path},
 * {@code :authority}, {@code sec-websocket-version: 13} and no key (RFC 8441 section 5). The answer's status and
 * headers, then its body up to END_STREAM; a stream the server keeps open (a tunnel, i.e. an accepted WebSocket)
 * is reset after its headers and reported with {@code endedStream} false.
 */
final class ExtendedConnect {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** How long a 200's stream may stay open before it counts as a tunnel; a page's DATA follows at once. */
    static final Duration OPEN_STREAM_WAIT = Duration.ofSeconds(1);

    /** What came back on the stream. */
    record Answer(int status, HttpFields headers, String body, boolean endedStream) {

        @Override
        public String toString() {
            return "HTTP/2 " + status + "\n" + headers + (endedStream ? "body: " + body : "(stream left open)");
        }
    }

    private ExtendedConnect() {
    }

    static Answer send(int port, String path) throws Exception {
        HTTP2Client client = new HTTP2Client();
        client.start();
        try {
            Session session = client.connect(new InetSocketAddress(Loopback.HOST, port), new Session.Listener() { })
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            HttpFields fields = HttpFields.build().put("sec-websocket-version", "13");
            MetaData.ConnectRequest connect = new MetaData.ConnectRequest(HttpScheme.HTTP,
                    new HostPortHttpField(Loopback.HOST + ":" + port), path, fields, "websocket");
            CompletableFuture<MetaData.Response> head = new CompletableFuture<>();
            CompletableFuture<String> body = new CompletableFuture<>();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Stream.Listener listener = new Stream.Listener() {
                @Override
                public void onHeaders(Stream stream, HeadersFrame frame) {
                    if (frame.getMetaData() instanceof MetaData.Response response) {
                        head.complete(response);
                    }
                    if (frame.isEndStream()) {
                        body.complete("");
                    } else {
                        stream.demand();
                    }
                }

                @Override
                public void onDataAvailable(Stream stream) {
                    Stream.Data data = stream.readData();
                    if (data == null) {
                        stream.demand();
                        return;
                    }
                    ByteBuffer buffer = data.frame().getByteBuffer();
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                    boolean end = data.frame().isEndStream();
                    data.release();
                    if (end) {
                        body.complete(bytes.toString(StandardCharsets.UTF_8));
                    } else {
                        stream.demand();
                    }
                }

                @Override
                public void onReset(Stream stream, ResetFrame frame, Callback callback) {
                    head.completeExceptionally(new IllegalStateException("stream reset by the server: "
                            + ErrorCode.toString(frame.getError(), "error " + frame.getError())));
                    body.complete(bytes.toString(StandardCharsets.UTF_8));
                    callback.succeeded();
                }
            };
            Stream stream = session.newStream(new HeadersFrame(connect, null, false), listener)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            MetaData.Response response = head.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String text;
            boolean ended;
            try {
                // An accepted WebSocket keeps its stream open: the body never ends, and a short wait tells it.
                text = body.get(response.getStatus() == 200 ? OPEN_STREAM_WAIT.toMillis() : TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                ended = true;
            } catch (TimeoutException stillOpen) {
                text = bytes.toString(StandardCharsets.UTF_8);
                ended = false;
                stream.reset(new ResetFrame(stream.getId(), ErrorCode.CANCEL_STREAM_ERROR.code), Callback.NOOP);
            }
            return new Answer(response.getStatus(), response.getHttpFields(), text, ended);
        } finally {
            client.stop();
        }
    }
}
