package io.waihu.backend.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request whose fields fail one after another is logged once, not a stack per field. */
class FieldErrorExtensionTest {

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(FieldErrorExtension.class.getName());
    private Vertx vertx;

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        logger.removeHandler(capture);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aHundredFailingFieldsOfOneRequestWriteOneErrorAndTwoRequestsTwo() throws Exception {
        FieldErrorExtension extension = new FieldErrorExtension();
        for (int request = 0; request < 2; request++) {
            Context perRequest = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            CompletableFuture<Void> done = new CompletableFuture<>();
            perRequest.runOnContext(ignored -> {
                for (int field = 0; field < 100; field++) {
                    extension.mapValueFrom(new IllegalStateException("fault in field " + field));
                }
                done.complete(null);
            });
            done.get(10, TimeUnit.SECONDS);
        }
        assertThat(errors).hasSize(2);
    }

    @Test
    void aClientMistakeIsNotLoggedAtAll() {
        new FieldErrorExtension().mapValueFrom(new ApiError.NotFound("no such customer"));
        assertThat(errors).isEmpty();
    }
}
