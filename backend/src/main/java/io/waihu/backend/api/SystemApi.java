package io.waihu.backend.api;

import static io.waihu.schema.users.Role.ADMIN;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.backend.axon.AxonSetup;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.support.ChangeFeed;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

/** For operators: are the projections keeping up with the event store on this node? */
@GraphQLApi
@Guarded
public class SystemApi {

    private final AxonSetup axon;
    private final ChangeFeed feed;

    public SystemApi(AxonSetup axon, ChangeFeed feed) {
        this.axon = axon;
        this.feed = feed;
    }

    @Type("ProcessorStatus")
    public record ProcessorStatus(@NonNull String name, @NonNull String position, @NonNull String lag) {
    }

    @Type("ReadModelActivity")
    public record ReadModelActivity(@NonNull String model, @NonNull String appliedSinceStart) {
    }

    @Type("ProjectionStatus")
    public record ProjectionStatus(@NonNull String head, @NonNull List<ProcessorStatus> processors,
            @NonNull List<ReadModelActivity> readModels) {
    }

    @Query
    @Description("Each event processor's position and lag behind the newest event (positions are global event "
            + "indexes, as strings: they can exceed 32 bits), and how many events each read model applied since "
            + "this node started.")
    @Allowed({ADMIN})
    public Uni<ProjectionStatus> projectionStatus() {
        return Uni.createFrom().item(() -> {
            long head = axon.headPosition();
            List<ProcessorStatus> processors = axon.processorPositions().entrySet().stream()
                    .map(e -> new ProcessorStatus(e.getKey(), Long.toString(e.getValue()),
                            Long.toString(Math.max(0, head - e.getValue()))))
                    .toList();
            List<ReadModelActivity> models = feed.appliedSinceStart().entrySet().stream()
                    .map((Map.Entry<String, Long> e) -> new ReadModelActivity(e.getKey(), Long.toString(e.getValue())))
                    .toList();
            return new ProjectionStatus(Long.toString(head), processors, models);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
