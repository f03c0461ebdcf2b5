package dev.wsguard.testkit.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to deploy at {@link AppSetup#CONTEXT_PATH}, the same way on every container:
 * <ul>
 *   <li>an app setup (endpoints, WebSocket support on or off, its servlets and filters);</li>
 *   <li>the deployment's own filters, registered in this order before the app's own: wsguard, a probe standing in
 *       its place, a probe before it that sees what escapes it, a misbehaving filter after it;</li>
 *   <li>servlets besides the app's own (a fault servlet, a reflecting one), registered after them;</li>
 *   <li>the container's settings ({@link ContainerSettings}); an adapter that cannot apply them to one deployment
 *       says so ({@link ContainerUnderTest#supports(ContainerSettings)}).</li>
 * </ul>
 * Immutable: the {@code with} methods return a changed copy.
 */
public record Deployment(AppSetup app, List<FilterSpec> filters, List<ServletSpec> servlets,
                         ContainerSettings settings) {

    public Deployment {
        Objects.requireNonNull(app, "app");
        filters = List.copyOf(filters);
        servlets = List.copyOf(servlets);
        Objects.requireNonNull(settings, "settings");
    }

    public static Deployment of(AppSetup app) {
        return new Deployment(app, List.of(), List.of(), ContainerSettings.DEFAULTS);
    }

    /** The app with one filter registered before all others on its pattern (wsguard, or a probe in its place). */
    public static Deployment of(AppSetup app, FilterSpec firstFilter) {
        return of(app).withFilterLast(firstFilter);
    }

    /** The filter registered before every other, if the deployment has filters of its own. */
    public Optional<FilterSpec> firstFilter() {
        return filters.isEmpty() ? Optional.empty() : Optional.of(filters.get(0));
    }

    /** Whether this is what the scenario catalogue deploys: an app setup, at most one filter, no more. */
    public boolean isAppSetupOnly() {
        return filters.size() <= 1 && servlets.isEmpty() && settings.isDefault();
    }

    /** A copy with {@code filter} registered before the deployment's other filters. */
    public Deployment withFilterFirst(FilterSpec filter) {
        List<FilterSpec> more = new ArrayList<>();
        more.add(filter);
        more.addAll(filters);
        return new Deployment(app, more, servlets, settings);
    }

    /** A copy with {@code filter} registered after the deployment's other filters (before the app's own). */
    public Deployment withFilterLast(FilterSpec filter) {
        List<FilterSpec> more = new ArrayList<>(filters);
        more.add(filter);
        return new Deployment(app, more, servlets, settings);
    }

    /** A copy with one more servlet. */
    public Deployment withServlet(ServletSpec servlet) {
        List<ServletSpec> more = new ArrayList<>(servlets);
        more.add(servlet);
        return new Deployment(app, filters, more, settings);
    }

    /** A copy with these container settings. */
    public Deployment with(ContainerSettings containerSettings) {
        return new Deployment(app, filters, servlets, containerSettings);
    }

    /** The app's servlets, then the deployment's. */
    public List<ServletSpec> allServlets() {
        List<ServletSpec> all = new ArrayList<>(app.servlets());
        all.addAll(servlets);
        return all;
    }

    /** The deployment's filters, then the app's. */
    public List<FilterSpec> allFilters() {
        List<FilterSpec> all = new ArrayList<>(filters);
        all.addAll(app.appFilters());
        return all;
    }
}
