package dev.wsguard.benchmarks.load;

import dev.wsguard.testkit.server.ContainerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One server the load benchmark measures with and without wsguard: how to start each variant's JVM (its main
 * class, arguments and class path) and what it is called in the results.
 *
 * @param label     in log file names ({@code jetty-12.1}, {@code spring-boot-4.0-tomcat})
 * @param name      in the results table ({@code Jetty 12.1})
 * @param wsguard   how wsguard runs in the with-wsguard variant, for the report ({@code enforce mode})
 * @param mainClass the server JVM's main class
 * @param classPath the class path of each variant's JVM
 * @param flood     whether the flood of misrouted upgrades runs on it
 */
public record LoadTarget(String label, String name, String wsguard, String mainClass,
                         Map<Variant, String> classPath, boolean flood) {

    /**
     * The scenario suite's standard app on {@code kind} ({@link LoadServer}): one class path for both variants
     * (wsguard is deployed or not), wsguard in enforce mode, flooded.
     */
    public static LoadTarget container(ContainerKind kind, String classPath) {
        return new LoadTarget(kind.label(), kind.displayName(), "enforce mode", LoadServer.class.getName(),
                Map.of(Variant.WITHOUT_WSGUARD, classPath, Variant.WITH_WSGUARD, classPath), true);
    }

    /**
     * {@link BootLoadServer}: the starter on the with-wsguard class path only, its default mode (log). Not
     * flooded: the starter's cost is what its targets ask, on ordinary traffic.
     */
    public static LoadTarget springBoot(String withoutWsguardClassPath, String withWsguardClassPath) {
        return new LoadTarget("spring-boot-4.0-tomcat", "Spring Boot 4.0 + Tomcat 11", "the starter, log mode",
                BootLoadServer.class.getName(),
                Map.of(Variant.WITHOUT_WSGUARD, withoutWsguardClassPath, Variant.WITH_WSGUARD, withWsguardClassPath),
                false);
    }

    /** The server JVM's arguments after its main class. */
    List<String> arguments(Variant variant) {
        List<String> arguments = new ArrayList<>();
        if (mainClass.equals(LoadServer.class.getName())) {
            arguments.add(label);
        }
        arguments.add(variant.label());
        return arguments;
    }
}
