package io.waihu.backend.axon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Axon's embedded event store, remembering in the unit of work which aggregate reached
 * which sequence number. A command handler's caller learns the aggregate's new version
 * from the command result ({@link CommandVersions}) instead of asking the event store
 * for it afterwards (one query and one transaction per command less).
 */
public class WaihuEventStore extends EmbeddedEventStore {

    private static final String VERSIONS = WaihuEventStore.class.getName() + ".versions";
    private static final String EVENTS = WaihuEventStore.class.getName() + ".events";

    protected WaihuEventStore(Builder builder) {
        super(builder);
    }

    public static WaihuEventStore build(Builder builder) {
        return new WaihuEventStore(builder);
    }

    @Override
    public void publish(List<? extends EventMessage<?>> events) {
        if (CurrentUnitOfWork.isStarted()) {
            // the command's own unit: a batch's root is shared by all the batch's commands
            UnitOfWork<?> command = GroupCommitCommandBus.commandUnit(CurrentUnitOfWork.get());
            Map<String, Long> versions = command.getOrComputeResource(VERSIONS, key -> new HashMap<>());
            List<DomainEventMessage<?>> published = command.getOrComputeResource(EVENTS, key -> new ArrayList<>());
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domain) {
                    versions.merge(domain.getAggregateIdentifier(), domain.getSequenceNumber(), Math::max);
                    published.add(domain);
                }
            }
        }
        super.publish(events);
    }

    /** Each aggregate's highest sequence number published in this unit of work (empty if none). */
    static Map<String, Long> versionsIn(UnitOfWork<?> unitOfWork) {
        Map<String, Long> versions = GroupCommitCommandBus.commandUnit(unitOfWork).getResource(VERSIONS);
        return versions == null ? Map.of() : Map.copyOf(versions);
    }

    /** The aggregate events published in this unit of work, in order (empty if none). */
    static List<DomainEventMessage<?>> eventsIn(UnitOfWork<?> unitOfWork) {
        List<DomainEventMessage<?>> events = GroupCommitCommandBus.commandUnit(unitOfWork).getResource(EVENTS);
        return events == null ? List.of() : List.copyOf(events);
    }
}
