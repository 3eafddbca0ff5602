package io.waihu.backend.api.crm;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;

import io.waihu.backend.api.crm.CustomerTypes.CustomField;
import io.waihu.backend.api.crm.CustomerTypes.Customer;
import io.smallrye.graphql.api.Nullable;
import io.waihu.backend.api.support.UserError;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * The inputs and payloads of the customer mutations: one input object and one payload type per
 * mutation, as on GitHub's and Shopify's APIs, so that a mutation can gain an argument or a
 * result field without breaking its clients.
 */
public final class CustomerInputs {

    private static final String EXPECTED_VERSION = "The version you last read; the change is refused (CONFLICT) if "
            + "the customer changed since. Omit to change it whatever its version.";
    private static final String ALLOW_DUPLICATE = "Keep the customer even if a live customer already has one of "
            + "these phone numbers (refused with DUPLICATE_PHONE otherwise).";
    private static final String NAME = "The person's or company's name: one line, up to 200 characters, not blank.";
    private static final String PHONES = "Phone numbers, up to 10; each is stored in E.164 form (+8613800138000).";
    private static final String EMAIL = "An e-mail address, up to 320 characters.";
    private static final String COMPANY = "The company the person works for, up to 320 characters.";
    private static final String TAGS = "Labels to group customers by (up to 50, each up to 64 characters); stored "
            + "sorted and without duplicates.";
    private static final String CUSTOM_FIELDS = "The team's own fields (up to 100, keys unique).";
    private static final String ID = "The customer to change.";
    private static final String REPLACES = " Replaces the whole list when given.";
    private static final String USER_ERRORS = "What in the input the user can fix; empty when the mutation succeeded.";

    private CustomerInputs() {
    }

    @Input("CreateCustomerInput")
    @Description("A new customer.")
    public record CreateCustomerInput(@Description(NAME) String name,
            @Nullable @Description(PHONES) List<@NonNull String> phones, @Description(EMAIL) String email,
            @Description(COMPANY) String company, @Nullable @Description(TAGS) List<@NonNull String> tags,
            @Nullable @Description(CUSTOM_FIELDS) List<@NonNull CustomField> customFields,
            @Id @Description("Who owns it; you when omitted.") String ownerId,
            @DefaultValue("false") @Description(ALLOW_DUPLICATE) Boolean allowDuplicate) {
    }

    @Input("EditCustomerInput")
    @Description("A change to a customer's profile: a field left out stays as it is; an empty email or company "
            + "clears it.")
    public record EditCustomerInput(@NonNull @Id @Description(ID) String id,
            @Description(EXPECTED_VERSION) Integer expectedVersion, @Description(NAME) String name,
            @Nullable @Description(PHONES + REPLACES) List<@NonNull String> phones,
            @Description(EMAIL + " Empty clears it.") String email,
            @Description(COMPANY + " Empty clears it.") String company,
            @Nullable @Description(TAGS + REPLACES) List<@NonNull String> tags,
            @Nullable @Description(CUSTOM_FIELDS + REPLACES) List<@NonNull CustomField> customFields,
            @DefaultValue("false") @Description(ALLOW_DUPLICATE) Boolean allowDuplicate) {
    }

    @Input("AssignCustomerOwnerInput")
    @Description("Gives a customer to another owner.")
    public record AssignCustomerOwnerInput(@NonNull @Id @Description(ID) String id,
            @NonNull @Id @Description("The user who owns it from now on.") String ownerId,
            @Description(EXPECTED_VERSION) Integer expectedVersion) {
    }

    @Input("DeleteCustomerInput")
    @Description("Deletes a customer (hidden, history kept).")
    public record DeleteCustomerInput(@NonNull @Id @Description("The live customer to delete.") String id,
            @Description(EXPECTED_VERSION) Integer expectedVersion,
            @Description("Why, for the audit history.") String reason) {
    }

    @Input("EraseCustomerInput")
    @Description("Erases a customer's personal data for good.")
    public record EraseCustomerInput(@NonNull @Id @Description("The customer whose personal data goes, live or "
            + "deleted; erasing twice changes nothing.") String id,
            @NonNull @Description("Why (the request it answers), for the audit history.") String reason) {
    }

    @Type("CreateCustomerPayload")
    @Description("The result of createCustomer.")
    public record CreateCustomerPayload(@Description("The new customer; null when refused.") Customer customer,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("EditCustomerPayload")
    @Description("The result of editCustomer.")
    public record EditCustomerPayload(@Description("The customer as edited; null when refused.") Customer customer,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("AssignCustomerOwnerPayload")
    @Description("The result of assignCustomerOwner.")
    public record AssignCustomerOwnerPayload(@Description("The customer with its new owner; null when refused.")
            Customer customer, @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("DeleteCustomerPayload")
    @Description("The result of deleteCustomer.")
    public record DeleteCustomerPayload(@Description("The customer, now DELETED; null when refused.") Customer customer,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("EraseCustomerPayload")
    @Description("The result of eraseCustomer.")
    public record EraseCustomerPayload(@Description("The customer, now ERASED; null when refused.") Customer customer,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }
}
