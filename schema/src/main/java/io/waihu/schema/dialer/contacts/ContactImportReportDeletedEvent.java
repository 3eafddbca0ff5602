package io.waihu.schema.dialer.contacts;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** An import's reject report was deleted and its key destroyed (retention over, or an erasure). */
@EventName("dialer.ContactImportReportDeleted")
@Revision("1")
public record ContactImportReportDeletedEvent(String importId, String campaignId, String reason) {
}
