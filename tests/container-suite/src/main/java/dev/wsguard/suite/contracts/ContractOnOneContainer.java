package dev.wsguard.suite.contracts;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.ContainerUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the contracts share: the container a module runs them on, one adapter for the test class, and their results
 * written once it is closed, whatever failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractOnOneContainer {

    /** The container this contract runs on. */
    protected final ContainerKind kind;
    /** The adapter the contract runs on (a shared server, where the container has one, is started once per class). */
    protected ContainerUnderTest container;

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
            if (container != null) {
                container.close();
            }
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

    /** The results the contract writes under {@code target/}, for the documents generated from a run. */
    protected abstract void writeResults();
}
