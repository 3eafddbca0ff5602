package io.waihu.backend.api.support;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * One thing the user can fix, as data in a mutation's payload: the client shows it next to the
 * field, without parsing a message. {@code field} is the path inside the mutation's input
 * ({@code ["phones", "0"]}, {@code ["customFields", "1", "value"]}), null when the error is about
 * the input as a whole.
 */
@Type("UserError")
@Description("An error in a mutation's input that the user can correct.")
public record UserError(
        @Description("The path to the input field at fault, from the mutation's input object (list positions as "
                + "strings), e.g. [\"phones\", \"0\"]; null when it concerns the input as a whole.") List<@NonNull String> field,
        @NonNull @Description("What kind of error, stable for clients to act on.") UserErrorCode code,
        @NonNull @Description("For people: what is wrong, in English.") String message,
        @NonNull @Description("Objects the error refers to (the customers that already have the phone number), "
                + "only those you may see.") @Id List<@NonNull String> ids) {

    /** The {@code field} path of an error naming its field as the domain rules do ({@code customFields[0].value}). */
    public static List<String> path(String field) {
        if (field == null || field.isEmpty()) {
            return null;
        }
        List<String> path = new ArrayList<>();
        for (String part : field.split("[.\\[\\]]+")) {
            if (!part.isEmpty()) {
                path.add(part);
            }
        }
        return List.copyOf(path);
    }
}
