package dev.wsguard.probe;

import dev.wsguard.diagnosis.BodySample;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/** One handshake: connect, send, read the answer's head (and the start of its body unless it is a 101). */
final class Exchange {

    /** What one handshake got. {@code wire} stays open on a 101, for the frames; closed otherwise. */
    record Answer(Target target, String key, ResponseHead head, BodySample body, long millis, Wire wire) {
        int status() {
            return head.status();
        }
    }

    private Exchange() {
    }

    static Answer handshake(Connector connector, Target target, String key, String origin, List<String[]> custom,
            Deadline deadline) throws ProbeException {
        HandshakeSpec spec = HandshakeSpec.of(target, key, origin, custom);
        long start = System.nanoTime();
        Socket socket = connector.open(target, deadline);
        Wire wire;
        try {
            wire = new Wire(socket, deadline);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ProbeException(Verdict.UNREACHABLE, "fix.unreachable.refused", "the connection broke: " + e);
        }
        boolean keepOpen = false;
        try {
            wire.write(spec.bytes());
            ResponseHead head = HeadReader.readHead(wire);
            long millis = (System.nanoTime() - start) / 1_000_000L;
            if (head.status() == 101) {
                keepOpen = true;
                return new Answer(target, spec.key(), head, BodySample.empty(), millis, wire);
            }
            BodySample body = HeadReader.readBodySample(wire, head);
            return new Answer(target, spec.key(), head, body, millis, wire);
        } catch (SocketTimeoutException e) {
            if (wire.bytesRead() == 0) {
                throw new ProbeException(Verdict.UNREACHABLE, "fix.unreachable.silent",
                        target.hostHeader() + " accepted the connection but sent no answer within "
                                + deadline.budgetMillis() + " ms");
            }
            throw ProbeException.protocol("fix.protocol.head",
                    "the answer's head did not end within " + deadline.budgetMillis() + " ms ("
                            + wire.bytesRead() + " bytes came)");
        } catch (IOException e) {
            throw ProbeException.protocol(wire.bytesRead() == 0 ? "fix.protocol.silent" : "fix.protocol.garbage",
                    "the connection broke " + (wire.bytesRead() == 0 ? "before any answer" : "in the answer") + ": "
                            + e.getMessage());
        } finally {
            if (!keepOpen) {
                wire.close();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // The error being reported is the one that matters.
        }
    }
}
