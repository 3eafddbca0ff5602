package io.waihu.schema.telephony;

import io.waihu.schema.common.EventName;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Which numbers a trunk carries and how it ranks. A call without a chosen trunk goes to the
 * enabled trunk whose prefix matches the number longest, then the lowest {@code priority},
 * then the name, skipping trunks whose channels are all in use.
 *
 * @param prefixes E.164 prefixes with the plus ({@code +86}, {@code +86400}); empty = every number
 * @param priority lower is preferred; 0 for a trunk never given one
 */
@EventName("telephony.TrunkRoutingChanged")
@Revision("1")
public record TrunkRoutingChangedEvent(String trunkId, List<String> prefixes, int priority) {
}
