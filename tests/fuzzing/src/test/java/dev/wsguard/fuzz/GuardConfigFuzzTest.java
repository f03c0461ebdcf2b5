package dev.wsguard.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameter parsing on any names and values (input lines {@code name=value}; names starting
 * with {@code wsguard.} are context-params): it either accepts, or refuses with an
 * InvalidConfigException whose message is one bounded safe line; nothing else escapes, and every
 * warning is one safe line too.
 */
class GuardConfigFuzzTest {

    @FuzzTest(maxDuration = "2h")
    void acceptsOrExplainsInOneLine(byte[] data) {
        Map<String, String> init = new LinkedHashMap<>();
        Map<String, String> context = new LinkedHashMap<>();
        for (String line : new String(data, StandardCharsets.ISO_8859_1).split("\\n", 64)) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = line.substring(0, eq);
            (name.startsWith(GuardConfig.CONTEXT_PARAM_PREFIX) ? context : init).put(name, line.substring(eq + 1));
        }
        try {
            GuardConfig config = GuardConfig.parse(init, context);
            for (String warning : config.warnings()) {
                Invariants.isOneSafeLine("warning", warning);
            }
            assertTrue(config.bufferLimit() >= 0 && config.bufferLimit() <= GuardConfig.MAX_BUFFER_LIMIT);
            assertTrue(config.logWindowSeconds() >= 1 && config.logWindowSeconds() <= GuardConfig.MAX_LOG_WINDOW_SECONDS);
            Invariants.isOneSafeLine("summary", config.summary());
        } catch (InvalidConfigException e) {
            Invariants.isOneSafeLine("error message", e.getMessage());
            assertTrue(e.getMessage().length() < 1024, () -> "message too long: " + e.getMessage().length());
            assertTrue(e.getMessage().startsWith("wsguard: "), e.getMessage());
        }
    }
}
