package io.waihu.backend.calls;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Whether an event processor has applied every event up to a position, on whichever nodes its
 * segments run. The processor's own status shows only the segments this node has claimed; the
 * token table ({@code TokenEntry}, Axon's default schema) holds them all. Reading it directly claims nothing ({@code TokenStore.fetchToken}
 * would take the segment from the node processing it).
 */
@Singleton
public class ProcessorCatchUp {

    private final AgroalDataSource dataSource;
    private final EventProcessingConfiguration processing;
    private final EventStore events;

    public ProcessorCatchUp(AgroalDataSource dataSource, EventProcessingConfiguration processing, EventStore events) {
        this.dataSource = dataSource;
        this.processing = processing;
        this.events = events;
    }

    /** The global position of the newest event, or -1 for an empty store. */
    public long head() {
        return events.createHeadToken().position().orElse(-1L);
    }

    /** Whether every segment of {@code processor} has passed {@code position} (false while it has none). */
    public boolean reached(String processor, long position) throws SQLException {
        if (position < 0) {
            return true;
        }
        if (!(processing.tokenStore(processor) instanceof JdbcTokenStore store)) {
            throw new IllegalStateException("processor " + processor + " keeps no tokens in the database");
        }
        Serializer serializer = store.serializer();
        boolean any = false;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT token, tokenType FROM TokenEntry WHERE processorName = ?")) {
            select.setString(1, processor);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    any = true;
                    if (position(serializer, rows.getBytes(1), rows.getString(2)).orElse(-1L) < position) {
                        return false;
                    }
                }
            }
        }
        return any;
    }

    private static OptionalLong position(Serializer serializer, byte[] token, String type) {
        if (token == null || type == null) {
            return OptionalLong.empty();
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking == null ? OptionalLong.empty() : tracking.position();
    }
}
