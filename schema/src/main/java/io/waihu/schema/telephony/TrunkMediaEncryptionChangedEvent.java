package io.waihu.schema.telephony;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/**
 * A trunk's media encryption setting changed. Its own event rather than a field of
 * {@link TrunkConfiguredEvent}, which is published already: a trunk without this event in its
 * stream offers plain RTP ({@link TrunkMediaEncryption#NONE}).
 */
@EventName("telephony.TrunkMediaEncryptionChanged")
@Revision("1")
public record TrunkMediaEncryptionChangedEvent(String trunkId, TrunkMediaEncryption mediaEncryption) {
}
