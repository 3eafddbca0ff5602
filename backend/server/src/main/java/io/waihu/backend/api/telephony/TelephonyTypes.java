package io.waihu.backend.api.telephony;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;
import static io.waihu.backend.api.support.ApiTypes.USER_ERRORS;

import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.UserError;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * The GraphQL types of trunks and phone credentials. The enums mirror the stored ones value for
 * value, described here so the schema module stays free of GraphQL.
 */
public final class TelephonyTypes {

    private TelephonyTypes() {
    }

    @Enum("TrunkTransport")
    @Description("How SIP reaches the carrier.")
    public enum TrunkTransport {
        @Description("SIP over UDP (RFC 3261), what most carriers take.")
        UDP,
        @Description("SIP over TCP.")
        TCP,
        @Description("SIP over TLS: the carrier's certificate must name the host and chain to a trusted CA.")
        TLS;

        io.waihu.schema.telephony.TrunkTransport stored() {
            return io.waihu.schema.telephony.TrunkTransport.valueOf(name());
        }
    }

    @Enum("MediaEncryption")
    @Description("What the gateway offers the carrier for the call's audio.")
    public enum MediaEncryption {
        @Description("RTP/AVP: plain RTP.")
        NONE,
        @Description("RTP/SAVP with SDES keys (RFC 4568); a carrier answering without SRTP fails the call.")
        SDES_SRTP;

        io.waihu.schema.telephony.TrunkMediaEncryption stored() {
            return io.waihu.schema.telephony.TrunkMediaEncryption.valueOf(name());
        }
    }

    @Type("Trunk")
    @Description("A carrier trunk. Its password is never returned: hasPassword says whether one is set.")
    public record Trunk(@NonNull @Id @Description("The trunk's id.") String id,
            @NonNull @Description("A name for people; trunks are listed by it.") String name,
            @NonNull @Description("The carrier's SIP host.") String host,
            @NonNull @Description("The carrier's SIP port.") int port,
            @NonNull @Description("How SIP reaches the carrier.") TrunkTransport transport,
            @Description("The digest username the carrier gave, if it asks for one.") String username,
            @NonNull @Description("Whether a digest password is set (it is never returned).") boolean hasPassword,
            @Description("The number presented to customers, if the carrier lets you set it.") String callerId,
            @NonNull @Description("Digits put before every number dialed (empty: none).") String dialPrefix,
            @NonNull @Description("Calls at once on this trunk; more are refused with CONGESTION.") int maxChannels,
            @NonNull @Description("Whether calls may go out on it.") boolean enabled,
            @NonNull @Description("What the gateway offers the carrier for audio.") MediaEncryption mediaEncryption,
            @NonNull @Description("E.164 prefixes this trunk carries (empty: every number)")
            List<@NonNull String> prefixes,
            @NonNull @Description("Rank among trunks whose prefix matches a number equally well: lower first")
            int priority,
            @NonNull @Description("The trunk's version: the number of its events.") int version) implements Node {

        @Override
        @Ignore
        public String getId() {
            return id;
        }
    }

    @Input("ConfigureTrunkInput")
    @Description("A trunk's settings. Leave id out to create a trunk. Leave password out to keep the stored one; "
            + "send an empty string to remove it. Leave mediaEncryption out to keep the current one (NONE for a new "
            + "trunk). Calls without a chosen trunk go to the enabled trunk whose prefixes (E.164, e.g. +86, "
            + "+86400) match the number longest, then the lowest priority (0-1000), then the name, passing over "
            + "trunks whose channels are all in use; leave prefixes or priority out to keep them (every number, "
            + "priority 0 for a new trunk).")
    public record ConfigureTrunkInput(@Id @Description("The trunk to change; left out, a new one.") String id,
            @NonNull @Description("A name for people, unique among trunks.") String name,
            @NonNull @Description("The carrier's SIP host name or IP address.") String host,
            @Description("Default 5060.") Integer port,
            @Description("Default UDP.") TrunkTransport transport,
            @Description("The username of the carrier's digest challenge; left out, none (or kept).") String username,
            @Description("Its password: left out, kept; an empty string removes it. Never returned.") String password,
            @Description("The caller-ID number presented to the carrier (E.164), if the carrier wants one.") String callerId,
            @Description("Digits put before the dialed number, e.g. a carrier's route prefix.") String dialPrefix,
            @Description("Default 30.") Integer maxChannels,
            @Description("Default true.") Boolean enabled,
            @Description("What the gateway offers the carrier for media; left out, kept (NONE for a new trunk).")
            MediaEncryption mediaEncryption,
            @Description("E.164 prefixes this trunk carries (empty: every number); left out, kept.") List<String> prefixes,
            @Description("Rank among trunks matching a number equally well, 0-1000, lower first; left out, kept.")
            Integer priority) {
    }

    @Input("RemoveTrunkInput")
    @Description("The trunk to remove.")
    public record RemoveTrunkInput(@NonNull @Id @Description("The trunk to remove.") String id) {
    }

    @Type("ConfigureTrunkPayload")
    @Description("The result of configureTrunk.")
    public record ConfigureTrunkPayload(@Description("The trunk as configured; null when refused.") Trunk trunk,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("RemoveTrunkPayload")
    @Description("The result of removeTrunk.")
    public record RemoveTrunkPayload(@Id @Description("The id of the trunk removed; null when refused.")
            String removedTrunkId, @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Input("SetSipPasswordInput")
    @Description("Whose SIP password to set, and to what.")
    public record SetSipPasswordInput(@NonNull @Id @Description("The user whose phones register with it.") String userId,
            @Description("The new SIP password; left out, a strong one is generated.") String password) {
    }

    @Type("SetSipPasswordPayload")
    @Description("The result of setSipPassword.")
    public record SetSipPasswordPayload(
            @Description("What the user's phones register with now; null when refused.") SipCredentials credentials,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("SipCredentials")
    @Description("What a phone registers with. wsUri is set when the gateway's WebSocket address is configured; "
            + "otherwise a browser uses wss://<this page's host>:wssPort on an https page and "
            + "ws://<this page's host>:wsPort on an http one.")
    public record SipCredentials(@NonNull @Description("The SIP username (the user's).") String username,
            @NonNull @Description("The SIP password.") String password,
            @NonNull @Description("The digest realm.") String realm,
            @Description("The WebSocket address for browser phones, when configured.") String wsUri,
            @Description("The SIP-over-WebSocket port.") Integer wsPort,
            @Description("The SIP-over-secure-WebSocket (TLS) port, for pages served over https; null when the "
                    + "gateway has no secure WebSocket listener.") Integer wssPort,
            @Description("The UDP/TCP port for desk phones.") Integer udpPort) {
    }

    @Type("TrunkEdge")
    @Description("A trunk and its cursor in a list.")
    public record TrunkEdge(@NonNull @Description("Where this trunk is in the list: pass as after or before.")
            String cursor, @NonNull @Description("The trunk at this cursor.") Trunk node) {
    }

    @Type("TrunkConnection")
    @Description("A page of trunks.")
    public record TrunkConnection(@NonNull @Description(Connections.EDGES_DOC) List<@NonNull TrunkEdge> edges,
            @NonNull @Description(Connections.NODES_DOC) List<@NonNull Trunk> nodes,
            @NonNull @Description(Connections.PAGE_INFO_DOC) PageInfo pageInfo, @Ignore Connections.Total total) {
        static final Connections.Shape<Trunk, TrunkEdge, TrunkConnection> SHAPE = TrunkConnection::new;
    }
}
