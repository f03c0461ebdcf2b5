package dev.wsguard.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * The status line and headers of an answer, as sent (bytes read as ISO-8859-1, one char per byte), raw: every value
 * goes through {@code Sanitizer.field} before it is shown.
 */
final class ResponseHead {

    /** One header line, name and value as received (value trimmed). */
    record Header(String name, String value) {
    }

    private final String protocol;
    private final int status;
    private final String reason;
    private final List<Header> headers;

    ResponseHead(String protocol, int status, String reason, List<Header> headers) {
        this.protocol = protocol;
        this.status = status;
        this.reason = reason;
        this.headers = List.copyOf(headers);
    }

    String protocol() {
        return protocol;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    List<Header> headers() {
        return headers;
    }

    /** The first value of a header (case-insensitive name), or null. */
    String first(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Every value of a header, in arrival order. */
    List<String> values(String name) {
        List<String> values = new ArrayList<>(2);
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }
}
