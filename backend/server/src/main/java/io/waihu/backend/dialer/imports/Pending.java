package io.waihu.backend.dialer.imports;

import io.waihu.schema.common.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A row on its way through one batch: checked, then de-duplicated, then screened. */
final class Pending {

    final SourceRow row;
    final List<PhoneNumber> phones = new ArrayList<>();
    final List<Remark> remarks = new ArrayList<>();
    String name;
    int priority;
    Map<String, String> fields = Map.of();
    /** Why the row is out, once it is. */
    Remark rejection;

    Pending(SourceRow row) {
        this.row = row;
    }

    Pending reject(Reason reason, String message) {
        this.rejection = new Remark(reason, message);
        return this;
    }

    /** Drops {@code number} for {@code reason}; the row is rejected when it has none left. */
    void drop(PhoneNumber number, Reason reason, String message) {
        phones.remove(number);
        remarks.add(new Remark(reason, message));
    }

    /**
     * The reason a row with no number left is rejected for: the strongest of its remarks (a
     * do-not-call hit says more than a duplicate, a duplicate more than a typo).
     */
    void rejectForRemarks() {
        Reason strongest = null;
        for (Reason reason : List.of(Reason.BLACKLISTED, Reason.ALREADY_IN_CAMPAIGN, Reason.DUPLICATE, Reason.INVALID_PHONE)) {
            if (remarks.stream().anyMatch(r -> r.reason() == reason)) {
                strongest = reason;
                break;
            }
        }
        reject(strongest == null ? Reason.INVALID_PHONE : strongest, joined());
    }

    String joined() {
        StringBuilder out = new StringBuilder();
        for (Remark remark : remarks) {
            out.append(out.isEmpty() ? "" : "; ").append(remark.message());
        }
        return out.toString();
    }

    ImportedContact contact() {
        return new ImportedContact(row.line(), phones, name, priority, fields, remarks);
    }
}
