package dev.wsguard.suite.contracts;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.ContainerUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the reliability contracts share: the container a module runs them on, one adapter for the test class, and
 * their results written once it is closed, whatever failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractOnOneContainer {

    private final ContainerKind kind;
    private ContainerUnderTest container;

    protected ContractOnOneContainer(ContainerKind kind) {
        this.kind = kind;
    }

    @BeforeAll
    final void createAdapter() {
        container = kind.newAdapter();
        opened();
    }

    @AfterAll
    final void closeAndWriteResults() {
        try {
            closing();
            container.close();
        } finally {
            writeResults();
        }
    }

    protected final ContainerKind kind() {
        return kind;
    }

    protected final ContainerUnderTest container() {
        return container;
    }

    /** After the adapter is created: what the class holds open besides. */
    protected void opened() {
    }

    /** Before the adapter is closed: what the class held open besides. */
    protected void closing() {
    }

    /** The results under {@code target/reliability/}, for docs/reliability.md. */
    protected abstract void writeResults();
}
