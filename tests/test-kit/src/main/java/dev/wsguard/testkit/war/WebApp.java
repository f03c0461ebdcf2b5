package dev.wsguard.testkit.war;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** An exploded WAR and the context path it is deployed at ({@code "/"} for the root context). */
public record WebApp(String contextPath, Path dir) {

    public static WebApp at(String contextPath, Path dir) {
        return new WebApp(contextPath, dir);
    }

    /** Context path and directory, alternating: how WARs cross into an isolated class loader. */
    static String[] toPairs(List<WebApp> apps) {
        String[] pairs = new String[apps.size() * 2];
        for (int i = 0; i < apps.size(); i++) {
            pairs[2 * i] = apps.get(i).contextPath();
            pairs[2 * i + 1] = apps.get(i).dir().toString();
        }
        return pairs;
    }

    static List<WebApp> fromPairs(String[] pairs) {
        List<WebApp> apps = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            apps.add(new WebApp(pairs[i], Paths.get(pairs[i + 1])));
        }
        return apps;
    }
}
