package io.waihu.backend.api.contacts;

import static io.waihu.backend.api.support.ApiTypes.USER_ERRORS;

import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.UserError;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of contacts and list imports. */
public final class ContactTypes {

    private ContactTypes() {
    }

    @Enum("ContactImportState")
    @Description("Where a list import stands.")
    public enum ContactImportState {
        @Description("Rows are being read and stored.")
        RUNNING,
        @Description("Every row was read: accepted ones are contacts, rejected ones are in the report.")
        DONE,
        @Description("The import stopped (message says why); contacts stored before stay. Upload the file again to "
                + "run it again: rows already stored are skipped as ALREADY_IN_CAMPAIGN.")
        FAILED
    }

    /** The reader's reason codes ({@code dialer.imports.Reason}), value for value. */
    @Enum("ContactImportReason")
    @Description("Why a row was rejected, or one of its numbers dropped.")
    public enum ContactImportReason {
        @Description("Every phone cell is empty.")
        NO_PHONE,
        @Description("No phone cell holds a valid number.")
        INVALID_PHONE,
        @Description("Numbers past the tenth of a row (dropped, never a rejection).")
        TOO_MANY_PHONES,
        @Description("The number is on an earlier line of the file.")
        DUPLICATE,
        @Description("The number is on the do-not-call list (global or the campaign's).")
        BLACKLISTED,
        @Description("The campaign already has a contact with the number.")
        ALREADY_IN_CAMPAIGN,
        @Description("The name is too long or holds a refused character.")
        INVALID_NAME,
        @Description("A custom field is too long or holds a refused character.")
        INVALID_FIELD,
        @Description("The priority is not a whole number 0–1,000.")
        INVALID_PRIORITY,
        @Description("The row is not CSV (an unclosed or stray quote, a record too long).")
        MALFORMED_ROW
    }

    @Type("ContactImportReasonCount")
    @Description("How many rows (or numbers) one reason took.")
    public record ReasonCount(@NonNull @Description("The reason.") ContactImportReason reason,
            @NonNull @Description("How many.") long count) {
    }

    @Type("ContactImport")
    @Description("A list file imported into a campaign: progress while it runs, the outcome once it ended.")
    public record ContactImport(@NonNull @Id @Description("The import's id (from campaign and file content).") String id,
            @NonNull @Id @Description("The campaign the contacts join.") String campaignId,
            @Description("The file's name as uploaded.") String fileName,
            @NonNull @Description("Where it stands.") ContactImportState state,
            @Description("Why it failed, when it did.") String message,
            @NonNull @Description("Rows read so far (blank lines not counted).") long rowsRead,
            @NonNull @Description("Rows that became contacts.") long accepted,
            @NonNull @Description("Accepted rows that lost a number on the way (listed in the report as KEPT).") long partial,
            @NonNull @Description("Rows rejected.") long rejected,
            @NonNull @Description("Rows rejected, per reason.") List<@NonNull ReasonCount> rejectedBy,
            @NonNull @Description("Numbers dropped (from rejected and accepted rows), per reason.")
            List<@NonNull ReasonCount> numbersDropped,
            @NonNull @Description("Numbers dropped as on an earlier line of the file.") long duplicates,
            @NonNull @Description("Numbers dropped as on the do-not-call list.") long blacklisted,
            @NonNull @Description("Numbers dropped as already in the campaign.") long alreadyInCampaign,
            @NonNull @Description("CRM customers the import created (campaigns that create them on import).")
            long customersCreated,
            @NonNull @Description("How many times this file was started (a failed import may run again).") int attempt,
            @Description("The reject report's download address (GET with a token, CSV), while it is kept.") String reportUrl,
            @Description("When the report is deleted (it holds rows as written, personal data).") Instant reportExpiresAt,
            @NonNull @Description("When it started.") Instant startedAt,
            @Description("When it ended.") Instant finishedAt) implements Node {

        @Override
        @Ignore
        public String getId() {
            return id;
        }
    }

    @Input("EraseContactInput")
    @Description("A contact to erase, and why.")
    public record EraseContactInput(@NonNull @Id @Description("The contact.") String contactId,
            @NonNull @Description("Why: kept in the audit trail.") String reason) {
    }

    @Type("EraseContactPayload")
    @Description("The result of eraseContact.")
    public record EraseContactPayload(@Id @Description("The contact erased; null when refused.") String contactId,
            @NonNull @Description("How many reject reports were deleted with it (every report kept).") int reportsDeleted,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }
}
