package dev.wsguard.diagnosis;

import dev.wsguard.text.Wording;
import java.util.logging.Level;

/** Every diagnosis wsguard makes. Each log line and each answer it writes starts with one of these. */
public enum DiagnosisCode {
    WSG00(Level.INFO),
    WSG01(Level.WARNING),
    WSG02(Level.WARNING),
    WSG03(Level.WARNING),
    WSG04(Level.WARNING),
    WSG05(Level.WARNING),
    WSG06(Level.INFO),
    WSG07(Level.WARNING),
    WSG08(Level.WARNING),
    WSG09(Level.WARNING),
    WSG10(Level.WARNING),
    WSG11(Level.SEVERE),
    WSG12(Level.WARNING),
    WSG13(Level.SEVERE),
    WSG99(Level.SEVERE);

    private final Level defaultLevel;

    DiagnosisCode(Level defaultLevel) {
        this.defaultLevel = defaultLevel;
    }

    /** The level a line of this code is logged at unless the diagnosis says otherwise. */
    public Level defaultLevel() {
        return defaultLevel;
    }

    /** One line on when this code is used. */
    public String meaning() {
        return Wording.of(this);
    }
}
