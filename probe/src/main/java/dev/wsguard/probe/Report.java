package dev.wsguard.probe;

import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.text.Sanitizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run found, ready to print as text or JSON. Every string that came from the network or the command line is
 * sanitized as it goes in (the setters below), so neither rendering can let a control character through.
 */
final class Report {

    /** A field's cut: long enough for a URL or a Server header, short enough for one terminal line. */
    static final int FIELD = 200;

    /** One more request the run made: a redirect hop or a variant. */
    record Step(String url, Integer status, String code, boolean works, String note) {
    }

    String url;
    Verdict verdict;
    DiagnosisCode code;
    Integer status;
    String reason;
    final Map<String, String> headers = new LinkedHashMap<>();
    final List<String> answeredBy = new ArrayList<>();
    String body;
    Long handshakeMs;
    String accept;
    Long pongMs;
    String sent;
    String echo;
    final List<Step> redirects = new ArrayList<>();
    final List<Step> variants = new ArrayList<>();
    String works;
    String detail;
    String fix;
    int requests;
    /** An enforcing wsguard's answer body: its reason line, and with details=true its diagnosis line. */
    String serverReason;
    String serverDiagnosis;
    /** The proxy the first answer's headers name, and the header that told (sanitized); null if none. */
    dev.wsguard.handshake.ProxyFingerprint proxy;
    String proxyEvidence;
    /** The HTTP/2 check (RFC 8441), null when not made; its note sanitized. */
    H2Check.Result h2;
    /** --direct: the backend's own report, and the comparison of the two hops; null without --direct. */
    Report direct;
    Comparison.Result comparison;

    /**
     * The diagnosis line names the path, the cause, the evidence and the fix: longer than a field, still one line,
     * and never more than the body sample it came from.
     */
    static final int LINE = 1000;

    static String clean(String value) {
        return value == null ? null : Sanitizer.field(value, FIELD);
    }

    void url(String value) {
        url = clean(value);
    }

    void reason(String value) {
        reason = clean(value);
    }

    void header(String name, String value) {
        headers.putIfAbsent(clean(name), clean(value));
    }

    void body(String description) {
        body = clean(description);
    }

    /** BodySample.describe(): fixed words around quotes the filter already sanitized; only cut here. */
    void bodyDescription(String description) {
        body = described(description);
    }

    /**
     * A description from BodySample: safe as it is (escaping it again would double its backslashes), unless it holds a
     * control character after all, which only a change in the filter could bring.
     */
    static String described(String description) {
        if (description == null) {
            return null;
        }
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                return clean(description);
            }
        }
        return description.length() <= FIELD ? description : description.substring(0, FIELD - 3) + "...";
    }

    /** The body of an enforcing wsguard's answer: its first line (the reason), its second (details=true). */
    void serverAnswer(String text) {
        if (text == null) {
            return;
        }
        String[] lines = text.split("\r?\n", 3);
        serverReason = lines[0].isBlank() ? null : Sanitizer.field(lines[0].trim(), LINE);
        serverDiagnosis = lines.length > 1 && !lines[1].isBlank() ? Sanitizer.field(lines[1].trim(), LINE) : null;
    }

    void h2(H2Check.Result result) {
        h2 = new H2Check.Result(clean(result.alpn()), result.connectProtocol(), result.status(), result.accepted(),
                clean(result.note()));
    }

    void detail(String value) {
        detail = clean(value);
    }

    void echo(String value) {
        echo = value == null ? null : Sanitizer.field(value, FIELD);
    }

    void sent(String value) {
        sent = clean(value);
    }

    void works(String value) {
        works = clean(value);
    }

    /** The fix: a phrase of probe.properties filled with values already sanitized. */
    void fix(String value) {
        fix = value;
    }

    /** A redirect hop; {@code note} is a body description or a probe phrase with sanitized values. */
    void redirect(String stepUrl, Integer stepStatus, DiagnosisCode stepCode, boolean stepWorks, String note) {
        redirects.add(new Step(clean(stepUrl), stepStatus, stepCode == null ? null : stepCode.name(), stepWorks,
                described(note)));
    }

    /** A variant; {@code note} as for {@link #redirect}. */
    void variant(String stepUrl, Integer stepStatus, DiagnosisCode stepCode, boolean stepWorks, String note) {
        variants.add(new Step(clean(stepUrl), stepStatus, stepCode == null ? null : stepCode.name(), stepWorks,
                described(note)));
    }

    int exitCode() {
        return verdict.exitCode();
    }
}
