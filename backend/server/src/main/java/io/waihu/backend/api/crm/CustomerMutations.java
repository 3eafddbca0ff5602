package io.waihu.backend.api.crm;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.crm.CustomerInputs.AssignCustomerOwnerInput;
import io.waihu.backend.api.crm.CustomerInputs.AssignCustomerOwnerPayload;
import io.waihu.backend.api.crm.CustomerInputs.CreateCustomerInput;
import io.waihu.backend.api.crm.CustomerInputs.CreateCustomerPayload;
import io.waihu.backend.api.crm.CustomerInputs.DeleteCustomerInput;
import io.waihu.backend.api.crm.CustomerInputs.DeleteCustomerPayload;
import io.waihu.backend.api.crm.CustomerInputs.EditCustomerInput;
import io.waihu.backend.api.crm.CustomerInputs.EditCustomerPayload;
import io.waihu.backend.api.crm.CustomerInputs.EraseCustomerInput;
import io.waihu.backend.api.crm.CustomerInputs.EraseCustomerPayload;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.Access;
import io.waihu.backend.crm.PhoneNumbers;
import io.waihu.backend.dialer.contacts.ContactErasure;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.AssignCustomerOwnerCommand;
import io.waihu.schema.crm.CreateCustomerCommand;
import io.waihu.schema.crm.DeleteCustomerCommand;
import io.waihu.schema.crm.EditCustomerCommand;
import io.waihu.schema.crm.EraseCustomerCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Every change to customers, as a command: one input object in, one payload out, with what the
 * user can fix (a rule of a field, a stale version, a duplicate phone) as {@code userErrors}.
 */
@GraphQLApi
@Guarded
public class CustomerMutations {

    private final Commands commands;
    private final CustomerReads reads;
    private final PhoneNumbers phones;
    private final RecordAccess access;
    private final CurrentUser user;
    private final ContactErasure contacts;

    public CustomerMutations(Commands commands, CustomerReads reads, PhoneNumbers phones, RecordAccess access,
            CurrentUser user, ContactErasure contacts) {
        this.contacts = contacts;
        this.commands = commands;
        this.reads = reads;
        this.phones = phones;
        this.access = access;
        this.user = user;
    }

    @Mutation
    @Description("Creates a customer owned by input.ownerId (default: you). Refused with DUPLICATE_PHONE when a live "
            + "customer already has one of the phone numbers, unless input.allowDuplicate.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CreateCustomerPayload> createCustomer(@NonNull CreateCustomerInput input) {
        String customerId = UUID.randomUUID().toString();
        String owner = input.ownerId() == null ? user.userId() : input.ownerId();
        return Payloads.of(Uni.createFrom().deferred(() -> {
            List<PhoneNumber> numbers = normalize(input.phones());
            return access.requireAssignable(owner)
                    .chain(() -> Boolean.TRUE.equals(input.allowDuplicate()) ? Uni.createFrom().voidItem()
                            : reads.noDuplicates(numbers, null))
                    .chain(() -> commands.sendAwaitingRow(new CreateCustomerCommand(customerId, input.name(), numbers,
                                    input.email(), input.company(), tags(input.tags()), owner,
                                    fields(input.customFields())),
                            CustomerViewProjection.MODEL, customerId));
        }).chain(written -> reads.answer(written, customerId))
                .map(a -> new CreateCustomerPayload(a.customer(), a.inReadModel(), List.of())),
                errors -> new CreateCustomerPayload(null, true, errors));
    }

    @Mutation
    @Description("Changes a customer's profile. With input.expectedVersion, refused with CONFLICT if someone changed "
            + "it since.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<EditCustomerPayload> editCustomer(@NonNull EditCustomerInput input) {
        String id = input.id();
        return Payloads.of(reads.visible(id, Access.WRITE).chain(view -> {
            List<PhoneNumber> numbers = input.phones() == null ? null : normalize(input.phones());
            return (numbers == null || Boolean.TRUE.equals(input.allowDuplicate()) ? Uni.createFrom().voidItem()
                    : reads.noDuplicates(numbers, id))
                    .chain(() -> commands.sendAwaitingRow(new EditCustomerCommand(id,
                            Commands.version(input.expectedVersion()), input.name(), numbers, input.email(),
                            input.company(), input.tags() == null ? null : tags(input.tags()),
                            input.customFields() == null ? null : fields(input.customFields())),
                            CustomerViewProjection.MODEL, id));
        }).chain(written -> reads.answer(written, id))
                .map(a -> new EditCustomerPayload(a.customer(), a.inReadModel(), List.of())),
                errors -> new EditCustomerPayload(null, true, errors));
    }

