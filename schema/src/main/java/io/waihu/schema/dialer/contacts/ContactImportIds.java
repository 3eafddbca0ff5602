package io.waihu.schema.dialer.contacts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Ids and data subjects of imports. */
public final class ContactImportIds {

    private ContactImportIds() {
    }

    /** One import per campaign and file content: a name-based UUID of both. */
    public static String importId(String campaignId, String sha256) {
        return UUID.nameUUIDFromBytes(("contact-import|" + campaignId + "|" + sha256).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The data subject whose key encrypts an import's reject report. */
    public static String reportSubject(String importId) {
        return "import:" + importId;
    }
}
