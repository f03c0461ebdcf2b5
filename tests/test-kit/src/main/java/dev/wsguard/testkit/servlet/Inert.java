package dev.wsguard.testkit.servlet;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Servlet objects that answer every call with nothing: null, false, zero or an empty enumeration. The doubles
 * here extend the Servlet API's wrappers around one of these, so they spell out only the behaviour a test reads.
 */
public final class Inert {

    private Inert() {
    }

    /** An instance of the interface whose every method answers {@link #answer}. */
    public static <T> T of(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(Inert.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer(proxy, method, args, "inert " + type.getSimpleName())));
    }

    /** The answer of an inert proxy, Object's methods included: identity equality, a name for failure text. */
    static Object answer(Object proxy, Method method, Object[] args, String name) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return name;
            default:
                return answer(method);
        }
    }

    /** What an inert object answers a method: the empty value of its return type. */
    static Object answer(Method method) {
        Class<?> type = method.getReturnType();
        if (type == Enumeration.class) {
            return Collections.emptyEnumeration();
        }
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
