package dev.wsguard.it.containers;

/**
 * One servlet container the suite runs on. An implementation builds a fresh server per call (nothing
 * stateful is shared between calls), bound to 127.0.0.1 on an ephemeral port, with a single context at
 * {@link AppSetup#CONTEXT_PATH}; it throws if the context does not come up (a filter whose {@code init}
 * fails, say), so that a broken deployment is never mistaken for a container answer.
 */
public interface ContainerUnderTest {

    RunningServer start(Deployment deployment) throws Exception;
}
