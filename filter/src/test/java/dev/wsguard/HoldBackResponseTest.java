package dev.wsguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.diagnosis.EnforceAnswer;
import dev.wsguard.diagnosis.Enforcement;
import dev.wsguard.testkit.servlet.ResponseDouble;
import jakarta.servlet.ServletOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldBackResponseTest {

    private static final AnswerWriter TOMCAT = new AnswerWriter(ContainerProfile.TOMCAT);

    private final ResponseDouble real = new ResponseDouble();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void holdsTheBodyAndDefersFlushesUntilPassedOn() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        ServletOutputStream out = held.getOutputStream();
        out.write(bytes("hello "));
        out.flush();
        held.flushBuffer();
        assertEquals("", real.text(), "nothing reaches the container while held");
        assertFalse(real.isCommitted());
        assertTrue(held.isCommitted(), "downstream sees the flush it asked for");
        out.write(bytes("world"));
        held.passOn(null);
        assertEquals("hello world", real.text());
        assertTrue(real.isCommitted(), "the deferred flush happens on pass-on");
        assertNull(held.passedOnBecause());
    }

    @Test
    void oneWriteLargerThanTheFirstBufferIsHeldWhole() throws Exception {
        HoldBackResponse bytes = new HoldBackResponse(real, 8192);
        bytes.getOutputStream().write(bytes("x".repeat(5000)));
        assertEquals("", real.text());
        bytes.passOn(null);
        assertEquals("x".repeat(5000), real.text());

        ResponseDouble other = new ResponseDouble();
        HoldBackResponse chars = new HoldBackResponse(other, 8192);
        chars.getWriter().print("y".repeat(3000));
        assertEquals("", other.text());
        chars.passOn(null);
        assertEquals("y".repeat(3000), other.text());
    }

    /** Log mode changes no byte: a held println ends its line as the container's writer does (the double: CRLF). */
    @Test
    void heldLinesEndAsTheContainersWriterEndsThem() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        PrintWriter out = held.getWriter();
        out.println("first");
        out.print("second");
        out.println();
        out.println('3');
        out.print("\n");
        held.passOn(null);
        assertEquals("first\r\nsecond\r\n3\r\n\n", real.text(), "a '\\n' written as such stays one");
        out.println("after");
        assertEquals("first\r\nsecond\r\n3\r\n\nafter\r\n", real.text(), "no longer holding: the container's println");
    }

    @Test
    void lineEndsCountTowardsTheLimitAndOverflowInOrder() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 4);
        PrintWriter out = held.getWriter();
        out.println("ab");
        out.println();
        assertEquals("", real.text(), "4 of 4: still held");
        out.println();
        assertEquals("ab\r\n\r\n\r\n", real.text());
        assertEquals(Enforcement.NOT_REPLACED_OVERFLOW, held.passedOnBecause());
    }

    @Test
    void anAnswerLargerThanTheLimitIsPassedOnInOrder() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 10);
        ServletOutputStream out = held.getOutputStream();
        out.write(bytes("0123456789"));
        assertEquals("", real.text());
        out.write(bytes("abc"));
        assertEquals("0123456789abc", real.text());
        assertEquals(Enforcement.NOT_REPLACED_OVERFLOW, held.passedOnBecause());
        out.write(bytes("d"));
        assertEquals("0123456789abcd", real.text(), "no longer holding: what follows goes straight through");
    }

    @Test
    void zeroLimitHoldsNothingButStillDefersNothing() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 0);
        held.getOutputStream().write('x');
        assertEquals("x", real.text());
        assertEquals(Enforcement.NOT_REPLACED_OVERFLOW, held.passedOnBecause());
    }

    @Test
    void aHeld2xxIsReplacedEvenAfterADownstreamFlush() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        held.setContentType("text/html");
        held.getWriter().print("<html>spa</html>");
        held.getWriter().flush();
        List<String> seenByReport = new ArrayList<>();
        Enforcement e = held.replaceWith(EnforceAnswer.forCode(DiagnosisCode.WSG01, null), null, TOMCAT,
                () -> seenByReport.add(real.getStatus() + " " + real.text()));
        assertEquals(Enforcement.REPLACED, e);
        // The incident is reported after the reset and before a byte of the answer exists.
        assertEquals(List.of("200 "), seenByReport);
        assertEquals(400, real.getStatus());
        assertEquals("text/plain;charset=UTF-8", real.getContentType());
        assertEquals("WSG01", real.getHeader("WSGuard-Code"));
        assertTrue(real.text().startsWith("WSG01 WebSocket handshake refused"), real.text());
        assertFalse(real.text().contains("spa"));
    }

    @Test
    void aCommittedAnswerCannotBeReplaced() throws Exception {
        ResponseDouble small = new ResponseDouble(4);
        HoldBackResponse held = new HoldBackResponse(small, 2);
        held.getOutputStream().write(bytes("more than the container buffer"));
        assertTrue(small.isCommitted());
        assertEquals(Enforcement.NOT_REPLACED_OVERFLOW,
                held.replaceWith(EnforceAnswer.forCode(DiagnosisCode.WSG01, null), null, TOMCAT,
                        () -> fail("a committed answer is not replaced, so its incident is reported as not replaced")));
        assertEquals("more than the container buffer", small.text());
    }

    @Test
    void overflowIntoAnUncommittedContainerBufferCanStillBeReplaced() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 4);
        held.getOutputStream().write(bytes("0123456789"));
        assertFalse(real.isCommitted());
        assertEquals(Enforcement.REPLACED, held.replaceWith(EnforceAnswer.forCode(DiagnosisCode.WSG01, null), "d", TOMCAT,
                () -> { }));
        assertTrue(real.text().endsWith("\nd\n"), real.text());
    }

    @Test
    void switchingProtocolsPassesThroughAtOnce() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        held.setStatus(101);
        held.flushBuffer();
        assertTrue(real.isCommitted(), "a 101 flush (Tyrus) must reach the container inside the chain");
        held.getOutputStream().write('x');
        assertEquals("x", real.text(), "no longer holding: what follows the 101 goes straight through");
    }

    @Test
    void flushAfterA101SetElsewhereAlsoPassesThrough() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        real.setStatus(101);
        held.flushBuffer();
        assertEquals(1, real.flushes());
    }

    @Test
    void observeOnlyPassesEverythingThroughUnchanged() throws Exception {
        HoldBackResponse observer = new HoldBackResponse(real, -1);
        PrintWriter w = observer.getWriter();
        w.print("<!doctype html><title>T</title>");
        w.flush();
        assertEquals("<!doctype html><title>T</title>", real.text());
        assertTrue(real.isCommitted());
        assertEquals("an HTML page titled 'T'", observer.sample().describe());
    }

    @Test
    void sendErrorDropsWhatWasHeld() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        held.getOutputStream().write(bytes("partial"));
        held.sendError(404);
        held.passOn(null);
        assertEquals("", real.text());
        assertEquals(404, real.getStatus());
    }

    @Test
    void resetClearsHeldContentUnlessAFlushWasAsked() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        held.getOutputStream().write(bytes("first"));
        held.reset();
        held.getWriter().print("second");
        held.passOn(null);
        assertEquals("second", real.text());

        HoldBackResponse flushed = new HoldBackResponse(new ResponseDouble(), 1024);
        flushed.getOutputStream().write('x');
        flushed.flushBuffer();
        assertThrows(IllegalStateException.class, flushed::reset);
        assertThrows(IllegalStateException.class, flushed::resetBuffer);
    }

    @Test
    void writerAndStreamAreExclusiveAsInAContainer() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        held.getOutputStream();
        assertThrows(IllegalStateException.class, held::getWriter);
        HoldBackResponse other = new HoldBackResponse(new ResponseDouble(), 1024);
        other.getWriter();
        assertThrows(IllegalStateException.class, other::getOutputStream);
    }

    @Test
    void closeIsDeferredLikeFlush() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        held.getOutputStream().write('a');
        held.getOutputStream().close();
        assertFalse(real.isCommitted());
        held.passOn(null);
        assertEquals("a", real.text());
    }

    @Test
    void setBufferSizeAfterContentIsRefused() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        held.getOutputStream().write('a');
        assertThrows(IllegalStateException.class, () -> held.setBufferSize(100));
    }

    @Test
    void sampleKeepsOnlyTheFirstBytes() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1 << 20);
        ServletOutputStream out = held.getOutputStream();
        for (int i = 0; i < 1000; i++) {
            out.write(bytes("0123456789"));
        }
        assertEquals(1024, held.sample().text().length());
    }

    @Test
    void nonBlockingOutputIsPassedOn() throws Exception {
        HoldBackResponse held = new HoldBackResponse(real, 1024);
        ServletOutputStream out = held.getOutputStream();
        out.write('a');
        out.setWriteListener(null);
        assertEquals("a", real.text());
        assertEquals(Enforcement.NOT_REPLACED_NON_BLOCKING, held.passedOnBecause());
    }
}
