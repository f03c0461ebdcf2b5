package dev.wsguard.suite.scenarios;

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
 * @param differenceFromReference empty when docs/scenarios.md says the same; else what it says and why we differ
 * @param connectionWorksAfter101 for a 101: whether the upgraded connection carries an echo (false where the
 *        container answers 101 and then closes the connection)
 * @param guardAnswerHeaders where the container changes a header of wsguard's own enforce-mode answer: the
 *        header as it arrives (replacing the rule wsguard's answer has for that name), else empty
 * @param guardAnswerNote why those headers differ, or empty
 */
public record ContainerAnswer(int status, List<HeaderRule> headers, boolean reachesFirstFilter,
                              String differenceFromReference, boolean connectionWorksAfter101,
                              List<HeaderRule> guardAnswerHeaders, String guardAnswerNote) {

    public ContainerAnswer {
        headers = List.copyOf(headers);
        guardAnswerHeaders = List.copyOf(guardAnswerHeaders);
    }

    public ContainerAnswer(int status, List<HeaderRule> headers, boolean reachesFirstFilter,
                           String differenceFromReference) {
        this(status, headers, reachesFirstFilter, differenceFromReference, true, List.of(), "");
    }

    public ContainerAnswer notReachingFilters() {
        return new ContainerAnswer(status, headers, false, differenceFromReference, connectionWorksAfter101,
                guardAnswerHeaders, guardAnswerNote);
    }

    public ContainerAnswer differsFromReference(String note) {
        return new ContainerAnswer(status, headers, reachesFirstFilter, note, connectionWorksAfter101,
                guardAnswerHeaders, guardAnswerNote);
    }

    public ContainerAnswer with(HeaderRule header) {
        List<HeaderRule> more = new ArrayList<>(headers);
        more.add(header);
        return new ContainerAnswer(status, more, reachesFirstFilter, differenceFromReference, connectionWorksAfter101,
                guardAnswerHeaders, guardAnswerNote);
    }

    /** The container answers 101 and then closes the connection: no frame gets through. */
    public ContainerAnswer closedAfter101() {
        return new ContainerAnswer(status, headers, reachesFirstFilter, differenceFromReference, false,
                guardAnswerHeaders, guardAnswerNote);
    }

    /** The container rewrites this header of wsguard's own answer (it arrives as the rule says), and why. */
    public ContainerAnswer guardAnswerArrivesWith(HeaderRule header, String note) {
        List<HeaderRule> more = new ArrayList<>(guardAnswerHeaders);
        more.add(header);
        return new ContainerAnswer(status, headers, reachesFirstFilter, differenceFromReference, connectionWorksAfter101,
                more, note);
    }
}
