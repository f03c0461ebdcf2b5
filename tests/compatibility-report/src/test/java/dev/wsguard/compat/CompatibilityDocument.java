package dev.wsguard.compat;

import dev.wsguard.testkit.http.JdkWebSocketClient;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.report.BootKind;
import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.CaseResult.Section;
import dev.wsguard.suite.report.ResultsFile;
import dev.wsguard.suite.scenarios.EnforceAction;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.suite.scenarios.Scenario;
import dev.wsguard.suite.scenarios.ScenarioCatalogue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders docs/compatibility.md from the results of one run. Everything in it comes from the results (which
 * the suites normalise: no port, no timing), so the same code on the same containers renders the same text.
 */
final class CompatibilityDocument {

    /** Starts the one line that depends on the machine more than on the code; the staleness check leaves it out. */
    static final String RUN_ENVIRONMENT = "Run environment (not compared by the staleness check): ";

    private static final String WEB_SOCKET_HANDSHAKE_EXCEPTION = "java.net.http.WebSocketHandshakeException";

    /**
     * The containers tests/javax and tests/javax-jetty-12.1 must have results for (their result labels, as patterns),
     * each with where its results come from: each runs in a Surefire execution of its own, so one can be missing
     * while another ran.
     */
    private static final Map<String, String> JAVAX_CONTAINERS = javaxContainers();

    // How tests/javax names its valid-upgrade cases and the variant of the rows it does not run.
    private static final String JAVAX_VALID_UPGRADE = "valid upgrade to /app/echo";
    private static final String JAVAX_NOT_RUN = "not run";

    private static Map<String, String> javaxContainers() {
        Map<String, String> containers = new LinkedHashMap<>();
        containers.put("Tomcat 9\\.0\\.\\d+", "Tomcat 9.0 (tests/javax, Tomcat9CatalogueTest)");
        containers.put("Jetty 12\\.0\\.\\d+ ee8", "Jetty 12.0 ee8 (tests/javax, JettyEe8CatalogueTest)");
        containers.put("Jetty 12\\.1\\.\\d+ ee8", "Jetty 12.1 ee8 (tests/javax-jetty-12.1, JettyEe8CatalogueTest)");
        return containers;
    }

    private final List<CaseResult> results;
    private final String java;

    /** @param java the JDK the run used, for the run-environment line */
    CompatibilityDocument(List<CaseResult> results, String java) {
        this.results = List.copyOf(results);
        this.java = java;
    }

    /** The document without its run-environment line: what must match between the committed file and a run. */
    static String withoutRunEnvironment(String document) {
        return document.lines().filter(line -> !line.startsWith(RUN_ENVIRONMENT))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private List<CaseResult> of(Section section) {
        return results.stream().filter(r -> r.section().equals(section.name()))
                .sorted(Comparator.comparing((CaseResult r) -> ResultsFile.sortKey(r.item()))
                        .thenComparing(CaseResult::variant))
                .collect(Collectors.toList());
    }

    private CaseResult find(Section section, ContainerKind container, String item, String variant) {
        return find(section, container.label(), item, variant);
    }

    private CaseResult find(Section section, String label, String item, String variant) {
        return results.stream().filter(r -> r.section().equals(section.name()) && r.container().equals(label)
                && r.item().equals(item) && (variant == null || r.variant().equals(variant))).findFirst().orElse(null);
    }

    String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Where wsguard was proven\n\n");
        md.append("Generated from a run of the suite by `compatibility-report` (`mvn verify` checks that this file matches"
                + " the run; `mvn verify -Dwsguard.compat.update=true` rewrites it). Every server ran embedded on"
                + " 127.0.0.1, port 0, embedded or as the real distribution its users download ([Real server"
                + " distributions](#real-server-distributions)), and every request below went over a raw socket or"
                + " through a real client. Ports"
                + " are written `{authority}`, and GlassFish's per-variant context paths (`/app-log`, `/app-enforce`...)"
                + " are written `/app`.\n\n");
        md.append(RUN_ENVIRONMENT).append("Java ").append(java);
        results.stream().filter(r -> r.details().containsKey("internal chain")).findFirst().ifPresent(r -> md
                .append("; its WebSocket client words a refused handshake as `")
                .append(r.details().get("internal chain").replace("`", "'")).append("` (the tables show only its public"
                        + " `WebSocketHandshakeException` and the status it exposes)"));
        md.append(".\n\n");
        containers(md);
        failures(md);
        catalogue(md);
        bootCatalogue(md);
        distributions(md);
        javax(md);
        differences(md);
        notRun(md);
        differential(md);
        echo(md);
        mappings(md);
        jdkClient(md);
        clients(md);
        wsg13(md);
        evidence(md);
        lines(md);
        return md.toString();
    }

