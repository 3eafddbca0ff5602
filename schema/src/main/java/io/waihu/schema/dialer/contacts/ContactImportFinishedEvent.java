package io.waihu.schema.dialer.contacts;

import io.waihu.schema.common.EventName;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * An import ended: done, or failed ({@code message} says why; the contacts of the chunks
 * stored before stay). The counts are the reader's: rows read, accepted (of which
 * {@code partial} lost a number), rejected, per reason code ({@code DUPLICATE},
 * {@code BLACKLISTED}, {@code ALREADY_IN_CAMPAIGN}, …) for rows and for dropped numbers.
 *
 * @param reportKept whether an encrypted reject report is kept for download
 */
@EventName("dialer.ContactImportFinished")
@Revision("1")
public record ContactImportFinishedEvent(String importId, String campaignId, boolean failed, String message,
        long rowsRead, long accepted, long partial, long rejected, Map<String, Long> rejectedBy,
        Map<String, Long> numbersDropped, long customersCreated, boolean reportKept) {
}
