package io.waihu.backend.api.contacts;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.NodeResolver;
import io.waihu.backend.dialer.contacts.ContactImports;
import io.waihu.backend.dialer.contacts.ContactReports;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.dialer.contacts.ContactQueries;
import io.waihu.schema.users.Role;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** List imports for {@code node}/{@code nodes}, to admins and supervisors as {@code contactImport}. */
@RequestScoped
public class ContactImportNodes implements NodeResolver {

    private final ContactQueries queries;
    private final ContactImports imports;
    private final ContactReports reports;
    private final CurrentUser user;

    public ContactImportNodes(ContactQueries queries, ContactImports imports, ContactReports reports, CurrentUser user) {
        this.queries = queries;
        this.imports = imports;
        this.reports = reports;
        this.user = user;
    }

    @Override
    public String aggregateType() {
        return "ContactImport";
    }

    @Override
    public Uni<Map<String, Node>> visible(List<String> ids) {
        if (!user.has(Role.ADMIN) && !user.has(Role.SUPERVISOR)) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> ContactApi.find(imports, reports, queries, id))
                .filter(found -> found != null)
                .collect().in(HashMap<String, Node>::new, (found, node) -> found.put(node.id(), node));
    }
}
