package dev.wsguard.handshake;

import dev.wsguard.testkit.http.Header;
import dev.wsguard.testkit.http.RawRequest;
import java.util.List;
import java.util.stream.Collectors;

/** The test kit's request head as the classifier reads a request: no servlet container needed. */
public final class HeadRequest implements HandshakeRequest {

    private final RawRequest head;

    public HeadRequest(RawRequest head) {
        this.head = head;
    }

    @Override
    public String method() {
        return head.method();
    }

    @Override
    public String protocol() {
        return head.version();
    }

    @Override
    public List<String> values(String headerName) {
        return head.headers().stream().filter(h -> h.name().equalsIgnoreCase(headerName)).map(Header::value)
                .collect(Collectors.toList());
    }

    @Override
    public List<String> headerNames() {
        return head.headers().stream().map(Header::name).collect(Collectors.toList());
    }
}