    @Mutation
    @Description("Gives a customer to another owner: supervisors within their team, admins anyone.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<AssignCustomerOwnerPayload> assignCustomerOwner(@NonNull AssignCustomerOwnerInput input) {
        String id = input.id();
        return Payloads.of(reads.visible(id, Access.WRITE)
                .chain(view -> access.requireAssignable(input.ownerId()))
                .chain(() -> commands.sendAwaitingRow(new AssignCustomerOwnerCommand(id,
                        Commands.version(input.expectedVersion()), input.ownerId()), CustomerViewProjection.MODEL, id))
                .chain(written -> reads.answer(written, id))
                .map(a -> new AssignCustomerOwnerPayload(a.customer(), a.inReadModel(), List.of())),
                errors -> new AssignCustomerOwnerPayload(null, true, errors));
    }

    @Mutation
    @Description("Deletes a customer: hidden from lists, history kept. The deletion is itself an event.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<DeleteCustomerPayload> deleteCustomer(@NonNull DeleteCustomerInput input) {
        String id = input.id();
        return Payloads.of(reads.visible(id, Access.WRITE)
                .chain(view -> commands.sendAwaitingRow(new DeleteCustomerCommand(id,
                        Commands.version(input.expectedVersion()), input.reason()), CustomerViewProjection.MODEL, id))
                .chain(written -> reads.answer(written, id))
                .map(a -> new DeleteCustomerPayload(a.customer(), a.inReadModel(), List.of())),
                errors -> new DeleteCustomerPayload(null, true, errors));
    }

    @Mutation
    @Description("Erases a customer's personal data for good (right to erasure): the data key is destroyed, the "
            + "history stays replayable with every personal field empty. Its campaign contacts lose their numbers "
            + "and name with it (they share its key), and every kept list-import reject report is deleted.")
    @Allowed({ADMIN})
    public Uni<EraseCustomerPayload> eraseCustomer(@NonNull EraseCustomerInput input) {
        String id = input.id();
        org.axonframework.messaging.MetaData who = io.waihu.backend.domain.CommandMetadata.of(user.userId(),
                user.username());
        return Payloads.of(reads.existing(id)
                .chain(() -> commands.sendAwaitingRow(new EraseCustomerCommand(id, input.reason()),
                        CustomerViewProjection.MODEL, id))
                // the customer's list contacts went with its key; the reject reports still kept go now
                .call(() -> Uni.createFrom().item(() -> {
                    contacts.customerErased(id, who);
                    return id;
                }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()))
                .chain(written -> reads.answer(written, id))
                .map(a -> new EraseCustomerPayload(a.customer(), a.inReadModel(), List.of())),
                errors -> new EraseCustomerPayload(null, true, errors));
    }

    private List<PhoneNumber> normalize(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        List<PhoneNumber> numbers = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            numbers.add(phones.normalize(raw.get(i), "phones[" + i + "]"));
        }
        return numbers;
    }

    private static Set<String> tags(List<String> tags) {
        if (tags == null) {
            return Set.of();
        }
        if (tags.stream().anyMatch(Objects::isNull)) {
            throw RuleViolation.invalid("tags", "a tag is null");
        }
        return new LinkedHashSet<>(tags.stream().map(String::strip).toList());
    }

    private static Map<String, String> fields(List<CustomerTypes.CustomField> fields) {
        Map<String, String> map = new LinkedHashMap<>();
        if (fields != null) {
            for (CustomerTypes.CustomField field : fields) {
                if (field == null) {
                    throw RuleViolation.invalid("customFields", "a custom field is null");
                }
                if (map.put(field.key(), field.value()) != null) {
                    throw RuleViolation.invalid("customFields", "field " + field.key() + " twice");
                }
            }
        }
        return map;
    }
}
