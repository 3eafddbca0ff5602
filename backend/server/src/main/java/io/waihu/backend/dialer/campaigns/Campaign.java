package io.waihu.backend.dialer.campaigns;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.Text;
import io.waihu.schema.dialer.campaigns.CampaignCreatedEvent;
import io.waihu.schema.dialer.campaigns.CampaignEditedEvent;
import io.waihu.schema.dialer.campaigns.CampaignPausedEvent;
import io.waihu.schema.dialer.campaigns.CampaignResumedEvent;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import io.waihu.schema.dialer.campaigns.CampaignStartedEvent;
import io.waihu.schema.dialer.campaigns.CampaignStatus;
import io.waihu.schema.dialer.campaigns.CampaignStoppedEvent;
import io.waihu.schema.dialer.campaigns.CreateCampaignCommand;
import io.waihu.schema.dialer.campaigns.EditCampaignCommand;
import io.waihu.schema.dialer.campaigns.PauseCampaignCommand;
import io.waihu.schema.dialer.campaigns.ResumeCampaignCommand;
import io.waihu.schema.dialer.campaigns.StartCampaignCommand;
import io.waihu.schema.dialer.campaigns.StopCampaignCommand;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * A dialer campaign: its settings and where it is in its lifecycle, DRAFT → RUNNING ⇄ PAUSED →
 * STOPPED (a draft may also be stopped unstarted). Settings are checked whole
 * ({@link CampaignChecks}) on creation and on every edit; a campaign that has started must stay
 * ready to dial (a trunk, a caller ID, agents or teams) and a stopped one is not edited any more.
 * Every change is an event carrying who made it (the command's metadata).
 */
public class Campaign {

    static final int MAX_REASON = 500;

    @AggregateIdentifier
    private String campaignId;
    private CampaignSettings settings;
    private CampaignStatus status;

    protected Campaign() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Campaign(CreateCampaignCommand command) {
        if (command.settings() == null) {
            throw RuleViolation.invalid(null, "a campaign needs its settings");
        }
        CampaignChecks.requireValid(command.settings());
        AggregateLifecycle.apply(new CampaignCreatedEvent(command.campaignId(), command.settings()));
    }

    @CommandHandler
    public void handle(EditCampaignCommand command) {
        if (status == CampaignStatus.STOPPED) {
            throw RuleViolation.conflict("campaign " + campaignId + " is stopped: its settings are final");
        }
        if (command.settings() == null) {
            throw RuleViolation.invalid(null, "a campaign needs its settings");
        }
        CampaignChecks.requireValid(command.settings());
        if (status != CampaignStatus.DRAFT) {
            requireReady(command.settings(), "cannot take these settings while " + status.name().toLowerCase());
        }
        if (command.settings().equals(settings)) {
            return;
        }
        AggregateLifecycle.apply(new CampaignEditedEvent(campaignId, command.settings()));
    }

    @CommandHandler
    public void handle(StartCampaignCommand command) {
        require(Set.of(CampaignStatus.DRAFT), "start");
        requireReady(settings, "cannot start");
        AggregateLifecycle.apply(new CampaignStartedEvent(campaignId, reason(command.reason())));
    }

    @CommandHandler
    public void handle(PauseCampaignCommand command) {
        require(Set.of(CampaignStatus.RUNNING), "pause");
        AggregateLifecycle.apply(new CampaignPausedEvent(campaignId, reason(command.reason())));
    }

    @CommandHandler
    public void handle(ResumeCampaignCommand command) {
        require(Set.of(CampaignStatus.PAUSED), "resume");
        AggregateLifecycle.apply(new CampaignResumedEvent(campaignId, reason(command.reason())));
    }

    @CommandHandler
    public void handle(StopCampaignCommand command) {
        require(Set.of(CampaignStatus.DRAFT, CampaignStatus.RUNNING, CampaignStatus.PAUSED), "stop");
        AggregateLifecycle.apply(new CampaignStoppedEvent(campaignId, reason(command.reason())));
    }

    private void require(Set<CampaignStatus> from, String verb) {
        if (!from.contains(status)) {
            throw RuleViolation.conflict("cannot " + verb + " campaign " + campaignId + ": it is " + status);
        }
    }

    private static void requireReady(CampaignSettings settings, String what) {
        String missing = CampaignChecks.notReadyToDial(settings);
        if (missing != null) {
            throw RuleViolation.conflict(what + ": " + missing);
        }
    }

    private static String reason(String reason) {
        return reason == null ? null : Text.check("reason", reason, MAX_REASON, Text.Lines.MULTI);
    }

    @EventSourcingHandler
    void on(CampaignCreatedEvent event) {
        campaignId = event.campaignId();
        settings = event.settings();
        status = CampaignStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(CampaignEditedEvent event) {
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(CampaignStartedEvent event) {
        status = CampaignStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(CampaignPausedEvent event) {
        status = CampaignStatus.PAUSED;
    }

    @EventSourcingHandler
    void on(CampaignResumedEvent event) {
        status = CampaignStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(CampaignStoppedEvent event) {
        status = CampaignStatus.STOPPED;
    }
}
