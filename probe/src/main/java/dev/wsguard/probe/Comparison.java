package dev.wsguard.probe;

import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.handshake.ProxyFingerprint;
import dev.wsguard.text.Wording;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --direct}: the same handshake through the proxy and to the backend directly, compared. What the proxy did to
 * the request is told only as far as the backend's answer reveals it: an enforcing wsguard's {@code WSGuard-Code} and,
 * with {@code details=true}, its diagnosis line, which names the path it received and the headers that arrived
 * missing. Every value comes from Reports, already sanitized.
 */
final class Comparison {

    /**
     * The comparison. {@code proxied}, {@code direct}: each hop's outcome in short ({@code 101}, {@code 426 WSG03},
     * {@code unreachable}); {@code differs}: whether one hop answered 101 and the other did not; {@code backendCode},
     * {@code backendLine}: the backend's wsguard code and diagnosis (or reason) line on the proxied hop;
     * {@code forwardedPath}: the path that line names, where it differs from the URL's; {@code dropped}: the request
     * headers the backend saw removed or changed; {@code proxy}: the proxy the proxied answer names, with its header;
     * {@code verdict}: one sentence, with the fix.
     */
    record Result(String proxied, String direct, boolean differs, String backendCode, String backendLine,
            String forwardedPath, List<String> dropped, String proxy, String verdict) {
    }

    private Comparison() {
    }

    static Result compare(Report p, Target proxiedTarget, Report d) {
        boolean proxiedWorks = p.verdict == Verdict.WORKS;
        boolean directWorks = d.verdict == Verdict.WORKS;
        String proxied = outcome(p);
        String direct = outcome(d);
        String backendCode = p.code != null && p.headers.get(dev.wsguard.diagnosis.EnforceAnswer.CODE_HEADER) != null
                ? p.code.name() : null;
        String backendLine = p.serverDiagnosis != null ? p.serverDiagnosis : p.serverReason;
        String received = receivedPath(p.serverDiagnosis);
        String forwardedPath = received != null && !received.equals(Report.clean(proxiedTarget.path())) ? received
                : null;
        List<String> dropped = dropped(p.code, backendCode, p.serverDiagnosis);
        String proxy = p.proxy == null ? null : p.proxy.displayName() + " (" + p.proxyEvidence + ")";
        String by = p.proxy == null ? "" : ProbeText.fill("compare.by", "evidence", p.proxyEvidence);
        String verdict;
        if (directWorks && proxiedWorks) {
            verdict = ProbeText.fill("compare.bothWork", "direct", direct, "proxied", proxied);
        } else if (d.status == null && !directWorks) {
            verdict = ProbeText.fill("compare.directFailed", "direct", direct, "detail", String.valueOf(d.detail));
        } else if (!directWorks && proxiedWorks) {
            verdict = ProbeText.fill("compare.onlyProxy", "direct", direct, "proxied", proxied);
        } else if (!directWorks) {
            verdict = ProbeText.fill("compare.bothFail", "direct", direct, "proxied", proxied);
        } else if (forwardedPath != null) {
            verdict = ProbeText.fill("compare.path", "direct", direct, "proxied", proxied, "path", forwardedPath,
                    "expected", Report.clean(proxiedTarget.path()), "mapping", mapping(p.proxy));
        } else if (p.code == DiagnosisCode.WSG03 && backendCode != null) {
            verdict = ProbeText.fill("compare.stripped", "direct", direct, "proxied", proxied, "by", by, "fix",
                    proxyFix(p.proxy));
        } else if (backendCode != null && (p.code == DiagnosisCode.WSG04 || p.code == DiagnosisCode.WSG05)) {
            verdict = ProbeText.fill("compare.rewritten", "direct", direct, "proxied", proxied, "by", by, "code",
                    backendCode);
        } else if (p.status == null) {
            verdict = ProbeText.fill("compare.proxyFailed", "direct", direct, "proxied", proxied, "detail",
                    String.valueOf(p.detail));
        } else if (p.status == 502 || p.status == 503 || p.status == 504) {
            verdict = ProbeText.fill("compare.gateway", "direct", direct, "proxied", proxied, "by", by);
        } else if (p.code == DiagnosisCode.WSG07) {
            verdict = ProbeText.fill("compare.refused", "direct", direct, "proxied", proxied, "by", by);
        } else {
            verdict = ProbeText.fill("compare.notForwarded", "direct", direct, "proxied", proxied, "by", by, "fix",
                    proxyFix(p.proxy));
        }
        return new Result(proxied, direct, directWorks != proxiedWorks, backendCode, backendLine, forwardedPath,
                dropped, proxy, verdict);
    }

    /** A hop in short: {@code 101}, {@code 426 WSG03}, or its verdict when no answer came. */
    static String outcome(Report r) {
        if (r.status == null) {
            return r.verdict.label();
        }
        return r.code == null ? String.valueOf(r.status) : r.status + " " + r.code.name();
    }

    /** The named proxy's own fix, or WSG03's general one: the filter's words. */
    static String proxyFix(ProxyFingerprint proxy) {
        String nginx = String.valueOf(Wording.of(ProxyFingerprint.NGINX, "config"));
        if (proxy != null && Wording.of(proxy, "fix") != null) {
            return Wording.fill(proxy, "fix", "nginx", nginx, "hop",
                    Wording.fill(DiagnosisCode.WSG03, "hop", "nginx", nginx));
        }
        return Wording.fill(DiagnosisCode.WSG03, "fix", "nginx", nginx);
    }

    private static String mapping(ProxyFingerprint proxy) {
        String hint = proxy == null ? null : Wording.of(proxy, "mapping");
        return hint != null ? hint : String.valueOf(Wording.of(ProxyFingerprint.NGINX, "mapping"));
    }

    /** The request headers the backend's wsguard saw removed (WSG03) or changed (WSG05), as far as it says. */
    static List<String> dropped(DiagnosisCode code, String backendCode, String line) {
        List<String> names = new ArrayList<>(2);
        if (backendCode == null) {
            return names;
        }
        if (code == DiagnosisCode.WSG03) {
            // The line quotes what was missing ("arrived without 'Upgrade: websocket' and 'Connection: Upgrade'");
            // without a line (details=false), WSG03 itself means both.
            boolean upgrade = line != null && line.contains("'Upgrade: websocket'");
            boolean connection = line != null && line.contains("'Connection: Upgrade'");
            if (!upgrade && !connection) {
                upgrade = true;
                connection = true;
            }
            if (upgrade) {
                names.add("Upgrade");
            }
            if (connection) {
                names.add("Connection");
            }
        } else if (code == DiagnosisCode.WSG05) {
            names.add("Sec-WebSocket-Version");
        }
        return names;
    }

    /**
     * The path a wsguard diagnosis line names: the token after {@code GET } or {@code CONNECT } (the line reads
     * {@code WSG03 WebSocket handshake GET /app/echo ...}), without its query; null if none.
     */
    static String receivedPath(String line) {
        if (line == null) {
            return null;
        }
        for (String method : new String[] {" GET /", " CONNECT /"}) {
            int at = line.indexOf(method);
            if (at >= 0) {
                int start = at + method.length() - 1;
                int end = start;
                while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '?') {
                    end++;
                }
                String path = line.substring(start, end);
                while (path.length() > 1 && (path.endsWith(",") || path.endsWith(".") || path.endsWith(":"))) {
                    path = path.substring(0, path.length() - 1);
                }
                return path;
            }
        }
        return null;
    }
}
