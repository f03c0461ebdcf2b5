package dev.wsguard.it.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * What one container, without wsguard, answers to a row's request (as observed over raw sockets), and
 * whether a filter registered first on {@code /*} is given the request at all (false where Jetty's
 * WebSocketUpgradeFilter answers before the application's filters).
 *
 * @param status the status code
 * @param headers headers that must be there (the ones that identify the answer)
 * @param reachesFirstFilter whether the first application filter (wsguard's place) runs for the request
 * @param differenceFromScenariosMd empty when SCENARIOS.md says the same; else what it says and why we differ
 */
public record ContainerAnswer(int status, List<HeaderRule> headers, boolean reachesFirstFilter,
                              String differenceFromScenariosMd) {

    public ContainerAnswer {
        headers = List.copyOf(headers);
    }

    public ContainerAnswer notReachingFilters() {
        return new ContainerAnswer(status, headers, false, differenceFromScenariosMd);
    }

    public ContainerAnswer differsFromScenariosMd(String note) {
        return new ContainerAnswer(status, headers, reachesFirstFilter, note);
    }

    public ContainerAnswer with(HeaderRule header) {
        List<HeaderRule> more = new ArrayList<>(headers);
        more.add(header);
        return new ContainerAnswer(status, more, reachesFirstFilter, differenceFromScenariosMd);
    }
}
