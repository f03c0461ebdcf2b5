package dev.wsguard.suite.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The attack list itself: ids unique, every request writable as bytes, every 64 KiB attack marked as such. */
class AttackCatalogueTest {

    @Test
    void attackListIsConsistent() {
        Set<String> ids = new TreeSet<>();
        for (Attack a : AttackCatalogue.attacks()) {
            assertTrue(ids.add(a.id()), "duplicate attack id " + a.id());
            int length = a.request().toBytes("127.0.0.1:1").length;
            assertEquals(length > 16 * 1024, a.big(), a.id() + ": " + length + " bytes, big=" + a.big());
        }
    }
}
