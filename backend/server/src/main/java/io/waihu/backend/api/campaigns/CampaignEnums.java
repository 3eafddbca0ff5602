package io.waihu.backend.api.campaigns;

import io.waihu.backend.api.support.EventEnums;
import io.waihu.projections.dialer.campaigns.CampaignViewProjection;
import io.waihu.projections.support.EventNames;
import io.waihu.schema.dialer.campaigns.CampaignCreatedEvent;
import io.waihu.schema.dialer.campaigns.CampaignEditedEvent;
import io.waihu.schema.dialer.campaigns.CampaignPausedEvent;
import io.waihu.schema.dialer.campaigns.CampaignResumedEvent;
import io.waihu.schema.dialer.campaigns.CampaignStartedEvent;
import io.waihu.schema.dialer.campaigns.CampaignStoppedEvent;
import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** The closed sets of the campaign API, each the schema's enum value for value, described. */
public final class CampaignEnums {

    private CampaignEnums() {
    }

    @Enum("CampaignMode")
    @Description("How a campaign dials.")
    public enum CampaignMode {
        @Description("The agent gets the next record with its customer card and dials or skips it.")
        PREVIEW,
        @Description("One call per available agent, customer first.")
        PROGRESSIVE,
        @Description("Dials ahead of agents becoming free, keeping the abandon rate under the campaign's cap.")
        PREDICTIVE;

        io.waihu.schema.dialer.campaigns.CampaignMode stored() {
            return io.waihu.schema.dialer.campaigns.CampaignMode.valueOf(name());
        }
    }

    @Enum("CampaignStatus")
    @Description("Where a campaign is in its lifecycle: DRAFT → RUNNING ⇄ PAUSED → STOPPED.")
    public enum CampaignStatus {
        @Description("Being configured; never dialed.")
        DRAFT,
        @Description("Dialing (inside its window, with agents available).")
        RUNNING,
        @Description("Starts no new attempt until resumed; calls already ringing finish.")
        PAUSED,
        @Description("Finished for good: no attempts, no edits.")
        STOPPED;

        io.waihu.schema.dialer.campaigns.CampaignStatus stored() {
            return io.waihu.schema.dialer.campaigns.CampaignStatus.valueOf(name());
        }
    }

    @Enum("CustomerCreation")
    @Description("When a campaign's contact becomes a CRM customer (when no customer has its number yet).")
    public enum CustomerCreation {
        @Description("As the list is imported.")
        ON_IMPORT,
        @Description("When a call to the contact is first connected to an agent.")
        ON_FIRST_CONNECT,
        @Description("When an agent gives a call to the contact a disposition.")
        ON_DISPOSITION,
        @Description("Never: contacts stay list entries.")
        NEVER;

        io.waihu.schema.dialer.campaigns.CustomerCreation stored() {
            return io.waihu.schema.dialer.campaigns.CustomerCreation.valueOf(name());
        }
    }

    @Enum("RetryOutcome")
    @Description("An attempt's outcome a retry rule may name (an answered call is never retried).")
    public enum RetryOutcome {
        @Description("The line was busy.")
        BUSY,
        @Description("Nobody answered within the ring timeout.")
        NO_ANSWER,
        @Description("The callee or the network refused the call.")
        REJECTED,
        @Description("The carrier had no capacity.")
        CONGESTION,
        @Description("The call failed for another reason.")
        FAILED,
        @Description("Answered, but no agent was free in time: the abandon message played.")
        ABANDONED;

        io.waihu.schema.dialer.campaigns.RetryOutcome stored() {
            return io.waihu.schema.dialer.campaigns.RetryOutcome.valueOf(name());
        }
    }

    @Enum("CallOutcome")
    @Description("How a dialing attempt ended, as campaign progress counts it.")
    public enum CallOutcome {
        @Description("Answered and connected to an agent.")
        ANSWERED,
        @Description("Answered, but no agent was free in time.")
        ABANDONED,
        @Description("The line was busy.")
        BUSY,
        @Description("Nobody answered within the ring timeout.")
        NO_ANSWER,
        @Description("The callee or the network refused the call.")
        REJECTED,
        @Description("The carrier had no capacity.")
        CONGESTION,
        @Description("The call failed for another reason.")
        FAILED
    }

    @Enum("Weekday")
    @Description("A day of the week.")
    public enum Weekday {
        @Description("Monday.")
        MONDAY,
        @Description("Tuesday.")
        TUESDAY,
        @Description("Wednesday.")
        WEDNESDAY,
        @Description("Thursday.")
        THURSDAY,
        @Description("Friday.")
        FRIDAY,
        @Description("Saturday.")
        SATURDAY,
        @Description("Sunday.")
        SUNDAY;

        DayOfWeek stored() {
            return DayOfWeek.valueOf(name());
        }
    }

    @Enum("CampaignEvent")
    @Description("What changed in a campaign: its stored event names (dialer.CampaignStarted → CAMPAIGN_STARTED), "
            + "or PROGRESS_CHANGED when only its progress counters moved.")
    public enum CampaignEvent {
        @Description("Created, as a draft.")
        CAMPAIGN_CREATED(CampaignCreatedEvent.class),
        @Description("Its settings changed.")
        CAMPAIGN_EDITED(CampaignEditedEvent.class),
        @Description("Started.")
        CAMPAIGN_STARTED(CampaignStartedEvent.class),
        @Description("Paused.")
        CAMPAIGN_PAUSED(CampaignPausedEvent.class),
        @Description("Resumed.")
        CAMPAIGN_RESUMED(CampaignResumedEvent.class),
        @Description("Stopped.")
        CAMPAIGN_STOPPED(CampaignStoppedEvent.class),
        @Description("Its progress counters changed (attempts, connects, outcomes).")
        PROGRESS_CHANGED(null);

        private static final Map<String, CampaignEvent> BY_TYPE = index();
        private final Class<?> event;

        CampaignEvent(Class<?> event) {
            this.event = event;
        }

        private static Map<String, CampaignEvent> index() {
            Map<String, CampaignEvent> index = new HashMap<>();
            for (CampaignEvent constant : values()) {
                if (constant.event != null) {
                    if (!constant.name().equals(EventEnums.constant(constant.event))) {
                        throw new IllegalStateException("CampaignEvent." + constant + " does not match its event");
                    }
                    index.put(EventNames.of(constant.event), constant);
                }
            }
            return Map.copyOf(index);
        }

        static CampaignEvent of(String eventType) {
            return eventType.equals(CampaignViewProjection.PROGRESS_CHANGED) ? PROGRESS_CHANGED
                    : EventEnums.of(BY_TYPE, eventType);
        }
    }
}
