package dev.wsguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.it.client.RawHttp;
import dev.wsguard.it.client.RawRequest;
import dev.wsguard.it.client.RawResponse;
import dev.wsguard.it.client.WebSocketFrames;
import dev.wsguard.it.containers.AppSetup;
import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.containers.Deployment;
import dev.wsguard.it.containers.RunningServer;
import dev.wsguard.it.logging.GuardLogCapture;
import dev.wsguard.it.scenarios.Guard;
import dev.wsguard.it.scenarios.GuardMode;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Never break a working upgrade": a valid upgrade to {@code /echo} gets its 101 and a working
 * connection on every container, without wsguard and with it in every mode, and wsguard logs no
 * incident for it.
 */
class ValidUpgradeEchoTest {

    enum Variant {
        WITHOUT_FILTER(null), MODE_OFF(GuardMode.OFF), MODE_LOG(GuardMode.LOG), MODE_ENFORCE(GuardMode.ENFORCE);

        final GuardMode mode;

        Variant(GuardMode mode) {
            this.mode = mode;
        }

        Deployment deployment() {
            return mode == null ? Deployment.of(AppSetup.STANDARD) : Guard.deployment(AppSetup.STANDARD, mode);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(ContainerKind.values()).flatMap(container -> Stream.of(Variant.values())
                .map(variant -> Arguments.of(container, variant)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void validUpgradeEchoes(ContainerKind container, Variant variant) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.start(variant.deployment());
             RawResponse response = RawHttp.exchange(server.port(),
                     RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/echo"))) {
            assertEquals(101, response.status(), () -> "no upgrade:\n" + response + "\nwsguard log:" + log.describe());
            assertEquals("websocket", response.header("Upgrade").orElse("").toLowerCase(Locale.ROOT),
                    response::head);
            assertEquals(RawRequest.SAMPLE_ACCEPT, response.header("Sec-WebSocket-Accept").orElse(null),
                    response::head);

            // A short frame (7-bit length) and a longer one (16-bit length) both come back unchanged.
            for (String text : new String[] {"hello wsguard", "x".repeat(300)}) {
                WebSocketFrames.sendText(response.upgradedOutput(), text);
                WebSocketFrames.Frame frame = WebSocketFrames.read(response.upgradedInput());
                assertEquals(WebSocketFrames.OPCODE_TEXT, frame.opcode(), "opcode of the echoed frame");
                assertTrue(frame.fin(), "echo arrives as one final frame");
                assertEquals(text, frame.text(), "echoed text");
            }
            WebSocketFrames.sendClose(response.upgradedOutput(), 1000);
            WebSocketFrames.Frame close = WebSocketFrames.read(response.upgradedInput());
            assertEquals(WebSocketFrames.OPCODE_CLOSE, close.opcode(), "server answers the close handshake");

            if (variant.mode == GuardMode.LOG || variant.mode == GuardMode.ENFORCE) {
                log.assertNoRequestCode(GuardLogCapture.ABSENCE_GRACE);
            }
        }
    }
}
