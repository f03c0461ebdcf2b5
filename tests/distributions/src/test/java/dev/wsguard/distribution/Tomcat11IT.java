package dev.wsguard.distribution;

/** Tomcat 11 (the pom's tomcat-11-dist.version), wsguard in each webapp: see {@link TomcatSetUp}. */
class Tomcat11IT extends TomcatSetUp {

    Tomcat11IT() {
        super("tomcat-11", TomcatBase.Line.TOMCAT_11);
    }
}
