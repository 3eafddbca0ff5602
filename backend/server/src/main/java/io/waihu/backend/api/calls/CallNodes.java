package io.waihu.backend.api.calls;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.NodeResolver;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.projections.calls.CallRecordProjection;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Calls for {@code node}/{@code nodes}: those the caller may read, as {@code call(id:)} answers them. */
@RequestScoped
public class CallNodes implements NodeResolver {

    private final CallRecordProjection calls;
    private final RecordAccess access;
    private final CallViews views;

    public CallNodes(CallRecordProjection calls, RecordAccess access, CallViews views) {
        this.calls = calls;
        this.access = access;
        this.views = views;
    }

    @Override
    public String aggregateType() {
        return "Call";
    }

    /** One look-up after the other: a supervisor's check reads the agent, and reads of one request share a session. */
    @Override
    public Uni<Map<String, Node>> visible(List<String> ids) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> calls.byId(id).chain(call -> call == null
                        ? Uni.createFrom().nullItem()
                        : access.mayRead(RecordKind.CALL, call.agentId).map(visible -> visible ? call : null)))
                .filter(Objects::nonNull)
                .collect().in(HashMap<String, Node>::new, (found, call) -> found.put(call.callId, views.of(call)));
    }
}
