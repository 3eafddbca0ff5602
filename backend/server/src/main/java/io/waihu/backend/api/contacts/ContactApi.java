package io.waihu.backend.api.contacts;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.dialer.contacts.ContactImports;
import io.waihu.backend.dialer.contacts.ContactReports;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.backend.dialer.imports.ImportCounts;
import io.waihu.backend.dialer.imports.Reason;
import io.waihu.projections.dialer.contacts.ContactProjection;
import io.waihu.projections.dialer.contacts.ContactQueries;
import io.waihu.schema.dialer.contacts.EraseContactCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.MetaData;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * List imports and contacts. The upload itself is HTTP ({@link ContactUploads}: a file is no
 * GraphQL argument); its progress and outcome are {@code contactImport}, polled.
 */
@GraphQLApi
@Guarded
public class ContactApi {

    private final ContactQueries queries;
    private final ContactImports imports;
    private final ContactReports reports;
    private final Commands commands;
    private final CurrentUser user;

    public ContactApi(ContactQueries queries, ContactImports imports, ContactReports reports, Commands commands,
            CurrentUser user) {
        this.queries = queries;
        this.imports = imports;
        this.reports = reports;
        this.commands = commands;
        this.user = user;
    }

    @Query
    @Description("A list import by id (the id the upload answered): its progress while it runs — poll it — and "
            + "its outcome. A top-level NOT_FOUND for an unknown id.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<ContactTypes.ContactImport> contactImport(@NonNull @Id String id) {
        return find(imports, reports, queries, id).onItem().ifNull()
                .failWith(() -> new ApiError.NotFound("no contact import " + id)).onFailure().transform(Errors::map);
    }

    @Mutation
    @Description("Right to erasure for a contact that is no customer: its numbers, name and fields are destroyed "
            + "for good (its data key), its row is blanked and never dialed, and every reject report still kept is "
            + "deleted (reports hold rows as written). A contact of a customer is a CONFLICT user error: erase the "
            + "customer. An unknown contact is a top-level NOT_FOUND.")
    @Allowed({ADMIN})
    public Uni<ContactTypes.EraseContactPayload> eraseContact(@NonNull ContactTypes.EraseContactInput input) {
        String id = input.contactId();
        MetaData who = CommandMetadata.of(user.userId(), user.username());
        return Payloads.of(blocking(() -> queries.contact(id))
                .onItem().ifNull().failWith(() -> new ApiError.NotFound("no contact " + id))
                .chain(row -> commands.sendAndAwait(new EraseContactCommand(id, input.reason()),
                        ContactProjection.MODEL, id))
                .chain(() -> blocking(() -> reports.deleteAll("erasure of contact " + id, who)))
                .map(deleted -> new ContactTypes.EraseContactPayload(id, deleted, List.of())),
                errors -> new ContactTypes.EraseContactPayload(null, 0, errors));
    }

    /** The import as this node runs it (live counters) or as recorded; {@code null} when unknown. */
    static Uni<ContactTypes.ContactImport> find(ContactImports imports, ContactReports reports, ContactQueries queries,
            String id) {
        return blocking(() -> queries.contactImport(id)).map(row -> {
            if (row == null) {
                return null;
            }
            Optional<ImportCounts> live = "RUNNING".equals(row.state()) ? imports.live(id) : Optional.empty();
            return live.isPresent() ? running(row, live.get()) : recorded(row, reports);
        });
    }

    private static ContactTypes.ContactImport running(ContactQueries.ImportRow row, ImportCounts c) {
        Map<String, Long> dropped = names(c.numbersDropped());
        return new ContactTypes.ContactImport(row.importId(), row.campaignId(), row.fileName(),
                ContactTypes.ContactImportState.RUNNING, null, c.rowsRead(), c.accepted(), c.partial(), c.rejected(),
                counts(names(c.rejectedBy())), counts(dropped), dropped.getOrDefault("DUPLICATE", 0L),
                dropped.getOrDefault("BLACKLISTED", 0L), dropped.getOrDefault("ALREADY_IN_CAMPAIGN", 0L), 0,
                row.attempt(), null, null, row.startedAt(), null);
    }

    private static ContactTypes.ContactImport recorded(ContactQueries.ImportRow row, ContactReports reports) {
        Map<String, Long> dropped = row.numbersDropped();
        Instant expires = row.reportKept() && row.finishedAt() != null ? row.finishedAt().plus(reports.retention())
                : null;
        return new ContactTypes.ContactImport(row.importId(), row.campaignId(), row.fileName(),
                ContactTypes.ContactImportState.valueOf(row.state()), row.message(), row.rowsRead(), row.accepted(),
                row.partial(), row.rejected(), counts(row.rejectedBy()), counts(dropped),
                dropped.getOrDefault("DUPLICATE", 0L), dropped.getOrDefault("BLACKLISTED", 0L),
                dropped.getOrDefault("ALREADY_IN_CAMPAIGN", 0L), row.customersCreated(), row.attempt(),
                row.reportKept() ? ContactUploads.reportPath(row.importId()) : null, expires, row.startedAt(),
                row.finishedAt());
    }

    private static Map<String, Long> names(Map<Reason, Long> counts) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (Reason reason : Reason.values()) {
            Long n = counts.get(reason);
            if (n != null) {
                out.put(reason.name(), n);
            }
        }
        return out;
    }

    private static List<ContactTypes.ReasonCount> counts(Map<String, Long> counts) {
        List<ContactTypes.ReasonCount> out = new ArrayList<>();
        for (ContactTypes.ContactImportReason reason : ContactTypes.ContactImportReason.values()) {
            Long n = counts.get(reason.name());
            if (n != null && n > 0) {
                out.add(new ContactTypes.ReasonCount(reason, n));
            }
        }
        return out;
    }

    static <T> Uni<T> blocking(java.util.function.Supplier<T> read) {
        return Uni.createFrom().item(read).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
