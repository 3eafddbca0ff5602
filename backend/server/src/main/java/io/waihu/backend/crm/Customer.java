package io.waihu.backend.crm;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.privacy.DataKeyStore;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.AssignCustomerOwnerCommand;
import io.waihu.schema.crm.CreateCustomerCommand;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.crm.CustomerDeletedEvent;
import io.waihu.schema.crm.CustomerEditedEvent;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.crm.CustomerOwnerAssignedEvent;
import io.waihu.schema.crm.DeleteCustomerCommand;
import io.waihu.schema.crm.EditCustomerCommand;
import io.waihu.schema.crm.EraseCustomerCommand;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/** A customer: the profile that calls, opportunities and history hang on. */
public class Customer {

    @AggregateIdentifier
    private String customerId;
    private String name;
    private List<PhoneNumber> phones;
    private String email;
    private String company;
    private Set<String> tags;
    private String ownerId;
    private Map<String, String> customFields;
    private boolean deleted;
    private boolean erased;

    protected Customer() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Customer(CreateCustomerCommand command) {
        CustomerRules.name(command.name());
        CustomerRules.phones(command.phones() == null ? List.of() : command.phones());
        CustomerRules.email(command.email());
        CustomerRules.company(command.company());
        CustomerRules.tags(command.tags() == null ? Set.of() : command.tags());
        CustomerRules.customFields(command.customFields() == null ? Map.of() : command.customFields());
        List<PhoneNumber> phones = orEmpty(command.phones());
        Set<String> tags = orEmpty(command.tags());
        Map<String, String> fields = orEmpty(command.customFields());
        if (command.ownerId() == null || command.ownerId().isBlank()) {
            throw RuleViolation.invalid("ownerId", "a customer needs an owner");
        }
        AggregateLifecycle.apply(new CustomerCreatedEvent(command.customerId(), command.name().strip(), phones,
                blankToNull(command.email()), blankToNull(command.company()), tags, command.ownerId(), fields));
    }

    @CommandHandler
    public void handle(EditCustomerCommand command) {
        requireLive();
        String newName = changed(command.name() == null ? null : command.name().strip(), name);
        if (newName != null) {
            CustomerRules.name(newName);
        }
        if (command.phones() != null) {
            CustomerRules.phones(command.phones());
        }
        List<PhoneNumber> newPhones = changed(orNull(command.phones()), phones);
        String newEmail = changed(command.email(), email == null ? "" : email);
        CustomerRules.email(newEmail);
        String newCompany = changed(command.company(), company == null ? "" : company);
        CustomerRules.company(newCompany);
        if (command.tags() != null) {
            CustomerRules.tags(command.tags());
        }
        Set<String> newTags = changed(command.tags() == null ? null : Set.copyOf(command.tags()), tags);
        if (command.customFields() != null) {
            CustomerRules.customFields(command.customFields());
        }
        Map<String, String> newFields = changed(
                command.customFields() == null ? null : Map.copyOf(command.customFields()), customFields);
        if (newName == null && newPhones == null && newEmail == null && newCompany == null && newTags == null
                && newFields == null) {
            return;
        }
        AggregateLifecycle.apply(new CustomerEditedEvent(customerId, newName, newPhones, newEmail, newCompany,
                newTags, newFields));
    }

    @CommandHandler
    public void handle(AssignCustomerOwnerCommand command) {
        requireLive();
        if (command.ownerId() == null || command.ownerId().isBlank()) {
            throw RuleViolation.invalid("ownerId", "a customer needs an owner");
        }
        if (!command.ownerId().equals(ownerId)) {
            AggregateLifecycle.apply(new CustomerOwnerAssignedEvent(customerId, command.ownerId(), ownerId));
        }
    }

    @CommandHandler
    public void handle(DeleteCustomerCommand command) {
        requireLive();
        CustomerRules.reason(command.reason());
        AggregateLifecycle.apply(new CustomerDeletedEvent(customerId, command.reason()));
    }

    /**
     * Erasure is recorded and the data key destroyed in the same transaction: either both
     * happen or neither does. Erasing twice changes nothing.
     */
    @CommandHandler
    public void handle(EraseCustomerCommand command, DataKeyStore keys) {
        if (erased) {
            return;
        }
        CustomerRules.reason(command.reason());
        AggregateLifecycle.apply(new CustomerErasedEvent(customerId, command.reason()));
        CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> keys.destroy(customerId));
    }

    private void requireLive() {
        if (erased) {
            throw RuleViolation.gone("customer " + customerId + " is erased");
        }
        if (deleted) {
            throw RuleViolation.gone("customer " + customerId + " is deleted");
        }
    }

    @EventSourcingHandler
    void on(CustomerCreatedEvent event) {
        customerId = event.customerId();
        name = event.name();
        phones = orEmpty(event.phones());
        email = event.email();
        company = event.company();
        tags = orEmpty(event.tags());
        ownerId = event.ownerId();
        customFields = orEmpty(event.customFields());
    }

    @EventSourcingHandler
    void on(CustomerEditedEvent event) {
        name = event.name() != null ? event.name() : name;
        phones = event.phones() != null ? event.phones() : phones;
        email = event.email() != null ? blankToNull(event.email()) : email;
        company = event.company() != null ? blankToNull(event.company()) : company;
        tags = event.tags() != null ? event.tags() : tags;
        customFields = event.customFields() != null ? event.customFields() : customFields;
    }

    @EventSourcingHandler
    void on(CustomerOwnerAssignedEvent event) {
        ownerId = event.ownerId();
    }

    @EventSourcingHandler
    void on(CustomerDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(CustomerErasedEvent event) {
        erased = true;
        name = null;
        phones = List.of();
        email = null;
        company = null;
        customFields = Map.of();
    }

    /** The new value when it differs from the current one, else {@code null} (unchanged). */
    private static <T> T changed(T requested, T current) {
        return requested == null || Objects.equals(requested, current) ? null : requested;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static <T> List<T> orNull(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static <T> Set<T> orEmpty(Set<T> set) {
        return set == null ? Set.of() : Set.copyOf(set);
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }
}
