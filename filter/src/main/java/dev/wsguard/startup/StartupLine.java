package dev.wsguard.startup;

import dev.wsguard.diagnosis.Cause;
import dev.wsguard.diagnosis.DiagnosisCode;
import java.util.logging.Level;

/** One line of the startup report, with the code and level it is logged at. */
public final class StartupLine {

    private final DiagnosisCode code;
    private final Level level;
    private final String text;
    private final Cause cause;

    StartupLine(DiagnosisCode code, Level level, String text, Cause cause) {
        this.code = code;
        this.level = level;
        this.text = text;
        this.cause = cause;
    }

    /** The cause the line names, or null for the summary (WSG00) and configuration warnings (WSG09). */
    public Cause cause() {
        return cause;
    }

    public DiagnosisCode code() {
        return code;
    }

    public Level level() {
        return level;
    }

    /** The whole line, starting with the code. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return level + " " + text;
    }
}
