package io.waihu.schema.users;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * An agent's SIP password changed. The registrar needs it to check digests and the agent's
 * softphone fetches it after login, so it is kept recoverable — sealed with the user's own
 * data key ({@code dataSubject} = {@code user:<id>}), never readable in the event table.
 */
@EventName("users.UserSipPasswordSet")
@Revision("1")
public record UserSipPasswordSetEvent(
        String userId, @DataSubject String dataSubject, String sipUsername, @PersonalData String password) {

    public static String subjectOf(String userId) {
        return "user:" + userId;
    }
}
