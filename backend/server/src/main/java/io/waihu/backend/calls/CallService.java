package io.waihu.backend.calls;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.crm.PhoneNumbers;
import io.waihu.backend.telephony.TrunkDirectory;
import io.waihu.projections.blacklist.BlacklistIndex;
import io.waihu.projections.blacklist.BlacklistViewProjection;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.PlaceCallCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.telephony.AgentPicker;
import io.waihu.telephony.CallAdmission;
import io.waihu.telephony.CallControl;
import io.waihu.telephony.CallRefusedException;
import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.CustomerFirstCall;
import io.waihu.telephony.LogContext;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.SipAccount;
import io.waihu.telephony.TrunkSpec;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Places calls: checks the number against the blacklist before anything else, picks a trunk,
 * records the placement on a new Call aggregate, then hands the call to the gateway and
 * records what it reports. Serves both click-to-dial (through the API) and numbers dialed on
 * an agent's phone ({@link CallAdmission}).
 */
@Singleton
public class CallService implements CallAdmission {

    private static final Logger LOG = Logger.getLogger(CallService.class);

    /** A number checked and resolved, ready to be placed. */
    public record Plan(String callId, String agentId, String agentSipUser, String customerId, PhoneNumber number,
            TrunkSpec trunk, String campaignId) {}

    private final CommandGateway commands;
    private final CallControl gateway;
    private final BlacklistViewProjection blacklist;
    private final CustomerViewProjection customers;
    private final TrunkDirectory trunks;
    private final PhoneNumbers phones;
    private final Path recordings;
    private final Duration ringTimeout;
    private final NodeId node;

    public CallService(CommandGateway commands, CallControl gateway, BlacklistViewProjection blacklist,
            CustomerViewProjection customers, TrunkDirectory trunks, PhoneNumbers phones, NodeId node,
            @ConfigProperty(name = "waihu.recordings.dir") Path recordings,
            @ConfigProperty(name = "waihu.calls.ring-timeout") Duration ringTimeout) {
        this.commands = commands;
        this.gateway = gateway;
        this.blacklist = blacklist;
        this.customers = customers;
        this.trunks = trunks;
        this.phones = phones;
        this.recordings = recordings;
        this.ringTimeout = ringTimeout;
        this.node = node;
    }

    /**
     * Everything that must hold before a call is placed: the number is not blacklisted (globally
     * or in the campaign), the agent's phone is registered when it is to be rung first
     * (click-to-dial; a call dialed on the phone was authenticated by its INVITE), a trunk is usable. Fails with
     * {@link DialRefused}; nothing is recorded and no INVITE is sent then.
     */
    public Uni<Plan> plan(String agentId, String agentSipUser, String customerId, PhoneNumber number,
            String trunkId, String campaignId, boolean ringsAgentFirst) {
        return Uni.createFrom().deferred(() -> {
            refuseIfBlacklisted(number, campaignId);
            if (ringsAgentFirst && !gateway.isRegistered(agentSipUser)) {
                throw new DialRefused(DialRefused.Reason.PHONE_NOT_REGISTERED,
                        "your phone is not registered: start the softphone or check the desk phone");
            }
            return trunks.choose(trunkId, number.e164(), gateway::channelsInUse).map(trunk -> new Plan(
                    UUID.randomUUID().toString(), agentId, agentSipUser, customerId, number, trunk.orElseThrow(
                            () -> new DialRefused(DialRefused.Reason.NO_CAPACITY, trunkId == null
                                    ? "no enabled trunk carries " + number.e164()
                                    : "trunk " + trunkId + " is not enabled")),
                    campaignId));
        });
    }

    /**
     * The command that records a planned call, naming this node as the one carrying it (see
     * {@link NodeId}); the caller sends it with its own user metadata added.
     */
    public CommandMessage<PlaceCallCommand> placement(Plan plan, CallOrigin origin) {
        return GenericCommandMessage.<PlaceCallCommand>asCommandMessage(new PlaceCallCommand(plan.callId(),
                plan.agentId(), plan.customerId(), plan.number(), plan.trunk().id(), origin, plan.campaignId()))
                .andMetaData(Map.of(CallPlacedEvent.NODE, node.value()));
    }

    /**
     * Hands a recorded placement to the gateway: the agent's phone rings first. When the gateway
     * refuses outright (phone gone meanwhile, trunk full) the call is recorded as ended with
     * that result rather than left dangling.
     */
    public void start(Plan plan) {
        CallReporter reporter = new CallReporter(plan.callId(), commands, recordings);
        try {
            gateway.dial(outbound(plan), reporter);
        } catch (CallRefusedException refused) {
            recordRefusal(plan, refused);
        }
    }

    /**
     * How a dialer's customer-first call is placed beyond its {@link Plan}: the trunks to fail over
     * to after the plan's (in order), the caller-ID (null: each trunk's), the ring timeout (null:
     * {@code waihu.calls.ring-timeout}), the agent deadline (null: 2 s), and the prompts (null
     * abandon: the gateway's shipped message; null disclosure: none).
     */
    public record CustomerFirstOptions(List<TrunkSpec> failoverTrunks, String callerId, Duration ringTimeout,
            Duration agentDeadline, Path abandonPrompt, Path disclosurePrompt) {

        public CustomerFirstOptions {
            failoverTrunks = failoverTrunks == null ? List.of() : List.copyOf(failoverTrunks);
        }
    }

