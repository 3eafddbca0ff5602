package io.waihu.backend.calls;

import io.waihu.backend.privacy.DataKeyStore;
import io.waihu.projections.calls.CallRecordProjection;
import io.waihu.projections.support.ReactiveBridge;
import io.waihu.schema.calls.CallDataErasedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.LogContext;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A customer's voice is personal data too: when the customer is erased, the recordings of
 * their calls are deleted (the events keep size and hash, the file is gone); so is the
 * recording of a call to a number that is no customer's when that call is erased. Erasure and a
 * recording being stored can arrive in either order on different processors, so both are
 * handled: the erasure deletes what the call records list, and a recording stored for an
 * already erased customer is deleted on arrival. Deleting is idempotent, so a replay is harmless.
 */
@Singleton
@ProcessingGroup(RecordingEraser.GROUP)
public class RecordingEraser {

    public static final String GROUP = "recording-erasure";
    private static final Logger LOG = Logger.getLogger(RecordingEraser.class);

    private final CallRecordProjection calls;
    private final DataKeyStore keys;
    private final Path root;

    public RecordingEraser(CallRecordProjection calls, DataKeyStore keys,
            @ConfigProperty(name = "waihu.recordings.dir") Path root) {
        this.calls = calls;
        this.keys = keys;
        this.root = root.toAbsolutePath().normalize();
    }

    @EventHandler
    void on(CustomerErasedEvent event) {
        List<String> paths = ReactiveBridge.await(() -> calls.recordingPathsOf(event.customerId()));
        paths.forEach(this::delete);
        LOG.infof("customer %s erased: %d recording(s) deleted", event.customerId(), paths.size());
    }

    @EventHandler
    void on(CallDataErasedEvent event) {
        if (event.recordingPath() != null) {
            delete(event.recordingPath());
            ContextLogger.of(RecordingEraser.class, LogContext.call(event.callId())).infof("erased: recording deleted");
        }
    }

    @EventHandler
    void on(CallRecordingStoredEvent event) {
        if (keys.erased(CallPlacedEvent.subjectOf(event.callId(), event.customerId()))) {
            delete(event.path());
        }
    }

    private void delete(String relative) {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            LOG.warnf("not deleting %s: outside the recordings folder", relative);
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete recording " + file, e);
        }
    }
}
