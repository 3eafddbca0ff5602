package io.waihu.backend.api.telephony;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of trunks and phone credentials. */
public final class TelephonyTypes {

    private TelephonyTypes() {
    }

    @Type("Trunk")
    @Description("A carrier trunk. Its password is never returned: hasPassword says whether one is set.")
    public record Trunk(@NonNull String id, @NonNull String name, @NonNull String host, @NonNull int port,
            @NonNull String transport, String username, @NonNull boolean hasPassword, String callerId,
            @NonNull String dialPrefix, @NonNull int maxChannels, @NonNull boolean enabled,
            @NonNull @Description("NONE (RTP/AVP) or SDES_SRTP (RTP/SAVP, SDES keys): what the gateway offers the carrier")
            String mediaEncryption,
            @NonNull @Description("E.164 prefixes this trunk carries (empty: every number)") List<String> prefixes,
            @NonNull @Description("Rank among trunks whose prefix matches a number equally well: lower first")
            int priority,
            @NonNull int version,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel) {
    }

    @Input("TrunkInput")
    @Description("A trunk's settings. Leave password out to keep the stored one; send an empty string to remove it. "
            + "Leave mediaEncryption out to keep the current one (NONE for a new trunk). Calls without a chosen "
            + "trunk go to the enabled trunk whose prefixes (E.164, e.g. +86, +86400) match the number longest, "
            + "then the lowest priority (0-1000), then the name, passing over trunks whose channels are all in use; "
            + "leave prefixes or priority out to keep them (every number, priority 0 for a new trunk).")
    public record TrunkInput(@NonNull String name, @NonNull String host, Integer port, String transport,
            String username, String password, String callerId, String dialPrefix, Integer maxChannels,
            Boolean enabled, String mediaEncryption, List<String> prefixes, Integer priority) {
    }

    @Type("SipCredentials")
    @Description("What a phone registers with. wsUri is set when the gateway's WebSocket address is configured; "
            + "otherwise a browser uses ws://<this page's host>:wsPort.")
    public record SipCredentials(@NonNull String username, @NonNull String password, @NonNull String realm,
            String wsUri, Integer wsPort, Integer udpPort) {
    }
}
