package dev.wsguard;

import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.diagnosis.EnforceAnswer;
import dev.wsguard.handshake.HandshakeClassifier;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes enforce mode's own answer on a container's response that nothing has written to (or that was reset),
 * the way this container can frame it: where it cannot send a refusal that carries {@code Upgrade}
 * ({@link ContainerProfile#framesRefusalsWithUpgradeHeader}), the 426 goes without {@code Upgrade} and
 * {@code Connection}; where its reset kept the choice of writer over stream, the same text goes through the
 * writer.
 */
final class AnswerWriter {

    private final boolean upgradeHeaders;

    AnswerWriter(ContainerProfile container) {
        this.upgradeHeaders = container.framesRefusalsWithUpgradeHeader();
    }

    /** Writes the answer, with the whole diagnosis under its reason when {@code details} is not null. */
    void write(HttpServletResponse response, EnforceAnswer answer, String details) throws IOException {
        response.setStatus(answer.status());
        for (Map.Entry<String, String> h : answer.headers().entrySet()) {
            if (!upgradeHeaders && (h.getKey().equals(HandshakeClassifier.UPGRADE)
                    || h.getKey().equals(HandshakeClassifier.CONNECTION))) {
                continue;
            }
            response.setHeader(h.getKey(), h.getValue());
        }
        response.setContentType(EnforceAnswer.CONTENT_TYPE);
        String body = answer.body(details);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        ServletOutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IllegalStateException writerAlreadyChosen) {
            response.getWriter().write(body);
            return;
        }
        out.write(bytes);
    }
}
