package io.waihu.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The log context's rules: how it renders, how children extend it, and what the logger does with it. */
class LogContextTest {

    @Test
    void contextRendersItsEntriesInOrderInBrackets() {
        assertThat(LogContext.call("c-1").child("leg", "agent")).hasToString("[call=c-1 leg=agent]");
    }

    @Test
    void noContextRendersAsNothing() {
        assertThat(LogContext.NONE).hasToString("");
    }

    @Test
    void childLeavesItsParentAsItWas() {
        LogContext call = LogContext.call("c-1");
        call.child("leg", "customer");
        assertThat(call).hasToString("[call=c-1]");
    }

    @Test
    void aKeyGivenAgainKeepsItsPlaceWithTheNewValue() {
        LogContext before = LogContext.of("sip", "abc").child("leg", "agent");
        assertThat(before.child("sip", "xyz")).hasToString("[sip=xyz leg=agent]");
    }

    @Test
    void everyLineOfAContextLoggerStartsWithItsContext() {
        List<LogRecord> records = capture(() -> ContextLogger.of(LogContextTest.class, LogContext.call("c-2"))
                .child("leg", "agent").infof("rang %d times", 3));
        assertThat(records).extracting(LogRecord::getMessage).containsExactly("[call=c-2 leg=agent] rang 3 times");
    }

    @Test
    void aDisabledLevelFormatsNothing() {
        Object explosive = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("formatted although DEBUG is off");
            }
        };
        List<LogRecord> records = capture(() -> ContextLogger.of(LogContextTest.class, LogContext.call("c-3"))
                .debugf("%s", explosive));
        assertThat(records).isEmpty();
    }

    /** Runs {@code logging} with this class's logger at INFO and returns what it wrote. */
    private static List<LogRecord> capture(Runnable logging) {
        Logger logger = Logger.getLogger(LogContextTest.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
                // kept in memory
            }

            @Override
            public void close() {
                // kept in memory
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addHandler(handler);
        try {
            logging.run();
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
        return records;
    }
}
