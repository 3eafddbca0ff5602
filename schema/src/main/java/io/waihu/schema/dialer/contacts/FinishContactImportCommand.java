package io.waihu.schema.dialer.contacts;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records how an import ended (see {@link ContactImportFinishedEvent}). */
public record FinishContactImportCommand(@TargetAggregateIdentifier String importId, boolean failed,
        String message, long rowsRead, long accepted, long partial, long rejected,
        Map<String, Long> rejectedBy, Map<String, Long> numbersDropped, long customersCreated,
        boolean reportKept) {
}
