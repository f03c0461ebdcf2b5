package dev.wsguard.suite.contracts;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsguard.suite.reliability.Attack;
import dev.wsguard.suite.reliability.AttackCatalogue;
import dev.wsguard.suite.reliability.HostileMode;
import dev.wsguard.suite.reliability.LogLines;
import dev.wsguard.suite.reliability.Outcome;
import dev.wsguard.suite.reliability.Outcome.Answerer;
import dev.wsguard.suite.reliability.Profile;
import dev.wsguard.suite.reliability.ReliabilityApp;
import dev.wsguard.suite.reliability.Results;
import dev.wsguard.suite.reliability.StillServing;
import dev.wsguard.testkit.fixtures.EscapeProbeFilter;
import dev.wsguard.testkit.fixtures.FixtureReports;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests ({@link AttackCatalogue}) on one container, which a module runs with a one-line subclass: in
 * {@code log}, {@code enforce} and {@code enforce} with {@code details=true}, with the container as it comes and made
 * as lenient as it goes ({@link Profile}), one server per mode and profile. Each attack is sent as exact bytes on a
 * connection of its own, to a path of its own (so wsguard's per-(code, path) rate limit never hides a line).
 *
 * <p>For each: what answered ({@link Outcome}) must be what the catalogue records for this container (its own
 * refusal, or the request reaching the application: then wsguard's code, in enforce mode its 400/426 unless the
 * answer cannot be replaced, in log mode the application's untouched answer); wsguard writes at most one line, with
 * no control character and no request field over 256 characters (read up to a {@link Marker}, never waited for);
 * its answer body holds no request data (with {@code details=true} only the sanitized line). After all of them the
 * server still upgrades {@code /echo}. Nothing of wsguard's escapes it: what the escape probe before it sees
 * thrown is the application's, named in wsguard's line.
 *
 * <p>Writes {@code target/reliability/hostile-requests-<container>.md} (one cell per profile) and
 * {@code hostile-requests-full-<container>.md} (every mode, the container's own reason) for docs/reliability.md.
 */
public abstract class HostileRequestsContract extends ContractOnOneContainer {

    /** {@code profile|mode|attack} to {@code answer|codes logged|container's reason}. */
    private final Map<String, String> results = new ConcurrentHashMap<>();

    protected HostileRequestsContract(ContainerKind kind) {
        super(kind);
    }

    /**
     * Every attack records what this container does with it in every profile that runs here, and every profile
     * that runs here can be applied by the adapter (one that cannot says why in {@link Profile}).
     */
    @Test
    void catalogueRecordsEveryAttackForThisContainer() {
        List<String> problems = new ArrayList<>();
        for (Profile profile : Profile.values()) {
            if (!profile.runsOn(kind())) {
                continue;
            }
            if (!container().supports(profile.settings())) {
                problems.add("profile " + profile + " runs on " + kind() + " but its adapter cannot apply "
                        + profile.settings() + ": say why in Profile");
            }
            for (Attack attack : AttackCatalogue.attacks()) {
                if (attack.answers(kind(), profile).isEmpty()) {
                    problems.add(attack.id() + " records nothing for " + kind() + " (" + profile + "): run"
                            + " attacksAnswerAsCatalogued and record what it printed in AttackCatalogue");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    Stream<Arguments> profilesAndModes() {
        return Stream.of(Profile.values()).filter(profile -> profile.runsOn(kind()))
                .flatMap(profile -> Stream.of(HostileMode.values()).map(mode -> Arguments.of(profile, mode)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("profilesAndModes")
    void attacksAnswerAsCatalogued(Profile profile, HostileMode mode) throws Exception {
        List<String> failures = new ArrayList<>();
        try (GuardLogCapture log = GuardLogCapture.attach();
             FixtureReports.Recording escapes = EscapeProbeFilter.record();
             RunningServer server = container().start(ReliabilityApp.deployment(mode.mode(), mode.extraParams(),
                     profile.settings()))) {
            for (Attack attack : AttackCatalogue.attacks()) {
                String where = attack.id() + " on " + kind() + " (" + profile + ", " + mode + ")";
                RawRequest request = attack.request().inContext(server.contextPath());
                server.beforeRequest(request.target());
                int mark = log.mark();
                int escapeMark = escapes.mark();
                Outcome outcome = Outcome.of(server.port(), request);
                String awaited = awaitedCode(attack, profile, outcome);
                if (awaited != null) {
                    // wsguard may log after the client has its answer; the marker must not overtake the line.
                    log.awaitCodesSince(mark, Set.of(awaited));
                }
                List<String> lines = log.requestLinesBefore(Marker.at(server.port(), server.contextPath()), mark);
                String logged = lines.stream().map(GuardLogCapture::codeOf).collect(Collectors.joining(","));
                results.put(profile + "|" + mode + "|" + attack.id(), outcome.summary() + "|"
                        + (logged.isEmpty() ? "-" : logged) + "|" + outcome.containerReason());
                check(where, attack, profile, mode, outcome, lines, failures);
                // An exception reaches the container, which answers, only after passing the probe: its report is in.
                checkEscapes(where, escapes.seenSince(escapeMark), lines, failures);
            }
            String echo = StillServing.upgradeAndEcho(server, "still alive");
            if (!echo.isEmpty()) {
                failures.add("after the attacks, " + echo);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " problem(s):\n  " + String.join("\n  ", failures));
        }
    }

    private void check(String where, Attack attack, Profile profile, HostileMode mode, Outcome outcome,
                       List<String> lines, List<String> failures) {
        // 1. The log: at most one line per request, each one line without control characters or over-long fields.
        if (lines.size() > 1) {
            failures.add(where + ": " + lines.size() + " lines for one request: " + lines);
        }
        for (String line : lines) {
            String problems = LogLines.problems(line, attack.filler());
            if (!problems.isEmpty()) {
                failures.add(where + ": bad line (" + problems + "): " + Outcome.abbreviate(line));
            }
        }
        // 2. wsguard's answer carries no request data: the fixed reason, or with details the sanitized line.
        if (outcome.answerer() == Answerer.WSGUARD) {
            checkGuardBody(where, attack, mode, outcome, failures);
        }
        // 3. The answer and the code: as recorded for this attack and container().
        String gotCode = lines.stream().map(GuardLogCapture::codeOf).collect(Collectors.joining(","));
        List<Attack.Answer> recorded = attack.answers(kind(), profile);
        if (recorded.isEmpty()) {
            failures.add(where + ": the catalogue records nothing for " + kind() + " (" + profile + "); observed "
                    + outcome.summary() + (gotCode.isEmpty() ? "" : " + " + gotCode)
                    + (outcome.containerReason().isEmpty() ? "" : " (" + outcome.containerReason() + ")")
                    + (outcome.error() == null ? "" : " [" + outcome.error() + "]"));
            return;
        }
        // The answer recorded, or the other one recorded where the container answers one of two ways.
        Attack.Answer answer = recorded.stream()
                .filter(a -> !a.reaches() && a.containerAnswer().equals(outcome.summary())).findFirst()
                .orElse(recorded.get(0));
        String expectedCode = answer.code() == null ? "" : answer.code();
        String expectedAnswer = !answer.reaches() ? answer.containerAnswer()
                : answer.code() == null ? "endpoint 101" : applicationAnswer(attack, answer.code(), mode);
        if (!expectedAnswer.equals(outcome.summary())) {
            failures.add(where + ": expected " + expectedAnswer + ", got " + outcome.summary()
                    + (outcome.containerReason().isEmpty() ? "" : " (" + outcome.containerReason() + ")")
                    + (outcome.error() == null ? "" : " [" + outcome.error() + "]"));
        }
        if (outcome.answerer() == Answerer.ENDPOINT && outcome.error() != null) {
            failures.add(where + ": upgraded, but " + outcome.error());
        }
        if (!attack.replaceable() && mode.enforce() && !expectedCode.isEmpty()
                && lines.stream().noneMatch(l -> l.contains("could not be replaced"))) {
            failures.add(where + ": the line should say the answer could not be replaced: " + lines);
        }
        if (!expectedCode.equals(gotCode)) {
            failures.add(where + ": expected wsguard to log [" + expectedCode + "], it logged [" + gotCode + "] "
                    + lines.stream().map(Outcome::abbreviate).collect(Collectors.toList()));
        }
    }

    /**
     * The code wsguard must have logged for this outcome, as the catalogue records it for this container (the
     * attack's own, another where the container hands the request on changed), or null where none.
     */
    private String awaitedCode(Attack attack, Profile profile, Outcome outcome) {
        List<Attack.Answer> recorded = attack.answers(kind(), profile);
        if (recorded.isEmpty()) {
            return outcome.reachedApplication() ? attack.code() : null;
        }
        String code = recorded.get(0).code();
        return code == null || code.isEmpty() ? null : code;
    }

    /**
     * Nothing of wsguard's own escapes it: an exception the escape probe saw must be the application's (or the
     * container's, on the way to the servlet), which wsguard lets through unchanged and names in its line.
     */
    private static void checkEscapes(String where, List<String> reports, List<String> lines, List<String> failures) {
        for (String report : reports) {
            if (report.startsWith(EscapeProbeFilter.THREW)) {
                String thrown = report.substring(EscapeProbeFilter.THREW.length()).replaceFirst(" .*", "");
                if (lines.stream().noneMatch(line -> line.contains("(" + thrown + " thrown)"))) {
                    failures.add(where + ": " + thrown + " escaped wsguard, and no line of wsguard's names it as"
                            + " thrown downstream: " + Outcome.abbreviate(report) + " " + lines);
                }
            }
        }
    }

    private static void checkGuardBody(String where, Attack attack, HostileMode mode, Outcome outcome,
                                       List<String> failures) {
        String body = outcome.body();
        String[] bodyLines = body.split("\n", -1);
        int expectedLines = mode.details() ? 3 : 2; // reason, [details,] and the empty rest
        if (bodyLines.length != expectedLines || !bodyLines[bodyLines.length - 1].isEmpty()
                || !bodyLines[0].startsWith(outcome.guardCode() + " ")) {
            failures.add(where + ": wsguard's body is not " + (expectedLines - 1) + " line(s) starting with the code: "
                    + Outcome.abbreviate(body));
        }
        if (!mode.details() && !body.matches("WSG\\d\\d [\\x20-\\x7e]*\n")) {
            failures.add(where + ": wsguard's body holds more than its fixed reason: " + Outcome.abbreviate(body));
        }
        for (String bodyLine : bodyLines) {
            String problems = LogLines.problems(bodyLine, attack.filler());
            if (!problems.isEmpty()) {
                failures.add(where + ": bad line in wsguard's body (" + problems + "): " + Outcome.abbreviate(bodyLine));
            }
        }
        if (!outcome.guardCode().matches("WSG\\d\\d")) {
            failures.add(where + ": WSGuard-Code header is " + Outcome.abbreviate(outcome.guardCode()));
        }
    }

    /**
     * What the client gets when the request reaches the application and wsguard logs {@code code}: in enforce mode
     * wsguard's own 400/426, unless the answer is a WSG07 (a redirect, a refusal, a 5xx: never replaced) or larger
     * than buffer-limit; in log mode the application's.
     */
    private static String applicationAnswer(Attack attack, String code, HostileMode mode) {
        return mode.enforce() && !code.equals("WSG07") && attack.replaceable()
                ? "wsguard " + enforceStatus(code) + " " + code : "servlet " + attack.appStatus();
    }

    private static int enforceStatus(String code) {
        return code.equals("WSG03") || code.equals("WSG05") ? 426 : 400;
    }

    /**
     * One row per attack, one cell per profile. Where every mode came out as the catalogue derives it for a request
     * that reaches wsguard, the cell is the code logged (the legend in docs/reliability.md says what each mode
     * answered); where the container answered alike in every mode, that answer; otherwise each mode's.
     */
    @Override
    protected void writeResults() {
        StringBuilder table = new StringBuilder("| attack | what | " + kind().label() + " defaults | " + kind().label()
                + " permissive |\n|---|---|---|---|\n");
        StringBuilder full = new StringBuilder("| container | profile | mode | attack | answer | wsguard logged"
                + " | container's reason |\n|---|---|---|---|---|---|---|\n");
        for (Attack attack : AttackCatalogue.attacks()) {
            table.append("| ").append(attack.id()).append(" | ").append(attack.description().replace("|", "\\|"));
            for (Profile profile : Profile.values()) {
                table.append(" | ").append(cell(attack, profile, full));
            }
            table.append(" |\n");
        }
        Results.write("hostile-requests-" + kind().label() + ".md", table.toString());
        Results.write("hostile-requests-full-" + kind().label() + ".md", full.toString());
    }

    private String cell(Attack attack, Profile profile, StringBuilder full) {
        if (!profile.runsOn(kind())) {
            return "not run";
        }
        Map<String, List<String>> modesByCell = new LinkedHashMap<>();
        List<Attack.Answer> recorded = attack.answers(kind(), profile);
        String code = recorded.isEmpty() || !recorded.get(0).reaches() ? null : recorded.get(0).code();
        boolean asDerived = code != null;
        for (HostileMode mode : HostileMode.values()) {
            String[] v = results.getOrDefault(profile + "|" + mode + "|" + attack.id(), "not run|-|").split("\\|", -1);
            full.append("| ").append(kind().label()).append(" | ").append(profile).append(" | ").append(mode)
                    .append(" | ").append(attack.id()).append(" | ").append(v[0]).append(" | ").append(v[1])
                    .append(" | ").append(v[2]).append(" |\n");
            asDerived = asDerived && v[0].equals(applicationAnswer(attack, code, mode)) && v[1].equals(code);
            // wsguard's own answer already names its code; otherwise say what was logged, if anything.
            String modeCell = v[0].startsWith("wsguard ") && v[0].endsWith(v[1]) || v[1].equals("-") ? v[0]
                    : v[0] + " + " + v[1];
            modesByCell.computeIfAbsent(modeCell, k -> new ArrayList<>()).add(mode.toString());
        }
        if (asDerived) {
            return code + (attack.replaceable() ? "" : " (not replaceable)");
        }
        if (modesByCell.size() == 1) {
            return modesByCell.keySet().iterator().next();
        }
        return modesByCell.entrySet().stream().map(e -> String.join(", ", e.getValue()) + ": " + e.getKey())
                .collect(Collectors.joining("; "));
    }
}