    private void containers(StringBuilder md) {
        md.append("## Containers\n\n");
        md.append("| Container | Version run | How | Module | Catalogue rows run | Cases passed |\n|---|---|---|---|---|---|\n");
        for (ContainerKind kind : ContainerKind.values()) {
            CaseResult c = find(Section.CONTAINER, kind, kind.product(), null);
            List<CaseResult> mine = results.stream().filter(r -> r.container().equals(kind.label())
                    && !r.section().equals(Section.NOT_RUN.name()) && !r.section().equals(Section.CLIENT.name()))
                    .collect(Collectors.toList());
            long passed = mine.stream().filter(CaseResult::passed).count();
            long rows = ScenarioCatalogue.rows().stream().filter(r -> r.runsOn(kind)).count();
            String version = c == null ? "**not run**" : c.outcome() + (c.note().isEmpty() ? "" : " (" + c.note() + ")");
            md.append("| ").append(kind.product()).append(" | ").append(version).append(" | ").append(kind.setup())
                    .append(" | `").append(kind.module()).append("` | ").append(rows).append(" of ")
                    .append(ScenarioCatalogue.rows().size()).append(" | ").append(passed).append(" of ").append(mine.size())
                    .append(" |\n");
        }
        for (BootKind kind : BootKind.values()) {
            CaseResult c = find(Section.CONTAINER, kind.label(), "Spring Boot", null);
            List<CaseResult> mine = results.stream().filter(r -> r.container().equals(kind.label())
                    && !r.section().equals(Section.NOT_RUN.name())).collect(Collectors.toList());
            long passed = mine.stream().filter(CaseResult::passed).count();
            long rows = mine.stream().filter(r -> r.section().equals(Section.BASELINE.name())).count();
            md.append("| Spring Boot ").append(kind.bootVersion()).append(" | ")
                    .append(c == null ? "**not run**" : c.outcome() + (c.passed() ? "" : " ✗")).append(" | ")
                    .append(BootKind.HOW).append(" | `").append(kind.module()).append("` | ").append(rows).append(" of ")
                    .append(ScenarioCatalogue.rows().size()).append(" | ").append(passed).append(" of ").append(mine.size())
                    .append(" |\n");
        }
        List<CaseResult> clients = of(Section.CLIENT);
        md.append("\nReal clients (every container module's `RealClientContract`): ")
                .append(clients.stream().filter(CaseResult::passed).count())
                .append(" of ").append(clients.size()).append(" cases passed.\n\n");
    }

    /**
     * The catalogue replayed on real distributions (tests/distributions' CatalogueReplay): per distribution, a
     * summary row, then each case with the set-up, the mode, the answer and the code its one line carried.
     */
    private void distributions(StringBuilder md) {
        md.append("## Real server distributions\n\n");
        md.append("`tests/distributions`: each server as its users download it from Maven Central and start it, the"
                + " WARs dropped in, wsguard's lines read from the server's own log file up to a marker request (so"
                + " each request is shown to leave exactly one line). The rows are the catalogue's requests, moved"
                + " into the context named; the answers are checked against what the catalogue expects of the"
                + " embedded build of the same server. `differential` compares the sample with wsguard in `log`"
                + " mode and without it (status line, headers but `Date` and cookie values, body); `redeploy`"
                + " redeploys the sample as the server's users do.\n\n");
        Map<String, List<CaseResult>> byDistribution = byContainer(Section.DISTRIBUTION);
        if (byDistribution.isEmpty()) {
            md.append("None ran.\n\n");
            return;
        }
        md.append("| Distribution | Set-ups | Cases passed |\n|---|---|---|\n");
        byDistribution.forEach((distribution, cases) -> md.append("| ").append(distribution).append(" | ")
                .append(String.join(", ", cases.stream().map(r -> r.details().getOrDefault("setup", ""))
                        .collect(Collectors.toCollection(java.util.TreeSet::new))))
                .append(" | ").append(cases.stream().filter(CaseResult::passed).count()).append(" of ")
                .append(cases.size()).append(" |\n"));
        md.append('\n');
        byDistribution.forEach((distribution, cases) -> {
            md.append("<details><summary>").append(distribution).append("</summary>\n\n");
            md.append("| Case | Set-up, mode | Answer | Codes |\n|---|---|---|---|\n");
            // The catalogue's order (S2 before S10), then the target.
            cases.stream().sorted(Comparator.comparing(CaseResult::variant)
                            .thenComparing(r -> ResultsFile.sortKey(r.item().split(" ", 2)[0]) + r.item()))
                    .forEach(r -> md.append("| ").append(r.item()).append(" | ").append(r.variant()).append(" | ")
                            .append(r.outcome()).append(r.passed() ? "" : " ✗").append(" | ")
                            .append(r.codes().isEmpty() ? "—" : String.join(" ", r.codes())).append(" |\n"));
            md.append("\n</details>\n\n");
        });
    }

    /** A section's results by the container (or distribution) that gave them, in name order. */
    private Map<String, List<CaseResult>> byContainer(Section section) {
        Map<String, List<CaseResult>> by = new TreeMap<>();
        of(section).forEach(r -> by.computeIfAbsent(r.container(), k -> new ArrayList<>()).add(r));
        return by;
    }

