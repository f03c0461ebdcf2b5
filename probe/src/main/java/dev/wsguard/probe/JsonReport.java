package dev.wsguard.probe;

import java.util.List;
import java.util.Map;

/**
 * The report as one JSON object, its fields always present and in this order (null where they do not apply), as
 * probe/README.md documents them. Strings are already sanitized (Report), so only JSON's own escapes are added here.
 */
final class JsonReport {

    /** Bumped when a field changes meaning or goes away; new fields may appear without it. */
    static final int FORMAT = 1;

    private JsonReport() {
    }

    static String render(Report r) {
        StringBuilder b = new StringBuilder(1024);
        b.append('{');
        field(b, "format", FORMAT, true);
        field(b, "url", r.url, false);
        field(b, "verdict", r.verdict.label(), false);
        field(b, "exitCode", r.exitCode(), false);
        field(b, "code", r.code == null ? null : r.code.name(), false);
        field(b, "meaning", r.code == null ? null : r.code.meaning(), false);
        field(b, "status", r.status, false);
        field(b, "reason", r.reason, false);
        b.append(",\"headers\":");
        object(b, r.headers);
        b.append(",\"answeredBy\":");
        strings(b, r.answeredBy);
        field(b, "body", r.body, false);
        field(b, "handshakeMs", r.handshakeMs, false);
        field(b, "accept", r.accept, false);
        field(b, "pongMs", r.pongMs, false);
        field(b, "sent", r.sent, false);
        field(b, "echo", r.echo, false);
        b.append(",\"redirects\":");
        steps(b, r.redirects);
        b.append(",\"variants\":");
        steps(b, r.variants);
        field(b, "works", r.works, false);
        field(b, "requests", r.requests, false);
        field(b, "detail", r.detail, false);
        field(b, "fix", r.fix, false);
        field(b, "serverReason", r.serverReason, false);
        field(b, "serverDiagnosis", r.serverDiagnosis, false);
        b.append(",\"h2\":");
        h2(b, r.h2);
        b.append(",\"direct\":");
        if (r.direct == null) {
            b.append("null");
        } else {
            b.append(render(r.direct));
        }
        b.append(",\"comparison\":");
        comparison(b, r.comparison);
        b.append('}');
        return b.toString();
    }

    private static void h2(StringBuilder b, H2Check.Result h) {
        if (h == null) {
            b.append("null");
            return;
        }
        b.append('{');
        field(b, "alpn", h.alpn(), true);
        field(b, "connectProtocol", h.connectProtocol(), false);
        field(b, "status", h.status(), false);
        field(b, "accepted", h.accepted(), false);
        field(b, "note", h.note(), false);
        b.append('}');
    }

    private static void comparison(StringBuilder b, Comparison.Result c) {
        if (c == null) {
            b.append("null");
            return;
        }
        b.append('{');
        field(b, "proxied", c.proxied(), true);
        field(b, "direct", c.direct(), false);
        field(b, "differs", c.differs(), false);
        field(b, "backendCode", c.backendCode(), false);
        field(b, "backendLine", c.backendLine(), false);
        field(b, "forwardedPath", c.forwardedPath(), false);
        b.append(",\"dropped\":");
        strings(b, c.dropped());
        field(b, "proxy", c.proxy(), false);
        field(b, "verdict", c.verdict(), false);
        b.append('}');
    }

    private static void steps(StringBuilder b, List<Report.Step> steps) {
        b.append('[');
        for (int i = 0; i < steps.size(); i++) {
            Report.Step s = steps.get(i);
            b.append('{');
            field(b, "url", s.url(), true);
            field(b, "status", s.status(), false);
            field(b, "code", s.code(), false);
            field(b, "works", s.works(), false);
            field(b, "note", s.note(), false);
            b.append('}');
            if (i + 1 < steps.size()) {
                b.append(',');
            }
        }
        b.append(']');
    }

    private static void object(StringBuilder b, Map<String, String> map) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            field(b, e.getKey(), e.getValue(), first);
            first = false;
        }
        b.append('}');
    }

    private static void strings(StringBuilder b, List<String> values) {
        b.append('[');
        for (int i = 0; i < values.size(); i++) {
            string(b, values.get(i));
            if (i + 1 < values.size()) {
                b.append(',');
            }
        }
        b.append(']');
    }

    private static void field(StringBuilder b, String name, Object value, boolean first) {
        if (!first) {
            b.append(',');
        }
        string(b, name);
        b.append(':');
        if (value == null) {
            b.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            b.append(value);
        } else {
            string(b, value.toString());
        }
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
