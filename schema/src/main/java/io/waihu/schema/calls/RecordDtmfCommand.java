package io.waihu.schema.calls;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reported by the gateway: an RFC 4733 digit ended on a leg. */
public record RecordDtmfCommand(
        @TargetAggregateIdentifier String callId, CallParty party, String digit, int durationMillis, Instant at) {
}
