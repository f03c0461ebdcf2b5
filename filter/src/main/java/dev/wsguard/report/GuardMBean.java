package dev.wsguard.report;

import dev.wsguard.diagnosis.DiagnosisCode;
import java.util.ArrayList;
import java.util.List;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;

/**
 * The JMX view of one filter instance: a read-only counter per code ({@code WSG01}...), plus
 * {@code upgradeRequests}, {@code upgradesCompleted}, {@code mode} and {@code context}. A
 * DynamicMBean so the attribute names are exactly the codes.
 */
public final class GuardMBean implements DynamicMBean {

    public static final String UPGRADE_REQUESTS = "upgradeRequests";
    public static final String UPGRADES_COMPLETED = "upgradesCompleted";
    public static final String MODE = "mode";
    public static final String CONTEXT = "context";
    public static final String ENDPOINTS = "endpoints";
    public static final String SERVER_INFO = "serverInfo";

    private final GuardCounters counters;
    private final String mode;
    private final String context;
    private volatile String[] endpoints;
    private final String serverInfo;
    private final MBeanInfo info;

    /**
     * @param context    the context path ({@code ""} for the root context)
     * @param endpoints  the endpoint templates known in the context; other contexts of the same
     *                   server read them for "the endpoint is in context /x" hints
     * @param serverInfo the container's server info, so those hints stay within one server
     */
    public GuardMBean(GuardCounters counters, String mode, String context, String[] endpoints, String serverInfo) {
        this.counters = counters;
        this.mode = mode;
        this.context = context;
        this.endpoints = endpoints.clone();
        this.serverInfo = serverInfo;
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        for (DiagnosisCode code : DiagnosisCode.values()) {
            attributes.add(new MBeanAttributeInfo(code.name(), "long", "Incidents of " + code + ": " + code.meaning(),
                    true, false, false));
        }
        attributes.add(new MBeanAttributeInfo(UPGRADE_REQUESTS, "long", "WebSocket upgrade attempts that reached the"
                + " filter", true, false, false));
        attributes.add(new MBeanAttributeInfo(UPGRADES_COMPLETED, "long", "Upgrade attempts the filter saw answered 101",
                true, false, false));
        attributes.add(new MBeanAttributeInfo(MODE, "java.lang.String", "The filter's mode", true, false, false));
        attributes.add(new MBeanAttributeInfo(CONTEXT, "java.lang.String", "The guarded context path", true, false,
                false));
        attributes.add(new MBeanAttributeInfo(ENDPOINTS, "[Ljava.lang.String;", "WebSocket endpoint paths known in the"
                + " context", true, false, false));
        attributes.add(new MBeanAttributeInfo(SERVER_INFO, "java.lang.String", "The container's server info", true,
                false, false));
        this.info = new MBeanInfo(GuardMBean.class.getName(), "wsguard: WebSocket handshake diagnoses for one context",
                attributes.toArray(new MBeanAttributeInfo[0]), null, new MBeanOperationInfo[0], null);
    }

    /** The endpoint templates known now, after a framework told its own. */
    public void endpoints(String[] paths) {
        this.endpoints = paths.clone();
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
        if (UPGRADE_REQUESTS.equals(name)) {
            return counters.upgradeRequests();
        }
        if (UPGRADES_COMPLETED.equals(name)) {
            return counters.upgradesCompleted();
        }
        if (MODE.equals(name)) {
            return mode;
        }
        if (CONTEXT.equals(name)) {
            return context;
        }
        if (ENDPOINTS.equals(name)) {
            return endpoints.clone();
        }
        if (SERVER_INFO.equals(name)) {
            return serverInfo;
        }
        for (DiagnosisCode code : DiagnosisCode.values()) {
            if (code.name().equals(name)) {
                return counters.get(code);
            }
        }
        throw new AttributeNotFoundException("wsguard has no attribute [" + name + "]");
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("wsguard attributes are read-only");
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        for (String name : names) {
            try {
                list.add(new Attribute(name, getAttribute(name)));
            } catch (AttributeNotFoundException e) {
                // JMX: unknown names are left out of the list.
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("wsguard has no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
