package io.waihu.schema.telephony;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A trunk's full settings after a change. The digest password is a secret: it is sealed with
 * the trunk's own data key ({@code dataSubject} = {@code trunk:<id>}) like personal data, so
 * it never sits readable in the event table.
 */
@EventName("telephony.TrunkConfigured")
@Revision("1")
public record TrunkConfiguredEvent(
        String trunkId,
        @DataSubject String dataSubject,
        String name,
        String host,
        int port,
        TrunkTransport transport,
        String username,
        @PersonalData String password,
        String callerId,
        String dialPrefix,
        int maxChannels,
        boolean enabled) {

    public static String subjectOf(String trunkId) {
        return "trunk:" + trunkId;
    }
}