    /**
     * Hands a recorded dialer placement to the gateway customer first ({@link
     * CallControl#dialCustomerFirst}): the customer rings at once, and at the answer {@code picker}
     * names the agent to connect (the longest-idle free one <i>then</i>). Reported like every call
     * ({@link CallReporter}): connected at the customer's answer, ended {@code ABANDONED} when no
     * agent was connected in time. A refusal (every trunk full, a prompt unreadable) is recorded as
     * the end, as {@link #start} does.
     */
    public void startCustomerFirst(Plan plan, CustomerFirstOptions options, AgentPicker picker) {
        List<TrunkSpec> route = new java.util.ArrayList<>();
        route.add(plan.trunk());
        options.failoverTrunks().stream().filter(t -> !t.id().equals(plan.trunk().id())).forEach(route::add);
        CustomerFirstCall call = new CustomerFirstCall(plan.callId(), plan.number().e164(), route, options.callerId(),
                options.ringTimeout() == null ? ringTimeout : options.ringTimeout(), options.agentDeadline(),
                options.abandonPrompt(), options.disclosurePrompt(), recordingFile(plan.callId()));
        CallReporter reporter = new CallReporter(plan.callId(), commands, recordings);
        try {
            gateway.dialCustomerFirst(call, picker, reporter);
        } catch (CallRefusedException refused) {
            recordRefusal(plan, refused);
        }
    }

    private void recordRefusal(Plan plan, CallRefusedException refused) {
        ContextLogger.of(CallService.class, LogContext.call(plan.callId()))
                .infof("refused by the gateway: %s", refused.getMessage());
        commands.send(GenericCommandMessage.asCommandMessage(new RecordCallEndedCommand(plan.callId(),
                CallResult.valueOf(refused.result().name()), 0, refused.getMessage(), CallParty.SYSTEM, null,
                Instant.now())).andMetaData(CommandMetadata.GATEWAY));
    }

    @Override
    public CompletionStage<Decision> admit(SipAccount agent, String dialed) {
        PhoneNumber number;
        try {
            number = phones.normalize(dialed, "number");
        } catch (RuntimeException invalid) {
            return Uni.createFrom().<Decision>item(new Refused(484, "Address Incomplete")).subscribeAsCompletionStage();
        }
        return customerFor(number, agent.agentId())
                .chain(customerId -> plan(agent.agentId(), agent.username(), customerId, number, null, null, false))
                .chain(plan -> Uni.createFrom().completionStage(() -> commands.send(
                                placement(plan, CallOrigin.PHONE)
                                        .andMetaData(CommandMetadata.of(agent.agentId(), agent.username()))))
                        .map(ignored -> (Decision) new Admitted(outbound(plan),
                                new CallReporter(plan.callId(), commands, recordings))))
                .onFailure(DialRefused.class).recoverWithItem(CallService::refusal)
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "could not admit a call from %s", agent.username());
                    return new Refused(500, "Server Internal Error");
                })
                .subscribeAsCompletionStage();
    }

    /** The customer a number belongs to, preferring one the agent owns; null when none. */
    public Uni<String> customerFor(PhoneNumber number, String agentId) {
        return customers.customersWithPhones(List.of(number.e164()), null)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem()
                        : customers.byIds(ids).map(views -> views.stream()
                                .filter(v -> v.status == io.waihu.projections.crm.CustomerView.Status.ACTIVE)
                                .sorted((a, b) -> Boolean.compare(!agentId.equals(a.ownerId),
                                        !agentId.equals(b.ownerId)))
                                .map(v -> v.id).findFirst().orElse(null)));
    }

    private void refuseIfBlacklisted(PhoneNumber number, String campaignId) {
        Optional<BlacklistIndex.Entry> hit = blacklist.check(number.e164(), campaignId);
        if (hit.isPresent()) {
            throw new DialRefused(DialRefused.Reason.BLACKLISTED, number.e164() + " is on the do-not-call list ("
                    + hit.get().scope() + (hit.get().prefix() ? ", prefix " + hit.get().pattern() : "") + ")");
        }
    }

    private OutboundCall outbound(Plan plan) {
        return new OutboundCall(plan.callId(), plan.agentSipUser(), plan.number().e164(), plan.trunk(), ringTimeout,
                recordingFile(plan.callId()));
    }

    /** Recordings go in one folder per day (UTC), named by call id. */
    private Path recordingFile(String callId) {
        Path day = recordings.resolve(LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/'));
        try {
            Files.createDirectories(day);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recordings folder " + day, e);
        }
        return day.resolve(callId + ".wav");
    }

    private static Decision refusal(Throwable failure) {
        DialRefused refused = (DialRefused) failure;
        return switch (refused.reason()) {
            case BLACKLISTED -> new Refused(403, "Blacklisted");
            case PHONE_NOT_REGISTERED -> new Refused(403, "Not Registered");
            case NO_CAPACITY -> new Refused(503, "No Trunk Available");
        };
    }
}
