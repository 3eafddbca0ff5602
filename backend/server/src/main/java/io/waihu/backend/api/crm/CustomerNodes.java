package io.waihu.backend.api.crm;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.NodeResolver;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Customers for {@code node}/{@code nodes}: live ones the caller may read, as {@code customer(id:)} answers them. */
@RequestScoped
public class CustomerNodes implements NodeResolver {

    private final CustomerViewProjection customers;
    private final RecordAccess access;

    public CustomerNodes(CustomerViewProjection customers, RecordAccess access) {
        this.customers = customers;
        this.access = access;
    }

    @Override
    public String aggregateType() {
        return "Customer";
    }

    @Override
    public Uni<Map<String, Node>> visible(List<String> ids) {
        return customers.byIds(ids).chain(views -> Multi.createFrom().iterable(views)
                .filter(view -> view.status == CustomerView.Status.ACTIVE)
                .onItem().transformToUniAndConcatenate(view -> access.mayRead(RecordKind.CUSTOMER, view.ownerId)
                        .map(visible -> visible ? view : null))
                .filter(java.util.Objects::nonNull)
                .collect().in(HashMap<String, Node>::new, (found, view) -> found.put(view.id, CustomerTypes.Customer.of(view))));
    }
}