    /**
     * The javax build of the filter on javax containers (tests/javax, tests/javax-jetty-12.1): per container, a
     * summary row, then each catalogue row's answer and codes in log and enforce mode, the rows not run there and the
     * valid upgrade.
     */
    private void javax(StringBuilder md) {
        md.append("## javax containers (wsguard-filter-javax)\n\n");
        md.append("`tests/javax` (and `tests/javax-jetty-12.1` for Jetty 12.1): the javax build of the filter,"
                + " `wsguard-filter-javax` ([javax.md](javax.md)), in the"
                + " `WEB-INF/lib` of javax WARs on embedded javax containers. Each row's app is such a WAR, the"
                + " catalogue's fixtures rewritten to javax by the jar's own rules; its answer, headers and codes are held"
                + " to what the catalogue records for the nearest jakarta container (\"Held to\"), but where the javax"
                + " container answers otherwise on its own (¹, with the reason below its table). Cells read as in the"
                + " catalogue: the answer (in bold wsguard's own), then the codes logged (WSG00 left out; `—` where"
                + " nothing was).\n\n");
        Map<String, List<CaseResult>> byContainer = byContainer(Section.JAVAX);
        if (byContainer.isEmpty()) {
            md.append("None ran.\n\n");
            return;
        }
        md.append("| Container | Held to | Cases passed |\n|---|---|---|\n");
        byContainer.forEach((container, cases) -> {
            List<CaseResult> ran = cases.stream().filter(r -> !r.variant().equals(JAVAX_NOT_RUN))
                    .collect(Collectors.toList());
            md.append("| ").append(container).append(" | ").append(String.join(", ", ran.stream()
                            .map(r -> r.details().get("held to")).filter(Objects::nonNull)
                            .collect(Collectors.toCollection(java.util.TreeSet::new))))
                    .append(" | ").append(ran.stream().filter(CaseResult::passed).count()).append(" of ")
                    .append(ran.size()).append(" |\n");
        });
        md.append('\n');
        byContainer.forEach((container, cases) -> {
            md.append("<details><summary>").append(container).append("</summary>\n\n");
            md.append("| Row | Request | log | enforce |\n|---|---|---|---|\n");
            // Note -> rows, so that a reason shared by two rows is written once.
            Map<String, List<String>> rowsByNote = new LinkedHashMap<>();
            Set<String> rows = new LinkedHashSet<>();
            cases.stream().filter(r -> r.variant().equals("log") || r.variant().equals("enforce"))
                    .filter(r -> !r.item().equals(JAVAX_VALID_UPGRADE)).forEach(r -> rows.add(r.item()));
            for (String row : rows) {
                CaseResult log = find(Section.JAVAX, container, row, "log");
                CaseResult enforce = find(Section.JAVAX, container, row, "enforce");
                CaseResult any = log != null ? log : enforce;
                String note = any.note();
                if (!note.isEmpty()) {
                    rowsByNote.computeIfAbsent(note, k -> new ArrayList<>()).add(row);
                }
                md.append("| ").append(row).append(note.isEmpty() ? "" : "¹").append(" | ")
                        .append(cell(any.details().getOrDefault("title", ""))).append(" | ").append(status(log))
                        .append(' ').append(codes(log)).append(" | ").append(status(enforce)).append(' ')
                        .append(codes(enforce)).append(" |\n");
            }
            md.append('\n');
            rowsByNote.forEach((note, ids) -> md.append("¹ **").append(String.join(", ", ids)).append("**: ")
                    .append(note).append(".\n\n"));
            cases.stream().filter(r -> r.variant().equals(JAVAX_NOT_RUN)).forEach(r -> md.append("Not run: **")
                    .append(r.item()).append("** (").append(r.details().getOrDefault("title", "")).append("): ")
                    .append(r.note()).append(".\n\n"));
            md.append("A valid upgrade to `/app/echo` (two text frames echoed, the close answered, no line logged):");
            List<String> echoes = new ArrayList<>();
            for (String variant : List.of("without wsguard", "off", "log", "enforce")) {
                CaseResult r = find(Section.JAVAX, container, JAVAX_VALID_UPGRADE, variant);
                echoes.add(" " + variant + " " + (r == null ? "?" : r.passed() ? shortEcho(r.outcome())
                        : "✗ " + r.outcome()));
            }
            md.append(String.join(";", echoes)).append(".\n\n</details>\n\n");
        });
    }

    private void failures(StringBuilder md) {
        List<CaseResult> failed = results.stream().filter(r -> !r.passed())
                .sorted(Comparator.comparing(CaseResult::container).thenComparing(r -> ResultsFile.sortKey(r.item()))
                        .thenComparing(CaseResult::variant))
                .collect(Collectors.toList());
        md.append("## Open failures\n\n");
        if (failed.isEmpty()) {
            md.append("None: every case of the run met its expectation.\n\n");
            return;
        }
        md.append("Cases of this run that did not meet their expectation (the suite fails on each):\n\n");
        md.append("| Container | Part | Case | Variant | What the client got |\n|---|---|---|---|---|\n");
        for (CaseResult r : failed) {
            md.append("| ").append(r.container()).append(" | ").append(r.section().toLowerCase()).append(" | ")
                    .append(cell(r.item())).append(" | ").append(cell(r.variant())).append(" | ")
                    .append(cell(r.outcome() + headersNote(r))).append(" |\n");
        }
        md.append('\n');
    }

    private static String headersNote(CaseResult r) {
        String headers = r.details().getOrDefault("headers", "");
        return headers.isEmpty() ? "" : " (" + headers.replace("<br>", "; ") + ")";
    }

