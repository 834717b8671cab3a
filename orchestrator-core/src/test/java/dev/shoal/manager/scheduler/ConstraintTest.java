package dev.shoal.manager.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConstraintTest {
    @Test
    void parsesBothOperatorsAndTrims() {
        Constraint c = Constraint.parse(" node.labels.zone == east ");
        assertEquals(new Constraint("node.labels.zone", true, "east"), c);
        assertFalse(Constraint.parse("node.role!=manager").equal());
    }

    @Test
    void rejectsBadExpressionsWithClearMessages() {
        assertEquals("invalid constraint \"node.role\": expected one operator from ==, !=",
                assertThrows(IllegalArgumentException.class, () -> Constraint.parse("node.role")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Constraint.parse("node.colour==red")).getMessage()
                .contains("unknown key 'node.colour'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Constraint.parse("node.role==a>b")).getMessage()
                .contains("value 'a>b' is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Constraint.parse("==x")).getMessage().contains("key '' is invalid"));
        assertThrows(IllegalArgumentException.class, () -> Constraint.parse("node.labels.==x"));
    }
}
