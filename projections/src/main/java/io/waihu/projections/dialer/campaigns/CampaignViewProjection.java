package io.waihu.projections.dialer.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.Keyset;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.support.Reads;
import io.waihu.projections.support.VersionedWrites;
import io.waihu.schema.dialer.campaigns.CampaignCreatedEvent;
import io.waihu.schema.dialer.campaigns.CampaignEditedEvent;
import io.waihu.schema.dialer.campaigns.CampaignPausedEvent;
import io.waihu.schema.dialer.campaigns.CampaignResumedEvent;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import io.waihu.schema.dialer.campaigns.CampaignStartedEvent;
import io.waihu.schema.dialer.campaigns.CampaignStatus;
import io.waihu.schema.dialer.campaigns.CampaignStoppedEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The campaign list: one row per campaign with its settings and status, and its progress row
 * (created with the campaign, all zero until the dialer's call events count into it; see
 * {@link CampaignProgress}). One-line handlers: each event sets what it changes.
 */
@jakarta.inject.Singleton
@ProcessingGroup(CampaignViewProjection.GROUP)
public class CampaignViewProjection {

    public static final String GROUP = "campaign-view";
    public static final String MODEL = "campaign";
    /**
     * The event type of a change notice that only a campaign's progress moved: not a stored event
     * (progress is counted from call events), so it cannot be mistaken for one.
     */
    public static final String PROGRESS_CHANGED = "campaign-progress";
    /**
     * The change feed's model for progress notices: apart from {@link #MODEL}, whose versions are
     * the aggregate's (what a mutation waits for), while these count progress updates.
     */
    public static final String PROGRESS_MODEL = "campaign-progress";

    private final Mutiny.SessionFactory sessions;
    private final ChangeFeed feed;
    private final ObjectMapper json;

    public CampaignViewProjection(Mutiny.SessionFactory sessions, ChangeFeed feed, ObjectMapper json) {
        this.sessions = sessions;
        this.feed = feed;
        this.json = json;
    }

    @EventHandler
    void on(CampaignCreatedEvent event, DomainEventMessage<?> message) {
        VersionedWrites.write(sessions, CampaignView.class, event.campaignId(), message, CampaignView::new,
                (session, rows, view) -> {
                    view.id = event.campaignId();
                    view.createdAt = message.getTimestamp();
                    view.createdBy = actor(message);
                    view.status = CampaignStatus.DRAFT.name();
                    settings(view, event.settings());
                    stamp(view, message);
                    CampaignProgress progress = new CampaignProgress();
                    progress.campaignId = event.campaignId();
                    progress.updatedAt = message.getTimestamp();
                    return session.merge(progress).replaceWithVoid();
                }, written -> feed.applied(ReadModelChange.of(MODEL, event.campaignId(), message), written));
    }

    @EventHandler
    void on(CampaignEditedEvent event, DomainEventMessage<?> message) {
        write(event.campaignId(), message, view -> settings(view, event.settings()));
    }

    @EventHandler
    void on(CampaignStartedEvent event, DomainEventMessage<?> message) {
        write(event.campaignId(), message, view -> {
            view.status = CampaignStatus.RUNNING.name();
            view.startedAt = message.getTimestamp();
        });
    }

    @EventHandler
    void on(CampaignPausedEvent event, DomainEventMessage<?> message) {
        write(event.campaignId(), message, view -> view.status = CampaignStatus.PAUSED.name());
    }

    @EventHandler
    void on(CampaignResumedEvent event, DomainEventMessage<?> message) {
        write(event.campaignId(), message, view -> view.status = CampaignStatus.RUNNING.name());
    }

    @EventHandler
    void on(CampaignStoppedEvent event, DomainEventMessage<?> message) {
        write(event.campaignId(), message, view -> {
            view.status = CampaignStatus.STOPPED.name();
            view.stoppedAt = message.getTimestamp();
        });
    }

    private void write(String id, DomainEventMessage<?> message, Consumer<CampaignView> change) {
        VersionedWrites.write(sessions, CampaignView.class, id, message, CampaignView::new, view -> {
            change.accept(view);
            stamp(view, message);
        }, written -> feed.applied(ReadModelChange.of(MODEL, id, message), written));
    }

    private static void stamp(CampaignView view, DomainEventMessage<?> message) {
        view.version = message.getSequenceNumber();
        view.updatedAt = message.getTimestamp();
        view.updatedBy = actor(message);
    }

    private static String actor(DomainEventMessage<?> message) {
        Object actor = message.getMetaData().get("userId");
        return actor == null ? null : actor.toString();
    }

    private void settings(CampaignView view, CampaignSettings settings) {
        view.name = settings.name();
        view.nameLower = settings.name().toLowerCase(Locale.ROOT);
        view.mode = settings.mode().name();
        try {
            view.settings = json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign settings do not serialize", e);
        }
    }

    /**
     * Tells the change feed that a campaign's progress reached {@code version}: what the dialer's
     * call-event projection calls after its transaction committed, so {@code campaignChanged}
     * streams progress as it streams the lifecycle.
     */
    public void progressChanged(String campaignId, long version) {
        feed.applied(new ReadModelChange(PROGRESS_MODEL, campaignId, version, PROGRESS_CHANGED));
    }

    /** The settings a row holds, as the schema's value. */
    public CampaignSettings settingsOf(CampaignView view) {
        try {
            return json.readValue(view.settings, CampaignSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign " + view.id + " holds unreadable settings", e);
        }
    }

    public Uni<CampaignView> byId(String id) {
        return Reads.read(sessions, session -> session.find(CampaignView.class, id));
    }

    /** The progress rows of {@code ids} (a campaign created moments ago may not have one yet on a lagging node). */
    public Uni<List<CampaignProgress>> progress(List<String> ids) {
        return Reads.read(sessions, session -> session
                .createQuery("from CampaignProgress where campaignId in (:ids)", CampaignProgress.class)
                .setParameter("ids", ids).getResultList());
    }

    /** A page of the campaigns by name, all or those in one status. */
    public Uni<Page<CampaignView>> page(CampaignStatus status, int size, String cursor, boolean backward) {
        return listOf(status).page(sessions, size, cursor, backward);
    }

    /** How many campaigns {@link #page} lists in all. */
    public Uni<Integer> count(CampaignStatus status) {
        return listOf(status).count(sessions);
    }

    private static Keyset<CampaignView> listOf(CampaignStatus status) {
        return new Keyset<>(CampaignView.class, status == null ? "true" : "e.status = :s",
                status == null ? Map.of() : Map.of("s", status.name()), "nameLower", "id",
                c -> new String[] {c.nameLower, c.id});
    }
}
