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

    void redirect(String stepUrl, Integer stepStatus, DiagnosisCode stepCode, boolean stepWorks, String note) {
        redirects.add(new Step(clean(stepUrl), stepStatus, stepCode == null ? null : stepCode.name(), stepWorks,
                clean(note)));
    }

    void variant(String stepUrl, Integer stepStatus, DiagnosisCode stepCode, boolean stepWorks, String note) {
        variants.add(new Step(clean(stepUrl), stepStatus, stepCode == null ? null : stepCode.name(), stepWorks,
                clean(note)));
    }

    int exitCode() {
        return verdict.exitCode();
    }
}
