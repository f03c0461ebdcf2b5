package dev.wsguard.suite.scenarios;

import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the catalogue: a request against an app setup, what each container answers on its own,
 * what wsguard diagnoses ({@link #code()}) and does in enforce mode. The expected outcome per container
 * and mode follows from these facts by wsguard's rules of behaviour (docs/how-it-works.md) ({@link #expect}).
 */
public record Scenario(String id, String title, AppSetup setup, RawRequest request,
                       Map<String, String> extraGuardParams, String code, EnforceAction enforceAction,
                       Map<String, List<String>> startupLineSays, List<String> lineSays,
                       PerContainer<ContainerAnswer> containers) implements PerContainer.Entry<ContainerAnswer> {

    /** Headers wsguard's own answers carry, whatever the code. */
    public static final String GUARD_CODE_HEADER = "WSGuard-Code";

    /**
     * @param code the code wsguard logs for this request where it sees it, or null
     * @param startupLineSays startup codes besides {@code WSG00}, each with what its line must contain
     * @param lineSays what the per-request line must say in every container and mode: the cause, who answered, the fix
     * @param containers what each container answers on its own, or why the row cannot run there
     */
    public Scenario {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(setup, "setup of " + id);
        Objects.requireNonNull(request, "request of " + id);
        extraGuardParams = Map.copyOf(extraGuardParams);
        startupLineSays = Map.copyOf(startupLineSays);
        lineSays = List.copyOf(lineSays);
        if (code == null && enforceAction != EnforceAction.UNCHANGED) {
            throw new IllegalStateException(id + ": an enforce answer needs a code");
        }
        if (code != null && lineSays.isEmpty()) {
            throw new IllegalStateException(id + ": say what its " + code + " line must tell the user (says)");
        }
    }

    public static Builder row(String id, String title) {
        return new Builder(id, title);
    }

    /** Startup codes besides {@code WSG00}. */
    public Set<String> startupCodes() {
        return startupLineSays.keySet();
    }

    /** The container's own answer; fails for a container this row has no observation for. */
    public ContainerAnswer answer(ContainerKind container) {
        if (!containers.runsOn(container)) {
            throw new IllegalStateException("row " + id + " does not run on " + container + ": "
                    + containers.notRunReason(container));
        }
        ContainerAnswer answer = containers.answer(container);
        if (answer == null) {
            throw new IllegalStateException("row " + id + " records no answer for " + container
                    + ": observe it (ScenarioContract.containerAnswersAsCatalogued prints it) and add it to ScenarioCatalogue");
        }
        return answer;
    }

    public Deployment guardedDeployment(GuardMode mode) {
        return Guard.deployment(setup, mode, extraGuardParams);
    }

    /** The outcome wsguard must produce for this row on this container, in log or enforce mode. */
    public Expectation expect(ContainerKind container, GuardMode mode) {
        return expect(answer(container), container.refusalsCarryUpgrade(), mode, lineSays);
    }

    /**
     * The outcome wsguard must produce for this row where the application answers {@code answer} on its own (a
     * Spring Boot application, whose answers and request paths are its own), with {@code lineSays} in place of the
     * row's where that application's line words who answered otherwise.
     */
    public Expectation expect(ContainerAnswer answer, boolean refusalsCarryUpgrade, GuardMode mode,
                              List<String> lineSays) {
        if (mode == GuardMode.OFF) {
            throw new IllegalArgumentException("the catalogue describes log and enforce mode");
        }
        boolean seen = answer.reachesFirstFilter();
        String logged = seen ? code : null;
        Set<String> startup = new LinkedHashSet<>();
        startup.add("WSG00");
        startup.addAll(startupLineSays.keySet());
        if (mode == GuardMode.LOG || !seen || enforceAction == EnforceAction.UNCHANGED) {
            return new Expectation(answer.status(), answer.headers(), List.of(GUARD_CODE_HEADER), null, logged,
                    logged == null ? List.of() : lineSays, startup, startupLineSays, false,
                    answer.connectionWorksAfter101());
        }
        List<HeaderRule> headers = new ArrayList<>();
        headers.add(HeaderRule.exact(GUARD_CODE_HEADER, code));
        headers.add(HeaderRule.ignoringCase("Content-Type", "text/plain;charset=UTF-8"));
        headers.add(HeaderRule.exact("X-Content-Type-Options", "nosniff"));
        headers.add(HeaderRule.exact("Cache-Control", "no-store"));
        List<String> absent = new ArrayList<>();
        if (enforceAction == EnforceAction.REJECT_426 || enforceAction == EnforceAction.REJECT_426_VERSION) {
            if (refusalsCarryUpgrade) {
                headers.add(HeaderRule.ignoringCase("Upgrade", "websocket"));
                headers.add(HeaderRule.hasToken("Connection", "upgrade"));
            } else {
                absent.add("Upgrade");
            }
        }
        if (enforceAction == EnforceAction.REJECT_426_VERSION) {
            headers.add(HeaderRule.exact("Sec-WebSocket-Version", "13"));
        }
        for (HeaderRule arrives : answer.guardAnswerHeaders()) {
            headers.removeIf(rule -> rule.name().equalsIgnoreCase(arrives.name()));
            headers.add(arrives);
        }
        return new Expectation(enforceAction.status(), headers, absent, code, code, lineSays, startup, startupLineSays,
                true, true);
    }

    @Override
    public String toString() {
        return id;
    }

    public static final class Builder {
        private final String id;
        private final String title;
        private AppSetup setup;
        private RawRequest request;
        private final Map<String, String> extraGuardParams = new LinkedHashMap<>();
        private String code;
        private EnforceAction enforceAction = EnforceAction.UNCHANGED;
        private final Map<String, List<String>> startupCodes = new LinkedHashMap<>();
        private final List<String> lineSays = new ArrayList<>();
        private final PerContainer.Builder<ContainerAnswer> containers = new PerContainer.Builder<>();

        private Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public Builder setup(AppSetup setup) {
            this.setup = setup;
            return this;
        }

        public Builder request(RawRequest request) {
            this.request = request;
            return this;
        }

        public Builder guardParam(String name, String value) {
            extraGuardParams.put(name, value);
            return this;
        }

        /** wsguard logs this code where it sees the request; enforce mode leaves the answer alone. */
        public Builder logs(String code) {
            this.code = code;
            return this;
        }

        /** wsguard logs this code and, in enforce mode, answers itself. */
        public Builder rejects(String code, EnforceAction action) {
            this.code = code;
            this.enforceAction = action;
            return this;
        }

        /**
         * Words the logged line must contain wherever wsguard sees the request, in both modes: the code alone
         * would pass a line that names the wrong servlet, endpoint or fix.
         */
        public Builder says(String... fragments) {
            lineSays.addAll(List.of(fragments));
            return this;
        }

        /** A startup code wsguard must log for this setup, and what its line must contain. */
        public Builder startupCode(String code, String... says) {
            startupCodes.put(code, List.of(says));
            return this;
        }

        /** What these containers answer on their own (the same answer on each). */
        public Builder on(ContainerAnswer answer, ContainerKind... kinds) {
            containers.on(answer, kinds);
            return this;
        }

        /** The row cannot run on this container as it stands (the setup does not exist there), and why. */
        public Builder notOn(ContainerKind container, String reason) {
            containers.notOn(reason, container);
            return this;
        }

        public Scenario build() {
            return new Scenario(id, title, setup, request, extraGuardParams, code, enforceAction, startupCodes,
                    lineSays, containers.build());
        }
    }
}
