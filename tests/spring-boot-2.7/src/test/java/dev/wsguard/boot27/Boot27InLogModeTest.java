package dev.wsguard.boot27;

/** The Boot 2.7 application with wsguard in log mode: every answer is the application's own. */
class Boot27InLogModeTest extends Boot27Contract {

    Boot27InLogModeTest() {
        super("log");
    }
}
