package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.diagnosis.DiagnosisCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReportShapeTest {

    @Test
    void exitCodesAreTheDocumentedOnes() {
        assertEquals(0, Verdict.WORKS.exitCode());
        assertEquals(2, Verdict.MISROUTED.exitCode());
        assertEquals(3, Verdict.REFUSED.exitCode());
        assertEquals(4, Verdict.UNREACHABLE.exitCode());
        assertEquals(5, Verdict.TLS_FAILURE.exitCode());
        assertEquals(6, Verdict.PROTOCOL_ERROR.exitCode());
        assertEquals(64, Verdict.USAGE.exitCode());
        assertEquals("tls-failure", Verdict.TLS_FAILURE.label());
    }

    @Test
    void jsonHasEveryFieldInItsOrderWithNulls() {
        Report r = new Report();
        r.url("ws://h/x\u001b[2J");
        r.verdict = Verdict.MISROUTED;
        r.code = DiagnosisCode.WSG01;
        r.status = 200;
        r.reason("OK");
        r.header("Server", "nginx \"1\"");
        r.answeredBy.add("nginx (Server: nginx)");
        r.body("an empty body");
        r.handshakeMs = 3L;
        r.variant("ws://h/x/", 404, DiagnosisCode.WSG02, false, "an empty body");
        r.fix("fix it");
        r.requests = 2;
        String json = JsonReport.render(r);
        assertEquals("{\"format\":1,\"url\":\"ws://h/x\\\\x1b[2J\",\"verdict\":\"misrouted\",\"exitCode\":2,"
                + "\"code\":\"WSG01\",\"meaning\":\"a valid upgrade request was answered 2xx by an ordinary resource\","
                + "\"status\":200,\"reason\":\"OK\",\"headers\":{\"Server\":\"nginx \\\"1\\\"\"},"
                + "\"answeredBy\":[\"nginx (Server: nginx)\"],\"body\":\"an empty body\",\"handshakeMs\":3,"
                + "\"accept\":null,\"pongMs\":null,\"sent\":null,\"echo\":null,\"redirects\":[],"
                + "\"variants\":[{\"url\":\"ws://h/x/\",\"status\":404,\"code\":\"WSG02\",\"works\":false,"
                + "\"note\":\"an empty body\"}],\"works\":null,\"requests\":2,\"detail\":null,\"fix\":\"fix it\","
                + "\"serverReason\":null,\"serverDiagnosis\":null,\"h2\":null,\"direct\":null,\"comparison\":null}",
                json);
    }

    @Test
    void colourOnlyAtAConsoleWithoutNoColor() {
        assertTrue(TextReport.colour(true, java.util.Map.of()));
        assertTrue(!TextReport.colour(false, java.util.Map.of()));
        assertTrue(!TextReport.colour(true, java.util.Map.of("NO_COLOR", "1")));
    }

    @Test
    void everyPhraseKeyTheCodeUsesIsInProbeProperties() throws IOException {
        Pattern literal = Pattern.compile("\"((?:fix|label|verdict|variants|redirect|echo|usage)\\.[A-Za-z0-9.]+|help)\"");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher m = literal.matcher(Files.readString(source));
                while (m.find()) {
                    if (!ProbeText.has(m.group(1))) {
                        missing.add(source.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "keys missing from probe.properties: " + missing);
    }

    @Test
    void variantsAreFewAndLikeliestFirst() throws Exception {
        Target t = Target.parse("ws://h/app/ws");
        List<Variants.Variant> plan = Variants.plan(t, dev.wsguard.diagnosis.BodySample.ofBytes(
                "Welcome to SockJS!\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 19, "UTF-8"), 200, 5);
        assertEquals(List.of("/app/ws/websocket", "/app/ws/", "/app"),
                plan.stream().map(v -> v.target().requestTarget()).toList());
        List<Variants.Variant> io = Variants.plan(Target.parse("ws://h/chat/socket.io/"),
                dev.wsguard.diagnosis.BodySample.empty(), 404, 1);
        assertEquals(List.of("/chat/socket.io/?EIO=4&transport=websocket"),
                io.stream().map(v -> v.target().requestTarget()).toList());
        assertTrue(Variants.plan(Target.parse("ws://h/"), dev.wsguard.diagnosis.BodySample.empty(), 404, 5).isEmpty());
    }
}
