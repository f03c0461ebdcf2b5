package dev.wsguard.boot27;

/** The Boot 2.7 application with wsguard in enforce mode: a typo answered 400, a stripped upgrade 426, by wsguard. */
class Boot27InEnforceModeTest extends Boot27Contract {

    Boot27InEnforceModeTest() {
        super("enforce");
    }
}