    private void catalogue(StringBuilder md) {
        md.append("## The catalogue on every container\n\n");
        md.append("Each cell: the container's own answer without wsguard, then the answer and the codes wsguard logged"
                + " in `log` and in `enforce` mode (startup line WSG00 left out; `—` where nothing was logged). A status"
                + " in bold is wsguard's own answer. ✗ marks a case that failed its expectation; `n/a` a row that does not"
                + " run there (see [Rows not run](#rows-not-run)); ¹ a difference from docs/scenarios.md (see"
                + " [Differences](#differences-from-scenariosmd)).\n\n");
        containerColumns(md, "Row", "Request");
        for (Scenario row : ScenarioCatalogue.rows()) {
            md.append("| ").append(row.id()).append(" | ").append(cell(row.title())).append(" |");
            for (ContainerKind kind : ContainerKind.values()) {
                md.append(' ').append(catalogueCell(row, kind)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void bootCatalogue(StringBuilder md) {
        md.append("## The catalogue on Spring Boot\n\n");
        md.append("The same rows on a Spring Boot application (`tests/spring-boot`'s `WsguardBootApp`: a Spring"
                + " `WebSocketHandler` at `/echo`, STOMP and SockJS, a `@ServerEndpoint`, Spring Security's form login"
                + " on `/secure/**`, an SPA fallback for one-segment paths, Spring's 404 elsewhere) with wsguard from the"
                + " starter alone, which discovers the endpoints. Each row's request is moved onto the application's"
                + " paths (its context is the root; \"Sent\" shows the request line): without wsguard"
                + " (`wsguard.enabled=false`), then in `log` and in `enforce` mode, over raw sockets. Cells read as above;"
                + " ² marks an answer that differs from docs/scenarios.md (see below the table).\n\n");
        md.append("| Row | Sent |");
        for (BootKind kind : BootKind.values()) {
            md.append(" Boot ").append(kind.bootVersion()).append(", ").append(kind.container()).append(' ')
                    .append(kind.containerVersion()).append(" |");
        }
        md.append("\n|---|---|").append("---|".repeat(BootKind.values().length)).append('\n');
        // Note -> Boot module -> rows: one bullet per note and set of modules, naming its rows.
        Map<String, Map<String, List<String>>> byNote = new LinkedHashMap<>();
        for (Scenario row : ScenarioCatalogue.rows()) {
            String sent = null;
            StringBuilder cells = new StringBuilder();
            for (BootKind kind : BootKind.values()) {
                CaseResult alone = find(Section.BASELINE, kind.label(), row.id(), null);
                CaseResult log = find(Section.CATALOGUE, kind.label(), row.id(), "log");
                CaseResult enforce = find(Section.CATALOGUE, kind.label(), row.id(), "enforce");
                if (alone == null && log == null && enforce == null) {
                    cells.append(" n/a |");
                    continue;
                }
                if (sent == null && alone != null) {
                    sent = alone.details().get("request");
                }
                String note = alone == null ? "" : alone.note();
                if (!note.isEmpty()) {
                    byNote.computeIfAbsent(note, k -> new LinkedHashMap<>())
                            .computeIfAbsent(kind.displayName(), k -> new ArrayList<>()).add(row.id());
                }
                // What the container does to wsguard's own answer shows in enforce mode only.
                String enforceNote = enforce == null || !enforce.note().startsWith(note) ? ""
                        : enforce.note().substring(note.length()).trim();
                if (!enforceNote.isEmpty()) {
                    byNote.computeIfAbsent("(enforce) " + enforceNote, k -> new LinkedHashMap<>())
                            .computeIfAbsent(kind.displayName(), k -> new ArrayList<>()).add(row.id());
                }
                cells.append(" alone ").append(status(alone)).append(note.isEmpty() ? "" : "²").append("<br>log ")
                        .append(status(log)).append(' ').append(codes(log)).append("<br>enforce ").append(status(enforce))
                        .append(enforceNote.isEmpty() ? "" : "²").append(' ').append(codes(enforce)).append(" |");
            }
            md.append("| ").append(row.id()).append(" | ").append(sent == null ? "" : "`" + cell(sent) + "`").append(" |")
                    .append(cells).append('\n');
        }
        md.append("\nWhere the Boot application answers otherwise than docs/scenarios.md says (on every Boot module"
                + " unless named):\n\n");
        Map<String, String> bullets = new LinkedHashMap<>();
        byNote.forEach((note, rowsByKind) -> {
            Map<List<String>, List<String>> kindsByRows = new LinkedHashMap<>();
            rowsByKind.forEach((kind, ids) -> kindsByRows.computeIfAbsent(ids, k -> new ArrayList<>()).add(kind));
            kindsByRows.forEach((ids, kinds) -> bullets.put((kinds.size() == BootKind.values().length ? ""
                    : String.join(", ", kinds) + ". ") + "**" + String.join(", ", ids) + "**: " + note, ""));
        });
        bullets.keySet().forEach(bullet -> md.append("- ").append(bullet).append('\n'));
        md.append('\n');
    }

    /** A table head: the two leading columns, then one column per container. */
    private static void containerColumns(StringBuilder md, String first, String second) {
        md.append("| ").append(first).append(" | ").append(second).append(" |");
        for (ContainerKind kind : ContainerKind.values()) {
            md.append(' ').append(kind.displayName()).append(" |");
        }
        md.append("\n|---|---|").append("---|".repeat(ContainerKind.values().length)).append('\n');
    }

    private String catalogueCell(Scenario row, ContainerKind kind) {
        if (!row.runsOn(kind)) {
            return "n/a";
        }
        CaseResult alone = find(Section.BASELINE, kind, row.id(), null);
        CaseResult log = find(Section.CATALOGUE, kind, row.id(), "log");
        CaseResult enforce = find(Section.CATALOGUE, kind, row.id(), "enforce");
        String note = (alone != null && !alone.note().isEmpty()) || (enforce != null && !enforce.note().isEmpty()) ? "¹" : "";
        return "alone " + status(alone) + note + "<br>log " + status(log) + " " + codes(log)
                + "<br>enforce " + status(enforce) + " " + codes(enforce);
    }

    private static String status(CaseResult r) {
        if (r == null) {
            return "?";
        }
        String outcome = r.outcome();
        String shown = outcome.contains("WSGuard-Code") ? "**" + outcome.substring(0, outcome.indexOf(' ')) + "**"
                : outcome.startsWith("unreadable") ? "unreadable" : outcome.split(" ")[0];
        return shown + (r.passed() ? "" : " ✗");
    }

    private static String codes(CaseResult r) {
        if (r == null) {
            return "";
        }
        // Sorted: where a container creates filters lazily (Undertow), startup and request lines race.
        List<String> codes = r.codes().stream().filter(c -> !c.equals("WSG00")).sorted().collect(Collectors.toList());
        return codes.isEmpty() ? "—" : String.join(" ", codes);
    }

    private void differences(StringBuilder md) {
        md.append("## Differences from docs/scenarios.md\n\n");
        md.append("docs/scenarios.md records what Jetty 12.1 and Tomcat 11 answer. Where a container answers otherwise (or changes"
                + " wsguard's own answer), the catalogue records it as data with this note:\n\n");
        Map<String, Set<String>> byNote = new LinkedHashMap<>();
        for (Scenario row : ScenarioCatalogue.rows()) {
            for (ContainerKind kind : ContainerKind.values()) {
                if (!row.runsOn(kind) || !row.recordsSomethingFor(kind)) {
                    continue;
                }
                String note = row.answer(kind).differenceFromReference();
                if (!note.isEmpty()) {
                    byNote.computeIfAbsent("**" + row.id() + "**: " + note, k -> new LinkedHashSet<>()).add(kind.displayName());
                }
                String guard = row.answer(kind).guardAnswerNote();
                if (!guard.isEmpty()) {
                    byNote.computeIfAbsent("**" + row.id() + "** (enforce): " + guard, k -> new LinkedHashSet<>())
                            .add(kind.displayName());
                }
            }
        }
        byNote.forEach((note, kinds) -> md.append("- ").append(String.join(", ", kinds)).append(". ").append(note)
                .append('\n'));
        for (ContainerKind kind : ContainerKind.values()) {
            if (kind.refusalsCarryUpgrade()) {
                continue;
            }
            // One bullet for every 426 wsguard itself answers there: the same reason holds for each.
            List<String> ids = ScenarioCatalogue.rows().stream()
                    .filter(row -> row.runsOn(kind) && row.recordsSomethingFor(kind))
                    .filter(row -> row.enforceAction() == EnforceAction.REJECT_426
                            || row.enforceAction() == EnforceAction.REJECT_426_VERSION)
                    .filter(row -> row.expect(kind, GuardMode.ENFORCE).answeredByGuard())
                    .map(Scenario::id).collect(Collectors.toList());
            if (!ids.isEmpty()) {
                md.append("- ").append(kind.displayName()).append(". **").append(String.join(", ", ids))
                        .append("** (enforce): ").append(ContainerKind.REFUSALS_WITHOUT_UPGRADE).append('\n');
            }
        }
        md.append('\n');
    }

    private void notRun(StringBuilder md) {
        md.append("## Rows not run\n\n");
        List<CaseResult> rows = of(Section.NOT_RUN);
        if (rows.isEmpty()) {
            md.append("Every row ran on every container.\n\n");
            return;
        }
        // A row that does not fit the Boot application does not fit it on any Boot module: one line, every module named.
        Map<String, List<String>> containersByRow = new LinkedHashMap<>();
        Map<String, CaseResult> firstByRow = new LinkedHashMap<>();
        for (CaseResult r : rows) {
            String key = r.item() + "\n" + r.note();
            containersByRow.computeIfAbsent(key, k -> new ArrayList<>()).add(r.container());
            firstByRow.putIfAbsent(key, r);
        }
        containersByRow.forEach((key, containers) -> {
            CaseResult r = firstByRow.get(key);
            md.append("- ").append(String.join(", ", containers)).append(", ").append(r.item()).append(" (")
                    .append(r.details().get("title")).append("): ").append(r.note()).append('\n');
        });
        md.append('\n');
    }

    private void differential(StringBuilder md) {
        md.append("## Log mode changes nothing\n\n");
        md.append("Each row sent once to the app alone and once with wsguard in `log` mode: status line, every header"
                + " (order and case; `Date` aside) and the body must be the same bytes.\n\n");
        md.append("| Container | Rows with identical answers |\n|---|---|\n");
        for (ContainerKind kind : ContainerKind.values()) {
            List<CaseResult> mine = of(Section.DIFFERENTIAL).stream().filter(r -> r.container().equals(kind.label()))
                    .collect(Collectors.toList());
            List<String> different = mine.stream().filter(r -> !r.passed()).map(CaseResult::item).collect(Collectors.toList());
            md.append("| ").append(kind.displayName()).append(" | ").append(mine.size() - different.size()).append(" of ")
                    .append(mine.size()).append(different.isEmpty() ? "" : " (different: " + String.join(", ", different) + ")")
                    .append(" |\n");
        }
        for (BootKind kind : BootKind.values()) {
            List<CaseResult> mine = of(Section.DIFFERENTIAL).stream().filter(r -> r.container().equals(kind.label()))
                    .collect(Collectors.toList());
            List<String> different = mine.stream().filter(r -> !r.passed()).map(CaseResult::item).collect(Collectors.toList());
            md.append("| ").append(kind.displayName()).append(" | ").append(mine.size() - different.size()).append(" of ")
                    .append(mine.size()).append(" requests²").append(different.isEmpty() ? ""
                            : " (different: " + String.join(", ", different) + ")").append(" |\n");
        }
        md.append("\n² On Spring Boot, `tests/spring-boot`'s `StarterLogModeChangesNothingTest`: the application"
                + " twice (`--wsguard.mode=log`, `--wsguard.enabled=false`) and twelve raw requests of its own (the typo,"
                + " SockJS, the login redirect, the malformed handshakes, a POST handshake, a form POST); besides"
                + " `Date`, what two instances legitimately answer differently is normalised (the port, the"
                + " `JSESSIONID` value, SockJS's `entropy`, an error document's `timestamp`).\n\n");
    }

    private void echo(StringBuilder md) {
        md.append("## A valid upgrade works in every mode\n\n");
        md.append("`GET /app/echo` with a valid handshake, then a 13-character and a 300-character text frame and a"
                + " close; in `log` and `enforce` mode wsguard must log no incident.\n\n");
        List<String> variants = List.of("without wsguard", "off", "log", "enforce");
        md.append("| Container |");
        variants.forEach(v -> md.append(' ').append(v).append(" |"));
        md.append("\n|---|").append("---|".repeat(variants.size())).append('\n');
        for (ContainerKind kind : ContainerKind.values()) {
            md.append("| ").append(kind.displayName()).append(" |");
            for (String v : variants) {
                CaseResult r = find(Section.ECHO, kind, "valid upgrade to /app/echo", v);
                md.append(' ').append(r == null ? "?" : cell(r.passed() ? shortEcho(r.outcome()) : "✗ " + r.outcome()))
                        .append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String shortEcho(String outcome) {
        return outcome.replaceFirst("^HTTP/1\\.[01] ", "").replace(", echo of 13 chars and 300 chars, close answered",
                ", echo ✓");
    }

    private void mappings(StringBuilder md) {
        md.append("## What wsguard learns from the container\n\n");
        md.append("wsguard deployed with no `endpoints` param (and, embedded, no initializer of its own running): its"
                + " startup line WSG00 lists what it read from the container's own mappings.\n\n");
        md.append("| Container | WSG00 says | When |\n|---|---|---|\n");
        for (ContainerKind kind : ContainerKind.values()) {
            CaseResult r = find(Section.MAPPINGS, kind, "WSG00 without the endpoints param", null);
            md.append("| ").append(kind.displayName()).append(" | ")
                    .append(r == null ? "?" : cell((r.passed() ? "" : "✗ ") + r.outcome())).append(" | ")
                    .append(r == null ? "" : cell(r.note())).append(" |\n");
        }
        md.append("\nOn GlassFish the sample WAR runs, so wsguard's own initializer scans its endpoints; Tyrus offers no"
                + " mapping wsguard can read.\n\n");
    }

    private void jdkClient(StringBuilder md) {
        md.append("## The JDK's WebSocket client on every container\n\n");
        md.append("The catalogue rows a real client can send, through `java.net.http.WebSocket` (no library): what its user"
                + " sees without wsguard and with wsguard in `enforce` mode (`[status ..., WSGuard-Code: ...]`: what"
                + " `WebSocketHandshakeException.getResponse()` exposes). Each must match the catalogue's answer for"
                + " that container.\n\n");
        containerColumns(md, "Row", "wsguard");
        for (Scenario row : ScenarioCatalogue.realClientRows()) {
            for (String variant : List.of("without wsguard", "wsguard enforce")) {
                md.append("| ").append(row.id()).append(" | ").append(variant).append(" |");
                for (ContainerKind kind : ContainerKind.values()) {
                    CaseResult r = find(Section.JDK_CLIENT, kind, row.id(), variant);
                    md.append(' ').append(r == null ? "?" : cell((r.passed() ? "" : "✗ ")
                            + r.outcome().replace(WEB_SOCKET_HANDSHAKE_EXCEPTION + " ", "refused ")
                            .replace("connected, echo '" + JdkWebSocketClient.TEXT + "'", "opens, echo ✓"))).append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\nRows: ").append(ScenarioCatalogue.realClientRows().stream().map(r -> r.id() + " " + r.title())
                .collect(Collectors.joining("; "))).append(".\n\n");
    }

    private void clients(StringBuilder md) {
        md.append("## Real clients\n\n");
        md.append("What a user's client reports for the main misroutings, directly and through a real nginx, without"
                + " wsguard and with wsguard in `enforce` mode (`[status ..., WSGuard-Code: ...]`: what the client exposes to its caller), on every"
                + " container. The suite asserts each exception chain exactly. Tyrus's client runs in a class loader of"
                + " its own; on GlassFish it is the Tyrus GlassFish bundles, and Jetty's client is the module's own"
                + " Jetty 12.0 in the Jetty 12.0 module.\n\n");
        List<CaseResult> all = of(Section.CLIENT);
        List<String> containers = all.stream().map(CaseResult::container).distinct()
                .sorted(Comparator.comparing(CompatibilityDocument::kindOrder)).collect(Collectors.toList());
        for (String container : containers) {
            md.append("### Server: ").append(container).append("\n\n");
            Map<Integer, String> clientNames = new TreeMap<>();
            all.stream().filter(r -> r.container().equals(container))
                    .forEach(r -> clientNames.put(clientOrder(r.variant()), r.details().get("client")));
            md.append("Clients: ").append(String.join(", ", clientNames.values())).append(".\n\n");
            md.append("| Scenario | URL path | wsguard | Client | What the client reports | wsguard logged |\n"
                    + "|---|---|---|---|---|---|\n");
            List<CaseResult> mine = all.stream().filter(r -> r.container().equals(container))
                    .sorted(Comparator.comparing((CaseResult r) -> scenarioOrder(r.item()))
                            .thenComparing(r -> r.variant().split(" / ")[1]).thenComparing(r -> clientOrder(r.variant())))
                    .collect(Collectors.toList());
            for (CaseResult r : mine) {
                String[] parts = r.variant().split(" / ");
                md.append("| ").append(r.item()).append(" | `").append(r.details().get("path")).append("` | ")
                        .append(parts[1]).append(" | ").append(parts[0]).append(" | ")
                        .append(cell((r.passed() ? "" : "✗ ") + r.outcome())).append(" | ")
                        .append(r.codes().isEmpty() ? "—" : String.join(" ", r.codes())).append(" |\n");
            }
            md.append('\n');
        }
        md.append("Scenarios: ");
        Map<String, String> descriptions = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing((CaseResult r) -> scenarioOrder(r.item())))
                .forEach(r -> descriptions.putIfAbsent(r.item(), r.details().get("scenario")));
        md.append(descriptions.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "))).append(".\n\n");
    }

    private static int scenarioOrder(String item) {
        List<String> order = List.of("RIGHT_URL", "TYPO", "CONTEXT_PATH_TWICE", "CONTEXT_PATH_MISSING", "SPA_FALLBACK",
                "NOT_FOUND", "NGINX_WEBSOCKET", "NGINX_NAIVE");
        int i = order.indexOf(item);
        return i < 0 ? order.size() : i;
    }

    private static int clientOrder(String variant) {
        return List.of("TYRUS", "JDK", "JETTY").indexOf(variant.split(" / ")[0]);
    }

    private void wsg13(StringBuilder md) {
        md.append("## Tyrus's servlet integration where it cannot work (WSG13)\n\n");
        md.append("A WAR with wsguard (log mode), the `/echo` endpoint and a servlet at `/`, plus Tyrus 2.2.0's servlet"
                + " integration (`tyrus-container-servlet` and what it brings) where the setup says. One upgrade is sent"
                + " only where that is safe and bounded; never to Jetty 12.1 with Tyrus, whose thread spins.\n\n");
        md.append("| Container | Setup | Deployment | WSG13 logged | One upgrade |\n|---|---|---|---|---|\n");
        for (CaseResult r : of(Section.WSG13).stream()
                .sorted(Comparator.comparing((CaseResult r) -> kindOrder(r.container())).thenComparing(CaseResult::item))
                .collect(Collectors.toList())) {
            List<String> lines = r.lines().stream().map(CompatibilityDocument::wsg13Gist).collect(Collectors.toList());
            md.append("| ").append(r.container()).append(" | ").append(cell(r.variant())).append(" | ")
                    .append(cell((r.passed() ? "" : "✗ ") + r.details().get("deployment"))).append(" | ")
                    .append(lines.isEmpty() ? "—" : cell(String.join(" / ", lines))).append(" | ")
                    .append(cell(r.details().get("upgrade") + failure(r))).append(" |\n");
        }
        md.append("\nThe full WSG13 lines are in [What wsguard logged](#what-wsguard-logged).\n\n");
    }

    private void evidence(StringBuilder md) {
        md.append("## GlassFish: why wsguard's 426 carries no Upgrade there\n\n");
        md.append("RFC 9110 asks every 426 to carry `Upgrade`, and wsguard's does on every other container. On GlassFish"
                + " a servlet in a test WAR answers a plain GET with the 426 wsguard would write (text/plain body, fixed"
                + " length, `Sec-WebSocket-Version: 13`), once without and once with `Upgrade: websocket` and"
                + " `Connection: Upgrade`; a raw socket records what arrives (`Date` left out):\n\n");
        md.append("| Container | Variant | What arrived |\n|---|---|---|\n");
        for (CaseResult r : of(Section.EVIDENCE)) {
            md.append("| ").append(r.container()).append(" | ").append(cell(r.variant())).append(" | ")
                    .append(cell((r.passed() ? "" : "✗ ") + r.outcome())).append(" |\n");
        }
        md.append('\n');
    }

    /** The failure after the upgrade as the endpoint's @OnError got it (the only place it shows), or empty. */
    private static String failure(CaseResult r) {
        String failure = r.details().get("failure");
        return failure == null ? "" : "; only the endpoint's @OnError hears why: `" + failure.split(" <- ")[0] + "`";
    }

    private static int kindOrder(String label) {
        for (ContainerKind kind : ContainerKind.values()) {
            if (kind.label().equals(label)) {
                return kind.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The WSG13 line up to its first colon after the problem's name: which implementation, on what. */
    private static String wsg13Gist(String line) {
        String s = line.replaceFirst("^WSG13 In context \\S+ \\([^)]*\\), ", "");
        int colon = s.indexOf(':');
        return colon > 0 ? s.substring(0, colon) : s;
    }

    private void lines(StringBuilder md) {
        md.append("## What wsguard logged\n\n");
        md.append("The lines of `log` mode for every catalogue row, as the run logged them (the row's own startup lines"
                + " such as WSG10 and WSG11 first, then the per-incident ones), then the WSG13 lines.\n\n");
        for (ContainerKind kind : ContainerKind.values()) {
            md.append("<details><summary>").append(kind.displayName()).append("</summary>\n\n");
            for (Scenario row : ScenarioCatalogue.rows()) {
                CaseResult log = find(Section.CATALOGUE, kind, row.id(), "log");
                if (log == null || log.lines().isEmpty()) {
                    continue;
                }
                for (String line : log.lines()) {
                    md.append("- ").append(row.id()).append(": `").append(line.replace("`", "'")).append("`\n");
                }
            }
            for (CaseResult r : of(Section.WSG13)) {
                if (r.container().equals(kind.label())) {
                    for (String line : r.lines()) {
                        md.append("- ").append(r.item()).append(": `").append(line.replace("`", "'")).append("`\n");
                    }
                }
            }
            md.append("\n</details>\n\n");
        }
        for (BootKind kind : BootKind.values()) {
            md.append("<details><summary>").append(kind.displayName()).append("</summary>\n\n");
            for (Scenario row : ScenarioCatalogue.rows()) {
                CaseResult log = find(Section.CATALOGUE, kind.label(), row.id(), "log");
                if (log == null) {
                    continue;
                }
                for (String line : log.lines()) {
                    md.append("- ").append(row.id()).append(": `").append(line.replace("`", "'")).append("`\n");
                }
            }
            md.append("\n</details>\n\n");
        }
    }

    private static String cell(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }

    /** The cases this run skipped, grouped by reason ({@code nginx is not installed (...): 24 cases (...)}), or empty. */
    String skipped() {
        Map<String, List<String>> byReason = new TreeMap<>();
        results.stream().filter(CaseResult::wasSkipped).forEach(r -> byReason.computeIfAbsent(r.skippedBecause(),
                k -> new ArrayList<>()).add(r.container() + " " + r.item() + " " + r.variant()));
        return byReason.entrySet().stream().map(e -> e.getValue().size() + (e.getValue().size() == 1 ? " case" : " cases")
                        + " because " + e.getKey() + " ("
                        + String.join(", ", e.getValue().subList(0, Math.min(3, e.getValue().size())))
                        + (e.getValue().size() > 3 ? ", ..." : "") + ")")
                .collect(Collectors.joining("; "));
    }

    /** For the test's failure message: which containers have no results at all. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (ContainerKind kind : ContainerKind.values()) {
            if (find(Section.CONTAINER, kind, kind.product(), null) == null) {
                missing.add(kind.label() + " (its suite did not run: " + kind.module() + ")");
            }
        }
        for (ContainerKind kind : ContainerKind.values()) {
            if (results.stream().noneMatch(r -> r.section().equals(Section.CLIENT.name()) && r.container().equals(kind.label()))) {
                missing.add("real clients on " + kind.label() + " (" + kind.module() + ")");
            }
        }
        for (ContainerKind kind : List.of(ContainerKind.JETTY_12_1, ContainerKind.JETTY_12_0, ContainerKind.TOMCAT_11,
                ContainerKind.TOMCAT_10_1)) {
            if (results.stream().noneMatch(r -> r.section().equals(Section.WSG13.name()) && r.container().equals(kind.label()))) {
                missing.add("WSG13 on " + kind.label());
            }
        }
        for (BootKind kind : BootKind.values()) {
            if (find(Section.CONTAINER, kind.label(), "Spring Boot", null) == null) {
                missing.add(kind.label() + " (the catalogue on Spring Boot did not run: " + kind.module() + ")");
            }
            if (results.stream().noneMatch(r -> r.section().equals(Section.DIFFERENTIAL.name())
                    && r.container().equals(kind.label()))) {
                missing.add("the log-mode differential on " + kind.label() + " (" + kind.module() + ")");
            }
        }
        JAVAX_CONTAINERS.forEach((label, where) -> {
            if (results.stream().noneMatch(r -> r.section().equals(Section.JAVAX.name()) && r.container().matches(label))) {
                missing.add("the catalogue with wsguard-filter-javax on " + where);
            }
        });
        if (of(Section.EVIDENCE).isEmpty()) {
            missing.add("GlassFish's 426 evidence (" + ContainerKind.GLASSFISH_7.module() + ")");
        }
        return missing;
    }
}
