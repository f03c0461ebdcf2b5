package dev.wsguard.suite.reliability;

import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.fixtures.ReflectingServlet;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who answered one request, and how: the container itself, wsguard (by its {@code WSGuard-Code} header), the
 * application (the plain servlet by its body, the reflecting servlet by its header), the endpoint (101, and its echo
 * checked), the servlet as HTTP/0.9, or nobody (the connection closed).
 *
 * @param answerer who answered
 * @param status the status (0 where there was none)
 * @param guardCode wsguard's header, where it answered
 * @param body the body as text, where there was an answer
 * @param containerReason the container's own reason for refusing, from its error page, where it refused
 * @param error what went wrong (no echo after 101, the connection closed), or null
 */
public record Outcome(Answerer answerer, int status, String guardCode, String body, String containerReason,
                      String error) {

    public static final String GUARD_CODE_HEADER = "WSGuard-Code";

    /** Who answered a request. */
    public enum Answerer {
        CONTAINER, CONTAINER_HTTP_09, WSGUARD, SERVLET, ENDPOINT, HTTP_09, CLOSED
    }

    /** Jetty's error page title, Tomcat's message, GlassFish's heading. */
    private static final Pattern REASON = Pattern.compile(
            "<title>(?:Error \\d+ )?([^<]*)</title>|<b>Message</b> ([^<]*)</p>");

    /** Sends the request on a connection of its own and classifies the answer. */
    public static Outcome of(int port, RawRequest request) {
        RawResponse r;
        try {
            r = RawHttp.exchange(port, request);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains(PlainTextServlet.BODY.trim())) {
                return new Outcome(Answerer.HTTP_09, 0, null, PlainTextServlet.BODY, "", null);
            }
            Matcher page = REASON.matcher(message);
            if (message.contains("<!doctype html>") && page.find()) {
                return new Outcome(Answerer.CONTAINER_HTTP_09, 0, null, message, reason(page, ""), null);
            }
            return new Outcome(Answerer.CLOSED, 0, null, null, "",
                    e.getClass().getSimpleName() + ": " + abbreviate(e.getMessage()));
        }
        try (r) {
            if (r.status() == 101) {
                try {
                    WebSocketFrames.sendText(r.upgradedOutput(), "echo me");
                    String echo = WebSocketFrames.read(r.upgradedInput()).text();
                    return new Outcome(Answerer.ENDPOINT, 101, null, "", "",
                            "echo me".equals(echo) ? null : "echo " + echo);
                } catch (IOException e) {
                    return new Outcome(Answerer.ENDPOINT, 101, null, "", "", "no echo: " + e);
                }
            }
            String code = r.header(GUARD_CODE_HEADER).orElse(null);
            if (code != null) {
                return new Outcome(Answerer.WSGUARD, r.status(), code, r.bodyText(), "", null);
            }
            if ((r.status() == 200 && PlainTextServlet.BODY.equals(r.bodyText()))
                    || r.header(ReflectingServlet.ANSWERED_BY).isPresent()) {
                return new Outcome(Answerer.SERVLET, r.status(), null, r.bodyText(), "", null);
            }
            Matcher page = REASON.matcher(r.bodyText());
            return new Outcome(Answerer.CONTAINER, r.status(), null, r.bodyText(),
                    page.find() ? reason(page, r.reason()) : r.reason().replace("|", "/"), null);
        }
    }

    private static String reason(Matcher page, String otherwise) {
        String reason = page.group(1) != null ? page.group(1) : page.group(2) != null ? page.group(2) : otherwise;
        return reason.replace("|", "/");
    }

    /** Whether the request reached the application (and so wsguard, which must then have logged its code). */
    public boolean reachedApplication() {
        return answerer == Answerer.WSGUARD || answerer == Answerer.SERVLET;
    }

    /** The answer in the form the catalogue records it: {@code container 431}, {@code wsguard 400 WSG04}... */
    public String summary() {
        switch (answerer) {
            case HTTP_09:
                return Attack.HTTP_09;
            case CONTAINER_HTTP_09:
                return Attack.ERROR_PAGE_AS_HTTP_09;
            case CLOSED:
                return "connection closed without an answer";
            case WSGUARD:
                return "wsguard " + status + " " + guardCode;
            case SERVLET:
                return "servlet " + status;
            case ENDPOINT:
                return "endpoint 101";
            default:
                return "container " + status;
        }
    }

    /** Control characters shown as {@code <1b>}, cut to 600 characters: safe in a failure message. */
    public static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String escaped = s.chars().mapToObj(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)
                ? String.format("<%02x>", c) : String.valueOf((char) c)).collect(Collectors.joining());
        return escaped.length() > 600 ? escaped.substring(0, 600) + "...(" + s.length() + " chars)" : escaped;
    }
}
