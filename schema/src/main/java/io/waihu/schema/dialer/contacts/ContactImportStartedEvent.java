package io.waihu.schema.dialer.contacts;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** An import began ({@code attempt} 1, or more when a failed import of the same file runs again). */
@EventName("dialer.ContactImportStarted")
@Revision("1")
public record ContactImportStartedEvent(String importId, String campaignId, String fileName, String sha256,
        long bytes, boolean createCustomers, int attempt) {

    /** Metadata key: the node running the import, so a restarted node fails its own interrupted imports only. */
    public static final String NODE = "node";
}
