package dev.wsguard.distribution;

/** Tomcat 10.1 (the pom's tomcat-10.1-dist.version), wsguard in each webapp: see {@link TomcatSetUp}. */
class Tomcat101IT extends TomcatSetUp {

    Tomcat101IT() {
        super("tomcat-10.1", TomcatBase.Line.TOMCAT_10_1);
    }
}
